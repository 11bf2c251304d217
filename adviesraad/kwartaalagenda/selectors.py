"""Reads of the quarterly agenda on behalf of a user. Every page uses a fixed number of queries
whatever the number of items (tests/adviesraad/kwartaalagenda/test_queries.py).

* Readers (council, supporter) only see the **latest published version**, never the draft.
* Keepers (account holder, policy staff) also see the draft and what publishing would change.
* A linked advice request is only shown (title, kenmerk, link) to a user the advice policy lets
  see it (``aanvraag_policy.zichtbaar_zonder_extra_queries``).

For the portal dashboard: ``wijzigingen_voor(user)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from adviesraad.advies.policies import aanvraag_policy
from adviesraad.models.advies import Adviesaanvraag

from .models import DATUMVELDEN, Agendapunt, Gezien, Kwartaalagenda, Versie, kwartaal_van
from .policies import (
    agenda_policy,
    mag_aanmaken,
    mag_concept_zien,
    mag_lezen,
    mag_publiceren,
    punt_policy,
)
from .services import punt_als_dict

#: Fields whose change is shown to members, with their labels (dates in process order).
VERGELEKEN: tuple[tuple[str, str], ...] = (
    ("titel", "Onderwerp"),
    ("beleidsmedewerker", "Beleidsmedewerker"),
    *DATUMVELDEN,
)


# --- Items as shown ----------------------------------------------------------------------------
@dataclass
class Onderwerp:
    """One item as shown: from a frozen version (``inhoud``) or from the draft."""

    id: int
    titel: str
    beleidsmedewerker: str
    datums: list[tuple[str, date | None]]
    opmerking: str
    aanvraag: Adviesaanvraag | None = None
    #: Only in the draft view: the live item (edit links).
    punt: Agendapunt | None = None

    @property
    def eerste_datum(self) -> date:
        return min((d for _, d in self.datums if d), default=date.max)


def _als_datum(waarde: str | None) -> date | None:
    return date.fromisoformat(waarde) if waarde else None


def _onderwerp(item: dict[str, Any]) -> Onderwerp:
    return Onderwerp(
        id=item["id"],
        titel=item["titel"],
        beleidsmedewerker=item.get("beleidsmedewerker", ""),
        datums=[(label, _als_datum(item.get(veld))) for veld, label in DATUMVELDEN],
        opmerking=item.get("opmerking", ""),
    )


def _gesorteerd(onderwerpen: list[Onderwerp]) -> list[Onderwerp]:
    return sorted(onderwerpen, key=lambda o: (o.eerste_datum, o.titel.lower(), o.id))


def _zichtbare_aanvragen(user: Any, pks: set[int]) -> dict[int, Adviesaanvraag]:
    """The linked requests ``user`` may see, by pk (one query, none if nothing is linked)."""
    if not pks:
        return {}
    qs = (
        aanvraag_policy.zichtbaar_zonder_extra_queries(user)
        .filter(pk__in=pks)
        .only("pk", "kenmerk", "titel")
    )
    return {a.pk: a for a in qs}


def _koppel_aanvragen(
    user: Any, onderwerpen: list[Onderwerp], links: dict[int, int | None]
) -> None:
    zichtbaar = _zichtbare_aanvragen(user, {pk for pk in links.values() if pk})
    for o in onderwerpen:
        pk = links.get(o.id)
        o.aanvraag = zichtbaar.get(pk) if pk else None


def onderwerpen_van_versie(user: Any, versie: Versie) -> list[Onderwerp]:
    """The items of a published version. The link to the request is the *current* one of the
    item (a request arrives after publication; linking needs no new version), else the one frozen
    in the version; shown only if ``user`` may see that request. Two queries."""
    items = versie.inhoud.get("punten", [])
    onderwerpen = [_onderwerp(i) for i in items]
    links: dict[int, int | None] = {i["id"]: i.get("adviesaanvraag_id") for i in items}
    if links:
        links.update(
            dict(
                Agendapunt.objects.filter(pk__in=links, adviesaanvraag__isnull=False).values_list(
                    "pk", "adviesaanvraag_id"
                )
            )
        )
    _koppel_aanvragen(user, onderwerpen, links)
    return _gesorteerd(onderwerpen)


def onderwerpen_van_concept(user: Any, agenda: Kwartaalagenda) -> list[Onderwerp]:
    """The draft items with their live rows (one query, two if an item is linked)."""
    punten = list(agenda.punten.select_related("beleidsmedewerker").order_by("pk"))
    onderwerpen = []
    for p in punten:
        o = _onderwerp(punt_als_dict(p))
        o.punt = p
        onderwerpen.append(o)
    _koppel_aanvragen(user, onderwerpen, {p.pk: p.adviesaanvraag_id for p in punten})
    return _gesorteerd(onderwerpen)


# --- What changed ------------------------------------------------------------------------------
@dataclass
class Veldwijziging:
    label: str
    oud: date | str | None
    nieuw: date | str | None


@dataclass
class Wijziging:
    titel: str
    velden: list[Veldwijziging] = field(default_factory=list)


@dataclass
class Verschil:
    """What changed between two versions (``van`` is None: the user never saw a version)."""

    van: int | None
    naar: int
    nieuw: list[str] = field(default_factory=list)
    vervallen: list[str] = field(default_factory=list)
    gewijzigd: list[Wijziging] = field(default_factory=list)

    @property
    def aantal(self) -> int:
        return len(self.nieuw) + len(self.vervallen) + len(self.gewijzigd)

    def __bool__(self) -> bool:
        return self.aantal > 0


def _waarde(item: dict[str, Any], veld: str) -> date | str | None:
    waarde = item.get(veld)
    if veld.endswith("_op"):
        return _als_datum(waarde)
    return waarde or ""


def verschil(
    oud: dict[str, Any] | None, nieuw: dict[str, Any], *, van: int | None = None, naar: int = 0
) -> Verschil:
    """Items added, removed, and changed (title, policy officer, planned dates), matched by the
    item's id. ``oud=None``: everything is new."""
    oude = {i["id"]: i for i in (oud or {}).get("punten", [])}
    nieuwe = {i["id"]: i for i in nieuw.get("punten", [])}
    uitkomst = Verschil(van=van, naar=naar)
    for pk, item in nieuwe.items():
        vorig = oude.get(pk)
        if vorig is None:
            uitkomst.nieuw.append(item["titel"])
            continue
        velden = [
            Veldwijziging(label, _waarde(vorig, veld), _waarde(item, veld))
            for veld, label in VERGELEKEN
            if _waarde(vorig, veld) != _waarde(item, veld)
        ]
        if velden:
            uitkomst.gewijzigd.append(Wijziging(titel=item["titel"], velden=velden))
    uitkomst.vervallen = [i["titel"] for pk, i in oude.items() if pk not in nieuwe]
    uitkomst.nieuw.sort(key=str.lower)
    uitkomst.vervallen.sort(key=str.lower)
    uitkomst.gewijzigd.sort(key=lambda w: w.titel.lower())
    return uitkomst


