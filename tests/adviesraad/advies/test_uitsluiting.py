"""Automatic recusal from the approval round by a member's declaration of other roles
(adviesraad/advies/uitsluiting.py): unresolved or incompatible findings that touch the request."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from adviesraad.advies import uitsluiting
from adviesraad.advies.services.aanvraag import aanvraag_aanmaken
from adviesraad.advies.services.goedkeuring import belang_melden, goedkeuring_geven, open_ronde
from adviesraad.models.advies import Oordeel, Soort, Status
from adviesraad.models.verklaringen import Aanleiding, Beoordeling
from adviesraad.services.verklaringen import verklaring_beoordelen, verklaring_indienen
from tests.adviesraad.advies.helpers import gevraagd, tot_ter_goedkeuring

pytestmark = pytest.mark.django_db


def _verklaar(lid: Any, *, dagen_geleden: int = 0, **antwoorden: Any) -> Any:
    return verklaring_indienen(
        lid=lid,
        aanleiding=Aanleiding.WIJZIGING,
        door=None,
        ingediend_op=timezone.localdate() - timedelta(days=dagen_geleden),
        **antwoorden,
    )


def _beoordeel(verklaring: Any, raad: dict[str, Any], beoordeling: str, afspraak: str = "") -> None:
    verklaring_beoordelen(
        verklaring=verklaring,
        beoordeling=beoordeling,
        afspraak=afspraak,
        door=raad["voorzitter"].user,
    )


def _oordelen(aanvraag: Any) -> dict[int, Any]:
    ronde = open_ronde(aanvraag)
    return {g.lid_id: g for g in ronde.goedkeuringen.all()}


def test_open_finding_on_the_requests_law_excludes_and_records_the_reason(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    geraakt, los, gewoon = raad["leden"]
    _verklaar(
        geraakt,
        professionele_betrokkenheid=True,
        professionele_betrokkenheid_toelichting="Manager bij een Wmo-aanbieder in Hengelo.",
    )
    # A finding about another law: not relevant to this Wmo request.
    _verklaar(
        los,
        belangenbehartiging=True,
        belangenbehartiging_toelichting="Bestuur van de ouderraad, Jeugdwet-zaken.",
    )
    aanvraag = gevraagd(raad, pdf_bytes)
    tot_ter_goedkeuring(aanvraag, raad)

    oordelen = _oordelen(aanvraag)
    assert oordelen[geraakt.pk].oordeel == Oordeel.UITGESLOTEN
    reden = oordelen[geraakt.pk].opmerking
    assert "Automatisch uitgesloten" in reden and "Wmo 2015" in reden
    assert "nog niet beoordeeld" in reden
    assert "Manager" not in reden  # the declaration's own text stays confidential
    assert oordelen[los.pk].oordeel == Oordeel.OPEN
    assert oordelen[gewoon.pk].oordeel == Oordeel.OPEN
    with pytest.raises(ValidationError, match="belang gemeld"):
        goedkeuring_geven(aanvraag=aanvraag, door=geraakt.user, oordeel=Oordeel.AKKOORD)


def test_theme_names_the_organisation_and_an_agreement_counts_too(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    lid = raad["leden"][0]
    verklaring = _verklaar(
        lid,
        belangenbehartiging=True,
        belangenbehartiging_toelichting="Penningmeester van Stichting Welzijn Oost.",
    )
    _beoordeel(
        verklaring, raad, Beoordeling.AFSPRAAK, afspraak="Doet niet mee bij subsidie welzijn."
    )
    aanvraag = gevraagd(raad, pdf_bytes, themas="subsidies; Stichting Welzijn Oost")
    tot_ter_goedkeuring(aanvraag, raad)
    g = _oordelen(aanvraag)[lid.pk]
    assert g.oordeel == Oordeel.UITGESLOTEN
    assert "Stichting Welzijn Oost" in g.opmerking and "afspraak" in g.opmerking


def test_incompatible_excludes_everywhere_resolved_or_old_declarations_do_not(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    onverenigbaar, opgelost, vervangen = raad["leden"]
    v = _verklaar(onverenigbaar, politieke_functie=True, politieke_functie_toelichting="Raadslid.")
    _beoordeel(v, raad, Beoordeling.ONVERENIGBAAR)
    v = _verklaar(
        opgelost,
        professionele_betrokkenheid=True,
        professionele_betrokkenheid_toelichting="Consulent Wmo bij de gemeente Enschede.",
    )
    _beoordeel(v, raad, Beoordeling.GEEN_STRIJDIGHEID)
    # An old Wmo finding, replaced by a newer clean declaration.
    _verklaar(
        vervangen,
        dagen_geleden=30,
        professionele_betrokkenheid=True,
        professionele_betrokkenheid_toelichting="Wmo-aanbieder.",
    )
    _verklaar(vervangen)
    aanvraag = aanvraag_aanmaken(
        soort=Soort.ONGEVRAAGD, titel="Eenzaamheid", door=raad["ondersteuner"], themas="ouderen"
    )
    tot_ter_goedkeuring(aanvraag, raad)
    oordelen = _oordelen(aanvraag)
    assert oordelen[onverenigbaar.pk].oordeel == Oordeel.UITGESLOTEN
    assert "onverenigbaar" in oordelen[onverenigbaar.pk].opmerking
    assert oordelen[opgelost.pk].oordeel == Oordeel.OPEN
    assert oordelen[vervangen.pk].oordeel == Oordeel.OPEN
    assert aanvraag.status == Status.TER_GOEDKEURING


def test_a_reported_conflict_wins_and_is_not_recorded_twice(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    lid = raad["leden"][0]
    _verklaar(
        lid,
        professionele_betrokkenheid=True,
        professionele_betrokkenheid_toelichting="Werk bij een Wmo-aanbieder.",
    )
    aanvraag = gevraagd(raad, pdf_bytes)
    belang_melden(aanvraag=aanvraag, door=lid.user, toelichting="Mijn werkgever.")
    tot_ter_goedkeuring(aanvraag, raad)
    g = _oordelen(aanvraag)[lid.pk]
    assert g.oordeel == Oordeel.UITGESLOTEN and g.opmerking == "Belang gemeld: Mijn werkgever."


@pytest.mark.parametrize(
    ("tekst", "geraakt"),
    [
        ("Werk bij een WMO-aanbieder", True),
        ("jeugdwet en wmo", True),
        ("Wmoloket", False),  # whole words only
        ("", False),
    ],
)
def test_matching_is_whole_words_and_case_insensitive(tekst: str, geraakt: bool) -> None:
    class Verklaring:
        ingediend_op = timezone.localdate()
        beoordeling = Beoordeling.OPEN
        heeft_bevinding = True
        professionele_betrokkenheid = True
        professionele_betrokkenheid_toelichting = tekst
        politieke_functie = belangenbehartiging = conflict_of_omstandigheden = False
        overige_toelichting = afspraak = ""

    assert (
        uitsluiting.reden(Verklaring(), {"Wmo 2015": ["Wmo 2015", "wmo"]}) is not None
    ) is geraakt  # type: ignore[arg-type]


def test_the_automatic_check_logs_its_read_of_each_declaration(
    raad: dict[str, Any], pdf_bytes: bytes
) -> None:
    from adviesraad.models.verklaringen import VerklaringInzage

    geraakt, los, _ = raad["leden"]
    oud = _verklaar(geraakt, dagen_geleden=30)
    nieuw = _verklaar(
        geraakt,
        professionele_betrokkenheid=True,
        professionele_betrokkenheid_toelichting="Manager bij een Wmo-aanbieder in Hengelo.",
    )
    andere = _verklaar(los)
    VerklaringInzage.objects.all().delete()
    aanvraag = gevraagd(raad, pdf_bytes)
    tot_ter_goedkeuring(aanvraag, raad)

    gelezen = list(VerklaringInzage.objects.values_list("verklaring_id", "gelezen_door", "via"))
    assert gelezen, "de automatische controle las verklaringen zonder dat vast te leggen"
    # Every read is the system's, through the automatic check.
    assert {(door, via) for _, door, via in gelezen} == {(None, "automatisch")}
    # The latest declaration of each member was read; the replaced one was not.
    ids = [v for v, _, _ in gelezen]
    assert nieuw.pk in ids and andere.pk in ids
    assert oud.pk not in ids
    assert len(ids) == len(set(ids))
