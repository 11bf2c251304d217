"""Odd input to the service and the admin forms: no 500s, and invalid input writes no rows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from verordening.models import Regel
from verordening.services import regels

pytestmark = pytest.mark.django_db

HYPO = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class _Terugdraaien(Exception):
    pass


def _in_savepoint(func):
    """Run ``func`` and roll its writes back, so examples do not see each other's rows."""
    try:
        with transaction.atomic():
            resultaat = func()
            raise _Terugdraaien(resultaat)
    except _Terugdraaien as stop:
        return stop.args[0]


def _tellingen():
    return Regel.objects.count(), Regel.history.count()


json_waarden = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.decimals(allow_nan=True, allow_infinity=True).map(str),
    lambda kinderen: (
        st.lists(kinderen, max_size=4) | st.dictionaries(st.text(max_size=5), kinderen, max_size=3)
    ),
    max_leaves=8,
)


@HYPO
@given(
    sleutel=st.sampled_from(
        [
            "max_terms",
            "vrijwilligersvergoeding_max_maand",
            "startdrempel",
            "postcodes_hengelo",
            "zittingstermijn",
            "bestaat_niet",
        ]
    ),
    waarde=json_waarden | st.integers(0, 50) | st.sampled_from(["2/3", "12.50", [[7550, 7559]]]),
    dagen=st.integers(min_value=-800, max_value=3000),
)
def test_regel_wijzigen_with_odd_input(beheerder, sleutel, waarde, dagen):
    vanaf = timezone.localdate() + timedelta(days=dagen)

    def poging():
        voor = _tellingen()
        try:
            regels.regel_wijzigen(
                sleutel=sleutel, waarde=waarde, geldig_vanaf=vanaf, bron=None, door=beheerder
            )
        except ValidationError:
            assert _tellingen() == voor
            return "geweigerd"
        assert dagen >= 0
        return "ok"

    event(_in_savepoint(poging))


tekst = st.text(max_size=40) | st.sampled_from(
    [
        "7550-7559",
        "2/3",
        "0/0",
        "€ 2.100,00",
        "1e9",
        "NaN",
        "-1",
        "9" * 30,
        "2030-13-01",
        "2030-01-01",
        "<script>alert(1)</script>",
        "\x00",
        "1,5",
        "7559-7550",
    ]
)


@HYPO
@given(
    sleutel=st.sampled_from(
        [
            "max_terms",
            "vrijwilligersvergoeding_max_maand",
            "startdrempel",
            "postcodes_hengelo",
            "zittingstermijn",
        ]
    ),
    waarde=tekst | st.integers(0, 20).map(str),
    geldig_vanaf=tekst
    | st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)).map(str)
    | st.integers(0, 3000).map(lambda d: str(timezone.localdate() + timedelta(days=d))),
    bron=st.sampled_from(["", "1", "999999", "x"]),
    bron_lid=tekst | st.sampled_from(["", "1", "2a"]),
)
def test_admin_new_version_form_with_odd_input(
    beheer_client, sleutel, waarde, geldig_vanaf, bron, bron_lid
):
    regel = Regel.objects.filter(sleutel=sleutel).order_by("-geldig_vanaf").first()
    url = reverse("admin:verordening_regel_nieuwe_versie", args=[regel.pk])

    def poging():
        voor = _tellingen()
        response = beheer_client.post(
            url,
            {"waarde": waarde, "geldig_vanaf": geldig_vanaf, "bron": bron, "bron_lid": bron_lid},
        )
        assert response.status_code in (200, 302)
        event(f"status {response.status_code}")
        if response.status_code == 200:  # the form came back with what to fix
            assert _tellingen() == voor
            assert b"errornote" in response.content
        else:
            assert _tellingen()[0] == voor[0] + 1

    _in_savepoint(poging)


@HYPO
@given(
    sleutel=tekst | st.sampled_from(["max_terms", "nieuw_1"]),
    soort=st.sampled_from(
        ["geheel_getal", "bedrag", "fractie", "jaren", "postcodegebieden", "onzin"]
    ),
    waarde=tekst | st.integers(0, 20).map(str),
    naam=tekst | st.just("Een naam"),
    dagen=st.integers(min_value=-50, max_value=50),
)
def test_admin_add_form_with_odd_input(beheer_client, sleutel, soort, waarde, naam, dagen):
    vanaf = (timezone.localdate() + timedelta(days=dagen)).isoformat()

    def poging():
        voor = _tellingen()
        response = beheer_client.post(
            reverse("admin:verordening_regel_add"),
            {
                "sleutel": sleutel,
                "naam": naam,
                "type": soort,
                "waarde": waarde,
                "geldig_vanaf": vanaf,
            },
        )
        assert response.status_code in (200, 302)
        event(f"status {response.status_code}")
        if response.status_code == 200:
            assert _tellingen() == voor
        else:
            assert _tellingen()[0] == voor[0] + 1

    _in_savepoint(poging)


@HYPO
@given(
    soort=st.sampled_from(
        ["geheel_getal", "bedrag", "fractie", "weken", "postcodegebieden", "onzin"]
    ),
    waarde=tekst | st.integers(0, 20).map(str),
    bron_lid=tekst | st.sampled_from(["", "1"]),
    bron=st.sampled_from(["", "1", "999999", "x"]),
)
def test_admin_change_form_of_a_future_version_with_odd_input(
    beheer_client, beheerder, soort, waarde, bron_lid, bron
):
    def poging():
        toekomst = regels.regel_wijzigen(
            sleutel="max_terms",
            waarde=3,
            geldig_vanaf=timezone.localdate() + timedelta(days=10),
            bron=None,
            door=beheerder,
        )
        voor = _tellingen()
        response = beheer_client.post(
            reverse("admin:verordening_regel_change", args=[toekomst.pk]),
            {
                "naam": "Max",
                "type": soort,
                "waarde": waarde,
                "eenheid": "",
                "bron": bron,
                "bron_lid": bron_lid,
            },
        )
        assert response.status_code in (200, 302)
        event(f"status {response.status_code}")
        toekomst.refresh_from_db()
        if response.status_code == 200:
            assert _tellingen() == voor
            assert (toekomst.type, toekomst.waarde) == ("geheel_getal", 3)

    _in_savepoint(poging)
