"""CSV import of survey indicators: all or nothing, with the bad rows named."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from participatiemix.importeren import ImportFout, enqueteresultaten_importeren
from participatiemix.models import Enqueteresultaat
from tests.factories import UserFactory
from tests.participatiemix.factories import EnqueteresultaatFactory

pytestmark = pytest.mark.django_db

KOP = (
    "onderzoek;wet;indicator_code;indicator_tekst;jaar;percentage_positief;n;bron;publicatiedatum\n"
)
GOED = KOP + (
    "ceo;wmo;WMO-01;Ik weet waar ik terechtkan;2024;71,0;398;CEO Wmo 2024;2025-06-15\n"
    "ceo;wmo;WMO-01;Ik weet waar ik terechtkan;2025;74,5;412;CEO Wmo 2025;30-06-2026\n"
    "kbo;Participatiewet;PW-01;Tevreden over Werk en Inkomen;2025;68.5;322;KBO 2025;2026-03-05\n"
)
FOUT = KOP + (
    "ceo;wmo;WMO-01;Ik weet waar ik terechtkan;2025;80;400;CEO Wmo 2025;2026-06-30\n"  # regel 2: ok
    "ceo;wmo;WMO-02;Past bij mijn vraag;2025;101;400;CEO Wmo 2025;2026-06-30\n"  # regel 3
    "ceo;jeugdwet;JW-01;Serieus genomen;2025;79,3;238;CEO Jeugd 2025;2026-06-18\n"  # regel 4: ok
    "xyz;marswet;JW-02;Iets;twintig;veel;-3;;gisteren\n"  # regel 5
    "ceo;wmo;WMO-01;Dubbel;2025;70;400;CEO;2026-06-30\n"  # regel 6: same as regel 2
)


def test_een_goed_bestand_wordt_ingelezen_en_opnieuw_inlezen_werkt_bij():
    resultaat = enqueteresultaten_importeren(inhoud=GOED.encode(), door=None)
    assert (resultaat.aangemaakt, resultaat.bijgewerkt) == (3, 0)
    assert Enqueteresultaat.objects.get(
        indicator_code="WMO-01", jaar=2025
    ).percentage_positief == Decimal("74.5")

    nieuw = GOED.replace("74,5", "75,0")
    resultaat = enqueteresultaten_importeren(inhoud=nieuw.encode("utf-8-sig"), door=None)
    assert (resultaat.aangemaakt, resultaat.bijgewerkt) == (0, 3)
    assert Enqueteresultaat.objects.count() == 3
    assert Enqueteresultaat.objects.get(
        indicator_code="WMO-01", jaar=2025
    ).percentage_positief == Decimal("75.0")


def test_een_fout_bestand_verandert_niets_en_noemt_de_foute_regels():
    bestaand = EnqueteresultaatFactory(indicator_code="WMO-01", jaar=2025, percentage_positief=60)

    with pytest.raises(ImportFout) as exc:
        enqueteresultaten_importeren(inhoud=FOUT.encode(), door=None)

    fouten = exc.value.fouten
    assert [f.split(":")[0] for f in fouten] == ["Regel 3", "Regel 5", "Regel 6"]
    assert "% positief" in fouten[0] and "100" in fouten[0]
    for stuk in (
        "onderzoek „xyz”",
        "wet „marswet”",
        "jaar „twintig”",
        "percentage_positief „veel”",
        "publicatiedatum „gisteren”",
    ):
        assert stuk in fouten[1]
    assert "ook op regel 2" in fouten[2]
    assert Enqueteresultaat.objects.count() == 1
    bestaand.refresh_from_db()
    assert bestaand.percentage_positief == 60  # regel 2 would have updated it: nothing was written


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        (b"", "leeg"),
        (b"onderzoek;wet\nceo;wmo\n", "Regel 1: deze kolommen ontbreken: indicator_code"),
        ("onderzoek;wet\n".encode("utf-16"), "UTF-8"),
        (KOP.encode(), "geen gegevens"),
        ((KOP + "ceo;wmo;A;B;2025;1;2;3;2026-01-01;extra\n").encode(), "Regel 2: te veel kolommen"),
        (b"\x00\x01", "ongeldige tekens"),
    ],
)
def test_onbruikbare_bestanden(inhoud, melding):
    with pytest.raises(ImportFout) as exc:
        enqueteresultaten_importeren(inhoud=inhoud, door=None)
    assert melding in " ".join(exc.value.fouten)
    assert not Enqueteresultaat.objects.exists()


def test_alleen_wie_mag_toevoegen_en_wijzigen_importeert():
    with pytest.raises(PermissionDenied):
        enqueteresultaten_importeren(inhoud=GOED.encode(), door=UserFactory(roles=["lid"]))
    enqueteresultaten_importeren(inhoud=GOED.encode(), door=UserFactory(roles=["accounthouder"]))
    assert Enqueteresultaat.objects.count() == 3
    assert Enqueteresultaat.history.filter(history_change_reason="CSV-import").count() == 3


def _upload(tekst: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("ceo.csv", tekst.encode(), content_type="text/csv")


def test_import_via_het_beheer(client_als):
    client, _ = client_als("accounthouder")
    url = "/admin/participatiemix/enqueteresultaat/importeren/"
    assert client.get(url).status_code == 200
    assert (
        "Importeren uit CSV"
        in client.get("/admin/participatiemix/enqueteresultaat/").content.decode()
    )

    fout = client.post(url, {"bestand": _upload(FOUT)})
    assert fout.status_code == 200
    html = fout.content.decode()
    assert "Er is niets ingelezen" in html
    assert "Regel 3:" in html and "Regel 5:" in html and "Regel 6:" in html
    assert not Enqueteresultaat.objects.exists()

    goed = client.post(url, {"bestand": _upload(GOED)})
    assert goed.status_code == 302
    assert Enqueteresultaat.objects.count() == 3


@pytest.mark.parametrize("rol", ["ondersteuner", "lid"])
def test_import_in_het_beheer_geweigerd(client_als, rol):
    client, _ = client_als(rol)
    url = "/admin/participatiemix/enqueteresultaat/importeren/"
    verwacht = 403 if rol == "ondersteuner" else 302  # staff without rights / not staff
    assert client.get(url).status_code == verwacht
    assert client.post(url, {"bestand": _upload(GOED)}).status_code == verwacht
    assert not Enqueteresultaat.objects.exists()


def test_vergelijking_jaar_op_jaar(client_als):
    enqueteresultaten_importeren(inhoud=GOED.encode(), door=None)
    client, _ = client_als("lid")
    html = client.get("/portaal/participatie/enquetes/").content.decode()
    assert "74.5%" in html or "74,5%" in html
    assert "+3,5" in html or "+3.5" in html  # 71.0 → 74.5
    assert (
        client.get("/portaal/participatie/enquetes/?onderzoek=kbo")
        .content.decode()
        .count("utrecht-table__row")
        == 2
    )  # header + PW-01
