"""An activity: saving it (with its Spelregel rows, feedback due date and moderator grants), its
listening delegation, its status (``workflow.ACTIVITEIT``) and its Spelregel answers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hengelo_participatie.accounts.toewijzing import eis_rollen
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis, opslaan, vandaag
from hengelo_participatie.core.workflow import Stap

from .. import rules, workflow
from ..models import (
    Activiteit,
    ActiviteitStatus,
    Domein,
    Spelregel,
    Spelregeltoets,
    Terugkoppeling,
    Thema,
)
from ..policies import activiteit_policy
from .toewijzing import (
    LUISTERDELEGATIE_ROLLEN,
    eis_toewijzingen,
    gespreksleider_rechten,
    luisterdelegatie_keuzes,
)

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


@transaction.atomic
def activiteit_opslaan(
    *, activiteit: Activiteit, door: User | None, vorige_gespreksleider_id: int | None = None
) -> Activiteit:
    """Save a new or changed activity (the admin's form and ``activiteit_aanmaken`` land here).

    Also: one empty Spelregel answer per rule, the feedback due date from the verordening rule,
    and the moderator's object permissions (granted to the new one, taken from the previous one).
    """
    nieuw = activiteit.pk is None
    # Role-wide permission only: a moderator changes their activity through the uploads.
    eis(
        door is None or activiteit_policy.user_has_perm(door, "add" if nieuw else "change"),
        door,
        Actie.ACTIVITEIT_OPSLAAN,
        None if nieuw else activiteit,
        melding=_("U mag deze activiteit niet wijzigen."),
    )
    vorige: dict[str, Any] = {}
    if not nieuw:
        vorige = dict(
            Activiteit.objects.filter(pk=activiteit.pk)
            .values("gespreksleider_id", "verantwoordelijke_id")
            .first()
            or {}
        )
    eis_toewijzingen(activiteit, vorige)
    opslaan(activiteit, door=door, reden="aangemaakt" if nieuw else "gewijzigd")
    _spelregeltoetsen_aanvullen(activiteit)
    _terugkoppeling_bijwerken(activiteit, door=door)
    if nieuw or vorige_gespreksleider_id != activiteit.gespreksleider_id:
        gespreksleider_rechten(activiteit, vorige_gespreksleider_id=vorige_gespreksleider_id)
    audit.vastleggen(door, Actie.ACTIVITEIT_OPSLAAN, activiteit)
    return activiteit


@transaction.atomic
def activiteit_aanmaken(
    *,
    door: User | None,
    themas: Iterable[Thema] = (),
    domeinen: Iterable[Domein] = (),
    doelgroepen: Iterable[Any] = (),
    organisaties: Iterable[Any] = (),
    luisterdelegatie: Iterable[Any] = (),
    **velden: Any,
) -> Activiteit:
    activiteit = activiteit_opslaan(activiteit=Activiteit(**velden), door=door)
    activiteit.themas.set(themas)
    activiteit.domeinen.set(domeinen)
    activiteit.doelgroepen.set(doelgroepen)
    activiteit.organisaties.set(organisaties)
    luisterdelegatie_zetten(activiteit=activiteit, gebruikers=luisterdelegatie, door=door)
    return activiteit


@transaction.atomic
def luisterdelegatie_zetten(
    *, activiteit: Activiteit, gebruikers: Iterable[Any], door: User | None
) -> Activiteit:
    """Set who listens in on ``activiteit``: council members and staff only (the admin's form
    offers the same people; this refuses anyone else, also when called directly)."""
    # Role-wide permission only: a moderator does not pick the delegation of their activity.
    eis(
        door is None or activiteit_policy.user_has_perm(door, "change"),
        door,
        Actie.LUISTERDELEGATIE_ZETTEN,
        activiteit,
        melding=_("U mag deze activiteit niet wijzigen."),
    )
    gebruikers = list(gebruikers)
    eis_rollen(
        gebruikers,
        *LUISTERDELEGATIE_ROLLEN,
        veld="luisterdelegatie",
        keuzes=luisterdelegatie_keuzes(),
    )
    activiteit.luisterdelegatie.set(gebruikers)
    audit.vastleggen(
        door,
        Actie.LUISTERDELEGATIE_ZETTEN,
        activiteit,
        f"{audit.OK} leden={sorted(g.pk for g in gebruikers)}",
    )
    return activiteit


def _spelregeltoetsen_aanvullen(activiteit: Activiteit) -> None:
    bestaand = set(activiteit.spelregeltoetsen.values_list("spelregel_id", flat=True))
    for spelregel in Spelregel.objects.exclude(pk__in=bestaand):
        Spelregeltoets.objects.create(activiteit=activiteit, spelregel=spelregel)


def _terugkoppeling_bijwerken(activiteit: Activiteit, *, door: User | None) -> None:
    """Create the feedback record, or move its due date while no feedback was given yet."""
    uiterste = rules.terugkoppeling_uiterste_datum(activiteit.datum)
    terugkoppeling = Terugkoppeling.objects.filter(activiteit=activiteit).first()
    if terugkoppeling is None:
        terugkoppeling = Terugkoppeling(activiteit=activiteit, uiterste_datum=uiterste)
    elif terugkoppeling.gegeven_op is not None or terugkoppeling.uiterste_datum == uiterste:
        return
    terugkoppeling.uiterste_datum = uiterste
    terugkoppeling._change_reason = "uiterste datum volgens terugkoppeling_termijn"  # type: ignore[attr-defined]
    terugkoppeling._history_user = door  # type: ignore[attr-defined]
    terugkoppeling.save()


@transaction.atomic
def activiteit_status_wijzigen(
    *, activiteit: Activiteit, naar: str, door: User | None
) -> Activiteit:
    """Move ``activiteit`` along the state machine in ``workflow.ACTIVITEIT``.

    Closing enforces the rules of §4.1: a moderator for group conversations, and the complete
    Ombudsman checklist (with the promised room and expectations) for instruments 2–4.
    """
    actie = f"{Actie.ACTIVITEIT_OVERGANG}:{naar}"
    eis(
        door is None or activiteit_policy.user_has_perm(door, workflow.STATUS_WIJZIGEN),
        door,
        actie,
        activiteit,
        melding=_("U mag de status van deze activiteit niet wijzigen."),
    )
    activiteit = (
        Activiteit.objects.select_for_update().select_related("instrument").get(pk=activiteit.pk)
    )
    stap = workflow.ACTIVITEIT.zoek(activiteit.status, naar)
    if stap is None:
        audit.vastleggen(door, actie, activiteit, f"{audit.GEWEIGERD}:ongeldige_overgang")
        raise ValidationError(
            _("Een activiteit met status „%(van)s” kan niet naar „%(naar)s”.")
            % {"van": activiteit.get_status_display(), "naar": naar},
            code="ongeldige_overgang",
        )
    op = vandaag()
    fouten = workflow.fouten(stap, activiteit, op)
    if fouten:
        audit.vastleggen(door, actie, activiteit, f"{audit.GEWEIGERD}:voorwaarden")
        raise ValidationError(fouten, code="voorwaarden")
    activiteit.status = naar
    stap.effecten_uitvoeren(activiteit, Stap(door=door, op=op))
    activiteit._change_reason = f"status: {stap.van} → {stap.naar}"  # type: ignore[attr-defined]
    activiteit._history_user = door  # type: ignore[attr-defined]
    activiteit.save(update_fields=["status", "afgesloten_op"])
    audit.vastleggen(door, actie, activiteit)
    return activiteit


def activiteit_afsluiten(*, activiteit: Activiteit, door: User | None) -> Activiteit:
    return activiteit_status_wijzigen(
        activiteit=activiteit, naar=ActiviteitStatus.AFGESLOTEN, door=door
    )


@transaction.atomic
def spelregel_beantwoorden(
    *, activiteit: Activiteit, nummer: int, antwoord: str, toelichting: str, door: User | None
) -> Spelregeltoets:
    eis(
        door is None or activiteit_policy.user_has_perm(door, "change"),
        door,
        Actie.SPELREGEL_BEANTWOORDEN,
        activiteit,
        melding=_("U mag de spelregels van deze activiteit niet invullen."),
    )
    toets = Spelregeltoets.objects.get(activiteit=activiteit, spelregel__nummer=nummer)
    toets.antwoord = antwoord
    toets.toelichting = toelichting.strip()
    opslaan(toets, door=door, reden="spelregel beantwoord")
    audit.vastleggen(door, Actie.SPELREGEL_BEANTWOORDEN, toets)
    return toets
