"""The admin, through the real admin forms, as a superuser (roles are tested by the lead)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from verordening.models import (
    Artikel,
    HuishoudelijkReglement,
    Regel,
    Samenwerkingsafspraken,
    Verordening,
)
from verordening.rules import rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def objecten():
    regel = Regel.objects.get(sleutel="max_terms")
    return {
        "verordening": Verordening.objects.get(cvdr="CVDR753530"),
        "artikel": Artikel.objects.filter(verordening__cvdr="CVDR753530").first(),
        "regel": regel,
        "samenwerkingsafspraken": Samenwerkingsafspraken.objects.create(
            jaar=2026, tekst="Afspraken"
        ),
        "huishoudelijkreglement": HuishoudelijkReglement.objects.create(titel="HR 2026"),
    }


@pytest.mark.parametrize(
    "model", ["verordening", "artikel", "regel", "samenwerkingsafspraken", "huishoudelijkreglement"]
)
def test_admin_pages_load(beheer_client, objecten, model):
    obj = objecten[model]
    for url in (
        reverse(f"admin:verordening_{model}_changelist"),
        reverse(f"admin:verordening_{model}_changelist") + "?q=2",
        reverse(f"admin:verordening_{model}_add"),
        reverse(f"admin:verordening_{model}_change", args=[obj.pk]),
        reverse(f"admin:verordening_{model}_history", args=[obj.pk]),
    ):
        response = beheer_client.get(url)
        assert response.status_code == 200, url


def test_rule_changelist_shows_current_value_and_period(beheer_client):
    response = beheer_client.get(reverse("admin:verordening_regel_changelist") + "?geldigheid=nu")
    tekst = response.content.decode()
    assert "€ 2.200,00 per jaar" in tekst
    assert "vanaf 1 januari 2026" in tekst
    assert "€ 2.100,00 per jaar" not in tekst  # 2025 version is not current


def test_editing_a_started_version_value_is_refused(beheer_client):
    regel = Regel.objects.get(sleutel="max_terms")
    url = reverse("admin:verordening_regel_change", args=[regel.pk])
    page = beheer_client.get(url)
    assert b'name="waarde"' not in page.content
    assert b'name="geldig_vanaf"' not in page.content
    response = beheer_client.post(
        url,
        {
            "naam": "Maximaal aantal zittingstermijnen",
            "waarde": "5",
            "geldig_vanaf": "2020-01-01",
            "geldig_tot": "",
            "type": "decimaal",
            "eenheid": "x",
            "bron": regel.bron_id,
            "bron_lid": "2",
            "bron_toelichting": "",
        },
    )
    assert response.status_code == 302
    regel.refresh_from_db()
    assert (regel.waarde, regel.type, str(regel.geldig_vanaf), regel.geldig_tot) == (
        2,
        "geheel_getal",
        "2025-12-30",
        None,
    )


def test_reverting_history_of_a_rule_is_refused(beheer_client):
    regel = Regel.objects.get(sleutel="max_terms")
    versie = regel.history.first()
    url = reverse("admin:verordening_regel_simple_history", args=[regel.pk, versie.history_id])
    assert beheer_client.get(url).status_code == 200
    assert beheer_client.post(url, {"naam": "x"}).status_code == 405


def test_new_version_through_the_admin(beheer_client):
    regel = Regel.objects.get(sleutel="max_leden")
    url = reverse("admin:verordening_regel_nieuwe_versie", args=[regel.pk])
    assert beheer_client.get(url).status_code == 200
    vanaf = timezone.localdate() + timedelta(days=14)
    response = beheer_client.post(
        url,
        {"waarde": "11", "geldig_vanaf": vanaf.isoformat(), "bron": regel.bron_id, "bron_lid": "1"},
    )
    assert response.status_code == 302
    assert rule("max_leden", on=vanaf).waarde == 11
    assert rule("max_leden", on=vanaf - timedelta(days=1)).waarde == 12


def test_new_version_in_the_past_is_shown_on_the_form(beheer_client):
    regel = Regel.objects.get(sleutel="max_leden")
    aantal = Regel.objects.count()
    response = beheer_client.post(
        reverse("admin:verordening_regel_nieuwe_versie", args=[regel.pk]),
        {"waarde": "11", "geldig_vanaf": "2026-01-01"},
    )
    assert response.status_code == 200
    assert "Wat al gold, blijft zoals het was" in response.content.decode()
    assert Regel.objects.count() == aantal


def test_money_is_typed_the_dutch_way(beheer_client):
    regel = Regel.objects.get(sleutel="budget_per_jaar")
    vanaf = timezone.localdate() + timedelta(days=40)
    beheer_client.post(
        reverse("admin:verordening_regel_nieuwe_versie", args=[regel.pk]),
        {"waarde": "€ 17.500,50", "geldig_vanaf": vanaf.isoformat(), "bron": regel.bron_id},
    )
    assert str(rule("budget_per_jaar", on=vanaf).waarde) == "17500.50"


def test_add_rule_and_edit_it_before_it_starts(beheer_client):
    vanaf = timezone.localdate() + timedelta(days=3)
    response = beheer_client.post(
        reverse("admin:verordening_regel_add"),
        {
            "sleutel": "postcodes_extra",
            "naam": "Extra",
            "type": "postcodegebieden",
            "waarde": "7550-7559, 7600",
            "geldig_vanaf": vanaf.isoformat(),
        },
    )
    assert response.status_code == 302
    regel = Regel.objects.get(sleutel="postcodes_extra")
    assert regel.waarde == [[7550, 7559], [7600, 7600]]
    response = beheer_client.post(
        reverse("admin:verordening_regel_change", args=[regel.pk]),
        {"naam": "Extra", "type": "postcodegebieden", "waarde": "7550-7551", "eenheid": ""},
    )
    assert response.status_code == 302
    regel.refresh_from_db()
    assert regel.waarde == [[7550, 7551]]
    # a type change with a value that does not fit comes back with what to fix
    response = beheer_client.post(
        reverse("admin:verordening_regel_change", args=[regel.pk]),
        {"naam": "Extra", "type": "geheel_getal", "waarde": "7550-7551", "eenheid": ""},
    )
    assert response.status_code == 200
    assert "geheel getal" in response.content.decode()
    regel.refresh_from_db()
    assert regel.type == "postcodegebieden"
    # and withdraw it: it has not started
    response = beheer_client.post(
        reverse("admin:verordening_regel_delete", args=[regel.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Regel.objects.filter(sleutel="postcodes_extra").exists()


def test_a_started_version_cannot_be_deleted(beheer_client):
    regel = Regel.objects.get(sleutel="max_terms")
    response = beheer_client.post(
        reverse("admin:verordening_regel_delete", args=[regel.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Regel.objects.filter(pk=regel.pk).exists()


def test_house_rules_step_through_the_admin(beheer_client):
    reglement = HuishoudelijkReglement.objects.create(titel="HR 2026", tekst="Tekst")
    url = reverse("admin:verordening_huishoudelijkreglement_change", args=[reglement.pk])
    response = beheer_client.post(
        url, {"titel": "HR 2026", "tekst": "Tekst", "volgende_stap": "goedgekeurd"}
    )
    assert response.status_code == 200  # not offered from concept
    reglement.refresh_from_db()
    assert reglement.status == "concept"
    beheer_client.post(url, {"titel": "HR 2026", "tekst": "Tekst", "volgende_stap": "ingediend"})
    reglement.refresh_from_db()
    assert reglement.status == "ingediend"
    response = beheer_client.post(url, {"volgende_stap": "teruggestuurd", "opmerkingen": ""})
    assert response.status_code == 200
    assert "waarom het college" in response.content.decode()
    beheer_client.post(url, {"volgende_stap": "teruggestuurd", "opmerkingen": "Pas art. 2 aan."})
    reglement.refresh_from_db()
    assert (reglement.status, reglement.opmerkingen_college) == ("teruggestuurd", "Pas art. 2 aan.")
    # text is read-only outside concept
    beheer_client.post(url, {"titel": "Anders", "tekst": "Anders"})
    reglement.refresh_from_db()
    assert reglement.titel == "HR 2026"


@pytest.mark.parametrize("object_id", ["999999", "abc", "1%2F..%2F2"])
def test_new_version_of_an_unknown_rule_is_404(beheer_client, object_id):
    response = beheer_client.get(f"/admin/verordening/regel/{object_id}/nieuwe-versie/")
    assert response.status_code == 404


def test_new_version_needs_permission(client):
    from tests.conftest import mfa_verify
    from tests.factories import UserFactory

    medewerker = UserFactory(is_staff=True)
    mfa_verify(client, medewerker)
    regel = Regel.objects.get(sleutel="max_terms")
    response = client.post(
        reverse("admin:verordening_regel_nieuwe_versie", args=[regel.pk]),
        {"waarde": "3", "geldig_vanaf": "2099-01-01"},
    )
    assert response.status_code == 403
    assert Regel.objects.filter(sleutel="max_terms").count() == 1