# --- Pages --------------------------------------------------------------------------------------
def agenda_voor(user: Any, pk: object) -> Kwartaalagenda:
    """The quarter if ``user`` may read agendas; 404 for a refused or missing one."""
    if not mag_lezen(user):
        raise Http404
    return agenda_policy.get_object_for(user, "view", pk=pk)


def laatste_versie(agenda: Kwartaalagenda) -> Versie | None:
    return agenda.versies.select_related("gepubliceerd_door").order_by("-nummer").first()


@dataclass
class Regel:
    agenda: Kwartaalagenda
    laatste_versie: int | None
    gepubliceerd_op: Any
    aantal_concept: int | None


@dataclass
class Overzicht:
    regels: list[Regel]
    concept: bool
    kan_aanmaken: bool


def overzicht(user: Any) -> Overzicht:
    """The quarters ``user`` may open: readers only those with a published version."""
    if not mag_lezen(user):
        raise Http404
    concept = mag_concept_zien(user)
    qs: QuerySet[Kwartaalagenda] = agenda_policy.instances_user_has_perm_for(user, "view").annotate(
        laatste=Max("versies__nummer"), gepubliceerd=Max("versies__gepubliceerd_op")
    )
    if concept:
        aantallen = dict(
            Agendapunt.objects.values("agenda").annotate(n=Count("pk")).values_list("agenda", "n")
        )
    else:
        qs = qs.filter(versies__isnull=False).distinct()
        aantallen = {}
    return Overzicht(
        regels=[
            Regel(
                a,
                getattr(a, "laatste", None),
                getattr(a, "gepubliceerd", None),
                aantallen.get(a.pk, 0) if concept else None,
            )
            for a in qs.order_by("-jaar", "-kwartaal")
        ],
        concept=concept,
        kan_aanmaken=mag_aanmaken(user),
    )


@dataclass
class AgendaPagina:
    agenda: Kwartaalagenda
    versie: Versie | None
    #: The published items (readers), or the draft (keepers).
    onderwerpen: list[Onderwerp]
    #: Readers: changes since the version they last saw (None: nothing seen yet or nothing new).
    sinds_gezien: Verschil | None
    eerste_keer: bool
    concept: bool = False
    #: Keepers: what publishing the draft would change.
    bij_publiceren: Verschil | None = None
    kan_publiceren: bool = False


