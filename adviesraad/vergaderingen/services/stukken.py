"""The documents of a meeting and the object grants on their files."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from hengelo_participatie.accounts.roles import rollen_met
from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import opslaan
from hengelo_participatie.files.models import Bestand, BestandUserObjectPermission
from hengelo_participatie.files.services import bestand_opslaan

from ..models import Agendapunt, Deelname, Vergadering, Vergaderstuk
from ..policies import vergadering_policy
from .basis import eis_beheer

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

#: Who sees every document besides the participants: a confidential one reaches the roles with
#: ``vergadering.vertrouwelijke_stukken_lezen`` (the supporter), a public one also every role with
#: ``vergadering.stukken_lezen`` (every role that reads meetings).
STUKKEN_LEZEN = "vergadering.stukken_lezen"
VERTROUWELIJKE_STUKKEN_LEZEN = "vergadering.vertrouwelijke_stukken_lezen"


@transaction.atomic
def stuk_toevoegen(
    *,
    vergadering: Vergadering,
    upload: Any,
    titel: str,
    door: User | None,
    vertrouwelijk: bool = True,
    agendapunt: Agendapunt | None = None,
) -> Vergaderstuk:
    """Store a document (checked by the files app's validator) and share it with the participants."""
    eis_beheer(door, Actie.STUK_TOEVOEGEN, vergadering)
    if not titel.strip():
        raise ValidationError({"titel": _("Geef het document een titel.")})
    if agendapunt is not None and agendapunt.vergadering_id != vergadering.pk:
        raise ValidationError({"agendapunt": _("Kies een agendapunt van deze vergadering.")})
    bestand = bestand_opslaan(upload=upload, door=door, vertrouwelijk=vertrouwelijk)
    stuk = Vergaderstuk(
        vergadering=vergadering,
        agendapunt=agendapunt,
        titel=titel.strip(),
        bestand=bestand,
        vertrouwelijk=vertrouwelijk,
        toegevoegd_door=door,
    )
    opslaan(stuk, door=door, reden="stuk toegevoegd")
    toegang_bijwerken(vergadering=vergadering)
    audit.vastleggen(door, Actie.STUK_TOEVOEGEN, stuk, "ok")
    return stuk


def toegang_bijwerken(*, vergadering: Vergadering) -> None:
    """Make the object grants on the meeting's files match who takes part now.

    Every participant may download every document of the meeting. A confidential document also
    reaches the supporter group (and its uploader); a public one every role that reads meetings.
    A participant who is removed loses the grant. Idempotent.
    """
    perm = Permission.objects.get(content_type__app_label="files", codename="view_bestand")
    # Only participants who may still see meetings: a member whose term ended (account active,
    # no role) loses the documents, like the meeting itself (``vergadering_policy.gebruikers_met_toegang``).
    deelnemers = set(
        vergadering_policy.gebruikers_met_toegang(
            get_user_model().objects.filter(deelnames__vergadering=vergadering)
        ).values_list("pk", flat=True)
    )
    groepen_vertrouwelijk = rollen_met(VERTROUWELIJKE_STUKKEN_LEZEN)
    groepen_openbaar = sorted(rollen_met(STUKKEN_LEZEN) | groepen_vertrouwelijk)
    groepen = {
        g.name: g for g in Group.objects.filter(name__in=[r.value for r in groepen_openbaar])
    }
    for stuk in vergadering.stukken.select_related("bestand"):
        bestand: Bestand = stuk.bestand
        if bestand.vertrouwelijk != stuk.vertrouwelijk:
            bestand.vertrouwelijk = stuk.vertrouwelijk
            bestand.save(update_fields=["vertrouwelijk"])
        behouden = {bestand.geupload_door_id} if bestand.geupload_door_id else set()
        gewenst = deelnemers | behouden
        bestaand = set(
            BestandUserObjectPermission.objects.filter(
                content_object=bestand, permission=perm
            ).values_list("user_id", flat=True)
        )
        BestandUserObjectPermission.objects.bulk_create(
            [
                BestandUserObjectPermission(content_object=bestand, permission=perm, user_id=u)
                for u in gewenst - bestaand
            ]
        )
        weg = bestaand - gewenst
        if weg:
            BestandUserObjectPermission.objects.filter(
                content_object=bestand, permission=perm, user_id__in=weg
            ).delete()
        rollen = groepen_vertrouwelijk if stuk.vertrouwelijk else groepen_openbaar
        for rol in groepen_openbaar:
            groep = groepen.get(rol.value)
            if groep is None:
                continue
            if rol in rollen:
                assign_perm("files.view_bestand", groep, bestand)
            else:
                remove_perm("files.view_bestand", groep, bestand)


#: A meeting that began longer ago than this is closed for the nightly re-sync: its documents and
#: participants no longer change, only the roles of the people who take part.
OPEN_NA_BEGIN = timedelta(days=30)


def gesloten_met_afwijkende_toegang(*, grens: datetime) -> set[int]:
    """The meetings that began before ``grens`` whose document grants no longer match: a grant
    on a document for someone who is neither a participant who may still see meetings nor the
    uploader (a former member), or such a participant without one. One query."""
    perm = Permission.objects.filter(content_type__app_label="files", codename="view_bestand")
    toegang = vergadering_policy.gebruikers_met_toegang().values("pk")
    deelnemer = Deelname.objects.filter(
        vergadering_id=OuterRef(OuterRef("vergadering_id")),
        gebruiker_id=OuterRef("user_id"),
        gebruiker__in=toegang,
    )
    te_veel = (
        BestandUserObjectPermission.objects.filter(
            content_object_id=OuterRef("bestand_id"), permission__in=perm
        )
        .exclude(Exists(deelnemer))
        .exclude(
            Q(content_object__geupload_door_id__isnull=False)
            & Q(user_id=F("content_object__geupload_door_id"))
        )
    )
    zonder_grant = Deelname.objects.filter(
        vergadering_id=OuterRef("vergadering_id"), gebruiker__in=toegang
    ).exclude(
        Exists(
            BestandUserObjectPermission.objects.filter(
                content_object_id=OuterRef(OuterRef("bestand_id")),
                user_id=OuterRef("gebruiker_id"),
                permission__in=perm,
            )
        )
    )
    return set(
        Vergaderstuk.objects.filter(vergadering__begin__lt=grens)
        .filter(Exists(te_veel) | Exists(zonder_grant))
        .values_list("vergadering_id", flat=True)
        .distinct()
    )


def toegang_alle_bijwerken() -> int:
    """The nightly task, after the roles follow the terms: re-sync the grants of every meeting
    with documents that began at most ``OPEN_NA_BEGIN`` ago (or is still to come), and of an
    older one only when its grants no longer match (``gesloten_met_afwijkende_toegang``).
    Idempotent; returns the number of meetings re-synced."""
    grens = timezone.now() - OPEN_NA_BEGIN
    gesloten = gesloten_met_afwijkende_toegang(grens=grens)
    aantal = 0
    for vergadering in (
        Vergadering.objects.filter(Q(begin__gte=grens) | Q(pk__in=gesloten))
        .filter(stukken__isnull=False)
        .distinct()
        .order_by("pk")
    ):
        toegang_bijwerken(vergadering=vergadering)
        aantal += 1
    return aantal


def toegang_van_gebruiker_bijwerken(*, gebruiker: Any) -> int:
    """Re-sync the grants of the meetings ``gebruiker`` takes part in (their roles changed)."""
    aantal = 0
    for vergadering in Vergadering.objects.filter(
        deelnames__gebruiker=gebruiker, stukken__isnull=False
    ).distinct():
        toegang_bijwerken(vergadering=vergadering)
        aantal += 1
    return aantal
