"""A listening delegation of the council linked to the activity it listens in on.

The link lives in the participatiemix (``Meeluistervergadering``); the meetings app offers,
stores and shows it through its ``koppelingen`` registry. For users nothing changed: the meeting
forms offer the activities, only a listening delegation may have one, and the meeting's page links
to the activity's page.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from adviesraad.vergaderingen.models import Soort, Vergadering
from adviesraad.vergaderingen.services import vergadering as vergadering_services
from participatiemix.models import Activiteit, Meeluistervergadering
from tests.adviesraad.vergaderingen.conftest import moment
from tests.conftest import mfa_verify
from tests.factories import UserFactory
from tests.participatiemix.factories import maak_activiteit

FOUT = "Een participatieactiviteit hoort alleen bij een luisterdelegatie."


@pytest.fixture
def ondersteuner(db: None) -> Any:
    return UserFactory(email="ondersteuner@raad.nl", roles=["ondersteuner"])


def _client(user: Any) -> Client:
    client = Client()
    mfa_verify(client, user)
    return client


def _delegatie(door: Any, activiteit: Activiteit | None, **kw: Any) -> Vergadering:
    return vergadering_services.vergadering_aanmaken(
        soort=kw.pop("soort", Soort.LUISTERDELEGATIE),
        titel="Luisteren bij het inwonersgesprek",
        begin=moment(10),
        door=door,
        raad_uitnodigen=False,
        activiteit=activiteit,
        **kw,
    )


def test_een_luisterdelegatie_hoort_bij_een_activiteit(ondersteuner: Any, caplog: Any) -> None:
    activiteit = maak_activiteit()
    caplog.set_level(logging.INFO, logger="hengelo_participatie.audit")
    v = _delegatie(ondersteuner, activiteit)
    link = Meeluistervergadering.objects.get(vergadering=v)
    assert link.activiteit == activiteit
    assert link.history.get().history_user == ondersteuner
    assert f"action=meeluistervergadering_opslaan object=vergadering:{v.pk}" in caplog.text


def test_een_activiteit_hoort_alleen_bij_een_luisterdelegatie(ondersteuner: Any) -> None:
    activiteit = maak_activiteit()
    with pytest.raises(ValidationError) as fout:
        _delegatie(ondersteuner, activiteit, soort=Soort.RAADSVERGADERING)
    assert fout.value.message_dict == {"activiteit": [FOUT]}
    assert not Vergadering.objects.exists()
    v = _delegatie(ondersteuner, activiteit)
    # Another type while the link stays: refused too, as when the link was a field.
    with pytest.raises(ValidationError) as fout:
        vergadering_services.vergadering_wijzigen(
            vergadering=v, door=ondersteuner, soort=Soort.RAADSVERGADERING
        )
    assert fout.value.message_dict == {"activiteit": [FOUT]}
    vergadering_services.vergadering_wijzigen(
        vergadering=v, door=ondersteuner, soort=Soort.RAADSVERGADERING, activiteit=None
    )
    v.refresh_from_db()
    assert v.soort == Soort.RAADSVERGADERING
    assert not Meeluistervergadering.objects.exists()
    with pytest.raises(TypeError):
        vergadering_services.vergadering_aanmaken(
            soort=Soort.LUISTERDELEGATIE,
            titel="x",
            begin=moment(3),
            door=ondersteuner,
            onbekend=1,
        )


def test_een_verwijderde_activiteit_laat_de_vergadering_staan(ondersteuner: Any) -> None:
    activiteit = maak_activiteit()
    v = _delegatie(ondersteuner, activiteit)
    Activiteit.objects.filter(pk=activiteit.pk).delete()
    assert Vergadering.objects.filter(pk=v.pk).exists()
    assert not Meeluistervergadering.objects.exists()


def test_de_vergadering_linkt_naar_de_activiteit(ondersteuner: Any) -> None:
    activiteit = maak_activiteit()
    v = _delegatie(ondersteuner, activiteit)
    zonder = _delegatie(ondersteuner, None)
    client = _client(ondersteuner)
    html = client.get(reverse("vergaderingen:detail", args=[v.pk])).content.decode()
    doel = reverse("participatiemix:activiteit", kwargs={"activiteit_id": activiteit.pk})
    assert (
        '<div><dt>Participatieactiviteit</dt><dd><a class="utrecht-link" '
        f'href="{doel}">Naar de activiteit</a></dd></div>'
    ) in html
    assert (
        "Naar de activiteit"
        not in client.get(reverse("vergaderingen:detail", args=[zonder.pk])).content.decode()
    )


def test_het_portaalformulier_biedt_de_activiteiten(ondersteuner: Any) -> None:
    activiteit = maak_activiteit(titel="Inwonersgesprek armoede")
    client = _client(ondersteuner)
    html = client.get(reverse("vergaderingen:nieuw")).content.decode()
    assert "Participatieactiviteit (alleen bij een luisterdelegatie)" in html
    assert "Inwonersgesprek armoede" in html
    # The choice sits between the online link and the confidentiality question, as before.
    assert html.index('name="online_link"') < html.index('name="activiteit"')
    assert html.index('name="activiteit"') < html.index('name="vertrouwelijk"')
    data = {"soort": "raadsvergadering", "titel": "Fout", "begin": "2027-01-12T19:00"}
    r = client.post(reverse("vergaderingen:nieuw"), {**data, "activiteit": activiteit.pk})
    assert r.status_code == 200
    assert FOUT in r.content.decode()
    r = client.post(
        reverse("vergaderingen:nieuw"),
        {**data, "soort": "luisterdelegatie", "titel": "Goed", "activiteit": activiteit.pk},
    )
    assert r.status_code == 302
    assert Vergadering.objects.get(titel="Goed").meeluisteren.activiteit == activiteit


def test_de_beheeromgeving_toont_en_bewaart_de_activiteit(db: None) -> None:
    beheerder = UserFactory(is_superuser=True, is_staff=True)
    eerste, tweede = maak_activiteit(titel="Eerste"), maak_activiteit(titel="Tweede")
    v = _delegatie(beheerder, eerste)
    client = _client(beheerder)
    url = reverse("admin:vergaderingen_vergadering_change", args=[v.pk])
    html = client.get(url).content.decode()
    assert f'<option value="{eerste.pk}" selected>' in html
    antwoord = client.post(
        url,
        {
            "soort": "luisterdelegatie",
            "titel": v.titel,
            "begin_0": "2027-01-12",
            "begin_1": "19:00",
            "activiteit": tweede.pk,
            "status": "gepland",
            **{
                f"{p}-{k}": w
                for p in ("agendapunten", "deelnames", "stukken", "notulen", "besluiten")
                for k, w in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))
            },
            "actiepunten-TOTAL_FORMS": 0,
            "actiepunten-INITIAL_FORMS": 0,
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    assert Meeluistervergadering.objects.get(vergadering=v).activiteit == tweede


@pytest.mark.django_db(transaction=True)
def test_de_migratie_neemt_de_koppelingen_over_en_terug() -> None:
    voor = [
        ("participatiemix", "0004_meeluistervergadering"),
        ("vergaderingen", "0003_vertrouwelijk"),
    ]
    na = [("vergaderingen", "0004_activiteit_naar_participatiemix")]
    executor = MigrationExecutor(connection)
    executor.migrate(voor)
    oud = executor.loader.project_state(voor).apps
    instrument = oud.get_model("participatiemix", "Instrument").objects.order_by("pk").first()
    activiteit = oud.get_model("participatiemix", "Activiteit").objects.create(
        instrument=instrument, titel="Gesprek", startdatum="2026-03-02"
    )
    Oud = oud.get_model("vergaderingen", "Vergadering")
    gekoppeld = Oud.objects.create(
        soort="luisterdelegatie", titel="a", begin="2026-03-02T19:00Z", activiteit=activiteit
    )
    Oud.objects.create(soort="raadsvergadering", titel="b", begin="2026-03-02T19:00Z")
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(na)
        nieuw = executor.loader.project_state(na).apps
        links = nieuw.get_model("participatiemix", "Meeluistervergadering").objects
        assert list(links.values_list("vergadering_id", "activiteit_id")) == [
            (gekoppeld.pk, activiteit.pk)
        ]
        executor = MigrationExecutor(connection)
        executor.migrate(voor)
        terug = executor.loader.project_state(voor).apps.get_model("vergaderingen", "Vergadering")
        assert dict(terug.objects.values_list("titel", "activiteit_id")) == {
            "a": activiteit.pk,
            "b": None,
        }
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
