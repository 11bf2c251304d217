"""What a step of the workflow does after the status changed (the ``effecten`` of a row in
``transitions.py``): open the approval round, render and send the PDF, notify the members...

Each effect takes the request and the :class:`~hengelo_participatie.core.workflow.Stap` (who, on
which day, why) and runs inside ``overgang_uitvoeren``'s transaction.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.models.advies import Adviesaanvraag, Goedkeuring, Goedkeuringsronde, Oordeel
from adviesraad.models.college import Stuk
from hengelo_participatie.accounts.toewijzing import houders_van
from hengelo_participatie.core import audit
from hengelo_participatie.core.schrijven import opslaan
from hengelo_participatie.core.workflow import Stap
from hengelo_participatie.pdf.documents import render
from verordening.rules import Sleutel, rule

from .. import meldingen, uitsluiting
from ..documents import AdviesbriefDocument
from ..policies import aanvraag_policy
from .bezorging import bezorging_aanmaken
from .toegang import voorzitter_op, zittende_leden
from .versie import huidige_versie, nieuwe_versie, pdf_opslaan

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


def advies_uiterlijk_zetten(aanvraag: Adviesaanvraag, ontvangen: date) -> None:
    """The advice deadline from the rule, unless the chair agreed to a shorter one."""
    termijn = rule(Sleutel.ADVIESTERMIJN, on=ontvangen)
    standaard = termijn.waarde.na(ontvangen)
    if (
        aanvraag.kortere_termijn_akkoord
        and aanvraag.advies_uiterlijk
        and aanvraag.advies_uiterlijk < standaard
    ):
        return  # the chair agreed to a shorter period: keep it (never a longer one)
    aanvraag.advies_uiterlijk = standaard
    aanvraag.advies_uiterlijk_bron = f"{termijn.weergave} na ontvangst, {termijn.citeer()}"


def ontvangst(aanvraag: Adviesaanvraag, stap: Stap) -> None:
    aanvraag.ontvangen_op = aanvraag.ontvangen_op or stap.op
    advies_uiterlijk_zetten(aanvraag, aanvraag.ontvangen_op)


def leden_melden(aanvraag: Adviesaanvraag, stap: Stap) -> None:
    meldingen.melden(
        soort="ontvangst",
        aanvraag=aanvraag,
        ontvangers=[lid.user for lid in zittende_leden(stap.op)],
        context={"url": meldingen.portaal_url("advies:detail", aanvraag)},
    )


def ronde_openen(aanvraag: Adviesaanvraag, stap: Stap) -> None:
    op = stap.op
    advies = huidige_versie(aanvraag)
    if advies is None:  # pragma: no cover - the table's guard (heeft_punten) makes sure
        raise ValidationError(_("Schrijf eerst minstens één adviespunt."))
    termijn = rule(Sleutel.GOEDKEURINGSTERMIJN_VERSLAG, on=op)
    ronde = Goedkeuringsronde.objects.create(
        advies=advies,
        geopend_op=op,
        deadline=termijn.waarde.na(op),
        deadline_bron=f"{termijn.weergave}, {termijn.citeer()}"[:300],
    )
    leden = zittende_leden(op)
    # Recusal: a conflict the member reported on this request, else one their declaration of
    # other roles shows (uitsluiting.py has the rule). The reason is recorded on their row.
    belangen = {
        lid_id: _("Belang gemeld: %(t)s") % {"t": toelichting}
        for lid_id, toelichting in aanvraag.belangmeldingen.values_list("lid_id", "toelichting")
    }
    automatisch = uitsluiting.automatische_uitsluitingen(
        aanvraag, [lid for lid in leden if lid.pk not in belangen]
    )
    belangen |= automatisch
    Goedkeuring.objects.bulk_create(
        [
            Goedkeuring(
                ronde=ronde,
                lid=lid,
                oordeel=Oordeel.UITGESLOTEN if lid.pk in belangen else Oordeel.OPEN,
                opmerking=belangen.get(lid.pk, ""),
                gegeven_op=timezone.now() if lid.pk in belangen else None,
            )
            for lid in leden
        ]
    )
    for lid_id in automatisch:
        audit.vastleggen(
            stap.door, f"{audit.Actie.ADVIES_UITGESLOTEN}:lid:{lid_id}", aanvraag, "verklaring"
        )
    meldingen.melden(
        soort="ronde",
        aanvraag=aanvraag,
        ontvangers=[lid.user for lid in leden if lid.pk not in belangen],
        context={
            "url": meldingen.portaal_url("advies:goedkeuren", aanvraag),
            "deadline": ronde.deadline,
        },
    )


def ronde_sluiten(aanvraag: Adviesaanvraag, stap: Stap) -> None:
    Goedkeuringsronde.objects.filter(advies__aanvraag=aanvraag, gesloten_op__isnull=True).update(
        gesloten_op=stap.op
    )


def vaststellen(aanvraag: Adviesaanvraag, stap: Stap) -> None:
    advies = huidige_versie(aanvraag)
    if advies is None:  # pragma: no cover - the table's guard (heeft_punten) makes sure
        raise ValidationError(_("Schrijf eerst minstens één adviespunt."))
    advies.vastgesteld_op = stap.op
    advies.vastgesteld_door = stap.door
    voorzitter = voorzitter_op(stap.op)
    advies.voorzitter_naam = voorzitter.naam if voorzitter else ""
    opslaan(advies, door=None, reden="")


#: Who signs the letter besides the chair: the acting user when their role signs, else the first
#: active holder of such a role.
ONDERTEKENEN = "advies.brief_ondertekenen"


def _ondersteuner_naam(door: User | None) -> str:
    if (
        door is not None
        and aanvraag_policy.user_has_perm(door, ONDERTEKENEN)
        and not door.is_superuser
    ):
        return door.get_full_name() or door.email
    user = houders_van(ONDERTEKENEN).order_by("pk").first()
    return (user.get_full_name() or user.email) if user else ""


def verzenden(aanvraag: Adviesaanvraag, stap: Stap) -> None:
    """Render the PDF once, store it, freeze the version, start the College's response period."""
    op = stap.op
    advies = huidige_versie(aanvraag)
    if advies is None:  # pragma: no cover - the table's guard (heeft_punten) makes sure
        raise ValidationError(_("Schrijf eerst minstens één adviespunt."))
    if advies.bevroren:  # pragma: no cover - the table never sends a sent version
        raise ValidationError(_("Deze versie is al verzonden."))
    advies.ondersteuner_naam = _ondersteuner_naam(stap.door)
    if not advies.voorzitter_naam:
        voorzitter = voorzitter_op(op)
        advies.voorzitter_naam = voorzitter.naam if voorzitter else ""
    inhoud = render(AdviesbriefDocument(advies=advies, datum=op))
    advies.pdf = pdf_opslaan(inhoud, f"advies-{aanvraag.kenmerk}-v{advies.versie}.pdf", stap.door)
    advies.verzonden_op = op
    opslaan(advies, door=None, reden="")
    # Into the outbox in this transaction: delivered by the task, never lost (bezorging.py).
    bezorging_aanmaken(
        aanvraag=aanvraag,
        advies=advies,
        stuk=Stuk.ADVIES,
        bestand=advies.pdf,
        door=stap.door,
        op=op,
    )
    termijn = rule(Sleutel.REACTIETERMIJN_COLLEGE, on=op)
    aanvraag.reactie_uiterlijk = termijn.waarde.na(op)
    aanvraag.reactie_uiterlijk_bron = f"{termijn.weergave} na verzenden, {termijn.citeer()}"[:300]


def correctie(aanvraag: Adviesaanvraag, stap: Stap) -> None:
    vorige = huidige_versie(aanvraag)
    if vorige is None:  # pragma: no cover - only a sent request is corrected
        raise ValidationError(_("Er is nog geen verzonden advies."))
    nieuwe_versie(
        aanvraag,
        inleiding=vorige.inleiding,
        punten=[p.tekst for p in vorige.punten.order_by("nummer")],
        door=stap.door,
        reden=_("correctie: %(reden)s") % {"reden": stap.reden},
    )


def reactie_melden(aanvraag: Adviesaanvraag, stap: Stap) -> None:
    meldingen.melden(
        soort="reactie",
        aanvraag=aanvraag,
        ontvangers=[lid.user for lid in zittende_leden(stap.op)],
        context={"url": meldingen.portaal_url("advies:detail", aanvraag)},
    )


def intrekken(aanvraag: Adviesaanvraag, stap: Stap) -> None:
    aanvraag.ingetrokken_reden = stap.reden
    ronde_sluiten(aanvraag, stap)
