"""Bad input (Hypothesis): no 500s, and invalid input writes no rows."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from participatiemix.importeren import KOLOMMEN, ImportFout, enqueteresultaten_importeren
from participatiemix.models import Enqueteresultaat, Opbrengst, Terugkoppeling
from participatiemix.services import inbreng as inbreng_services
from participatiemix.services import terugkoppelingen as terugkoppelingen_services
from tests.participatiemix.factories import maak_activiteit, thema, uitgevoerd

pytestmark = pytest.mark.django_db

INSTELLINGEN = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
tekst = st.text(max_size=300)
veldwaarde = st.one_of(
    tekst, st.integers(-10, 10**12).map(str), st.sampled_from(["", " ", "ja", "1"])
)


@INSTELLINGEN
@given(
    data=st.fixed_dictionaries(
        {
            "soort": st.one_of(st.sampled_from(["knelpunt", "patroon"]), tekst),
            "thema": veldwaarde,
            "domein": veldwaarde,
            "omschrijving": tekst,
            "citaat": tekst,
            "frequentie": veldwaarde,
        }
    )
)
def test_opbrengstformulier(client_als, data):
    client, gl = _moderator(client_als)
    activiteit = _eigen_activiteit(gl)
    voor = Opbrengst.objects.count()
    response = client.post(
        f"/portaal/participatie/activiteiten/{activiteit.pk}/opbrengsten/nieuw/", data
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Opbrengst.objects.count() == voor
        assert "utrecht-alert--error" in response.content.decode()
    else:
        assert Opbrengst.objects.count() == voor + 1


_cache: dict[str, object] = {}


def _moderator(client_als):
    if "client" not in _cache:
        _cache["client"], _cache["gl"] = client_als("gespreksleider")
    return _cache["client"], _cache["gl"]


def _eigen_activiteit(gl):
    if "activiteit" not in _cache:
        _cache["activiteit"] = uitgevoerd(maak_activiteit(nummer=2, gespreksleider=gl))
    return _cache["activiteit"]


@pytest.fixture(autouse=True)
def _leeg_cache():
    _cache.clear()
    yield
    _cache.clear()


csv_cel = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)


@INSTELLINGEN
@given(
    rijen=st.lists(st.lists(csv_cel, min_size=0, max_size=11), max_size=6),
    scheiding=st.sampled_from([";", ","]),
    kop=st.booleans(),
)
def test_csv_import(rijen, scheiding, kop):
    voor = sorted(Enqueteresultaat.objects.values_list("pk", "percentage_positief"))
    regels = ([scheiding.join(KOLOMMEN)] if kop else []) + [scheiding.join(r) for r in rijen]
    try:
        enqueteresultaten_importeren(inhoud="\n".join(regels).encode(), door=None)
    except ImportFout as exc:
        assert exc.fouten
        assert sorted(Enqueteresultaat.objects.values_list("pk", "percentage_positief")) == voor


@INSTELLINGEN
@given(inhoud=st.binary(max_size=500))
def test_csv_import_willekeurige_bytes(inhoud):
    voor = Enqueteresultaat.objects.count()
    try:
        enqueteresultaten_importeren(inhoud=inhoud, door=None)
    except ImportFout:
        assert Enqueteresultaat.objects.count() == voor


@INSTELLINGEN
@given(
    gegeven_op=st.one_of(
        st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))
    ),
    wat=tekst,
    hoe=tekst,
    je_zei=tekst,
    openbaar=st.booleans(),
)
def test_terugkoppeling_vastleggen(gegeven_op, wat, hoe, je_zei, openbaar):
    if "t" not in _cache:
        _cache["t"] = uitgevoerd(
            maak_activiteit(nummer=1, startdatum=date(2026, 3, 2))
        ).terugkoppeling
    t = Terugkoppeling.objects.get(pk=_cache["t"].pk)
    voor = (t.gegeven_op, t.wat_gedaan, t.openbaar)
    clean = [s.replace("\x00", "") for s in (wat, hoe, je_zei)]
    try:
        terugkoppelingen_services.terugkoppeling_vastleggen(
            terugkoppeling=t,
            door=None,
            gegeven_op=gegeven_op,
            wat_gedaan=clean[0],
            hoe_geinformeerd=clean[1],
            je_zei=clean[2],
            openbaar=openbaar,
        )
    except ValidationError:
        opnieuw = Terugkoppeling.objects.get(pk=t.pk)
        assert (opnieuw.gegeven_op, opnieuw.wat_gedaan, opnieuw.openbaar) == voor


@INSTELLINGEN
@given(soort=tekst, omschrijving=tekst, frequentie=st.integers(-5, 10**10))
def test_opbrengst_service(soort, omschrijving, frequentie):
    if "a" not in _cache:
        _cache["a"] = uitgevoerd(maak_activiteit(nummer=1))
    voor = Opbrengst.objects.count()
    try:
        inbreng_services.opbrengst_toevoegen(
            activiteit=_cache["a"],
            door=None,
            soort=soort,
            thema=thema(),
            omschrijving=omschrijving.replace("\x00", ""),
            frequentie=frequentie,
        )
    except ValidationError:
        assert Opbrengst.objects.count() == voor
    else:
        assert Opbrengst.objects.count() == voor + 1
