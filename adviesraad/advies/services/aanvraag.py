"""A request: starting one, its planning and documents, meedenken, and every step of the table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from adviesraad.models.advies import Adviesaanvraag, Document, Soort, Status, Vraag
from hengelo_participatie.accounts.toewijzing import houders_van
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis, opslaan, vandaag, vergrendeld
from hengelo_participatie.core.workflow import Stap
from hengelo_participatie.files.services import bestand_opslaan
from verordening.rules import Sleutel, rule

from .. import meldingen, transitions
from ..policies import aanvraag_policy
from .toegang import (
    BELEIDSMEDEWERKER,
    WEIGERING,
    eis_beleidsmedewerker,
    eis_capability,
    eis_regel,
    statuswijziging,
    toegang_bijwerken,
    ververs,
)

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from adviesraad.models import Kernwet
    from hengelo_participatie.accounts.models import User

#: Who hears that the council announced unsolicited advice.
AANKONDIGING = "advies.aankondiging_ontvangen"

DATUMVELDEN = {
    "meedenken_op",
    "toelichting_op",
    "adviesgesprek_op",
    "collegebesluit_gepland",
    "raad_gepland",
}


def _nieuw_kenmerk(op: date) -> str:
    prefix = f"ASD-{op.year}-"
    laatste = (
        Adviesaanvraag.objects.filter(kenmerk__startswith=prefix)
        .order_by("-kenmerk")
        .values_list("kenmerk", flat=True)
        .first()
    )
    volgnummer = int(laatste.removeprefix(prefix)) + 1 if laatste else 1
    return f"{prefix}{volgnummer:03d}"


@transaction.atomic
def aanvraag_aanmaken(
    *,
    soort: str,
    titel: str,
    door: User | None,
    samenvatting: str = "",
    kernwetten: Iterable[Kernwet] = (),
    themas: str = "",
    beleidsmedewerker: User | None = None,
    wethouder: str = "",
    zaaknummer: str = "",
    vragen: Sequence[str] = (),
    vervolg_op: Adviesaanvraag | None = None,
    op: date | None = None,
    **datums: date | None,
) -> Adviesaanvraag:
    op = op or vandaag()
    if soort not in transitions.AANMAKEN:
        raise ValidationError({"soort": _("Kies een soort adviesaanvraag.")})
    if door is not None:
        eis(
            aanvraag_policy.user_has_perm(door, transitions.AANMAKEN[soort])
            and aanvraag_policy.user_has_perm(door, "add"),
            door,
            Actie.ADVIES_AANVRAAG_AANMAKEN,
            None,
            melding=str(WEIGERING),
        )
    if vervolg_op is not None and vervolg_op.soort != Soort.MEEDENKEN:
        raise ValidationError({"vervolg_op": _("Een vervolg hoort bij een meedenksessie.")})
    if (
        beleidsmedewerker is None
        and door is not None
        and aanvraag_policy.user_has_perm(door, BELEIDSMEDEWERKER)
        and not door.is_superuser
    ):
        beleidsmedewerker = door
    eis_beleidsmedewerker(beleidsmedewerker)
    onbekend = set(datums) - DATUMVELDEN
    if onbekend:
        raise TypeError(f"Onbekende velden: {sorted(onbekend)}")
    aanvraag = Adviesaanvraag(
        kenmerk=_nieuw_kenmerk(op),
        soort=soort,
        status=transitions.BEGINSTATUS[soort],
        titel=titel,
        samenvatting=samenvatting,
        themas=themas,
        beleidsmedewerker=beleidsmedewerker,
        wethouder=wethouder,
        zaaknummer=zaaknummer,
        vervolg_op=vervolg_op,
        aangemaakt_door=door,
        **datums,
    )
    try:
        with transaction.atomic():
            opslaan(aanvraag, door=door, reden="aangemaakt")
    except (IntegrityError, ValidationError) as exc:
        if "kenmerk" not in str(exc):
            raise
        aanvraag.kenmerk = _nieuw_kenmerk(op)  # a concurrent request took the number
        opslaan(aanvraag, door=door, reden="aangemaakt")
    aanvraag.kernwetten.set(list(kernwetten))
    Vraag.objects.bulk_create(
        [
            Vraag(aanvraag=aanvraag, nummer=i, tekst=t.strip())
            for i, t in enumerate((v for v in vragen if v.strip()), start=1)
        ]
    )
    statuswijziging(aanvraag, "", aanvraag.status, door)
    toegang_bijwerken(aanvraag=aanvraag)
    if soort == Soort.ONGEVRAAGD:
        meldingen.melden(
            soort="aankondiging",
            aanvraag=aanvraag,
            ontvangers=houders_van(AANKONDIGING),
            context={"url": meldingen.portaal_url("advies:detail", aanvraag)},
        )
    audit.vastleggen(door, Actie.ADVIES_AANVRAAG_AANMAKEN, aanvraag)
    return aanvraag


@transaction.atomic
def planning_wijzigen(
    *, aanvraag: Adviesaanvraag, door: User | None, **velden: Any
) -> Adviesaanvraag:
    """Dates, case number, alderman and policy officer (account holder, supporter)."""
    origineel, aanvraag = aanvraag, vergrendeld(aanvraag)
    eis_capability("advies.plannen", aanvraag, door, Actie.ADVIES_PLANNING)
    toegestaan = DATUMVELDEN | {
        "zaaknummer",
        "wethouder",
        "beleidsmedewerker",
        "titel",
        "samenvatting",
        "themas",
    }
    if set(velden) - toegestaan:
        raise TypeError(f"Onbekende velden: {sorted(set(velden) - toegestaan)}")
    if aanvraag.status in (Status.VERZONDEN, *transitions.PUBLICEREN[1]) and (
        {"titel", "samenvatting"} & set(velden)
    ):
        raise ValidationError(_("Na verzenden verandert het onderwerp niet meer."))
    if "beleidsmedewerker" in velden:
        eis_beleidsmedewerker(velden["beleidsmedewerker"])
    for naam, waarde in velden.items():
        setattr(aanvraag, naam, waarde)
    opslaan(aanvraag, door=door, reden="planning gewijzigd")
    toegang_bijwerken(aanvraag=aanvraag)
    audit.vastleggen(door, Actie.ADVIES_PLANNING, aanvraag)
    ververs(origineel)
    return aanvraag


@transaction.atomic
def kortere_termijn_afspreken(
    *, aanvraag: Adviesaanvraag, advies_uiterlijk: date, afspraak: str, door: User | None
) -> Adviesaanvraag:
    """A shorter advice period than the rule, only with the chair's recorded agreement."""
    origineel, aanvraag = aanvraag, vergrendeld(aanvraag)
    eis_regel(transitions.KORTERE_TERMIJN, aanvraag, door, Actie.ADVIES_KORTERE_TERMIJN)
    kortere_termijn_controleren(
        aanvraag=aanvraag, advies_uiterlijk=advies_uiterlijk, afspraak=afspraak
    )
    aanvraag.advies_uiterlijk = advies_uiterlijk
    aanvraag.kortere_termijn_akkoord = afspraak.strip()
    aanvraag.kortere_termijn_akkoord_door = door
    aanvraag.advies_uiterlijk_bron = _("afgesproken met de voorzitter")
    opslaan(aanvraag, door=door, reden="kortere termijn afgesproken")
    audit.vastleggen(
        door,
        Actie.ADVIES_KORTERE_TERMIJN,
        aanvraag,
        f"{audit.OK} uiterlijk={advies_uiterlijk.isoformat()}",
    )
    ververs(origineel)
    return aanvraag


