"""Reads of meetings on behalf of a user. Every meeting goes through ``policies.py``.

Pages use a fixed number of queries whatever the number of meetings, participants, items or
documents (tests/adviesraad/vergaderingen/test_views.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from adviesraad.advies.policies import aanvraag_policy
from adviesraad.policies import verklaring_policy
from hengelo_participatie.core.paginering import Paginering, huidig_jaar_eerst, pagineer
from hengelo_participatie.core.schrijven import vandaag
from hengelo_participatie.files.models import Bestand
from hengelo_participatie.files.policy import bestand_policy

from . import koppelingen
from .koppelingen import Weergave
from .models import (
    Aanmelding,
    Aanwezigheid,
    Actiepunt,
    Agendapunt,
    Deelname,
    Notulen,
    Soort,
    Status,
    Vergadering,
    Vergaderstuk,
    Verschoning,
)
from .policies import vergadering_policy
from .services.uitnodiging import Stukkentermijn, stukkentermijn

LIJST_MAX = 200


def nu() -> datetime:
    return timezone.now()


# --- The dashboard -------------------------------------------------------------------------------
@dataclass(frozen=True)
class VolgendeVergadering:
    vergadering: Vergadering
    #: The user's RSVP (``Aanmelding`` value), or None when they are not a participant (staff).
    aanmelding: str | None
    aanmelding_label: str


def volgende_vergaderingen(user: Any, aantal: int = 5) -> list[VolgendeVergadering]:
    """The next ``aantal`` planned meetings ``user`` takes part in, soonest first, each with the
    user's RSVP. For the portal dashboard.

    Only meetings the user is a participant of (also for the supporter, who sees all meetings
    elsewhere). At most two queries (one for the role check of a user not seen before in this
    request, one for the meetings with the user's ``Deelname`` joined in), whatever ``aantal``.
    """
    if not getattr(user, "is_authenticated", False) or aantal <= 0:
        return []
    deelnames = (
        Deelname.objects.filter(
            gebruiker=user,
            vergadering__in=vergadering_policy.instances_user_has_perm_for(user),
            vergadering__status=Status.GEPLAND,
            vergadering__begin__gte=nu(),
        )
        .select_related("vergadering")
        .order_by("vergadering__begin", "vergadering_id")[:aantal]
    )
    return [
        VolgendeVergadering(
            vergadering=d.vergadering,
            aanmelding=d.aanmelding,
            aanmelding_label=str(Aanmelding(d.aanmelding).label),
        )
        for d in deelnames
    ]


# --- My meetings ---------------------------------------------------------------------------------
#: Past meetings per page of the list (upcoming ones are all on the first page).
PER_PAGINA = 25


@dataclass(frozen=True)
class Rij:
    """One row of the meetings list, with its display values computed once (not per lookup in
    the template): labels are translated once per list, not once per row."""

    vergadering: Vergadering
    soort: str
    status: str
    #: The user's RSVP or attendance, "" when they do not take part.
    mijn: str


@dataclass
class Overzicht:
    komend: list[Rij]
    eerder: list[Rij]
    paginering: Paginering
    beheer: bool
    #: Years with meetings the user may see, the current year first, then the latest first.
    jaren: list[int]
    filters: dict[str, Any]
    soorten: list[tuple[str, str]]
    statussen: list[tuple[str, str]]


def _labels(keuzes: Any) -> dict[str, str]:
    return {waarde: str(label) for waarde, label in keuzes.choices}


def overzicht(
    user: Any, *, pagina: int = 1, jaar: int | None = None, soort: str = "", status: str = ""
) -> Overzicht:
    """Upcoming (soonest first, on the first page) and past (latest first, ``PER_PAGINA`` per
    page) meetings the user may see, each with the user's own participation, optionally of one
    year, kind or status. A fixed number of queries: years, count, page, upcoming, own
    participations."""
    moment = nu()
    zichtbaar = vergadering_policy.instances_user_has_perm_for(user).order_by("begin", "pk")
    jaren = huidig_jaar_eerst((d.year for d in zichtbaar.dates("begin", "year")), vandaag().year)
    gefilterd = zichtbaar
    if jaar is not None:
        gefilterd = gefilterd.filter(begin__year=jaar)
    if soort:
        gefilterd = gefilterd.filter(soort=soort)
    if status:
        gefilterd = gefilterd.filter(status=status)
    filters = {"jaar": jaar, "soort": soort, "status": status}
    paginering = pagineer(
        gefilterd.filter(begin__lt=moment).order_by("-begin", "-pk"),
        pagina,
        per_pagina=PER_PAGINA,
        filters=filters,
    )
    eerder = list(paginering.pagina.object_list)
    komend = (
        list(gefilterd.filter(begin__gte=moment)[:LIJST_MAX])
        if paginering.pagina.number == 1
        else []
    )
    ids = [v.pk for v in [*komend, *eerder]]
    mijn = (
        {d.vergadering_id: d for d in Deelname.objects.filter(gebruiker=user, vergadering__in=ids)}
        if getattr(user, "is_authenticated", False) and ids
        else {}
    )
    soorten, statussen = _labels(Soort), _labels(Status)
    aanmelding, aanwezigheid = _labels(Aanmelding), _labels(Aanwezigheid)

    def rij(v: Vergadering) -> Rij:
        d = mijn.get(v.pk)
        eigen = ""
        if d is not None:
            eigen = (
                aanwezigheid.get(d.aanwezigheid, d.aanwezigheid)
                if d.aanwezigheid
                else aanmelding.get(d.aanmelding, d.aanmelding)
            )
        return Rij(v, soorten.get(v.soort, v.soort), statussen.get(v.status, v.status), eigen)

    return Overzicht(
        komend=[rij(v) for v in komend],
        eerder=[rij(v) for v in eerder],
        paginering=paginering,
        beheer=vergadering_policy.beheert(user),
        jaren=jaren,
        filters=filters,
        soorten=list(soorten.items()),
        statussen=list(statussen.items()),
    )


# --- One meeting ---------------------------------------------------------------------------------
@dataclass
class Stuk:
    titel: str
    bestand_id: int
    vertrouwelijk: bool
    agendapunt: str
    mag_downloaden: bool


@dataclass
class Detail:
    vergadering: Vergadering
    beheer: bool
    agendapunten: list[Agendapunt]
    zichtbare_aanvragen: set[int]
    stukken: list[Stuk]
    deelnames: list[Deelname]
    mijn: Deelname | None
    notulen: Notulen | None
    actiepunten: list[Actiepunt]
    besluiten: list[Any]
    verschoningen: list[Verschoning]
    termijn: Stukkentermijn
    telling: dict[str, int] = field(default_factory=dict)
    aanmelden_open: bool = False
    vastgesteld_in_zichtbaar: bool = False
    #: Records of higher layers linked to the meeting (``koppelingen``), shown under its details.
    gekoppeld: list[Weergave] = field(default_factory=list)


def vergadering_detail(user: Any, pk: object) -> Detail:
    # The minutes (one per meeting) come with the meeting; which linked advice requests the user
    # may open comes with the agenda items; recusals are read only when there are any.
    vergadering = vergadering_policy.get_object_for(
        user,
        "view",
        queryset=Vergadering.objects.select_related(
            *koppelingen.paden(), "notulen__vastgesteld_in"
        ),
        pk=pk,
    )
    agendapunten: list[Agendapunt] = list(
        vergadering.agendapunten.select_related("adviesaanvraag").annotate(
            aanvraag_zichtbaar=Exists(
                aanvraag_policy.zichtbaar_zonder_extra_queries(user).filter(
                    pk=OuterRef("adviesaanvraag_id")
                )
            ),
            heeft_verschoningen=Exists(Verschoning.objects.filter(agendapunt=OuterRef("pk"))),
        )
    )
    if any(p.heeft_verschoningen for p in agendapunten):  # type: ignore[attr-defined]
        prefetch_related_objects(
            agendapunten,
            Prefetch(
                "verschoningen",
                queryset=Verschoning.objects.select_related("gebruiker").order_by("pk"),
            ),
        )
    else:
        for p in agendapunten:  # the template's p.verschoningen.all: empty, without a query
            p._prefetched_objects_cache = {"verschoningen": Verschoning.objects.none()}  # type: ignore[attr-defined]
    verschoningen = [v for p in agendapunten for v in p.verschoningen.all()]
    for v in verschoningen:  # the prefetched rows are the ones the template shows per item
        v.reden_voor_lezer = reden_voor(user, v)  # type: ignore[attr-defined]
    zichtbaar = {
        p.adviesaanvraag_id
        for p in agendapunten
        if p.adviesaanvraag_id and p.aanvraag_zichtbaar  # type: ignore[attr-defined]
    }
    stukken_qs = zichtbare_stukken(
        user, list(vergadering.stukken.select_related("agendapunt").order_by("pk"))
    )
    downloadbaar = {s.bestand_id for s in stukken_qs if getattr(s, "mag_downloaden", False)}
    deelnames = list(
        vergadering.deelnames.select_related("gebruiker").order_by(
            "gebruiker__achternaam", "gebruiker__voornaam", "pk"
        )
    )
    mijn = next((d for d in deelnames if d.gebruiker_id == getattr(user, "pk", None)), None)
    try:
        notulen: Notulen | None = vergadering.notulen
    except Notulen.DoesNotExist:
        notulen = None
    # The meeting that approved the minutes is named only to who may see that meeting too.
    vastgesteld_in_zichtbaar = bool(
        notulen
        and notulen.vastgesteld_in_id
        and vergadering_policy.instances_user_has_perm_for(user)
        .filter(pk=notulen.vastgesteld_in_id)
        .exists()
    )
    return Detail(
        vergadering=vergadering,
        beheer=vergadering_policy.beheert(user),
        agendapunten=agendapunten,
        zichtbare_aanvragen=zichtbaar,
        stukken=[
            Stuk(
                titel=s.titel,
                bestand_id=s.bestand_id,
                vertrouwelijk=s.vertrouwelijk,
                agendapunt=str(s.agendapunt) if s.agendapunt else "",
                mag_downloaden=s.bestand_id in downloadbaar,
            )
            for s in stukken_qs
        ],
        deelnames=deelnames,
        mijn=mijn,
        notulen=notulen,
        vastgesteld_in_zichtbaar=vastgesteld_in_zichtbaar,
        gekoppeld=koppelingen.weergaven(vergadering),
        actiepunten=list(vergadering.actiepunten.select_related("eigenaar")),
        besluiten=list(
            vergadering.besluiten.select_related("agendapunt", "samenwerkingsafspraken")
        ),
        verschoningen=verschoningen,
        termijn=stukkentermijn(vergadering),
        telling=dict(Counter(d.aanwezigheid or "onbekend" for d in deelnames)),
        aanmelden_open=(
            mijn is not None and vergadering.status == Status.GEPLAND and vergadering.begin > nu()
        ),
    )


def reden_voor(user: Any, verschoning: Verschoning) -> str:
    """The reason of a recusal as ``user`` may read it. A recusal's reason says why a member
    stepped back, which is what they declared: only the member, the chair and the supporter read
    it (``verklaring_policy.mag_tekst_lezen``); every other participant reads "belang gemeld"."""
    if verklaring_policy.mag_tekst_lezen(user, van=verschoning.gebruiker_id):
        return verschoning.reden
    return _("belang gemeld")


def zichtbare_stukken(user: Any, stukken: list[Vergaderstuk]) -> list[Vergaderstuk]:
    """The documents of ``stukken`` whose title ``user`` may see, each with ``mag_downloaden``.

    A confidential document is listed only to who may download it (the participants, the
    supporter): a keeper without that grant (the account holder) does not even see its title.
    One query (none for an empty list).
    """
    downloadbaar = _downloadbaar(user, [s.bestand_id for s in stukken])
    zichtbaar = []
    for stuk in stukken:
        stuk.mag_downloaden = stuk.bestand_id in downloadbaar  # type: ignore[attr-defined]
        if stuk.mag_downloaden or not stuk.vertrouwelijk:  # type: ignore[attr-defined]
            zichtbaar.append(stuk)
    return zichtbaar


def _downloadbaar(user: Any, bestand_ids: list[int]) -> set[int]:
    if not bestand_ids:
        return set()
    return set(
        bestand_policy.instances_user_has_perm_for(
            user, "view", Bestand.objects.filter(pk__in=bestand_ids)
        ).values_list("pk", flat=True)
    )


def latere_vergaderingen(vergadering: Vergadering) -> QuerySet[Vergadering]:
    """Meetings in which the minutes of ``vergadering`` can be approved: later council meetings
    that were held (the service refuses any other)."""
    return Vergadering.objects.filter(
        begin__gt=vergadering.begin, soort=Soort.RAADSVERGADERING, status=Status.GEHOUDEN
    )


# --- Attendance overview -------------------------------------------------------------------------
@dataclass
class Regel:
    naam: str
    gebruiker_id: int
    aanwezig: int = 0
    afgemeld: int = 0
    afwezig: int = 0
    onbekend: int = 0

    @property
    def totaal(self) -> int:
        return self.aanwezig + self.afgemeld + self.afwezig + self.onbekend


@dataclass
class Aanwezigheidsoverzicht:
    alle: bool
    regels: list[Regel]
    mijn: list[Deelname]


def aanwezigheidsoverzicht(user: Any) -> Aanwezigheidsoverzicht:
    """Per member: how often present, excused and absent at meetings that have been held. A member
    sees their own; the keepers of the records see everyone. Two queries."""
    alle = vergadering_policy.beheert(user) or getattr(user, "is_superuser", False)
    gehouden = Deelname.objects.filter(
        vergadering__in=vergadering_policy.instances_user_has_perm_for(user),
        vergadering__begin__lt=nu(),
    ).exclude(vergadering__status=Status.GEANNULEERD)
    if not alle:
        gehouden = gehouden.filter(gebruiker=user)
    rijen = list(
        gehouden.select_related("gebruiker", "vergadering").order_by(
            "gebruiker__achternaam", "gebruiker__voornaam", "gebruiker_id", "-vergadering__begin"
        )
    )
    regels: dict[int, Regel] = {}
    for d in rijen:
        regel = regels.setdefault(
            d.gebruiker_id,
            Regel(
                naam=d.gebruiker.get_full_name() or d.gebruiker.email, gebruiker_id=d.gebruiker_id
            ),
        )
        sleutel = d.aanwezigheid or "onbekend"
        if sleutel in (Aanwezigheid.AANWEZIG, Aanwezigheid.AFGEMELD, Aanwezigheid.AFWEZIG):
            setattr(regel, sleutel, getattr(regel, sleutel) + 1)
        else:
            regel.onbekend += 1
    mijn = [d for d in rijen if d.gebruiker_id == getattr(user, "pk", None)]
    return Aanwezigheidsoverzicht(alle=alle, regels=list(regels.values()), mijn=mijn)


__all__ = [
    "aanwezigheidsoverzicht",
    "overzicht",
    "vergadering_detail",
    "volgende_vergaderingen",
]
