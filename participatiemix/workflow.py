"""The state machine of an activity, as data (STYLE.md: "State machines are explicit").

``OVERGANGEN`` lists each allowed transition with its label and the checks it requires. The
table drives both the buttons shown (``mogelijke_overgangen``) and the checks enforced
(``services.activiteit_status_wijzigen``). Who may: a user with the role-wide
``change_activiteit`` permission (the account holder); a moderator's object grant is not enough.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Activiteit, ActiviteitStatus, Spelregel

Controle = Callable[[Activiteit], list[str]]


def niet_in_de_toekomst(activiteit: Activiteit) -> list[str]:
    if activiteit.startdatum > timezone.localdate():
        return [_("De activiteit is nog niet begonnen. Markeer haar na de datum als uitgevoerd.")]
    return []


def gespreksleider_aanwezig(activiteit: Activiteit) -> list[str]:
    """Rule: a group conversation (or any instrument that requires one) needs a moderator."""
    if activiteit.instrument.gespreksleider_verplicht and activiteit.gespreksleider_id is None:
        return [
            _(
                "Bij het instrument „%(instrument)s” is een externe, onafhankelijke "
                "gespreksleider verplicht. Vul eerst de gespreksleider in."
            )
            % {"instrument": activiteit.instrument.naam}
        ]
    return []


def spelregels_ingevuld(activiteit: Activiteit) -> list[str]:
    """Rule: for instruments 2–4 the Ombudsman checklist is complete before closing."""
    if not activiteit.instrument.spelregels_van_toepassing:
        return []
    fouten = []
    if not activiteit.beslisruimte.strip() or not activiteit.verwachtingen.strip():
        fouten.append(
            _(
                "Leg eerst vast welke ruimte voor inbreng er was en wat deelnemers is beloofd "
                "(spelregels 3 en 4)."
            )
        )
    toetsen = list(activiteit.spelregeltoetsen.select_related("spelregel"))
    beantwoord = {t.spelregel.nummer for t in toetsen if t.antwoord}
    alle = set(Spelregel.objects.values_list("nummer", flat=True))
    open_ = sorted(alle - beantwoord)
    if open_:
        fouten.append(
            _(
                "Beantwoord eerst alle spelregels van de Nationale Ombudsman met ja, deels of nee. "
                "Nog open: spelregel %(nummers)s."
            )
            % {"nummers": ", ".join(str(n) for n in open_)}
        )
    zonder = sorted(t.spelregel.nummer for t in toetsen if t.antwoord and not t.toelichting.strip())
    if zonder:
        fouten.append(
            _("Geef bij elke spelregel een toelichting. Die ontbreekt bij spelregel %(nummers)s.")
            % {"nummers": ", ".join(str(n) for n in zonder)}
        )
    return fouten


@dataclass(frozen=True)
class Overgang:
    van: str
    naar: str
    label: object
    controles: tuple[Controle, ...] = ()

    def fouten(self, activiteit: Activiteit) -> list[str]:
        return [fout for controle in self.controles for fout in controle(activiteit)]


S = ActiviteitStatus
OVERGANGEN: tuple[Overgang, ...] = (
    Overgang(
        S.GEPLAND, S.UITGEVOERD, gettext_lazy("Markeren als uitgevoerd"), (niet_in_de_toekomst,)
    ),
    Overgang(
        S.UITGEVOERD,
        S.AFGESLOTEN,
        gettext_lazy("Afsluiten"),
        (gespreksleider_aanwezig, spelregels_ingevuld),
    ),
    Overgang(S.AFGESLOTEN, S.UITGEVOERD, gettext_lazy("Heropenen")),
)


def overgang(van: str, naar: str) -> Overgang | None:
    return next((o for o in OVERGANGEN if o.van == van and o.naar == naar), None)


def mogelijke_overgangen(activiteit: Activiteit) -> list[Overgang]:
    return [o for o in OVERGANGEN if o.van == activiteit.status]
