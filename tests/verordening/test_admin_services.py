"""Every write in the verordening admin goes through the services: through the real admin, an
add, a change and a delete leave an audit line and a history record with the user and the
service's reason; a role without the permission is refused and nothing changes."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.conftest import mfa_verify
from tests.factories import UserFactory
from verordening.models import (
    Artikel,
    HuishoudelijkReglement,
    Samenwerkingsafspraken,
    Verordening,
)
from verordening.policies import afspraken_policy
from verordening.services import verordening as verordening_services

pytestmark = pytest.mark.django_db

AUDIT = "hengelo_participatie.audit"


@pytest.fixture
def audit_log(caplog):
    caplog.set_level(logging.INFO, logger=AUDIT)
    return caplog


def _regels(caplog, actie: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if f" action={actie} " in r.getMessage()]


def _audit(caplog, *, door, actie: str, obj, resultaat: str = "ok") -> None:
    naam = f"{obj._meta.model_name}:{obj.pk}"
    regels = _regels(caplog, actie)
    assert any(
        r.startswith(f"actor={door.pk} ") and f" object={naam} result={resultaat} " in r
        for r in regels
    ), regels


def _client(client, rol: str):
    gebruiker = UserFactory(roles=[rol])
    mfa_verify(client, gebruiker)
    return client, gebruiker


@pytest.fixture
def accounthouder(client):
    return _client(client, "accounthouder")


@pytest.fixture
def ondersteuner(client):
    return _client(client, "ondersteuner")


def _laatste_historie(obj_of_history):
    return obj_of_history.order_by("-history_id").first()


# --- Samenwerkingsafspraken ------------------------------------------------------------------
def test_agreements_add_change_delete_are_audited_with_history(accounthouder, audit_log):
    client, gebruiker = accounthouder
    response = client.post(
        reverse("admin:verordening_samenwerkingsafspraken_add"),
        {"jaar": "2027", "datum_vastgesteld": "2027-01-15", "tekst": "Afspraken"},
    )
    assert response.status_code == 302
    afspraken = Samenwerkingsafspraken.objects.get(jaar=2027)
    _audit(audit_log, door=gebruiker, actie="samenwerkingsafspraken-aanmaken", obj=afspraken)
    versie = afspraken.history.first()
    assert (versie.history_type, versie.history_user) == ("+", gebruiker)
    assert versie.history_change_reason == "Samenwerkingsafspraken aangemaakt"

    url = reverse("admin:verordening_samenwerkingsafspraken_change", args=[afspraken.pk])
    response = client.post(
        url, {"jaar": "2027", "datum_vastgesteld": "2027-01-15", "tekst": "Nieuwe afspraken"}
    )
    assert response.status_code == 302
    afspraken.refresh_from_db()
    assert afspraken.tekst == "Nieuwe afspraken"
    _audit(audit_log, door=gebruiker, actie="samenwerkingsafspraken-bijwerken", obj=afspraken)
    versie = afspraken.history.first()
    assert (versie.history_type, versie.history_user) == ("~", gebruiker)
    assert versie.history_change_reason == "Samenwerkingsafspraken bijgewerkt: tekst"

    pk = afspraken.pk
    response = client.post(
        reverse("admin:verordening_samenwerkingsafspraken_delete", args=[pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Samenwerkingsafspraken.objects.filter(pk=pk).exists()
    _audit(audit_log, door=gebruiker, actie="samenwerkingsafspraken-verwijderen", obj=afspraken)
    versie = _laatste_historie(Samenwerkingsafspraken.history.filter(id=pk))
    assert (versie.history_type, versie.history_user) == ("-", gebruiker)
    assert versie.history_change_reason == "Samenwerkingsafspraken verwijderd"


def test_bulk_delete_of_agreements_goes_through_the_service(accounthouder, audit_log):
    client, gebruiker = accounthouder
    a = Samenwerkingsafspraken.objects.create(jaar=2028)
    b = Samenwerkingsafspraken.objects.create(jaar=2029)
    response = client.post(
        reverse("admin:verordening_samenwerkingsafspraken_changelist"),
        {"action": "delete_selected", "_selected_action": [a.pk, b.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Samenwerkingsafspraken.objects.filter(pk__in=[a.pk, b.pk]).exists()
    for obj in (a, b):
        _audit(audit_log, door=gebruiker, actie="samenwerkingsafspraken-verwijderen", obj=obj)
        versie = _laatste_historie(Samenwerkingsafspraken.history.filter(id=obj.pk))
        assert (versie.history_type, versie.history_user) == ("-", gebruiker)


def test_a_refusal_by_the_service_shows_on_the_same_form(accounthouder, audit_log, monkeypatch):
    """The admin's own check lets the user in; the service's policy refuses (say a role was just
    taken away): the form comes back with the message, nothing is saved, the refusal is audited."""
    client, gebruiker = accounthouder
    afspraken = Samenwerkingsafspraken.objects.create(jaar=2027, tekst="Afspraken")
    monkeypatch.setattr(afspraken_policy, "user_has_perm_for_object", lambda *a, **k: False)
    response = client.post(
        reverse("admin:verordening_samenwerkingsafspraken_change", args=[afspraken.pk]),
        {"jaar": "2027", "tekst": "Anders"},
    )
    assert response.status_code == 200
    assert "U mag dit niet doen." in response.content.decode()
    afspraken.refresh_from_db()
    assert afspraken.tekst == "Afspraken"
    _audit(
        audit_log,
        door=gebruiker,
        actie="samenwerkingsafspraken-bijwerken",
        obj=afspraken,
        resultaat="geweigerd",
    )


def test_a_supporter_may_not_change_or_delete_agreements(ondersteuner, audit_log):
    client, _ = ondersteuner
    afspraken = Samenwerkingsafspraken.objects.create(jaar=2027, tekst="Afspraken")
    url = reverse("admin:verordening_samenwerkingsafspraken_change", args=[afspraken.pk])
    assert client.post(url, {"jaar": "2027", "tekst": "Anders"}).status_code == 403
    delete = reverse("admin:verordening_samenwerkingsafspraken_delete", args=[afspraken.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    add = reverse("admin:verordening_samenwerkingsafspraken_add")
    assert client.post(add, {"jaar": "2030"}).status_code == 403
    afspraken.refresh_from_db()
    assert afspraken.tekst == "Afspraken"
    assert not Samenwerkingsafspraken.objects.filter(jaar=2030).exists()
    assert not _regels(audit_log, "samenwerkingsafspraken-bijwerken")


# --- Verordening and its articles, with the inline rows ------------------------------------
def _verordening_post(**extra):
    data = {
        "titel": "Verordening proef",
        "citeertitel": "Verordening proef",
        "cvdr": "CVDR1",
        "datum_vastgesteld": "",
        "in_werking_vanaf": "2030-01-01",
        "in_werking_tot": "",
        "artikelen-TOTAL_FORMS": "0",
        "artikelen-INITIAL_FORMS": "0",
        "artikelen-MIN_NUM_FORMS": "0",
        "artikelen-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_regulation_and_inline_articles_through_the_services(accounthouder, audit_log):
    client, gebruiker = accounthouder
    response = client.post(
        reverse("admin:verordening_verordening_add"),
        _verordening_post(
            **{
                "artikelen-TOTAL_FORMS": "2",
                "artikelen-0-nummer": "1",
                "artikelen-0-titel": "Begrippen",
                "artikelen-1-nummer": "2",
                "artikelen-1-titel": "Taken",
            }
        ),
    )
    assert response.status_code == 302
    verordening = Verordening.objects.get(cvdr="CVDR1")
    _audit(audit_log, door=gebruiker, actie="verordening-aanmaken", obj=verordening)
    assert verordening.history.first().history_user == gebruiker
    assert verordening.history.first().history_change_reason == "Verordening aangemaakt"
    een, twee = verordening.artikelen.order_by("nummer")
    for artikel in (een, twee):
        _audit(audit_log, door=gebruiker, actie="artikel-aanmaken", obj=artikel)
        versie = artikel.history.first()
        assert (versie.history_user, versie.history_change_reason) == (
            gebruiker,
            "Artikel aangemaakt",
        )

    # Change one row, delete the other, and the regulation's own title.
    response = client.post(
        reverse("admin:verordening_verordening_change", args=[verordening.pk]),
        _verordening_post(
            **{
                "titel": "Verordening proef 2",
                "artikelen-TOTAL_FORMS": "2",
                "artikelen-INITIAL_FORMS": "2",
                "artikelen-0-id": str(een.pk),
                "artikelen-0-verordening": str(verordening.pk),
                "artikelen-0-nummer": "1",
                "artikelen-0-titel": "Begrippen en afkortingen",
                "artikelen-1-id": str(twee.pk),
                "artikelen-1-verordening": str(verordening.pk),
                "artikelen-1-nummer": "2",
                "artikelen-1-titel": "Taken",
                "artikelen-1-DELETE": "on",
            }
        ),
    )
    assert response.status_code == 302
    verordening.refresh_from_db()
    een.refresh_from_db()
    assert verordening.titel == "Verordening proef 2"
    assert een.titel == "Begrippen en afkortingen"
    assert not Artikel.objects.filter(pk=twee.pk).exists()
    _audit(audit_log, door=gebruiker, actie="verordening-bijwerken", obj=verordening)
    _audit(audit_log, door=gebruiker, actie="artikel-bijwerken", obj=een)
    _audit(audit_log, door=gebruiker, actie="artikel-verwijderen", obj=twee)
    assert een.history.first().history_change_reason == "Artikel bijgewerkt: titel"
    weg = _laatste_historie(Artikel.history.filter(id=twee.pk))
    assert (weg.history_type, weg.history_user) == ("-", gebruiker)


def test_article_admin_change_and_delete(accounthouder, audit_log):
    client, gebruiker = accounthouder
    verordening = Verordening.objects.create(
        titel="V", citeertitel="V", in_werking_vanaf=date(2030, 1, 1)
    )
    artikel = Artikel.objects.create(verordening=verordening, nummer="1", titel="Oud")
    response = client.post(
        reverse("admin:verordening_artikel_change", args=[artikel.pk]),
        {"verordening": verordening.pk, "nummer": "1", "titel": "Nieuw", "tekst": ""},
    )
    assert response.status_code == 302
    artikel.refresh_from_db()
    assert artikel.titel == "Nieuw"
    _audit(audit_log, door=gebruiker, actie="artikel-bijwerken", obj=artikel)
    assert artikel.history.first().history_user == gebruiker

    response = client.post(
        reverse("admin:verordening_artikel_delete", args=[artikel.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    _audit(audit_log, door=gebruiker, actie="artikel-verwijderen", obj=artikel)
    weg = _laatste_historie(Artikel.history.filter(id=artikel.pk))
    assert (weg.history_type, weg.history_user, weg.history_change_reason) == (
        "-",
        gebruiker,
        "Artikel verwijderd",
    )


def test_a_supporter_may_not_change_the_regulation(ondersteuner):
    client, _ = ondersteuner
    verordening = Verordening.objects.get(cvdr="CVDR753530")
    response = client.post(
        reverse("admin:verordening_verordening_change", args=[verordening.pk]),
        _verordening_post(titel="Anders"),
    )
    assert response.status_code == 403
    verordening.refresh_from_db()
    assert verordening.titel != "Anders"


def test_the_service_refuses_a_member_and_audits_it(audit_log):
    lid = UserFactory(roles=["lid"])
    verordening = Verordening.objects.get(cvdr="CVDR753530")
    with pytest.raises(PermissionDenied):
        verordening_services.verordening_bijwerken(verordening=verordening, door=lid, titel="X")
    _audit(
        audit_log, door=lid, actie="verordening-bijwerken", obj=verordening, resultaat="geweigerd"
    )
    verordening.refresh_from_db()
    assert verordening.titel != "X"


# --- Huishoudelijk reglement -----------------------------------------------------------------
def test_house_rules_text_add_change_through_the_services(ondersteuner, audit_log):
    client, gebruiker = ondersteuner
    response = client.post(
        reverse("admin:verordening_huishoudelijkreglement_add"),
        {"titel": "HR 2027", "tekst": "Tekst"},
    )
    assert response.status_code == 302
    reglement = HuishoudelijkReglement.objects.get(titel="HR 2027")
    _audit(audit_log, door=gebruiker, actie="reglement-aanmaken", obj=reglement)
    versie = reglement.history.first()
    assert (versie.history_user, versie.history_change_reason) == (
        gebruiker,
        "Huishoudelijk reglement aangemaakt",
    )

    url = reverse("admin:verordening_huishoudelijkreglement_change", args=[reglement.pk])
    response = client.post(url, {"titel": "HR 2027", "tekst": "Nieuwe tekst"})
    assert response.status_code == 302
    reglement.refresh_from_db()
    assert reglement.tekst == "Nieuwe tekst"
    _audit(audit_log, door=gebruiker, actie="reglement-bijwerken", obj=reglement)
    versie = reglement.history.first()
    assert (versie.history_user, versie.history_change_reason) == (
        gebruiker,
        "Huishoudelijk reglement bijgewerkt: tekst",
    )

    # The supporter has no delete permission: refused, the concept stays.
    response = client.post(
        reverse("admin:verordening_huishoudelijkreglement_delete", args=[reglement.pk]),
        {"post": "yes"},
    )
    assert response.status_code == 403
    assert HuishoudelijkReglement.objects.filter(pk=reglement.pk).exists()
    assert not _regels(audit_log, "reglement-verwijderen")


def test_house_rules_concept_deleted_by_the_account_holder(accounthouder, audit_log):
    client, gebruiker = accounthouder
    reglement = HuishoudelijkReglement.objects.create(titel="HR 2027", tekst="Tekst")
    response = client.post(
        reverse("admin:verordening_huishoudelijkreglement_delete", args=[reglement.pk]),
        {"post": "yes"},
    )
    assert response.status_code == 302
    _audit(audit_log, door=gebruiker, actie="reglement-verwijderen", obj=reglement)
    weg = _laatste_historie(HuishoudelijkReglement.history.filter(id=reglement.pk))
    assert (weg.history_type, weg.history_user, weg.history_change_reason) == (
        "-",
        gebruiker,
        "Huishoudelijk reglement verwijderd",
    )


def test_a_submitted_house_rules_version_is_not_deleted(accounthouder, audit_log):
    client, _ = accounthouder
    reglement = HuishoudelijkReglement.objects.create(titel="HR 2027", status="ingediend")
    response = client.post(
        reverse("admin:verordening_huishoudelijkreglement_delete", args=[reglement.pk]),
        {"post": "yes"},
    )
    assert response.status_code == 403
    assert HuishoudelijkReglement.objects.filter(pk=reglement.pk).exists()
