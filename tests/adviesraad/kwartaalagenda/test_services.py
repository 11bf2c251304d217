"""Services of the quarterly agenda: publishing, the diff, seen-tracking, linking, history."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from adviesraad.kwartaalagenda import selectors, services
from adviesraad.kwartaalagenda.models import Agendapunt, Gezien, Kwartaalagenda, Versie
from tests.conftest import count_queries

from .conftest import aanvraag, agenda_met_punten, punt

pytestmark = pytest.mark.django_db


def test_publiceren_bevriest_een_genummerde_versie(mensen: dict[str, Any]) -> None:
    agenda = agenda_met_punten(2)
    v1 = services.publiceren(agenda=agenda, door=mensen["accounthouder"], toelichting=" Eerste ")
    assert (v1.nummer, v1.gepubliceerd_door, v1.toelichting) == (
        1,
        mensen["accounthouder"],
        "Eerste",
    )
    assert [p["titel"] for p in v1.inhoud["punten"]] == ["Onderwerp 000", "Onderwerp 001"]
    assert v1.inhoud["punten"][0]["meedenken_op"] == "2026-04-01"

    eerste = agenda.punten.order_by("pk").first()
    services.punt_wijzigen(punt=eerste, door=mensen["beleidsmedewerker"], titel="Nieuwe titel")
    v2 = services.publiceren(agenda=agenda, door=mensen["beleidsmedewerker"])
    assert v2.nummer == 2
    v1.refresh_from_db()
    assert v1.inhoud["punten"][0]["titel"] == "Onderwerp 000"  # the old version is frozen
    with pytest.raises(ValidationError):
        v1.save()
    with pytest.raises(ValidationError):
        v1.delete()
    assert Versie.objects.filter(agenda=agenda).count() == 2


def test_publiceren_weigert_leeg_en_ongewijzigd_en_onbevoegd(mensen: dict[str, Any]) -> None:
    agenda = services.agenda_aanmaken(jaar=2026, kwartaal=3, door=mensen["accounthouder"])
    with pytest.raises(ValidationError, match="nog geen onderwerpen"):
        services.publiceren(agenda=agenda, door=mensen["accounthouder"])
    punt(agenda, "Iets")
    services.publiceren(agenda=agenda, door=mensen["accounthouder"])
    with pytest.raises(ValidationError, match="niets veranderd sinds versie 1"):
        services.publiceren(agenda=agenda, door=mensen["accounthouder"])
    punt(agenda, "Nog iets")
    for rol in ("lid", "voorzitter", "ondersteuner", "gespreksleider", "oud_lid"):
        with pytest.raises(PermissionDenied):
            services.publiceren(agenda=agenda, door=mensen[rol])
    assert agenda.versies.count() == 1


def test_alleen_beheerders_schrijven(mensen: dict[str, Any]) -> None:
    agenda = agenda_met_punten(1)
    p = agenda.punten.get()
    for rol in ("lid", "voorzitter", "vicevoorzitter", "ondersteuner", "oud_lid"):
        with pytest.raises(PermissionDenied):
            services.agenda_aanmaken(jaar=2030, kwartaal=1, door=mensen[rol])
        with pytest.raises(PermissionDenied):
            services.punt_toevoegen(agenda=agenda, door=mensen[rol], titel="x")
        with pytest.raises(PermissionDenied):
            services.punt_wijzigen(punt=p, door=mensen[rol], titel="x")
        with pytest.raises(PermissionDenied):
            services.punt_verwijderen(punt=p, door=mensen[rol])
    assert Kwartaalagenda.objects.count() == 1
    assert list(Agendapunt.objects.values_list("titel", flat=True)) == ["Onderwerp 000"]


def test_kwartaal_is_uniek_en_data_in_volgorde(mensen: dict[str, Any]) -> None:
    services.agenda_aanmaken(jaar=2026, kwartaal=1, door=mensen["accounthouder"])
    with pytest.raises(ValidationError) as exc:
        services.agenda_aanmaken(jaar=2026, kwartaal=1, door=mensen["beleidsmedewerker"])
    assert "Er is al een kwartaalagenda" in str(exc.value)
    agenda = Kwartaalagenda.objects.get()
    with pytest.raises(ValidationError, match="ligt vóór"):
        services.punt_toevoegen(
            agenda=agenda,
            door=mensen["accounthouder"],
            titel="Verkeerd om",
            adviesgesprek_op=date(2026, 3, 1),
            collegebesluit_op=date(2026, 2, 1),
        )
    assert not agenda.punten.exists()


def test_verschil_nieuw_vervallen_verschoven_en_hernoemd(mensen: dict[str, Any]) -> None:
    agenda = agenda_met_punten(3)
    a, b, c = agenda.punten.order_by("pk")
    v1 = services.publiceren(agenda=agenda, door=None)
    services.punt_wijzigen(punt=a, door=None, adviesgesprek_op=date(2026, 6, 30))
    services.punt_wijzigen(punt=b, door=None, titel="Onderwerp B, nieuwe naam")
    services.punt_verwijderen(punt=c, door=None)
    punt(agenda, "Helemaal nieuw")
    v2 = services.publiceren(agenda=agenda, door=None)

    d = selectors.verschil(v1.inhoud, v2.inhoud, van=1, naar=2)
    assert d.nieuw == ["Helemaal nieuw"]
    assert d.vervallen == ["Onderwerp 002"]
    gewijzigd = {w.titel: [(v.label, v.oud, v.nieuw) for v in w.velden] for w in d.gewijzigd}
    assert gewijzigd == {
        "Onderwerp 000": [("Adviesgesprek", date(2026, 5, 1), date(2026, 6, 30))],
        "Onderwerp B, nieuwe naam": [("Onderwerp", "Onderwerp 001", "Onderwerp B, nieuwe naam")],
    }
    assert d.aantal == 4
    assert not selectors.verschil(v2.inhoud, v2.inhoud)
    alles_nieuw = selectors.verschil(None, v2.inhoud)
    assert len(alles_nieuw.nieuw) == 3 and alles_nieuw.van is None


def test_gezien_volgt_de_laatst_bekeken_versie(mensen: dict[str, Any]) -> None:
    lid = mensen["lid"]
    agenda = agenda_met_punten(2)
    v1 = services.publiceren(agenda=agenda, door=mensen["accounthouder"])
    # The publisher has seen their own version.
    assert Gezien.objects.get(user=mensen["accounthouder"]).versie == v1

    pagina = selectors.agenda_pagina(lid, agenda.pk)
    assert pagina.eerste_keer and pagina.sinds_gezien is None
    services.gezien_markeren(user=lid, versie=v1)
    assert selectors.wijzigingen_voor(lid, op=date(2026, 5, 1)) == []

    services.punt_wijzigen(punt=agenda.punten.first(), door=None, raad_op=date(2026, 6, 25))
    v2 = services.publiceren(agenda=agenda, door=mensen["accounthouder"])
    pagina = selectors.agenda_pagina(lid, agenda.pk)
    assert pagina.sinds_gezien is not None and pagina.sinds_gezien.van == 1
    assert [w.titel for w in pagina.sinds_gezien.gewijzigd] == ["Onderwerp 000"]

    services.gezien_markeren(user=lid, versie=v2)
    services.gezien_markeren(user=lid, versie=v1)  # an old tab: never moves back
    assert Gezien.objects.get(user=lid).versie == v2
    assert selectors.agenda_pagina(lid, agenda.pk).sinds_gezien is None


def test_wijzigingen_voor_het_dashboard(mensen: dict[str, Any]) -> None:
    lid = mensen["lid"]
    oud = agenda_met_punten(1, jaar=2025, kwartaal=4)  # already ended: not on the dashboard
    services.publiceren(agenda=oud, door=None)
    q2 = agenda_met_punten(2, kwartaal=2)
    v1 = services.publiceren(agenda=q2, door=None)
    q3 = agenda_met_punten(1, kwartaal=3)
    services.publiceren(agenda=q3, door=None)
    services.gezien_markeren(user=lid, versie=v1)
    punt(q2, "Later toegevoegd")
    services.publiceren(agenda=q2, door=None)

    uitkomst = selectors.wijzigingen_voor(lid, op=date(2026, 5, 10))
    assert [(k.naam, k.versie, k.verschil.van) for k in uitkomst] == [
        ("2e kwartaal 2026", 2, 1),
        ("3e kwartaal 2026", 1, None),
    ]
    assert uitkomst[0].verschil.nieuw == ["Later toegevoegd"]
    assert uitkomst[0].url == f"/portaal/kwartaalagenda/{q2.pk}/"
    assert selectors.wijzigingen_voor(mensen["gespreksleider"]) == []
    assert selectors.wijzigingen_voor(mensen["oud_lid"]) == []

    # A fixed number of queries, whatever the number of quarters and items.
    lid = type(lid).objects.get(pk=lid.pk)
    klein, _ = count_queries(lambda: selectors.wijzigingen_voor(lid, op=date(2026, 5, 10)))
    for kwartaal in (1, 2, 3, 4):
        agenda = agenda_met_punten(10, jaar=2027, kwartaal=kwartaal)
        services.publiceren(agenda=agenda, door=None)
        services.gezien_markeren(user=lid, versie=agenda.versies.get())
        punt(agenda, "Extra")
        services.publiceren(agenda=agenda, door=None)
    lid = type(lid).objects.get(pk=lid.pk)
    groot, uitkomst = count_queries(lambda: selectors.wijzigingen_voor(lid, op=date(2026, 5, 10)))
    assert len(uitkomst) == 6
    assert groot == klein <= 5


def test_koppelen_volgt_het_adviesbeleid(mensen: dict[str, Any]) -> None:
    beleid, beleid2 = mensen["beleidsmedewerker"], mensen["beleid2"]
    agenda = agenda_met_punten(1)
    p = agenda.punten.get()
    eigen = aanvraag(beleid, "Eigen aanvraag")
    andere = aanvraag(beleid2, "Aanvraag van een collega")

    with pytest.raises(ValidationError, match="Kies een adviesaanvraag uit de lijst"):
        services.punt_koppelen(punt=p, aanvraag=andere, door=beleid)
    p = services.punt_koppelen(punt=p, aanvraag=eigen, door=beleid)
    assert p.adviesaanvraag == eigen
    # The colleague cannot see "eigen", so cannot replace or remove that link.
    with pytest.raises(ValidationError, match="niet kunt inzien"):
        services.punt_koppelen(punt=p, aanvraag=None, door=beleid2)
    # The account holder sees every request (group grant).
    p = services.punt_koppelen(punt=p, aanvraag=andere, door=mensen["accounthouder"])
    assert p.adviesaanvraag == andere
    with pytest.raises(PermissionDenied):
        services.punt_koppelen(punt=p, aanvraag=None, door=mensen["lid"])
    p.refresh_from_db()
    assert p.adviesaanvraag == andere


def test_gekoppelde_aanvraag_alleen_voor_wie_hem_mag_zien(mensen: dict[str, Any]) -> None:
    beleid = mensen["beleidsmedewerker"]
    agenda = agenda_met_punten(1)
    services.publiceren(agenda=agenda, door=None)
    a = aanvraag(beleid, "Geheime aanvraag")
    # Linked after publication: shown without a new version, to those who may see the request.
    services.punt_koppelen(punt=agenda.punten.get(), aanvraag=a, door=beleid)
    for user, ziet in (
        (beleid, True),
        (mensen["ondersteuner"], True),
        (mensen["lid"], False),  # not a sitting member: no grant on the request
        (mensen["beleid2"], False),
    ):
        onderwerpen = selectors.afdruk(user, agenda.pk).onderwerpen
        assert onderwerpen[0].titel == "Onderwerp 000"
        assert (onderwerpen[0].aanvraag == a) is ziet, user.email


def test_geschiedenis_met_gebruiker_en_reden(mensen: dict[str, Any]) -> None:
    accounthouder = mensen["accounthouder"]
    agenda = services.agenda_aanmaken(jaar=2026, kwartaal=4, door=accounthouder)
    p = services.punt_toevoegen(agenda=agenda, door=accounthouder, titel="Eerst")
    services.punt_wijzigen(punt=p, door=mensen["beleidsmedewerker"], titel="Daarna")
    pk = p.pk
    services.punt_verwijderen(punt=p, door=accounthouder)
    historie = list(Agendapunt.history.filter(id=pk).order_by("history_id"))
    assert [
        (h.history_type, h.titel, h.history_user, h.history_change_reason) for h in historie
    ] == [
        ("+", "Eerst", accounthouder, "onderwerp toegevoegd"),
        ("~", "Daarna", mensen["beleidsmedewerker"], "onderwerp gewijzigd"),
        ("-", "Daarna", accounthouder, "onderwerp verwijderd"),
    ]
    assert agenda.history.get().history_user == accounthouder
