"""Retention purge: past the retention date nothing personal of a former member or a candidate
remains in any table, history, object permissions, admin log, login attempts and files included."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from adviesraad import regels
from adviesraad.models import EindeReden, FunctieSoort, Kernwet, Lid
from adviesraad.models.leden import Conclusie
from adviesraad.opschonen import persoonsgegevens_opschonen
from adviesraad.services.functies import functie_toewijzen
from adviesraad.services.leden import lid_foto_opslaan
from adviesraad.services.portefeuilles import portefeuille_aanmaken, portefeuillehouder_toewijzen
from adviesraad.services.termijnen import evaluatie_vastleggen, termijn_beeindigen
from adviesraad.services.verklaringen import verklaring_beoordelen, verklaring_indienen
from adviesraad.services.werving import (
    kandidaat_aanmelden,
    kandidaat_fase_wijzigen,
    vacature_aanmaken,
    vacature_publiceren,
    vacature_sluiten,
)
from adviesraad.tasks import persoonsgegevens_opschonen as opschoon_task
from hengelo_participatie.accounts.models import User
from tests.adviesraad.factories import LidFactory, benoemde_termijn, vandaag
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)

OUD_LID_MARKERS = (
    "zyxwoud",
    "qvistmarker",
    "oud.lid.marker@example.org",
    "purgestraat 77",
    "geheim-marker-verklaring",
    "evaluatie-marker",
    "afspraak-marker",
)
KANDIDAAT_MARKERS = (
    "kandidaat markerson",
    "kandidaat.marker@example.org",
    "motivatie-marker",
    "06-12345678",
)


def _alle_tekst_in_de_database() -> str:
    """Every row of every table, as one lower-case string."""
    delen = []
    with connection.cursor() as cursor:
        for tabel in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(tabel)}")  # noqa: S608
            delen.extend(repr(rij) for rij in cursor.fetchall())
    return "\n".join(delen).lower()


@pytest.fixture
def opslag(tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    return tmp_path


@pytest.fixture
def oud_lid(opslag):
    user = UserFactory(
        email="oud.lid.marker@example.org", voornaam="Zyxwoud", achternaam="Qvistmarker"
    )
    lid = LidFactory(
        user=user,
        adres="Purgestraat 77",
        postcode="7553 QQ",
        foto_toestemming=True,
        diversiteit_toestemming=True,
        gender="vrouw",
    )
    lid.themas.set(Kernwet.objects.all()[:2])
    verklaring_indienen(
        lid=lid,
        aanleiding="benoeming",
        door=user,
        ingediend_op=date(2026, 1, 5),
        conflict_of_omstandigheden=True,
        conflict_of_omstandigheden_toelichting="GEHEIM-MARKER-verklaring",
    )
    voorzitter = UserFactory(roles=["voorzitter"])
    verklaring = lid.verklaringen.get()
    verklaring_beoordelen(
        verklaring=verklaring, beoordeling="afspraak", afspraak="AFSPRAAK-MARKER", door=voorzitter
    )
    from adviesraad.selectors import verklaring_lezen

    verklaring_lezen(user=voorzitter, pk=verklaring.pk, via="portaal")

    termijn = benoemde_termijn(lid, besluitdatum=date(2026, 1, 12), begindatum=date(2026, 1, 12))
    functie_toewijzen(lid=lid, soort=FunctieSoort.VICEVOORZITTER, van=date(2026, 1, 15), door=None)
    pf = portefeuille_aanmaken(
        naam="Zorg", kernwetten=Kernwet.objects.all()[:1], van=date(2026, 1, 1), door=None
    )
    portefeuillehouder_toewijzen(portefeuille=pf, lid=lid, van=date(2026, 1, 15), door=None)
    lid_foto_opslaan(lid=lid, upload=SimpleUploadedFile("f.png", PNG, "image/png"), door=user)
    evaluatie_vastleggen(
        termijn=termijn,
        datum=date(2026, 2, 1),
        conclusie=Conclusie.NIET_AANBEVOLEN,
        verslag="EVALUATIE-MARKER",
        door=voorzitter,
    )
    termijn_beeindigen(
        termijn=termijn, reden=EindeReden.AFTREDEN, laatste_dag=date(2026, 2, 28), door=None
    )
    LogEntry.objects.log_actions(
        user_id=voorzitter.pk,
        queryset=[lid],
        action_flag=CHANGE,
        change_message="gewijzigd",
        single_object=True,
    )
    AccessAttempt.objects.create(
        username=user.email,
        ip_address="127.0.0.1",
        user_agent="x",
        failures_since_start=1,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/account/login/",
    )
    lid.refresh_from_db()
    return lid


@pytest.fixture
def gesloten_werving(opslag):
    vacature = vacature_aanmaken(titel="Lid gezocht", profiel="Bijlage 5", door=None)
    vacature_publiceren(vacature=vacature, op=date(2026, 1, 10), door=None)
    kandidaat = kandidaat_aanmelden(
        vacature=vacature,
        naam="Kandidaat Markerson",
        email="kandidaat.marker@example.org",
        postcode="7551 AA",
        telefoon="06-12345678",
        motivatie="MOTIVATIE-MARKER",
        door=None,
    )
    kandidaat_fase_wijzigen(kandidaat=kandidaat, fase="afgewezen", door=None)
    vacature_sluiten(vacature=vacature, op=date(2026, 3, 1), door=None)
    return vacature


def test_niets_persoonlijks_blijft_na_de_bewaartermijn(
    oud_lid, gesloten_werving, opslag, django_capture_on_commit_callbacks
):
    zittend = benoemde_termijn(adres="Blijfstraat 1")
    foto_pad = opslag / oud_lid.foto.bestand.name
    assert foto_pad.exists()
    tekst = _alle_tekst_in_de_database()
    assert all(m in tekst for m in OUD_LID_MARKERS + KANDIDAAT_MARKERS)  # the markers are findable

    laatste_dag = date(2026, 2, 28)
    grens_oud = regels.bewaartermijn_oud_leden(laatste_dag).waarde.na(laatste_dag)
    grens_kandidaat = regels.bewaartermijn_kandidaten(date(2026, 3, 1)).waarde.na(date(2026, 3, 1))

    # The day before the retention date: nothing goes.
    resultaat = persoonsgegevens_opschonen(
        today=min(grens_oud, grens_kandidaat) - timedelta(days=1)
    )
    assert (resultaat.kandidaten, resultaat.oud_leden) == (0, 0)
    assert Lid.objects.filter(pk=oud_lid.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        resultaat = persoonsgegevens_opschonen(today=max(grens_oud, grens_kandidaat))
    assert resultaat.kandidaten == 1 and resultaat.oud_leden == 1 and resultaat.accounts == 1

    tekst = _alle_tekst_in_de_database()
    achtergebleven = [m for m in OUD_LID_MARKERS + KANDIDAAT_MARKERS if m in tekst]
    assert not achtergebleven, f"Nog aanwezig: {achtergebleven}"
    assert not foto_pad.exists()
    assert not User.objects.filter(email="oud.lid.marker@example.org").exists()
    # The sitting member and their history stay.
    assert Lid.objects.filter(pk=zittend.lid.pk).exists()
    assert "blijfstraat 1" in tekst
    assert zittend.lid.history.exists()
    # Idempotent.
    again = persoonsgegevens_opschonen(today=max(grens_oud, grens_kandidaat))
    assert (again.kandidaten, again.oud_leden) == (0, 0)


def test_account_met_andere_rol_blijft_maar_lidgegevens_gaan(opslag):
    user = UserFactory(roles=["beleidsmedewerker"], voornaam="Blijver")
    termijn = benoemde_termijn(
        LidFactory(user=user, adres="Weg-marker 5"),
        besluitdatum=date(2026, 1, 12),
        begindatum=date(2026, 1, 12),
    )
    termijn_beeindigen(
        termijn=termijn, reden=EindeReden.AFTREDEN, laatste_dag=date(2026, 1, 31), door=None
    )
    persoonsgegevens_opschonen(today=date(2029, 1, 1))
    assert User.objects.filter(pk=user.pk).exists()
    assert set(user.groups.values_list("name", flat=True)) == {"beleidsmedewerker"}
    assert "weg-marker 5" not in _alle_tekst_in_de_database()


def test_ad_interim_voorzitter_met_open_einde_blijft(opslag):
    lid = LidFactory()
    functie_toewijzen(
        lid=lid,
        soort=FunctieSoort.VOORZITTER_AD_INTERIM,
        van=date(2026, 1, 1),
        uurtarief=Decimal("85"),
        door=None,
    )
    persoonsgegevens_opschonen(today=date(2030, 1, 1))
    assert Lid.objects.filter(pk=lid.pk).exists()


def test_celery_taak_roept_de_dienst_aan(oud_lid):
    # Today's date is long before the retention date of this fixture's former member.
    assert opschoon_task.apply().get() == {"kandidaten": 0, "oud_leden": 0, "accounts": 0}
    assert Lid.objects.filter(pk=oud_lid.pk).exists()
    assert vandaag() < date(2028, 2, 28)
