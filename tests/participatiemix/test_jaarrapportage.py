"""The yearly report: figures asserted exactly against a known data set, on the dashboard page
(HTML) and in the PDF made by the Celery task (text read back with pypdf)."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from participatiemix import jaarrapport
from participatiemix.models import Jaarrapportage, Terugkoppeling
from participatiemix.services import activiteiten as activiteiten_services
from participatiemix.services import inbreng as inbreng_services
from participatiemix.services import rapportage as rapportage_services
from participatiemix.services import rapportage_maken as rapportage_maken_services
from participatiemix.services import terugkoppelingen as terugkoppelingen_services
from tests.factories import UserFactory
from tests.participatiemix.factories import (
    domein,
    maak_activiteit,
    plan,
    spelregels_invullen,
    thema,
    uitgevoerd,
)

pytestmark = pytest.mark.django_db

PEILDATUM = date(2026, 11, 28)


def _terugkoppelen(activiteit, gegeven_op):
    terugkoppelingen_services.terugkoppeling_vastleggen(
        terugkoppeling=Terugkoppeling.objects.get(activiteit=activiteit),
        door=None,
        gegeven_op=gegeven_op,
        wat_gedaan="Aanpak aangepast.",
        hoe_geinformeerd="Per brief.",
    )


def _opbrengst(activiteit, soort, *, thema_naam="Zorg", benut=None, frequentie=1):
    o = inbreng_services.opbrengst_toevoegen(
        activiteit=activiteit,
        door=None,
        soort=soort,
        thema=thema(thema_naam),
        domein=domein(),
        omschrijving=f"{soort} bij {activiteit.titel}",
        frequentie=frequentie,
    )
    if benut:
        inbreng_services.benutting_vastleggen(
            opbrengst=o, door=None, soort=benut, omschrijving="Gedaan.", datum=date(2026, 10, 1)
        )
    return o


@pytest.fixture
def jaar_2026():
    """Four held activities in 2026, one planned one, one in 2025. The feedback period is 6
    weeks (conftest); every due date lies before PEILDATUM and before today."""
    plan(2026, {1: (1, 1, 0, 0), 2: (1, 1, 1, 1), 3: (0, 1, 0, 0)})
    gl = UserFactory(roles=["gespreksleider"])

    a1 = maak_activiteit(
        nummer=2,
        titel="Gesprek mantelzorgers",
        startdatum=date(2026, 2, 10),
        aantal_deelnemers=9,
        gespreksleider=gl,
        themas=[thema("Zorg")],
        domeinen=[domein("wmo")],
        beslisruimte="Uitvoering.",
        verwachtingen="Brief.",
    )
    spelregels_invullen(a1)
    uitgevoerd(a1)
    _opbrengst(a1, "ervaring", frequentie=3, benut="beleid")
    _opbrengst(a1, "knelpunt", frequentie=2)
    _terugkoppelen(a1, date(2026, 3, 1))  # due 24 March: on time
    activiteiten_services.activiteit_afsluiten(activiteit=a1, door=None)

    a2 = maak_activiteit(
        nummer=2,
        titel="Gesprek jongeren",
        startdatum=date(2026, 5, 12),
        aantal_deelnemers=7,
        gespreksleider=gl,
        themas=[thema("Zorg"), thema("Communicatie")],
        domeinen=[domein("jeugdwet")],
    )
    spelregels_invullen(a2, {4: "deels", 10: "nee"})
    uitgevoerd(a2)
    _opbrengst(a2, "suggestie", thema_naam="Communicatie", benut="communicatie")
    _terugkoppelen(a2, date(2026, 7, 30))  # due 23 June: late

    a3 = maak_activiteit(
        nummer=1,
        titel="CEO Wmo",
        startdatum=date(2026, 3, 5),
        aantal_deelnemers=400,
        themas=[thema("Ondersteuning")],
        domeinen=[domein("wmo")],
    )
    uitgevoerd(a3)
    _opbrengst(a3, "behoefte", thema_naam="Ondersteuning")  # feedback open, due 16 April

    a4 = maak_activiteit(
        nummer=3,
        titel="Jeugdtafel",
        startdatum=date(2026, 8, 20),
        aantal_deelnemers=12,
        themas=[thema("Uitvoering")],
        domeinen=[domein("jeugdwet")],
    )
    uitgevoerd(a4)  # Spelregels not answered: 10 open
    _opbrengst(a4, "patroon", thema_naam="Uitvoering", benut="uitvoering")
    _terugkoppelen(a4, date(2026, 9, 10))  # due 1 October: on time

    maak_activiteit(
        nummer=2, titel="Gepland gesprek", startdatum=date(2026, 9, 1), aantal_deelnemers=50
    )  # planned, never held: not counted
    vorig = maak_activiteit(
        nummer=1, titel="CEO 2025", startdatum=date(2025, 6, 1), aantal_deelnemers=300
    )
    uitgevoerd(vorig)  # another year


KERNCIJFERS = [
    "Uitgevoerde activiteiten: 4 (gepland: 7)",
    "Deelnemers bereikt: 428",
    "Opbrengsten: 5",
    "Opbrengsten benut: 3 (60%)",
    "Terugkoppeling gegeven: 3 van 4 (75%)",
    "Terugkoppeling op tijd: 2 (67%)",
    "Terugkoppeling te laat en nog open: 1",
    "Spelregels met ja beantwoord: 18 van 20 (90%)",
    "Te laat gegeven: 1",
    "Nog open, binnen de termijn: 0",
    "Gebruikt voor beleid: 1",
    "Gebruikt voor dienstverlening: 0",
    "Gebruikt voor communicatie: 1",
    "Gebruikt voor uitvoering: 1",
    "Getoetst bij 3 activiteiten van instrument 2, 3 of 4.",
]


def test_de_cijfers_kloppen(jaar_2026):
    r = jaarrapport.jaarrapport(jaar=2026, peildatum=PEILDATUM)
    per_nummer = {i.nummer: i for i in r.instrumenten}

    assert (r.aantal_activiteiten, r.aantal_gepland, r.aantal_deelnemers) == (4, 7, 428)
    assert per_nummer[1].gepland == (1, 1, 0, 0) and per_nummer[1].uitgevoerd == (1, 0, 0, 0)
    assert per_nummer[2].gepland == (1, 1, 1, 1) and per_nummer[2].uitgevoerd == (1, 1, 0, 0)
    assert per_nummer[3].gepland == (0, 1, 0, 0) and per_nummer[3].uitgevoerd == (0, 0, 1, 0)
    assert [per_nummer[n].verschil for n in (1, 2, 3, 4, 5)] == [-1, -2, 0, 0, 0]
    assert per_nummer[2].deelnemers == 16 and per_nummer[1].deelnemers == 400
    assert per_nummer[2].domeinen == ("Wmo 2015", "Jeugdwet")
    assert r.themas == [("Zorg", 2), ("Communicatie", 1), ("Ondersteuning", 1), ("Uitvoering", 1)]
    assert dict(r.opbrengsten_per_soort) == {
        "ervaring": 1,
        "behoefte": 1,
        "knelpunt": 1,
        "suggestie": 1,
        "terugkerend patroon": 1,
    }
    assert (r.opbrengsten_benut, r.percentage_benut) == (3, 60)
    t = r.terugkoppeling
    assert (t.activiteiten, t.gegeven, t.op_tijd, t.te_laat_gegeven) == (4, 3, 2, 1)
    assert (t.open_verlopen, t.open_niet_verlopen) == (1, 0)
    assert (t.percentage_gegeven, t.percentage_op_tijd) == (75, 67)
    assert r.spelregel_activiteiten == 3
    regel4 = r.spelregels[3]
    assert (regel4.nummer, regel4.ja, regel4.deels, regel4.nee, regel4.open) == (4, 1, 1, 0, 1)
    assert (r.spelregels_ja, r.spelregels_beantwoord, r.percentage_spelregels_ja) == (18, 20, 90)


def test_open_terugkoppeling_binnen_de_termijn_telt_apart(jaar_2026):
    r = jaarrapport.jaarrapport(jaar=2026, peildatum=date(2026, 4, 1))  # before CEO Wmo's due date
    assert (r.terugkoppeling.open_verlopen, r.terugkoppeling.open_niet_verlopen) == (0, 1)


def _tekst(html: str) -> str:
    zonder_tags = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", zonder_tags).replace(" )", ")").replace("( ", "(")


def test_dashboard_toont_de_cijfers(jaar_2026, client_als):
    client, _ = client_als("beleidsmedewerker")
    response = client.get("/portaal/participatie/jaarrapportage/?jaar=2026")

    assert response.status_code == 200
    tekst = _tekst(response.content.decode())
    for regel in KERNCIJFERS:
        assert regel in tekst, regel
    te_laat = tekst.split("Terugkoppeling te laat", 2)[-1]
    assert "CEO Wmo Schriftelijk bevragen van inwoners 16 april 2026" in te_laat
    assert "Jeugdtafel" not in te_laat


def test_pdf_wordt_in_celery_gemaakt_met_dezelfde_cijfers(
    jaar_2026, client_als, django_capture_on_commit_callbacks
):
    client, user = client_als("beleidsmedewerker")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/portaal/participatie/jaarrapportage/pdf/", {"jaar": "2026"})

    rapportage = Jaarrapportage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/portaal/participatie/jaarrapportage/pdf/{rapportage.pk}/"
    assert (rapportage.status, rapportage.voortgang) == ("klaar", 100)
    assert rapportage.aangevraagd_door == user and rapportage.pdf is not None

    status = client.get(response["Location"], headers={"HX-Request": "true"})
    assert status.status_code == 200
    assert "hx-get" not in status.content.decode()  # finished: polling stops
    assert "Download de jaarrapportage 2026" in status.content.decode()

    download = client.get(f"/portaal/participatie/jaarrapportage/pdf/{rapportage.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    pdf = b"".join(download.streaming_content)
    tekst = re.sub(
        r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    )
    assert "Jaarrapportage participatiemix 2026" in tekst
    for regel in KERNCIJFERS:
        assert regel in tekst, regel


def test_een_lopende_aanvraag_wordt_hergebruikt_en_de_taak_is_idempotent(jaar_2026):
    from participatiemix.tasks import jaarrapportage_maken

    user = UserFactory(roles=["beleidsmedewerker"])
    eerste = rapportage_services.jaarrapportage_aanvragen(jaar=2026, door=user)
    tweede = rapportage_services.jaarrapportage_aanvragen(jaar=2026, door=user)
    assert eerste.nieuw and not tweede.nieuw
    assert tweede.rapportage.pk == eerste.rapportage.pk

    assert jaarrapportage_maken(eerste.rapportage.pk) == "klaar"
    pdf_id = Jaarrapportage.objects.get().pdf_id
    assert jaarrapportage_maken(eerste.rapportage.pk) == "klaar"
    assert Jaarrapportage.objects.get().pdf_id == pdf_id


def test_status_toont_voortgang_en_pollt_zolang_niet_klaar(jaar_2026, client_als):
    client, user = client_als("lid")
    rapportage = Jaarrapportage.objects.create(
        jaar=2026, peildatum=PEILDATUM, status="bezig", voortgang=40, aangevraagd_door=user
    )
    html = client.get(f"/portaal/participatie/jaarrapportage/pdf/{rapportage.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert 'value="40"' in html
    assert (
        client.get(
            f"/portaal/participatie/jaarrapportage/pdf/{rapportage.pk}/download/"
        ).status_code
        == 404
    )


def test_leden_mogen_kijken_maar_geen_pdf_aanvragen(jaar_2026, client_als):
    client, _ = client_als("lid")
    assert client.get("/portaal/participatie/jaarrapportage/").status_code == 200
    assert (
        client.post("/portaal/participatie/jaarrapportage/pdf/", {"jaar": "2026"}).status_code
        == 404
    )
    assert not Jaarrapportage.objects.exists()


def test_een_mislukte_pdf_stopt_het_pollen(client_als, monkeypatch):
    from hengelo_participatie.pdf import PdfRenderError

    def kapot(document):
        raise PdfRenderError("Niet toegestane bron in PDF")

    monkeypatch.setattr("hengelo_participatie.pdf.render", kapot)
    client, user = client_als("beleidsmedewerker")
    rapportage = rapportage_services.jaarrapportage_aanvragen(jaar=2026, door=user).rapportage
    assert (
        rapportage_maken_services.jaarrapportage_genereren(rapportage_id=rapportage.pk) == "mislukt"
    )
    rapportage.refresh_from_db()
    assert (rapportage.status, rapportage.pdf_id) == ("mislukt", None)
    html = client.get(f"/portaal/participatie/jaarrapportage/pdf/{rapportage.pk}/").content.decode()
    assert "mislukt" in html and "hx-get" not in html


def test_een_blijven_hangende_aanvraag_wordt_opnieuw_ingepland(
    django_capture_on_commit_callbacks, monkeypatch
):
    from datetime import timedelta

    from django.utils import timezone

    ingepland = []
    monkeypatch.setattr(rapportage_services, "_inplannen", ingepland.append)
    user = UserFactory(roles=["beleidsmedewerker"])
    with django_capture_on_commit_callbacks(execute=True):
        eerste = rapportage_services.jaarrapportage_aanvragen(jaar=2026, door=user).rapportage
    with django_capture_on_commit_callbacks(execute=True):
        rapportage_services.jaarrapportage_aanvragen(jaar=2026, door=user)  # recent: not again
    Jaarrapportage.objects.filter(pk=eerste.pk).update(
        aangevraagd_op=timezone.now() - timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        rapportage_services.jaarrapportage_aanvragen(jaar=2026, door=user)
    assert ingepland == [eerste.pk, eerste.pk]
    assert Jaarrapportage.objects.count() == 1
