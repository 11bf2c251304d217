"""The demo year (idempotent, all five instruments) and the deadlines offered to the reminder engine."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone

from hengelo_participatie.accounts.demo import seed_demo_users
from participatiemix import deadlines, demo, jaarrapport, selectors
from participatiemix.demo_gegevens import ACTIVITEITEN
from participatiemix.models import (
    Activiteit,
    Enqueteresultaat,
    GeplandeInzet,
    Opbrengst,
    Spelregeltoets,
    Terugkoppeling,
)
from participatiemix.services import terugkoppelingen as terugkoppelingen_services
from tests.participatiemix.factories import maak_activiteit, uitgevoerd

pytestmark = pytest.mark.django_db


def _tellingen():
    return tuple(
        m.objects.count()
        for m in (
            Activiteit,
            Opbrengst,
            Terugkoppeling,
            Spelregeltoets,
            Enqueteresultaat,
            GeplandeInzet,
        )
    )


def test_demo_is_idempotent_en_dekt_alle_instrumenten():
    seed_demo_users()
    demo.seed(stdout=io.StringIO())
    eerst = _tellingen()
    demo.seed(stdout=io.StringIO())
    assert _tellingen() == eerst

    assert set(Activiteit.objects.values_list("instrument__nummer", flat=True)) == {1, 2, 3, 4, 5}
    assert Activiteit.objects.count() == len(ACTIVITEITEN)
    assert Activiteit.objects.filter(status="afgesloten").exists()
    assert Activiteit.objects.filter(status="gepland").count() == 1
    assert Terugkoppeling.objects.filter(openbaar=True).count() == 3
    # Group conversations have the demo moderator, who sees exactly those.
    groep = Activiteit.objects.filter(instrument__nummer=2)
    assert not groep.filter(gespreksleider__isnull=True).exists()
    from hengelo_participatie.accounts.models import User

    gl = User.objects.get(email="gespreksleider@demo.hengelo.example")
    assert set(selectors.activiteiten_zichtbaar_voor(gl)) == set(groep)
    # The yearly report of this year has figures.
    r = jaarrapport.jaarrapport(jaar=timezone.localdate().year, peildatum=timezone.localdate())
    assert r.heeft_plan and r.aantal_gepland > 0


def test_deadlines_voor_de_herinneringsmotor():
    vandaag = date(2026, 6, 1)
    te_laat = uitgevoerd(
        maak_activiteit(nummer=1, titel="Te laat", startdatum=vandaag - timedelta(weeks=8))
    )
    binnenkort = uitgevoerd(
        maak_activiteit(nummer=1, titel="Binnenkort", startdatum=vandaag - timedelta(weeks=5))
    )
    maak_activiteit(nummer=1, titel="Later", startdatum=vandaag)  # due in 6 weeks: not yet
    klaar = uitgevoerd(
        maak_activiteit(nummer=1, titel="Klaar", startdatum=vandaag - timedelta(weeks=9))
    )
    terugkoppelingen_services.terugkoppeling_vastleggen(
        terugkoppeling=klaar.terugkoppeling,
        door=None,
        gegeven_op=vandaag - timedelta(weeks=4),
        wat_gedaan="x",
        hoe_geinformeerd="y",
    )

    result = deadlines.deadlines(peildatum=vandaag)

    assert [(d.titel, d.soort) for d in result] == [
        ("Te laat", deadlines.TERUGKOPPELING_TE_LAAT),
        ("Binnenkort", deadlines.TERUGKOPPELING_VERWACHT),
    ]
    assert result[0].sleutel == (
        "terugkoppeling_te_laat",
        "participatiemix.terugkoppeling",
        te_laat.terugkoppeling.pk,
        te_laat.terugkoppeling.uiterste_datum,
    )
    assert result[1].datum == binnenkort.terugkoppeling.uiterste_datum
    assert all(d.ontvanger_rollen == ("accounthouder",) for d in result)
