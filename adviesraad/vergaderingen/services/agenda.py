"""The agenda of a meeting, and who steps back from an item (recusal)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from adviesraad.models.advies import Adviesaanvraag, Belangmelding
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import opslaan, vergrendeld

from ..models import Agendapunt, Vergadering, Verschoning
from .basis import eis_beheer, verwijderen

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


@transaction.atomic
def agendapunt_opslaan(
    *,
    vergadering: Vergadering,
    titel: str,
    door: User | None,
    toelichting: str = "",
    volgorde: int | None = None,
    adviesaanvraag: Adviesaanvraag | None = None,
    agendapunt: Agendapunt | None = None,
) -> Agendapunt:
    """Add an agenda item, or change ``agendapunt`` (which must belong to ``vergadering``)."""
    eis_beheer(door, Actie.AGENDAPUNT_OPSLAAN, vergadering)
    if agendapunt is not None and agendapunt.vergadering_id != vergadering.pk:
        raise PermissionDenied(_("Dit agendapunt hoort niet bij deze vergadering."))
    # One save per meeting at a time: the numbering and the recusals are derived from all items.
    vergadering = vergrendeld(vergadering)
    if volgorde is None:
        if agendapunt is not None:
            volgorde = agendapunt.volgorde
        else:
            laatste = vergadering.agendapunten.order_by("-volgorde").first()
            volgorde = (laatste.volgorde + 1) if laatste else 1
    punt = agendapunt or Agendapunt(vergadering=vergadering)
    punt.titel = titel.strip()
    punt.toelichting = toelichting.strip()
    punt.volgorde = volgorde
    punt.adviesaanvraag = adviesaanvraag
    opslaan(punt, door=door, reden="agendapunt gewijzigd" if agendapunt else "agendapunt")
    verschoningen_bijwerken(vergadering=vergadering)
    audit.vastleggen(door, Actie.AGENDAPUNT_OPSLAAN, punt, "ok")
    return punt


def agendapunt_verwijderbaar(agendapunt: Agendapunt) -> str:
    """Why ``agendapunt`` cannot be removed ("" when it can).

    A recusal or a decision at the item is part of the record of the meeting: the item stays.
    Documents at the item do not block it: they stay with the meeting, without an item.
    """
    if agendapunt.verschoningen.exists():
        return _(
            "U kunt dit agendapunt niet weghalen: er is een verschoning bij vastgelegd. "
            "Die hoort bij het verslag van de vergadering."
        )
    if agendapunt.besluiten.exists():
        return _(
            "U kunt dit agendapunt niet weghalen: er is een besluit bij vastgelegd. "
            "Dat hoort bij het verslag van de vergadering."
        )
    return ""


@transaction.atomic
def agendapunt_verwijderen(*, agendapunt: Agendapunt, door: User | None) -> None:
    """Remove an item from the agenda, unless a recusal or decision hangs on it. Its documents
    stay with the meeting (unlinked, with history, not through a history-less SET_NULL)."""
    eis_beheer(door, Actie.AGENDAPUNT_VERWIJDEREN, agendapunt.vergadering)
    vergrendeld(agendapunt.vergadering)
    gevonden = Agendapunt.objects.select_for_update().filter(pk=agendapunt.pk).first()
    if gevonden is None:  # removed meanwhile (a double submit): nothing left to do
        raise ValidationError(_("Dit agendapunt is al van de agenda gehaald."))
    agendapunt = gevonden
    reden = agendapunt_verwijderbaar(agendapunt)
    if reden:
        audit.vastleggen(door, Actie.AGENDAPUNT_VERWIJDEREN, agendapunt, "geweigerd gekoppeld")
        raise ValidationError(reden)
    for stuk in agendapunt.stukken.all():
        stuk.agendapunt = None
        opslaan(stuk, door=door, reden="agendapunt verwijderd")
    audit.vastleggen(door, Actie.AGENDAPUNT_VERWIJDEREN, agendapunt, "ok")
    verwijderen(agendapunt, door=door, reden="agendapunt verwijderd")


def verschoningen_bijwerken(*, vergadering: Vergadering) -> int:
    """Record a recusal for every participant who declared a conflict of interest on the advice
    request of an agenda item (``adviesraad.Belangmelding``). Idempotent; returns new rows.

    The reason names the request, not the declaration's text: the meeting page is seen by every
    participant, the declaration itself only by the chair and the supporter.
    """
    deelnemers = set(vergadering.deelnames.values_list("gebruiker_id", flat=True))
    punten = list(
        vergadering.agendapunten.filter(adviesaanvraag__isnull=False).select_related(
            "adviesaanvraag"
        )
    )
    if not punten or not deelnemers:
        return 0
    bestaand = set(
        Verschoning.objects.filter(agendapunt__in=punten).values_list(
            "agendapunt_id", "gebruiker_id"
        )
    )
    meldingen = Belangmelding.objects.filter(
        aanvraag_id__in={p.adviesaanvraag_id for p in punten}, lid__user_id__in=deelnemers
    ).select_related("lid")
    per_aanvraag: dict[int, list[Belangmelding]] = {}
    for melding in meldingen:
        per_aanvraag.setdefault(melding.aanvraag_id, []).append(melding)
    nieuw = 0
    for punt in punten:
        aanvraag = punt.adviesaanvraag
        if aanvraag is None:  # not selected above
            continue
        for melding in per_aanvraag.get(aanvraag.pk, []):
            if (punt.pk, melding.lid.user_id) in bestaand:
                continue
            opslaan(
                Verschoning(
                    agendapunt=punt,
                    gebruiker_id=melding.lid.user_id,
                    belangmelding=melding,
                    reden=_("Belang gemeld bij adviesaanvraag %(kenmerk)s.")
                    % {"kenmerk": aanvraag.kenmerk},
                ),
                door=None,
                reden="belang gemeld",
            )
            nieuw += 1
    return nieuw


@transaction.atomic
def verschoning_vastleggen(
    *, agendapunt: Agendapunt, gebruiker: Any, reden: str, door: User | None
) -> Verschoning:
    """A participant steps back from one item for another reason (recorded by the supporter)."""
    eis_beheer(door, Actie.VERSCHONING_VASTLEGGEN, agendapunt.vergadering)
    if not agendapunt.vergadering.deelnames.filter(gebruiker=gebruiker).exists():
        raise ValidationError({"gebruiker": _("Deze persoon doet niet mee aan de vergadering.")})
    if not reden.strip():
        raise ValidationError({"reden": _("Schrijf de reden op.")})
    verschoning = Verschoning.objects.filter(agendapunt=agendapunt, gebruiker=gebruiker).first()
    verschoning = verschoning or Verschoning(agendapunt=agendapunt, gebruiker=gebruiker)
    verschoning.reden = reden.strip()
    opslaan(verschoning, door=door, reden="verschoning")
    audit.vastleggen(door, Actie.VERSCHONING_VASTLEGGEN, verschoning, "ok")
    return verschoning