def kortere_termijn_controleren(
    *, aanvraag: Adviesaanvraag, advies_uiterlijk: date, afspraak: str, op: date | None = None
) -> None:
    """The rules of a shorter period (the portal checks them before asking to confirm).

    The new date lies between today (and the receipt of the documents) and the end of the normal
    advice period (``Sleutel.ADVIESTERMIJN`` after receipt), when that is known already.
    """
    op = op or vandaag()
    fouten: dict[str, list[str]] = {}
    if not afspraak.strip():
        fouten["afspraak"] = [_("Schrijf op wat is afgesproken.")]
    begin = max(op, aanvraag.ontvangen_op or op)
    if advies_uiterlijk < begin:
        fouten["advies_uiterlijk"] = [
            _("Kies een datum vanaf %(datum)s.") % {"datum": f"{begin:%d-%m-%Y}"}
        ]
    elif aanvraag.ontvangen_op is not None:
        termijn = rule(Sleutel.ADVIESTERMIJN, on=aanvraag.ontvangen_op)
        standaard = termijn.waarde.na(aanvraag.ontvangen_op)
        if advies_uiterlijk >= standaard:
            fouten["advies_uiterlijk"] = [
                _(
                    "Dat is geen kortere termijn: de gewone termijn loopt tot %(datum)s "
                    "(%(regel)s). Kies een eerdere datum."
                )
                % {"datum": f"{standaard:%d-%m-%Y}", "regel": termijn.citeer()}
            ]
    if fouten:
        raise ValidationError(fouten)


