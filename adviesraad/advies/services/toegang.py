"""Who is related to a request, and the object grants that follow from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, NoReturn

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, F, Model, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from guardian.shortcuts import assign_perm

from adviesraad.models import Functie, Lid, Zittingstermijn
from adviesraad.models.advies import (
    AFGESLOTEN,
    Adviesaanvraag,
    AdviesaanvraagUserObjectPermission,
    Collegereactie,
    Statuswijziging,
)
from adviesraad.models.leden import VOORZITTER_SOORTEN
from hengelo_participatie.accounts import roles
from hengelo_participatie.accounts.roles import Rol
from hengelo_participatie.accounts.toewijzing import eis_rol, houders_van
from hengelo_participatie.core import audit
from hengelo_participatie.core.schrijven import eis, vandaag
from hengelo_participatie.files.models import Bestand, BestandUserObjectPermission

from ..policies import aanvraag_policy

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

#: Groups that see every request (object grant on each): the council's supporter, the account
#: holder. Confidential *files* only go to the supporter group (see ``toegang_bijwerken``).
GROEPEN_AANVRAAG = roles.rollen_met("advies.alle_aanvragen_zien")
GROEPEN_BESTAND = roles.rollen_met("advies.alle_bestanden_zien")

WEIGERING = gettext_lazy("U mag dit niet doen bij deze adviesaanvraag.")


def eis_capability(
    capability: str, aanvraag: Adviesaanvraag, door: User | None, actie: audit.Actie | str
) -> None:
    """Refuse unless ``door`` holds ``capability`` on ``aanvraag`` (``None``: the system)."""
    toegestaan = door is None or aanvraag_policy.user_has_perm_for_object(
        door, capability, aanvraag
    )
    eis(toegestaan, door, actie, aanvraag, melding=str(WEIGERING))


def weigeren(door: User | None, actie: audit.Actie | str, obj: object) -> NoReturn:
    """Refuse (and audit the refusal) whoever asks, the system included."""
    eis(False, door, actie, obj, melding=str(WEIGERING))
    raise AssertionError  # pragma: no cover - eis(False, ...) always raises


def eis_regel(
    regel: tuple[str, tuple[str, ...]],
    aanvraag: Adviesaanvraag,
    door: User | None,
    actie: audit.Actie | str,
) -> None:
    """Refuse unless ``door`` holds ``regel``'s capability and the status is one of its."""
    capability, statussen = regel
    eis_capability(capability, aanvraag, door, actie)
    if aanvraag.status not in statussen:
        raise ValidationError(
            _("Dit kan niet in de status „%(status)s”.") % {"status": aanvraag.status_label}
        )


def ververs(origineel: Adviesaanvraag) -> None:
    origineel.refresh_from_db()


def statuswijziging(
    aanvraag: Adviesaanvraag, van: str, naar: str, door: User | None, reden: str = ""
) -> None:
    Statuswijziging.objects.create(aanvraag=aanvraag, van=van, naar=naar, door=door, reden=reden)


# --- The council and who is related --------------------------------------------------------------
def zittende_leden(op: date | None = None) -> list[Lid]:
    """Everyone on the council on ``op``: a running term or function (chair included)."""
    op = op or vandaag()
    return list(
        Lid.objects.filter(
            Exists(Zittingstermijn.objects.actief_op(op).filter(lid=OuterRef("pk")))
            | Exists(Functie.objects.actief_op(op).filter(lid=OuterRef("pk")))
        )
        .filter(user__is_active=True)
        .select_related("user")
    )


def voorzitter_op(op: date) -> Lid | None:
    functie = (
        Functie.objects.actief_op(op)
        .filter(soort__in=VOORZITTER_SOORTEN)
        .select_related("lid__user")
        .order_by("van")
        .first()
    )
    return functie.lid if functie else None


#: The roles the policy officer of a request must hold (``beleidsmedewerker``): the field gives
#: object grants on the request and its confidential files.
BELEIDSMEDEWERKER = "advies.beleidsmedewerker"
BELEIDSMEDEWERKER_ROLLEN = tuple(roles.rolnamen_met(BELEIDSMEDEWERKER))


def eis_beleidsmedewerker(beleidsmedewerker: User | None) -> None:
    """Refuse a policy officer without the role (an account holder choosing themselves, a
    moderator): they would get the confidential documents of the request."""
    eis_rol(beleidsmedewerker, *BELEIDSMEDEWERKER_ROLLEN, veld="beleidsmedewerker")


@dataclass(frozen=True)
class Toegangsgegevens:
    """What the re-sync of any request needs, read once: the council, who holds the policy
    officer's role, the two permissions and the groups."""

    raad: frozenset[int]
    beleid: frozenset[int]
    view_aanvraag: Permission
    view_bestand: Permission
    groepen: dict[str, Group]


def toegangsgegevens() -> Toegangsgegevens:
    """Five queries, for any number of requests re-synced with them."""
    return Toegangsgegevens(
        raad=frozenset(lid.user_id for lid in zittende_leden()),
        beleid=frozenset(houders_van(BELEIDSMEDEWERKER).values_list("pk", flat=True)),
        view_aanvraag=Permission.objects.get(
            content_type__app_label="adviesraad", codename="view_adviesaanvraag"
        ),
        view_bestand=Permission.objects.get(
            content_type__app_label="files", codename="view_bestand"
        ),
        groepen={g.name: g for g in Group.objects.filter(name__in=[r.value for r in Rol])},
    )


