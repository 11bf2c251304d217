from django.apps import AppConfig


class JaarcyclusConfig(AppConfig):
    """The yearly cycle: evaluations as records, their questionnaires, and the council's annual
    report. A layer between the portal and the participatiemix: it reads the advice, meeting,
    membership and participatiemix data to add a year up, so nothing below it imports it."""

    name = "jaarcyclus"
    verbose_name = "Jaarcyclus"

    def ready(self) -> None:
        # Imported once the app registry is ready (they import models), not to dodge a cycle.
        from adviesraad import hooks

        from . import geld, onderdelen
        from .policies import bestand_regels_registreren
        from .services.evaluaties import herbenoeming_overnemen

        bestand_regels_registreren()
        # The council's spending per budget category (adviesraad.financien) in the annual report.
        onderdelen.registreren(geld.ONDERDEEL)
        # The re-appointment evaluation of the membership core gets its record in this shape.
        hooks.evaluatie_vastgelegd.registreer(herbenoeming_overnemen)
