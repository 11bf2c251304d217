"""Public recruitment (issue 15 §8): the vacancies page, the application form without an account,
its spam protection, the confirmation e-mail, the channel overview and the retention purge."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from adviesraad import regels
from adviesraad.models import Kanaaltelling, Kandidaat, KandidaatFase, Kernwet, TermijnSoort
from adviesraad.opschonen import persoonsgegevens_opschonen
from adviesraad.services.aanmelding import aanmelding_indienen
from adviesraad.services.werving import (
    kandidaat_fase_wijzigen,
    selectiecommissie_zetten,
    vacature_aanmaken,
    vacature_publiceren,
    vacature_sluiten,
)
from adviesraad.views import AANMELDINGEN_PER_UUR
from adviesraad.werving_profielen import PROFIEL_LID, PROFIEL_VOORZITTER
from hengelo_participatie.core.schrijven import vandaag
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MARKERS = ("aanmelder markerdijk", "aanmelder.marker@example.org", "motivatie-marker-xyz")


@pytest.fixture(autouse=True)
def _lege_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def vacature():
    v = vacature_aanmaken(
        titel="Lid adviesraad",
        profiel=PROFIEL_LID,
        sluit_op=vandaag() + timedelta(days=30),
        door=None,
    )
    return vacature_publiceren(vacature=v, op=vandaag(), door=None)


def _gegevens(**anders):
    data = {
        "naam": "Aanmelder Markerdijk",
        "email": "aanmelder.marker@example.org",
        "telefoon": "074 123 4567",
        "postcode": "7551 AB",
        "motivatie": "Motivatie-marker-xyz: ik wil meedenken.",
        "themas": [str(k.pk) for k in Kernwet.objects.all()[:2]],
        "kanaal": "organisatie",
        "toestemming": "on",
        "website": "",
    }
    data.update(anders)
    return {k: v for k, v in data.items() if v is not None}


def _alle_tekst() -> str:
    delen = []
    with connection.cursor() as cursor:
        for tabel in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(tabel)}")  # noqa: S608
            delen.extend(repr(rij) for rij in cursor.fetchall())
    return "\n".join(delen).lower()


# --- the public pages ----------------------------------------------------------------------------
def test_vacancies_page_shows_member_and_chair_with_time_and_allowance(client):
    for titel, profiel, soort in (
        ("Lid adviesraad", PROFIEL_LID, TermijnSoort.LID),
        ("Vaste voorzitter", PROFIEL_VOORZITTER, TermijnSoort.VOORZITTER),
    ):
        v = vacature_aanmaken(titel=titel, profiel=profiel, soort=soort, door=None)
        vacature_publiceren(vacature=v, op=vandaag(), door=None)
    vacature_aanmaken(titel="Nog een concept", profiel="x", door=None)

    response = client.get(reverse("adviesraad:vacatures"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Lid adviesraad" in html and "Vaste voorzitter" in html
    assert "Nog een concept" not in html
    assert "minimaal 10 uur per maand" in html
    # 50% and 100% of the fiscal maximum of 2026 (2,200 a year): rules, not hard-coded.
    assert "€ 1100 per jaar (50%" in html
    assert "€ 2200 per jaar (100%" in html


def test_vacancy_page_shows_profile_form_and_retention_period(client, vacature):
    response = client.get(reverse("adviesraad:vacature", args=[vacature.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Kent inwoners" in PROFIEL_LID or "kent inwoners" in html.lower()
    assert "inwoners die zorg of ondersteuning krijgen" in html
    bewaar = str(regels.bewaartermijn_kandidaten(vandaag()).waarde)
    assert bewaar == "6 maanden"
    assert f"tot {bewaar} na het einde van de werving" in html
    assert 'name="toestemming"' in html
    # The honeypot is in the page, inside a container no person sees.
    assert 'class="hengelo-honingpot"' in html and 'name="website"' in html


def test_closed_or_concept_vacancy_is_404(client, vacature):
    concept = vacature_aanmaken(titel="Concept", profiel="x", door=None)
    assert client.get(reverse("adviesraad:vacature", args=[concept.pk])).status_code == 404
    vacature_sluiten(vacature=vacature, op=vandaag(), door=None)
    assert client.get(reverse("adviesraad:vacature", args=[vacature.pk])).status_code == 404


def test_page_queries_do_not_grow_with_vacancies(client, django_assert_max_num_queries):
    for i in range(10):
        v = vacature_aanmaken(titel=f"Vacature {i}", profiel="x", door=None)
        vacature_publiceren(vacature=v, op=vandaag(), door=None)
    with django_assert_max_num_queries(4):
        assert client.get(reverse("adviesraad:vacatures")).status_code == 200


# --- applying --------------------------------------------------------------------------------------
def test_application_enters_the_pipeline_and_sends_a_confirmation(
    client, vacature, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("adviesraad:vacature", args=[vacature.pk]), _gegevens())

    assert response.status_code == 302
    assert response.url == reverse("adviesraad:vacatures")
    kandidaat = Kandidaat.objects.get()
    assert kandidaat.vacature == vacature
    assert kandidaat.fase == KandidaatFase.BRIEVENSELECTIE  # the existing pipeline's first stage
    assert kandidaat.postcode == "7551 AB"
    assert kandidaat.kanaal == "organisatie"
    assert kandidaat.toestemming_op is not None
    assert kandidaat.themas.count() == 2
    assert Kanaaltelling.objects.get(vacature=vacature, kanaal="organisatie").aantal == 1
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["aanmelder.marker@example.org"]
    assert "Lid adviesraad" in bericht.subject
    assert "6 maanden na het einde van de werving" in bericht.body
    # The confirmation is shown on the next page.
    volgende = client.get(response.url)
    assert "Bedankt voor uw aanmelding" in volgende.content.decode()


def test_no_consent_stores_nothing(client, vacature):
    response = client.post(
        reverse("adviesraad:vacature", args=[vacature.pk]), _gegevens(toestemming=None)
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "alleen bewaren als u daarvoor toestemming geeft" in html
    assert Kandidaat.objects.count() == 0
    assert Kanaaltelling.objects.count() == 0
    assert not any(m in _alle_tekst() for m in MARKERS)


def test_service_refuses_without_consent_too(vacature):
    with pytest.raises(ValidationError) as fout:
        aanmelding_indienen(
            vacature=vacature,
            naam="Aanmelder Markerdijk",
            email="aanmelder.marker@example.org",
            postcode="7551 AB",
            motivatie="Motivatie-marker-xyz",
            toestemming=False,
        )
    assert "toestemming" in fout.value.message_dict
    assert Kandidaat.objects.count() == 0


@pytest.mark.parametrize(
    ("veld", "waarde", "melding"),
    [
        ("naam", "", "Dit veld is verplicht."),
        ("email", "geen-adres", "Voer een geldig e-mailadres in."),
        ("postcode", "1011 AB", "Leden van de adviesraad wonen in Hengelo"),
        ("motivatie", "x" * 4001, "niet meer dan 4000 tekens"),
        ("naam", "n" * 201, "niet meer dan 200 tekens"),
        ("kanaal", "televisie", "Selecteer een geldige keuze"),
    ],
)
def test_bad_or_oversized_application_gets_dutch_errors_and_stores_nothing(
    client, vacature, veld, waarde, melding
):
    response = client.post(
        reverse("adviesraad:vacature", args=[vacature.pk]), _gegevens(**{veld: waarde})
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert melding in html
    # The error summary at the top names the field and links to it; the title says "Fout:".
    assert 'id="foutoverzicht"' in html
    assert f'href="#id_{veld}' in html
    assert "<title>Fout:" in html
    assert Kandidaat.objects.count() == 0
    assert not any(m in _alle_tekst() for m in MARKERS)


def test_honeypot_refuses_bots_silently(client, vacature):
    response = client.post(
        reverse("adviesraad:vacature", args=[vacature.pk]),
        _gegevens(website="http://spam.example"),
    )

    assert response.status_code == 302  # looks like success to the bot
    assert Kandidaat.objects.count() == 0
    assert len(mail.outbox) == 0


def test_rate_limit_refuses_the_next_application(client, vacature):
    url = reverse("adviesraad:vacature", args=[vacature.pk])
    for i in range(AANMELDINGEN_PER_UUR):
        response = client.post(url, _gegevens(email=f"mens{i}@example.org"))
        assert response.status_code == 302

    response = client.post(url, _gegevens(email="nog.een@example.org"))

    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in response.content.decode()
    assert Kandidaat.objects.count() == AANMELDINGEN_PER_UUR
    assert not Kandidaat.objects.filter(email="nog.een@example.org").exists()


def test_rate_limit_is_per_client(client, vacature):
    url = reverse("adviesraad:vacature", args=[vacature.pk])
    for i in range(AANMELDINGEN_PER_UUR + 1):
        client.post(url, _gegevens(email=f"mens{i}@example.org"), REMOTE_ADDR="10.0.0.1")

    response = client.post(url, _gegevens(email="ander@example.org"), REMOTE_ADDR="10.0.0.2")

    assert response.status_code == 302
    assert Kandidaat.objects.filter(email="ander@example.org").exists()


# --- retention -----------------------------------------------------------------------------------
def test_applications_are_purged_after_the_retention_rule(vacature):
    aanmelding_indienen(
        vacature=vacature,
        naam="Aanmelder Markerdijk",
        email="aanmelder.marker@example.org",
        postcode="7551 AB",
        motivatie="Motivatie-marker-xyz",
        themas=Kernwet.objects.all()[:1],
        kanaal="krant",
        toestemming=True,
    )
    gesloten = vandaag()
    vacature_sluiten(vacature=vacature, op=gesloten, door=None)
    bewaar = regels.bewaartermijn_kandidaten(gesloten).waarde

    persoonsgegevens_opschonen(today=bewaar.na(gesloten) - timedelta(days=1))
    assert Kandidaat.objects.count() == 1  # not yet

    persoonsgegevens_opschonen(today=bewaar.na(gesloten))

    assert Kandidaat.objects.count() == 0
    tekst = _alle_tekst()
    assert not any(m in tekst for m in MARKERS), "persoonsgegevens over na de bewaartermijn"
    # The channel counts hold no personal data and stay.
    assert Kanaaltelling.objects.get(vacature=vacature, kanaal="krant").aantal == 1


def test_rejected_applicant_is_purged_while_the_vacancy_stays_open(vacature):
    kandidaat = aanmelding_indienen(
        vacature=vacature,
        naam="Aanmelder Markerdijk",
        email="aanmelder.marker@example.org",
        postcode="7551 AB",
        motivatie="Motivatie-marker-xyz",
        toestemming=True,
    )
    blijft = aanmelding_indienen(
        vacature=vacature,
        naam="Blijft Staan",
        email="blijft@example.org",
        postcode="7552 AB",
        motivatie="Ik blijf in de procedure.",
        toestemming=True,
    )
    kandidaat_fase_wijzigen(kandidaat=kandidaat, fase=KandidaatFase.AFGEWEZEN, door=None)
    kandidaat.refresh_from_db()
    assert kandidaat.afgerond_op == vandaag()
    bewaar = regels.bewaartermijn_kandidaten(vandaag()).waarde

    persoonsgegevens_opschonen(today=bewaar.na(vandaag()))

    assert list(Kandidaat.objects.all()) == [blijft]
    assert not any(m in _alle_tekst() for m in MARKERS)


# --- the selection committee and the channel overview ----------------------------------------------
def test_selection_committee_only_takes_who_the_role_table_allows(vacature):
    lid = UserFactory(roles=["lid"])
    ondersteuner = UserFactory(roles=["ondersteuner"])
    buitenstaander = UserFactory(roles=["beleidsmedewerker"])

    selectiecommissie_zetten(vacature=vacature, leden=[lid, ondersteuner], door=None)
    assert set(vacature.selectiecommissie.all()) == {lid, ondersteuner}

    with pytest.raises(ValidationError):
        selectiecommissie_zetten(vacature=vacature, leden=[buitenstaander], door=None)
    assert set(vacature.selectiecommissie.all()) == {lid, ondersteuner}


@pytest.mark.parametrize(
    ("rol", "status"), [("voorzitter", 200), ("ondersteuner", 200), ("lid", 404)]
)
def test_channel_overview_for_chair_and_supporter(
    client, login_as, vacature, rol, status, django_assert_max_num_queries
):
    for kanaal in ("organisatie", "organisatie", "krant"):
        aanmelding_indienen(
            vacature=vacature,
            naam="Iemand",
            email="iemand@example.org",
            postcode="7551 AB",
            motivatie="x",
            kanaal=kanaal,
            toestemming=True,
        )
    login_as(client, rol)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("lidmaatschap:werving"))

    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Via een maatschappelijke organisatie: 2" in html
        assert "Via de krant of een huis-aan-huisblad: 1" in html
        assert "Iemand" not in html  # counts only, no names


def test_public_council_page_links_to_the_vacancies(client):
    html = client.get(reverse("adviesraad:openbaar")).content.decode()
    assert f'href="{reverse("adviesraad:vacatures")}"' in html