def agenda_pagina(user: Any, pk: object) -> AgendaPagina:
    """The agenda page. Readers: the latest published version, and what changed since the
    version they last saw. The view then records this version as seen (``services``)."""
    agenda = agenda_voor(user, pk)
    versie = laatste_versie(agenda)
    concept = mag_concept_zien(user)
    if versie is None and not concept:
        raise Http404  # readers never see an unpublished agenda
    sinds: Verschil | None = None
    eerste_keer = False
    if versie is not None:
        gezien = Gezien.objects.filter(user=user, agenda=agenda).select_related("versie").first()
        if gezien is None:
            eerste_keer = True
        elif gezien.versie.nummer < versie.nummer:
            sinds = verschil(
                gezien.versie.inhoud, versie.inhoud, van=gezien.versie.nummer, naar=versie.nummer
            )
    if concept:
        onderwerpen = onderwerpen_van_concept(user, agenda)
        nu = {"punten": [punt_als_dict(o.punt) for o in onderwerpen if o.punt]}
        return AgendaPagina(
            agenda=agenda,
            versie=versie,
            onderwerpen=onderwerpen,
            sinds_gezien=sinds,
            eerste_keer=False,
            concept=True,
            bij_publiceren=verschil(
                versie.inhoud if versie else None,
                nu,
                van=versie.nummer if versie else None,
                naar=(versie.nummer if versie else 0) + 1,
            ),
            kan_publiceren=mag_publiceren(user),
        )
    assert versie is not None  # noqa: S101 - checked above
    return AgendaPagina(
        agenda=agenda,
        versie=versie,
        onderwerpen=onderwerpen_van_versie(user, versie),
        sinds_gezien=sinds,
        eerste_keer=eerste_keer,
    )


@dataclass
class Afdruk:
    agenda: Kwartaalagenda
    versie: Versie
    onderwerpen: list[Onderwerp]


def afdruk(user: Any, pk: object) -> Afdruk:
    """The latest published version, for print and PDF (the draft is never printed)."""
    agenda = agenda_voor(user, pk)
    versie = laatste_versie(agenda)
    if versie is None:
        raise Http404
    return Afdruk(agenda=agenda, versie=versie, onderwerpen=onderwerpen_van_versie(user, versie))


def punt_voor(user: Any, pk: object, action: str = "change") -> Agendapunt:
    """A draft item for a keeper; 404 for everyone else and for a missing one."""
    if not mag_concept_zien(user):
        raise Http404
    punt: Agendapunt = punt_policy.get_object_for(user, action, pk=pk)
    return punt


def aanvragen_om_te_koppelen(user: Any) -> QuerySet[Adviesaanvraag]:
    """The requests ``user`` may link an item to: those the advice policy lets them see."""
    return aanvraag_policy.zichtbaar_zonder_extra_queries(user).order_by("-aangemaakt_op", "-pk")


# --- For the portal dashboard -------------------------------------------------------------------
@dataclass
class KwartaalWijzigingen:
    """Unseen changes of one quarter's agenda, for the dashboard.

    ``verschil.van`` is None when the user never opened this quarter: then every item is in
    ``verschil.nieuw``.
    """

    agenda_id: int
    naam: str
    url: str
    versie: int
    gepubliceerd_op: Any
    verschil: Verschil


def wijzigingen_voor(user: Any, *, op: date | None = None) -> list[KwartaalWijzigingen]:
    """Per quarter that has not ended yet (as of ``op``, default today): the changes in its
    latest published version that ``user`` has not seen, oldest quarter first.

    Empty for users who may not read the agenda. Opening the agenda page marks the version as
    seen, after which the quarter drops out of this list. Uses a fixed number of queries (at most
    two after the permission check, whatever the number of quarters or items): one for the
    latest versions with the user's seen version, one for the content of the seen versions.

    Example (portal dashboard)::

        {% for k in wijzigingen %}
          <a href="{{ k.url }}">{{ k.naam }}</a>: {{ k.verschil.aantal }} wijzigingen
        {% endfor %}
    """
    if not mag_lezen(user):
        return []
    jaar, kwartaal = kwartaal_van(op or timezone.localdate())
    laatste = Versie.objects.filter(agenda=OuterRef("agenda")).order_by("-nummer").values("nummer")
    gezien = Gezien.objects.filter(user=user, agenda=OuterRef("agenda"))
    versies = list(
        Versie.objects.filter(
            Q(agenda__jaar__gt=jaar) | Q(agenda__jaar=jaar, agenda__kwartaal__gte=kwartaal)
        )
        .filter(nummer=Subquery(laatste[:1]))
        .annotate(
            gezien_id=Subquery(gezien.values("versie_id")[:1]),
            gezien_nummer=Subquery(gezien.values("versie__nummer")[:1]),
        )
        .select_related("agenda")
        .order_by("agenda__jaar", "agenda__kwartaal")
    )
    open_ = [v for v in versies if v.gezien_nummer is None or v.gezien_nummer < v.nummer]
    oude = (
        dict(
            Versie.objects.filter(pk__in=[v.gezien_id for v in open_ if v.gezien_id]).values_list(
                "pk", "inhoud"
            )
        )
        if any(v.gezien_id for v in open_)
        else {}
    )
    uitkomst = []
    for v in open_:
        d = verschil(oude.get(v.gezien_id), v.inhoud, van=v.gezien_nummer, naar=v.nummer)
        if not d:
            continue
        uitkomst.append(
            KwartaalWijzigingen(
                agenda_id=v.agenda_id,
                naam=v.agenda.naam,
                url=reverse("kwartaalagenda:detail", args=[v.agenda_id]),
                versie=v.nummer,
                gepubliceerd_op=v.gepubliceerd_op,
                verschil=d,
            )
        )
    return uitkomst
