"""Issue 14 point 3: what became of each adopted point (toezeggingen).

A follow-up record per point answered "overgenomen" or "deels overgenomen"; kept by the account
holder and policy staff, seen by members; the chair asks for an update (a reminder to the account
holder); an expected date that passes goes into the reminder engine and is marked on the
overview; filters and a CSV export with formula injection neutralised; the public register and
the Atom feed show the state and history, never a name of staff.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from adviesraad.advies import deadlines as ad
from adviesraad.advies.services.publicatie import publiceren
from adviesraad.advies.services.reactie import collegereactie_vastleggen
from adviesraad.advies.services.toezegging import stand_vragen, toezegging_bijwerken
from adviesraad.models.advies import Overname
from adviesraad.models.toezeggingen import Toezegging, ToezeggingStatus
from hengelo_participatie.notifications import registry
from tests.conftest import count_queries

from .helpers import gevraagd, reactie, tot_verzonden

pytestmark = pytest.mark.django_db

FORMULE = '=HYPERLINK("http://evil.example","klik")'


def _beantwoord(raad: dict[str, Any], pdf_bytes: bytes, **kw: Any) -> Any:
    aanvraag = gevraagd(raad, pdf_bytes, **kw)
    tot_verzonden(aanvraag, raad)
    reactie(aanvraag, raad)  # point 1 overgenomen, point 2 deels overgenomen
    return aanvraag


def _ontvangers(kind: str, op: Any) -> set[int]:
    return {d.ontvanger_id for d in registry.provider(kind).deadlines(op)}


def test_every_adopted_point_gets_a_follow_up_record(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    aanvraag = _beantwoord(raad, pdf_bytes)
    rijen = list(Toezegging.objects.filter(aanvraag=aanvraag).order_by("punt__nummer"))
    assert [(t.punt.nummer, t.status) for t in rijen] == [
        (1, ToezeggingStatus.GEPLAND),
        (2, ToezeggingStatus.GEPLAND),
    ]
    assert rijen[1].belofte == "Alleen voor de laagste inkomens."


def test_kept_by_account_holder_seen_by_members_chair_asks_for_an_update(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    aanvraag = _beantwoord(raad, pdf_bytes)
    t = Toezegging.objects.get(aanvraag=aanvraag, punt__nummer=1)
    url = reverse("advies:toezegging", args=[t.pk])
    lid = client_van(raad["leden"][0].user)
    assert lid.get(url).status_code == 200
    assert 'name="status"' not in lid.get(url).content.decode()
    assert lid.post(url, {"status": "uitgevoerd"}).status_code == 404
    houder = client_van(raad["accounthouder"])
    # "vervallen" needs a reason.
    fout = houder.post(url, {"status": "vervallen", "belofte": "x"})
    assert "Schrijf op waarom" in fout.content.decode()
    # The chair asks for an update: a reminder to the account holder until a note answers it.
    vandaag = timezone.localdate()
    chair = client_van(raad["voorzitter"].user)
    assert chair.post(reverse("advies:toezegging_stand", args=[t.pk])).status_code == 302
    assert lid.post(reverse("advies:toezegging_stand", args=[t.pk])).status_code == 404
    assert _ontvangers(ad.TOEZEGGING_STAND_GEVRAAGD, vandaag) == {raad["accounthouder"].pk}
    antwoord = houder.post(
        url,
        {
            "belofte": "Cliëntondersteuning bij elk keukentafelgesprek.",
            "afdeling": "Team Wmo",
            "verwacht_op": (vandaag + timedelta(days=30)).isoformat(),
            "status": "in_uitvoering",
            "notitie": "De werkinstructie is aangepast.",
        },
    )
    assert antwoord.status_code == 302
    t.refresh_from_db()
    assert t.status == ToezeggingStatus.IN_UITVOERING and t.afdeling == "Team Wmo"
    assert t.stand_gevraagd_op is None
    assert _ontvangers(ad.TOEZEGGING_STAND_GEVRAAGD, vandaag) == set()
    notities = list(t.voortgang.all())
    assert [(v.status, v.tekst, v.door) for v in notities] == [
        ("in_uitvoering", "De werkinstructie is aangepast.", raad["accounthouder"])
    ]
    # The policy officer of the request keeps it up to date too.
    toezegging_bijwerken(
        toezegging=t,
        door=raad["beleidsmedewerker"],
        belofte=t.belofte,
        afdeling=t.afdeling,
        verwacht_op=t.verwacht_op,
        status=ToezeggingStatus.UITGEVOERD,
        notitie="Klaar.",
    )
    t.refresh_from_db()
    assert t.status == ToezeggingStatus.UITGEVOERD
    assert t.history.count() >= 3
    pagina = lid.get(url).content.decode()
    assert "De werkinstructie is aangepast." in pagina and "Klaar." in pagina


def test_overdue_expected_date_in_reminders_and_marked_on_the_overview_with_filters(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    aanvraag = _beantwoord(raad, pdf_bytes)
    gisteren = timezone.localdate() - timedelta(days=1)
    t1, t2 = Toezegging.objects.filter(aanvraag=aanvraag).order_by("punt__nummer")
    for t, datum in ((t1, gisteren), (t2, gisteren + timedelta(days=60))):
        Toezegging.objects.filter(pk=t.pk).update(verwacht_op=datum)
    houder_pk = raad["accounthouder"].pk
    assert _ontvangers(ad.TOEZEGGING_VERLOPEN, timezone.localdate()) == {houder_pk}
    deadlines = list(registry.provider(ad.TOEZEGGING_VERLOPEN).deadlines(timezone.localdate()))
    assert [(d.onderwerp_id, d.datum) for d in deadlines] == [(t1.pk, gisteren)]
    lid = client_van(raad["leden"][0].user)
    url = reverse("advies:toezeggingen")
    pagina = lid.get(url).content.decode()
    assert "1 toezegging is over de verwachte datum." in pagina
    assert pagina.count("te laat</strong>") == 1
    alleen_te_laat = lid.get(url, {"te_laat": "1"}).content.decode()
    assert reverse("advies:toezegging", args=[t1.pk]) in alleen_te_laat
    assert reverse("advies:toezegging", args=[t2.pk]) not in alleen_te_laat
    # Done: no longer overdue anywhere.
    toezegging_bijwerken(
        toezegging=t1,
        door=raad["accounthouder"],
        belofte="",
        afdeling="",
        verwacht_op=gisteren,
        status=ToezeggingStatus.UITGEVOERD,
    )
    assert _ontvangers(ad.TOEZEGGING_VERLOPEN, timezone.localdate()) == set()
    assert "te laat</strong>" not in lid.get(url).content.decode()
    # Filters: status, law, year; bad values are ignored, never a 500.
    assert (
        reverse("advies:toezegging", args=[t1.pk])
        not in lid.get(url, {"status": "gepland"}).content.decode()
    )
    assert (
        reverse("advies:toezegging", args=[t2.pk])
        in lid.get(url, {"wet": "wmo", "jaar": str(timezone.localdate().year)}).content.decode()
    )
    assert (
        reverse("advies:toezegging", args=[t2.pk])
        not in lid.get(url, {"wet": "jeugdwet"}).content.decode()
    )
    for slecht in ({"status": "x\x00"}, {"jaar": "99999999999"}, {"pagina": "-1"}):
        assert lid.get(url, slecht).status_code == 200
    # Someone outside the request sees none of it.
    buiten = client_van(
        raad["beleidsmedewerker"].__class__.objects.create_user(
            email="buiten@raad.nl", password="x-Hengelo-2026-lang"
        )
    )
    assert aanvraag.kenmerk not in buiten.get(url).content.decode()
    assert buiten.get(reverse("advies:toezegging", args=[t1.pk])).status_code == 404


def test_csv_export_neutralises_formula_injection(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    aanvraag = _beantwoord(raad, pdf_bytes)
    t = Toezegging.objects.get(aanvraag=aanvraag, punt__nummer=1)
    toezegging_bijwerken(
        toezegging=t,
        door=raad["accounthouder"],
        belofte=FORMULE,
        afdeling="@SUM(1+1)",
        verwacht_op=None,
        status=ToezeggingStatus.GEPLAND,
    )
    antwoord = client_van(raad["leden"][0].user).get(reverse("advies:toezeggingen_csv"))
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("text/csv")
    assert "attachment" in antwoord["Content-Disposition"]
    tekst = antwoord.content.decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert rijen[0][0] == "kenmerk"
    rij = next(r for r in rijen[1:] if r[2] == "1")
    assert rij[3] == "'" + FORMULE and rij[4] == "'@SUM(1+1)"
    for r in rijen:
        for cel in r:
            assert not cel.startswith(("=", "+", "-", "@"))


def test_public_register_and_feed_show_follow_up_without_staff_names(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    aanvraag = _beantwoord(raad, pdf_bytes)
    publiceren(aanvraag=aanvraag, door=raad["ondersteuner"])
    t = Toezegging.objects.get(aanvraag=aanvraag, punt__nummer=1)
    raad["accounthouder"].voornaam, raad["accounthouder"].achternaam = "Karel", "Ambtenaar"
    raad["accounthouder"].save()
    toezegging_bijwerken(
        toezegging=t,
        door=raad["accounthouder"],
        belofte="Cliëntondersteuning vanaf het eerste gesprek.",
        afdeling="Team Wmo",
        verwacht_op=timezone.localdate() + timedelta(days=10),
        status=ToezeggingStatus.IN_UITVOERING,
        notitie="Werkinstructie aangepast.",
    )
    stand_vragen(toezegging=t, door=raad["voorzitter"].user)
    pagina = Client().get(reverse("adviezen:detail", args=[aanvraag.kenmerk])).content.decode()
    assert "Wat ermee gebeurt:" in pagina and "in uitvoering" in pagina
    assert "Werkinstructie aangepast." in pagina and "Team Wmo" in pagina
    for naam in ("Karel", "Ambtenaar", raad["accounthouder"].email, "Anna de Vries"):
        assert naam not in pagina
    assert reverse("advies:toezegging", args=[t.pk]) not in pagina
    feed = Client().get(reverse("adviezen:feed")).content.decode()
    assert "Toezeggingen: 1 gepland, 1 in uitvoering" in feed
    assert "Karel" not in feed and "Ambtenaar" not in feed


def test_overview_and_register_have_a_fixed_query_count(
    raad: dict[str, Any], pdf_bytes: bytes, client_van: Any
) -> None:
    """The same number of queries with 1 and with 10 answered, published advices, each at most
    10: the overview, the CSV, one follow-up record, the feed and the public page."""
    aanvragen: list[Any] = []
    lid = client_van(raad["leden"][0].user)

    def meer(tot: int) -> None:
        for i in range(len(aanvragen), tot):
            a = _beantwoord(raad, pdf_bytes, titel=f"Advies {i}", zaaknummer=f"Z-{i}")
            publiceren(aanvraag=a, door=raad["ondersteuner"])
            aanvragen.append(a)

    def meten() -> dict[str, int]:
        detail_url = reverse("advies:toezegging", args=[Toezegging.objects.first().pk])
        urls = {
            "overzicht": (lid, reverse("advies:toezeggingen")),
            "csv": (lid, reverse("advies:toezeggingen_csv")),
            "detail": (lid, detail_url),
            "feed": (Client(), reverse("adviezen:feed")),
            "openbaar": (Client(), reverse("adviezen:detail", args=[aanvragen[0].kenmerk])),
        }
        gemeten = {}
        for naam, (client, url) in urls.items():
            client.get(url)  # warm up
            gemeten[naam], antwoord = count_queries(lambda c=client, u=url: c.get(u))
            assert antwoord.status_code == 200, naam
        return gemeten

    meer(1)
    een = meten()
    meer(10)
    assert Toezegging.objects.count() == 20
    tien = meten()
    assert een == tien
    assert max(tien.values()) <= 10, tien


def test_niet_overgenomen_points_get_no_follow_up(raad: dict[str, Any], pdf_bytes: bytes) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    tot_verzonden(aanvraag, raad)
    collegereactie_vastleggen(
        aanvraag=aanvraag,
        besluitdatum=timezone.localdate(),
        punten={1: (Overname.NIET, "Geen budget."), 2: (Overname.DEELS, "Deels.")},
        door=raad["beleidsmedewerker"],
    )
    assert list(Toezegging.objects.values_list("punt__nummer", flat=True)) == [2]
