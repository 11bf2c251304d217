"""The house rules' workflow: the transition table, legal and illegal steps."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import UserFactory
from verordening.models import HuishoudelijkReglement
from verordening.reglement import OVERGANGEN, controleer_overgang, mogelijke_overgangen
from verordening.services import huishoudelijk_reglement as hr

pytestmark = pytest.mark.django_db
Status = HuishoudelijkReglement.Status


@pytest.fixture
def ondersteuner():
    # The step's capability comes from the role table (``kan``), like every workflow.
    return UserFactory(roles=["ondersteuner"])


@pytest.fixture
def accounthouder():
    return UserFactory(roles=["accounthouder"])


@pytest.fixture
def reglement():
    return HuishoudelijkReglement.objects.create(titel="Huishoudelijk reglement 2026", tekst="...")


def test_the_table():
    assert set(OVERGANGEN) == {
        (Status.CONCEPT, Status.INGEDIEND),
        (Status.INGEDIEND, Status.GOEDGEKEURD),
        (Status.INGEDIEND, Status.TERUGGESTUURD),
        (Status.TERUGGESTUURD, Status.CONCEPT),
    }
    assert [o.naar for o in mogelijke_overgangen(Status.GOEDGEKEURD)] == []


def test_submit_and_approve(reglement, ondersteuner, accounthouder):
    hr.huishoudelijk_reglement_indienen(reglement=reglement, door=ondersteuner)
    reglement.refresh_from_db()
    assert reglement.status == Status.INGEDIEND and reglement.ingediend_op is not None
    hr.huishoudelijk_reglement_goedkeuren(reglement=reglement, door=accounthouder)
    reglement.refresh_from_db()
    assert reglement.status == Status.GOEDGEKEURD and reglement.beoordeeld_op is not None
    assert [h.history_change_reason for h in reglement.history.order_by("history_id")][-2:] == [
        "Indienen bij het college",
        "Goedkeuren",
    ]


def test_return_requires_remarks_then_back_to_concept(reglement, ondersteuner, accounthouder):
    hr.huishoudelijk_reglement_indienen(reglement=reglement, door=ondersteuner)
    with pytest.raises(ValidationError, match="waarom"):
        hr.huishoudelijk_reglement_terugsturen(
            reglement=reglement, door=accounthouder, opmerkingen="  "
        )
    reglement.refresh_from_db()
    assert reglement.status == Status.INGEDIEND
    hr.huishoudelijk_reglement_terugsturen(
        reglement=reglement, door=accounthouder, opmerkingen="Artikel 3 strijdt met de verordening."
    )
    reglement.refresh_from_db()
    assert reglement.status == Status.TERUGGESTUURD
    assert reglement.opmerkingen_college == "Artikel 3 strijdt met de verordening."
    hr.huishoudelijk_reglement_overgang(reglement=reglement, naar=Status.CONCEPT, door=ondersteuner)
    reglement.refresh_from_db()
    assert reglement.is_bewerkbaar


@pytest.mark.parametrize(
    ("van", "naar"),
    [
        (Status.CONCEPT, Status.GOEDGEKEURD),
        (Status.CONCEPT, Status.TERUGGESTUURD),
        (Status.GOEDGEKEURD, Status.CONCEPT),
        (Status.GOEDGEKEURD, Status.INGEDIEND),
        (Status.TERUGGESTUURD, Status.GOEDGEKEURD),
        (Status.INGEDIEND, Status.INGEDIEND),
        (Status.CONCEPT, "vernietigd"),
    ],
)
def test_illegal_transitions_are_refused_with_a_dutch_message(van, naar, beheerder):
    reglement = HuishoudelijkReglement.objects.create(
        titel="x", status=van, opmerkingen_college="opm" if van == Status.TERUGGESTUURD else ""
    )
    with pytest.raises(ValidationError) as exc:
        hr.huishoudelijk_reglement_overgang(
            reglement=reglement, naar=naar, door=beheerder, opmerkingen="o"
        )
    assert "kan niet naar" in exc.value.messages[0]
    reglement.refresh_from_db()
    assert reglement.status == van


def test_the_permission_in_the_table_is_enforced(reglement, accounthouder, ondersteuner):
    with pytest.raises(PermissionDenied):
        hr.huishoudelijk_reglement_indienen(reglement=reglement, door=accounthouder)
    hr.huishoudelijk_reglement_indienen(reglement=reglement, door=ondersteuner)
    with pytest.raises(PermissionDenied):
        hr.huishoudelijk_reglement_goedkeuren(reglement=reglement, door=ondersteuner)
    assert [o.naar for o in mogelijke_overgangen(Status.INGEDIEND, ondersteuner)] == []


def test_controleer_overgang_message():
    with pytest.raises(ValidationError, match="„concept” kan niet naar „goedgekeurd”"):
        controleer_overgang(van=Status.CONCEPT, naar=Status.GOEDGEKEURD)