def _gebruikers_met_toegang(aanvraag: Adviesaanvraag, gegevens: Toegangsgegevens) -> set[int]:
    ids = set(gegevens.raad)
    if aanvraag.aangemaakt_door_id:
        ids.add(aanvraag.aangemaakt_door_id)
    # The assigned policy officer only while they hold the role: one who lost it (or was
    # assigned before the role was checked) keeps no grant at the next re-sync.
    if aanvraag.beleidsmedewerker_id and aanvraag.beleidsmedewerker_id in gegevens.beleid:
        ids.add(aanvraag.beleidsmedewerker_id)
    return ids


def _zet_user_grants(
    model: type[Model],
    obj: Model,
    perm: Permission,
    user_ids: set[int],
    *,
    behouden: frozenset[int] | set[int] = frozenset(),
) -> None:
    bestaand = set(
        model._default_manager.filter(content_object=obj, permission=perm).values_list(
            "user_id", flat=True
        )
    )
    model._default_manager.bulk_create(
        [model(content_object=obj, permission=perm, user_id=u) for u in user_ids - bestaand]
    )
    weg = bestaand - user_ids - behouden
    if weg:
        model._default_manager.filter(content_object=obj, permission=perm, user_id__in=weg).delete()


def _bestanden_van(aanvraag: Adviesaanvraag) -> list[Bestand]:
    ids = set(aanvraag.documenten.values_list("bestand_id", flat=True))
    ids |= set(aanvraag.versies.filter(pdf__isnull=False).values_list("pdf_id", flat=True))
    ids |= set(
        Collegereactie.objects.filter(advies__aanvraag=aanvraag, brief__isnull=False).values_list(
            "brief_id", flat=True
        )
    )
    return list(Bestand.objects.filter(pk__in=ids))


def toegang_bijwerken(
    *, aanvraag: Adviesaanvraag, gegevens: Toegangsgegevens | None = None
) -> None:
    """Make the object grants on ``aanvraag`` and its files match who is related now.

    Members: everyone sitting on the council today (a former member loses access). Staff: the
    assigned policy officer and whoever started the request; the supporter and account holder
    groups see every request, but confidential files only reach the supporter group (and the
    uploader). Run after every change to a request, and after term changes. ``gegevens``: read
    once by a caller that re-syncs many requests.
    """
    gegevens = gegevens or toegangsgegevens()
    users = _gebruikers_met_toegang(aanvraag, gegevens)
    _zet_user_grants(AdviesaanvraagUserObjectPermission, aanvraag, gegevens.view_aanvraag, users)
    groepen = gegevens.groepen
    for rol in GROEPEN_AANVRAAG:
        if rol.value in groepen:
            assign_perm("adviesraad.view_adviesaanvraag", groepen[rol.value], aanvraag)
    for bestand in _bestanden_van(aanvraag):
        behouden = {bestand.geupload_door_id} if bestand.geupload_door_id else set()
        _zet_user_grants(
            BestandUserObjectPermission, bestand, gegevens.view_bestand, users | behouden
        )
        for rol in GROEPEN_BESTAND:
            if rol.value in groepen:
                assign_perm("files.view_bestand", groepen[rol.value], bestand)


def gesloten_met_afwijkende_toegang(gegevens: Toegangsgegevens) -> set[int]:
    """The closed requests (``AFGESLOTEN``) whose grants no longer match the council: someone
    holds a grant who is no longer related (a former member, a policy officer without the
    role), or a sitting member has none. Two queries, however many closed requests there are.

    The creator and the assigned policy officer of a closed request do not change any more;
    their grants were set by the last change of the request.
    """
    grants = AdviesaanvraagUserObjectPermission.objects.filter(
        permission=gegevens.view_aanvraag, content_object__status__in=AFGESLOTEN
    )
    te_veel = (
        grants.exclude(user_id__in=gegevens.raad)
        .exclude(
            Q(content_object__aangemaakt_door_id__isnull=False)
            & Q(user_id=F("content_object__aangemaakt_door_id"))
        )
        .exclude(
            Q(content_object__beleidsmedewerker_id__isnull=False)
            & Q(user_id=F("content_object__beleidsmedewerker_id"))
            & Q(user_id__in=gegevens.beleid)
        )
        .values_list("content_object_id", flat=True)
        .distinct()
    )
    leden_met_grant = AdviesaanvraagUserObjectPermission.objects.filter(
        content_object=OuterRef("pk"),
        permission=gegevens.view_aanvraag,
        user_id__in=gegevens.raad,
    )
    te_weinig = (
        Adviesaanvraag.objects.filter(status__in=AFGESLOTEN)
        .annotate(
            leden=Coalesce(
                Subquery(
                    leden_met_grant.order_by()
                    .values("content_object")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            )
        )
        .filter(leden__lt=len(gegevens.raad))
        .values_list("pk", flat=True)
    )
    return set(te_veel) | set(te_weinig)


def toegang_alle_open_bijwerken() -> int:
    """Nightly, and when the council changed: re-sync every open request in full, and a closed
    one (``AFGESLOTEN``) only when its grants no longer match the council
    (``gesloten_met_afwijkende_toegang``). Idempotent; returns the number of requests re-synced.

    Closed requests pile up over the years; re-syncing each of them every night cost thousands
    of queries while nothing had changed.
    """
    gegevens = toegangsgegevens()
    gesloten = gesloten_met_afwijkende_toegang(gegevens)
    aantal = 0
    for aanvraag in Adviesaanvraag.objects.filter(
        ~Q(status__in=AFGESLOTEN) | Q(pk__in=gesloten)
    ).order_by("pk"):
        toegang_bijwerken(aanvraag=aanvraag, gegevens=gegevens)
        aantal += 1
    return aantal
