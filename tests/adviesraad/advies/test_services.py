"""Each kind walked through its whole workflow via the services; forbidden steps refused."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from adviesraad.advies import transitions
from adviesraad.advies.services.aanvraag import (
    aanvraag_aanmaken,
    kortere_termijn_afspreken,
    meedenken_vastleggen,
    overgang_uitvoeren,
)
from adviesraad.advies.services.goedkeuring import (
    belang_melden,
    concept_opslaan,
    goedkeuring_geven,
    open_ronde,
)
from adviesraad.advies.services.publicatie import publiceren
from adviesraad.advies.services.reactie import collegereactie_vastleggen
from adviesraad.advies.services.versie import huidige_versie
from adviesraad.models.advies import (
    Advies,
    Goedkeuring,
    Oordeel,
    Overname,
    Soort,
    Status,
    Statuswijziging,
)
from hengelo_participatie.accounts.roles import Rol, rollen_met
from tests.factories import UserFactory

from .helpers import PUNTEN, gevraagd, iedereen_akkoord, reactie, tot_ter_goedkeuring, tot_verzonden

pytestmark = pytest.mark.django_db


def test_gevraagd_advies_from_request_to_done(
    raad: dict[str, Any], pdf_bytes: bytes, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        aanvraag = gevraagd(raad, pdf_bytes)
        assert aanvraag.status == Status.AANGEKONDIGD
        assert aanvraag.kenmerk.startswith(f"ASD-{timezone.localdate().year}-")
        assert [v.tekst for v in aanvraag.vragen.all()][0].startswith("Wat mist")
        tot_ter_goedkeuring(aanvraag, raad)
    aanvraag.refresh_from_db()
    # Received: the advice period comes from the rule and names it.
    assert aanvraag.ontvangen_op == timezone.localdate()
    assert aanvraag.advies_uiterlijk == timezone.localdate() + timedelta(weeks=6)
    assert "volgens" in aanvraag.advies_uiterlijk_bron
    # Members were told: the documents, then the approval round with a one-click link.
    onderwerpen = [m.subject for m in mail.outbox]
    assert any("Nieuwe stukken" in s for s in onderwerpen)
    ronde_mails = [m for m in mail.outbox if "goedkeuring" in m.subject]
    assert len(ronde_mails) == 4  # three members and the chair
    assert f"/portaal/advies/{aanvraag.pk}/goedkeuren/" in ronde_mails[0].body

    iedereen_akkoord(aanvraag, raad)
    overgang_uitvoeren(aanvraag=aanvraag, naar=Status.VASTGESTELD, door=raad["voorzitter"].user)
    aanvraag = overgang_uitvoeren(
        aanvraag=aanvraag, naar=Status.VERZONDEN, door=raad["ondersteuner"]
    )
    advies = huidige_versie(aanvraag)
    assert advies.verzonden_op == timezone.localdate()
    assert advies.pdf.sha256 and len(advies.pdf.sha256) == 64
    assert advies.voorzitter_naam == "Anna de Vries"
    assert advies.ondersteuner_naam == "Olga Schrijver"
    assert aanvraag.reactie_uiterlijk == timezone.localdate() + timedelta(weeks=6)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reactie(aanvraag, raad)
        aanvraag = overgang_uitvoeren(
            aanvraag=aanvraag, naar=Status.REACTIE_ONTVANGEN, door=raad["beleidsmedewerker"]
        )
    assert len(mail.outbox) == 4 and "Reactie van het college" in mail.outbox[0].subject
    assert advies.reactie.brief is not None  # a generated letter
    overgang_uitvoeren(aanvraag=aanvraag, naar=Status.AFGEROND, door=raad["accounthouder"])
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.AFGEROND
    assert list(aanvraag.statuswijzigingen.values_list("naar", flat=True)) == [
        Status.AANGEKONDIGD,
        Status.DOCUMENTEN_ONTVANGEN,
        Status.IN_VOORBEREIDING,
        Status.ADVIESGESPREK_GEHOUDEN,
        Status.CONCEPT,
        Status.TER_GOEDKEURING,
        Status.VASTGESTELD,
        Status.VERZONDEN,
        Status.REACTIE_ONTVANGEN,
        Status.AFGEROND,
    ]


def test_ongevraagd_advies_goes_to_the_raad_for_information(
    raad: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        aanvraag = aanvraag_aanmaken(
            soort=Soort.ONGEVRAAGD,
            titel="Armoede onder jongeren",
            kernwetten=[raad["kernwet"]],
            door=raad["voorzitter"].user,
        )
    # Announced to the account holder in advance.
    assert [m.to for m in mail.outbox] == [[raad["accounthouder"].email]]
    tot_verzonden(aanvraag, raad)
    reactie(aanvraag, raad)
    for naar, door in (
        (Status.REACTIE_ONTVANGEN, raad["ondersteuner"]),
        (Status.TER_KENNISNAME_RAAD, raad["accounthouder"]),
        (Status.AFGEROND, raad["ondersteuner"]),
    ):
        aanvraag = overgang_uitvoeren(aanvraag=aanvraag, naar=naar, door=door)
    assert aanvraag.status == Status.AFGEROND


def test_meedenken_records_the_oral_input_and_a_follow_up_links_back(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    sessie = aanvraag_aanmaken(
        soort=Soort.MEEDENKEN,
        titel="Vroeg idee: inloophuis",
        door=raad["beleidsmedewerker"],
        meedenken_op=timezone.localdate(),
    )
    assert sessie.status == Status.GEPLAND
    with pytest.raises(ValidationError, match="Schrijf eerst kort op"):
        overgang_uitvoeren(aanvraag=sessie, naar=Status.GEHOUDEN, door=raad["ondersteuner"])
    meedenken_vastleggen(
        aanvraag=sessie,
        mondelinge_inbreng="Leden vragen om avondopenstelling.",
        door=raad["ondersteuner"],
    )
    overgang_uitvoeren(aanvraag=sessie, naar=Status.GEHOUDEN, door=raad["beleidsmedewerker"])
    overgang_uitvoeren(aanvraag=sessie, naar=Status.AFGEROND, door=raad["accounthouder"])
    vervolg = gevraagd(raad, pdf_bytes, vervolg_op=sessie)
    assert vervolg.vervolg_op == sessie and list(sessie.vervolgen.all()) == [vervolg]


def test_withdrawal_needs_a_reason_and_ends_the_request(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    with pytest.raises(ValidationError, match="reden"):
        overgang_uitvoeren(
            aanvraag=aanvraag, naar=Status.INGETROKKEN, door=raad["beleidsmedewerker"]
        )
    overgang_uitvoeren(
        aanvraag=aanvraag,
        naar=Status.INGETROKKEN,
        door=raad["beleidsmedewerker"],
        reden="Het beleid wordt uitgesteld.",
    )
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.INGETROKKEN
    assert aanvraag.ingetrokken_reden == "Het beleid wordt uitgesteld."
    assert Statuswijziging.objects.filter(aanvraag=aanvraag, reden__contains="uitgesteld").exists()
    with pytest.raises(ValidationError, match="kan niet"):
        overgang_uitvoeren(
            aanvraag=aanvraag, naar=Status.DOCUMENTEN_ONTVANGEN, door=raad["beleidsmedewerker"]
        )


@pytest.mark.parametrize(
    "naar,rol",
    [
        (Status.VERZONDEN, "ondersteuner"),  # skipping states
        (Status.AFGEROND, "accounthouder"),
        (Status.VASTGESTELD, "voorzitter"),
    ],
)
def test_states_cannot_be_skipped(
    raad: dict[str, Any], pdf_bytes: bytes, naar: str, rol: str
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    door = raad["voorzitter"].user if rol == "voorzitter" else raad[rol]
    with pytest.raises(ValidationError, match="kan niet bij gevraagd advies"):
        overgang_uitvoeren(aanvraag=aanvraag, naar=naar, door=door)
    aanvraag.refresh_from_db()
    assert aanvraag.status == Status.AANGEKONDIGD


def test_wrong_role_or_unrelated_user_is_refused(raad: dict[str, Any], pdf_bytes: bytes) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    ander_beleid = UserFactory(roles=["beleidsmedewerker"])  # not assigned to this request
    for door in (raad["leden"][0].user, ander_beleid, UserFactory(roles=["gespreksleider"])):
        with pytest.raises(PermissionDenied):
            overgang_uitvoeren(aanvraag=aanvraag, naar=Status.DOCUMENTEN_ONTVANGEN, door=door)
    # A member without a seat (role but no term) is not related either.
    with pytest.raises(PermissionDenied):
        aanvraag_aanmaken(soort=Soort.GEVRAAGD, titel="x", door=raad["leden"][0].user)


def test_guards_are_enforced(raad: dict[str, Any], pdf_bytes: bytes) -> None:
    aanvraag = aanvraag_aanmaken(
        soort=Soort.GEVRAAGD, titel="Zonder stukken", door=raad["beleidsmedewerker"]
    )
    with pytest.raises(ValidationError, match="conceptdocument"):
        overgang_uitvoeren(
            aanvraag=aanvraag, naar=Status.DOCUMENTEN_ONTVANGEN, door=raad["accounthouder"]
        )


def test_adoption_needs_approval_and_no_change_requests(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    tot_ter_goedkeuring(aanvraag, raad)
    voorzitter = raad["voorzitter"].user
    with pytest.raises(ValidationError, match="Nog geen enkel lid"):
        overgang_uitvoeren(aanvraag=aanvraag, naar=Status.VASTGESTELD, door=voorzitter)
    goedkeuring_geven(aanvraag=aanvraag, door=raad["leden"][0].user, oordeel=Oordeel.AKKOORD)
    with pytest.raises(ValidationError, match="Nog niet alle leden"):
        overgang_uitvoeren(aanvraag=aanvraag, naar=Status.VASTGESTELD, door=voorzitter)
    with pytest.raises(ValidationError, match="welke wijziging"):
        goedkeuring_geven(aanvraag=aanvraag, door=raad["leden"][1].user, oordeel=Oordeel.WIJZIGING)
    goedkeuring_geven(
        aanvraag=aanvraag,
        door=raad["leden"][1].user,
        oordeel=Oordeel.WIJZIGING,
        opmerking="Punt 2 scherper.",
    )
    with pytest.raises(ValidationError, match="wijziging"):
        overgang_uitvoeren(aanvraag=aanvraag, naar=Status.VASTGESTELD, door=voorzitter)
    # A member may not adopt; the supporter sends it back to concept, writes version 2.
    with pytest.raises(PermissionDenied):
        overgang_uitvoeren(aanvraag=aanvraag, naar=Status.VASTGESTELD, door=raad["leden"][0].user)
    overgang_uitvoeren(aanvraag=aanvraag, naar=Status.CONCEPT, door=raad["ondersteuner"])
    concept_opslaan(
        aanvraag=aanvraag,
        inleiding="",
        punten=[PUNTEN[0], "<p>Scherper punt 2.</p>"],
        door=raad["ondersteuner"],
    )
    assert list(Advies.objects.filter(aanvraag=aanvraag).values_list("versie", flat=True)) == [1, 2]
    assert open_ronde(aanvraag) is None


def test_approval_after_the_deadline_is_refused(raad: dict[str, Any], pdf_bytes: bytes) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    tot_ter_goedkeuring(aanvraag, raad)
    ronde = open_ronde(aanvraag)
    assert ronde.deadline == timezone.localdate() + timedelta(days=7)
    with pytest.raises(ValidationError, match="termijn om te reageren is voorbij"):
        goedkeuring_geven(
            aanvraag=aanvraag,
            door=raad["leden"][0].user,
            oordeel=Oordeel.AKKOORD,
            op=ronde.deadline + timedelta(days=1),
        )


def test_conflicted_member_is_excluded_and_the_recusal_recorded(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    conflict = raad["leden"][2].user
    belang_melden(aanvraag=aanvraag, door=conflict, toelichting="Ik werk bij de aanbieder.")
    tot_ter_goedkeuring(aanvraag, raad)
    rij = Goedkeuring.objects.get(ronde__advies__aanvraag=aanvraag, lid__user=conflict)
    assert rij.oordeel == Oordeel.UITGESLOTEN and "aanbieder" in rij.opmerking
    with pytest.raises(ValidationError, match="belang gemeld"):
        goedkeuring_geven(aanvraag=aanvraag, door=conflict, oordeel=Oordeel.AKKOORD)


def test_sent_version_is_frozen_and_a_correction_is_a_new_version(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    tot_verzonden(aanvraag, raad)
    v1 = huidige_versie(aanvraag)
    with pytest.raises(ValidationError):
        concept_opslaan(
            aanvraag=aanvraag, inleiding="", punten=["anders"], door=raad["ondersteuner"]
        )
    with pytest.raises(ValidationError, match="reden"):
        overgang_uitvoeren(aanvraag=aanvraag, naar=Status.CONCEPT, door=raad["ondersteuner"])
    overgang_uitvoeren(
        aanvraag=aanvraag,
        naar=Status.CONCEPT,
        door=raad["ondersteuner"],
        reden="Typefout in punt 2",
    )
    v2 = huidige_versie(aanvraag)
    assert v2.versie == 2 and "Typefout" in v2.reden and not v2.bevroren
    v1.refresh_from_db()
    assert v1.bevroren and v1.pdf_id  # the sent version and its PDF stay


def test_response_reason_required_unless_fully_adopted(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    tot_verzonden(aanvraag, raad)
    with pytest.raises(ValidationError) as exc:
        collegereactie_vastleggen(
            aanvraag=aanvraag,
            besluitdatum=timezone.localdate(),
            punten={1: (Overname.OVERGENOMEN, ""), 2: (Overname.NIET, "  ")},
            door=raad["beleidsmedewerker"],
        )
    assert "toelichting_2" in exc.value.error_dict
    with pytest.raises(ValidationError, match="Reactie van het college|reactie van het college"):
        overgang_uitvoeren(
            aanvraag=aanvraag, naar=Status.REACTIE_ONTVANGEN, door=raad["beleidsmedewerker"]
        )


def test_overdue_response_is_found(raad: dict[str, Any], pdf_bytes: bytes) -> None:
    from adviesraad.models.advies import Adviesaanvraag

    aanvraag = gevraagd(raad, pdf_bytes)
    tot_verzonden(aanvraag, raad)
    later = aanvraag.reactie_uiterlijk + timedelta(days=1)
    assert list(Adviesaanvraag.objects.reactie_te_laat(later)) == [aanvraag]
    assert not Adviesaanvraag.objects.reactie_te_laat(aanvraag.reactie_uiterlijk).exists()


def test_publishing_is_deliberate_and_only_after_sending(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    with pytest.raises(ValidationError):
        publiceren(aanvraag=aanvraag, door=raad["ondersteuner"])
    tot_verzonden(aanvraag, raad)
    aanvraag.refresh_from_db()
    assert aanvraag.gepubliceerd_op is None
    with pytest.raises(PermissionDenied):
        publiceren(aanvraag=aanvraag, door=raad["leden"][0].user)
    publiceren(aanvraag=aanvraag, door=raad["voorzitter"].user)
    aanvraag.refresh_from_db()
    assert aanvraag.gepubliceerd_op is not None


def test_shorter_period_needs_the_chair(raad: dict[str, Any], pdf_bytes: bytes) -> None:
    aanvraag = gevraagd(raad, pdf_bytes)
    korter = timezone.localdate() + timedelta(weeks=3)
    with pytest.raises(PermissionDenied):
        kortere_termijn_afspreken(
            aanvraag=aanvraag, advies_uiterlijk=korter, afspraak="x", door=raad["accounthouder"]
        )
    kortere_termijn_afspreken(
        aanvraag=aanvraag,
        advies_uiterlijk=korter,
        afspraak="Spoed: raad beslist eerder.",
        door=raad["voorzitter"].user,
    )
    overgang_uitvoeren(
        aanvraag=aanvraag, naar=Status.DOCUMENTEN_ONTVANGEN, door=raad["beleidsmedewerker"]
    )
    aanvraag.refresh_from_db()
    assert aanvraag.advies_uiterlijk == korter


def test_transition_table_is_connected_and_every_kind_can_finish() -> None:
    for soort in Soort.values:
        bereikbaar = transitions.WERKSTROOM.bereikbaar(soort)
        assert Status.AFGEROND in bereikbaar and Status.INGETROKKEN in bereikbaar
    # No withdrawal once the advice has gone to the College.
    assert transitions.WERKSTROOM.zoek(Status.VERZONDEN, Status.INGETROKKEN, Soort.GEVRAAGD) is None


def test_every_capability_of_the_tables_is_held_by_the_roles_that_held_the_step() -> None:
    """The workflow names capabilities; the role table gives each the roles it always had."""
    V, VV, L, OS, A, B = (
        Rol.VOORZITTER,
        Rol.VICEVOORZITTER,
        Rol.LID,
        Rol.ONDERSTEUNER,
        Rol.ACCOUNTHOUDER,
        Rol.BELEIDSMEDEWERKER,
    )
    verwacht = {
        "advies.documenten_ontvangen": {A, B, OS},
        "advies.voorbereiden": {OS, V, VV},
        "advies.verslag_maken": {OS},
        "advies.verzenden": {OS},
        "advies.corrigeren": {OS, V, VV},
        "advies.vaststellen": {V, VV},
        "advies.reactie_vastleggen": {A, B, OS},
        "advies.afronden": {A, OS},
        "advies.meedenken_vastleggen": {OS, B},
        "advies.aanvraag_intrekken": {A, B, OS},
        "advies.ongevraagd_intrekken": {V, VV, OS},
        "advies.aanvraag_aanmaken": {A, B, OS},
        "advies.ongevraagd_aanmaken": {V, VV, OS},
        "advies.documenten_toevoegen": {A, B, OS},
        "advies.publiceren": {OS, V, VV},
        "advies.belang_melden": {L, V, VV},
        "advies.goedkeuren": {L, V, VV},
        "advies.kortere_termijn": {V, VV},
        "advies.plannen": {A, OS},
        "advies.ronde_inzien": {V, OS},
        "advies.alle_aanvragen_zien": {OS, A},
        "advies.alle_bestanden_zien": {OS},
    }
    tabellen = transitions.WERKSTROOM.capabilities() | {
        regel[0]
        for regel in (
            transitions.CONCEPT_BEWERKEN,
            transitions.DOCUMENT_TOEVOEGEN,
            transitions.REACTIE_VASTLEGGEN,
            transitions.PUBLICEREN,
            transitions.BELANG_MELDEN,
            transitions.MEEDENKEN_VASTLEGGEN,
            transitions.KORTERE_TERMIJN,
        )
    }
    assert tabellen <= set(verwacht)
    for capability, rollen in verwacht.items():
        assert rollen_met(capability) == rollen, capability