# --- Documents -----------------------------------------------------------------------------------
@transaction.atomic
def document_toevoegen(
    *,
    aanvraag: Adviesaanvraag,
    upload: UploadedFile[bytes],
    titel: str,
    vertrouwelijk: bool,
    door: User | None,
) -> Document:
    eis_regel(transitions.DOCUMENT_TOEVOEGEN, aanvraag, door, Actie.ADVIES_DOCUMENT_TOEVOEGEN)
    if not titel.strip():
        raise ValidationError({"titel": _("Geef het document een titel.")})
    bestand = bestand_opslaan(upload=upload, door=door, vertrouwelijk=vertrouwelijk)
    document = Document(
        aanvraag=aanvraag,
        bestand=bestand,
        titel=titel.strip(),
        vertrouwelijk=vertrouwelijk,
        toegevoegd_door=door,
    )
    opslaan(document, door=None, reden="")
    toegang_bijwerken(aanvraag=aanvraag)
    audit.vastleggen(door, Actie.ADVIES_DOCUMENT_TOEVOEGEN, document)
    return document


# --- Meedenken -----------------------------------------------------------------------------------
@transaction.atomic
def meedenken_vastleggen(
    *,
    aanvraag: Adviesaanvraag,
    mondelinge_inbreng: str,
    door: User | None,
    meedenken_op: date | None = None,
) -> Adviesaanvraag:
    origineel, aanvraag = aanvraag, vergrendeld(aanvraag)
    eis_regel(transitions.MEEDENKEN_VASTLEGGEN, aanvraag, door, Actie.ADVIES_MEEDENKEN_VASTLEGGEN)
    if aanvraag.soort != Soort.MEEDENKEN:
        raise ValidationError(_("Dit hoort bij meedenken."))
    aanvraag.mondelinge_inbreng = mondelinge_inbreng.strip()
    if meedenken_op:
        aanvraag.meedenken_op = meedenken_op
    opslaan(aanvraag, door=door, reden="inbreng vastgelegd")
    audit.vastleggen(door, Actie.ADVIES_MEEDENKEN_VASTLEGGEN, aanvraag)
    ververs(origineel)
    return aanvraag


# --- Transitions ---------------------------------------------------------------------------------
@transaction.atomic
def overgang_uitvoeren(
    *,
    aanvraag: Adviesaanvraag,
    naar: str,
    door: User | None,
    reden: str = "",
    op: date | None = None,
) -> Adviesaanvraag:
    """Move ``aanvraag`` to ``naar`` if the table allows it; else a clear refusal."""
    op = op or vandaag()
    origineel, aanvraag = aanvraag, vergrendeld(aanvraag)
    actie = f"{Actie.ADVIES_OVERGANG}:{naar}"
    overgang = transitions.WERKSTROOM.zoek(aanvraag.status, naar, aanvraag.soort)
    if overgang is None:
        audit.vastleggen(door, actie, aanvraag, "ongeldig")
        raise ValidationError(
            _("Van „%(van)s” naar „%(naar)s” kan niet bij %(soort)s.")
            % {
                "van": aanvraag.status_label,
                "naar": Status(naar).label if naar in Status.values else naar,
                "soort": aanvraag.get_soort_display(),
            }
        )
    eis_capability(overgang.capability, aanvraag, door, actie)
    if overgang.reden_verplicht and not reden.strip():
        raise ValidationError({"reden": _("Geef een reden.")})
    probleem = overgang.blokkade(aanvraag, op)
    if probleem:
        raise ValidationError(probleem)
    van = aanvraag.status
    aanvraag.status = naar
    overgang.effecten_uitvoeren(aanvraag, Stap(door=door, op=op, reden=reden.strip()))
    opslaan(aanvraag, door=door, reden=f"{van} → {naar}")
    statuswijziging(aanvraag, van, naar, door, reden.strip())
    toegang_bijwerken(aanvraag=aanvraag)
    audit.vastleggen(door, actie, aanvraag)
    ververs(origineel)
    return aanvraag
