"""seed_demo adds the yearly cycle: a completed self-evaluation with answers, a chair's
evaluation, a policy-staff reflection with open actions and an annual report for the demo year."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from hengelo_participatie.core.schrijven import vandaag
from jaarcyclus.models import Antwoord, Beantwoording, Evaluatie, Jaarverslag

pytestmark = pytest.mark.django_db


def test_seed_demo_vult_de_jaarcyclus_en_is_herhaalbaar(private_media: Any) -> None:
    call_command("seed_demo", allow_production=True, stdout=io.StringIO())
    jaar = vandaag().year
    zelf = Evaluatie.objects.get(soort="zelfevaluatie", titel__startswith="Demo")
    assert (zelf.status, zelf.jaar) == ("afgerond", jaar)
    assert zelf.vragen.count() == 12
    beantwoord = Beantwoording.objects.filter(evaluatie=zelf).count()
    assert beantwoord == zelf.deelnemers.count() >= 3
    assert Antwoord.objects.filter(vraag__evaluatie=zelf).count() == 12 * beantwoord
    voorzitter = Evaluatie.objects.get(soort="voorzitter", titel__startswith="Demo")
    assert Beantwoording.objects.filter(evaluatie=voorzitter).count() == 2
    reflectie = Evaluatie.objects.get(soort="reflectie", titel__startswith="Demo")
    assert reflectie.acties.exclude(status="afgerond").count() == 2
    assert {a.eigenaar.email for a in reflectie.acties.all()} == {
        "accounthouder@demo.hengelo.example"
    }
    verslag = Jaarverslag.objects.get(jaar=jaar)
    assert verslag.status == "klaar" and verslag.pdf_id is not None

    call_command("seed_demo", allow_production=True, stdout=io.StringIO())
    assert Evaluatie.objects.filter(titel__startswith="Demo").count() == 3
    assert Jaarverslag.objects.count() == 1
