"""Demo money for `make run`: a budget for this year (adopted), the allowance periods of this
year computed from the demo attendance (the ended ones approved, the last one prepared), and 20
declarations in every state. Everything goes through the services; the steps are taken by the
demo supporter, chair and account holder. Idempotent: skips what exists.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from hengelo_participatie.accounts.demo import demo_gebruiker
from hengelo_participatie.core.schrijven import vandaag
from hengelo_participatie.pdf import render_pdf

from .models import (
    Begroting,
    BegrotingStatus,
    Categorie,
    Declaratie,
    DeclaratieStatus,
    PeriodeStatus,
    Vergoedingsperiode,
)
from .regels import declaratie_drempel, periode_maanden
from .services import begroting as begroting_services
from .services import declaraties as declaratie_services
from .services import perioden as periode_services
from .vergoeding import periode_van

PREFIX = "Demo: "
C = Categorie
DS = DeclaratieStatus
#: (days ago, submitter role, category, amount, description, final state)
DECLARATIES = [
    (200, "lid", C.SCHOLING, "145.00", "Cursus Wmo voor adviesraden", DS.BETAALD),
    (190, "vicevoorzitter", C.BIJEENKOMSTEN, "38.40", "Reiskosten landelijke dag", DS.BETAALD),
    (170, "lid", C.LIDMAATSCHAPPEN, "95.00", "Lidmaatschap Koepel adviesraden", DS.BETAALD),
    (150, "vicevoorzitter", C.COMMUNICATIE, "310.00", "Drukwerk folder adviesraad", DS.BETAALD),
    (130, "lid", C.ORGANISEREN, "480.00", "Zaalhuur inwonersavond", DS.BETAALD),
    (120, "lid", C.BIJEENKOMSTEN, "22.80", "Parkeren bij regiobijeenkomst", DS.GOEDGEKEURD),
    (100, "vicevoorzitter", C.SCHOLING, "275.00", "Training gespreksvoering", DS.GOEDGEKEURD),
    (90, "lid", C.ORGANISEREN, "64.50", "Koffie en thee inwonersavond", DS.GOEDGEKEURD),
    (80, "vicevoorzitter", C.COMMUNICATIE, "18.95", "Domeinnaam website", DS.GOEDGEKEURD),
    (70, "lid", C.BIJEENKOMSTEN, "41.20", "Treinkaartje congres sociaal domein", DS.GOEDGEKEURD),
    (60, "lid", C.SCHOLING, "1250.00", "Leergang participatie (te duur)", DS.AFGEWEZEN),
    (50, "vicevoorzitter", C.BIJEENKOMSTEN, "12.00", "Lunch tijdens overleg", DS.AFGEWEZEN),
    (45, "lid", C.COMMUNICATIE, "35.00", "Advertentie (dubbel ingediend)", DS.AFGEWEZEN),
    (40, "vicevoorzitter", C.ORGANISEREN, "650.00", "Bijeenkomst met partners", DS.GECONTROLEERD),
    (35, "lid", C.SCHOLING, "395.00", "Congres inclusie", DS.GECONTROLEERD),
    (30, "lid", C.LIDMAATSCHAPPEN, "260.00", "Abonnement vakblad", DS.GECONTROLEERD),
    (20, "lid", C.BIJEENKOMSTEN, "27.60", "Reiskosten werkbezoek", DS.INGEDIEND),
    (12, "vicevoorzitter", C.COMMUNICATIE, "89.00", "Fotograaf jaarverslag", DS.INGEDIEND),
    (8, "ondersteuner", C.ORGANISEREN, "132.50", "Materiaal inwonersavond", DS.INGEDIEND),
    (3, "lid", C.SCHOLING, "60.00", "Webinar armoedebeleid", DS.INGEDIEND),
]


def _begroting(jaar: int) -> None:
    if Begroting.objects.filter(jaar=jaar).exists():
        return
    begroting = begroting_services.begroting_opslaan(
        jaar=jaar,
        bedragen=begroting_services.standaardverdeling(jaar),
        toelichting=f"{PREFIX}begroting zoals besproken met de accounthouder.",
        buiten={
            "vergoedingen_raming": Decimal("9900.00"),
            "voorzitter_uren": 182,
            "voorzitter_uurtarief": Decimal("85.00"),
            "ondersteuner_uren": 208,
            "ondersteuner_uurtarief": Decimal("65.00"),
        },
        door=None,
    )
    begroting = begroting_services.begroting_overgang(
        begroting=begroting, naar=BegrotingStatus.INGEDIEND, door=demo_gebruiker("ondersteuner")
    )
    begroting_services.begroting_overgang(
        begroting=begroting, naar=BegrotingStatus.VASTGESTELD, door=demo_gebruiker("accounthouder")
    )


def _perioden(vandaag_: date) -> None:
    maanden = periode_maanden(vandaag_).waarde.aantal
    ondersteuner = demo_gebruiker("ondersteuner")
    voorzitter = demo_gebruiker("voorzitter")
    accounthouder = demo_gebruiker("accounthouder")
    begin = date(vandaag_.year, 1, 1)
    ended = []
    while True:
        periode_begin, periode_einde = periode_van(begin, maanden)
        if periode_einde >= vandaag_:
            break
        ended.append(periode_begin)
        begin = periode_einde + timedelta(days=1)
    for nummer, dag in enumerate(ended):
        periode = periode_services.periode_aanmaken(dag=dag, door=None)
        if periode.status != PeriodeStatus.CONCEPT:
            continue
        periode = periode_services.periode_overgang(
            periode=periode, naar=PeriodeStatus.VOORBEREID, door=ondersteuner
        )
        if nummer == len(ended) - 1:
            continue  # the last ended period waits for the chair
        periode = periode_services.periode_overgang(
            periode=periode, naar=PeriodeStatus.GECONTROLEERD, door=voorzitter
        )
        periode_services.periode_overgang(
            periode=periode, naar=PeriodeStatus.GOEDGEKEURD, door=accounthouder
        )
    # The current period exists too (concept).
    periode_services.periode_aanmaken(dag=vandaag_, door=None)


def _declaraties(vandaag_: date) -> None:
    if Declaratie.objects.filter(omschrijving__startswith=PREFIX).exists():
        return
    pdf = render_pdf("pdf/voorbeeld.html", {"titel": "Bon", "alineas": ["Demo: bon."]})
    ondersteuner = demo_gebruiker("ondersteuner")
    voorzitter = demo_gebruiker("voorzitter")
    accounthouder = demo_gebruiker("accounthouder")
    for dagen, rol, categorie, bedrag, omschrijving, eind in DECLARATIES:
        indiener = demo_gebruiker(rol)
        if indiener is None:
            continue
        datum = max(date(vandaag_.year, 1, 2), vandaag_ - timedelta(days=dagen))
        declaratie = declaratie_services.declaratie_indienen(
            datum=datum,
            categorie=categorie,
            bedrag=Decimal(bedrag),
            omschrijving=f"{PREFIX}{omschrijving}",
            bon=SimpleUploadedFile("bon.pdf", pdf),
            door=indiener,
        )
        stappen: list[tuple[str, Any]] = []
        # Above the threshold rule (§4.2.5, Bijlage 9) the chair approves after the check.
        boven = declaratie.bedrag > declaratie_drempel(vandaag()).waarde
        if eind in (DS.GOEDGEKEURD, DS.BETAALD):
            if boven:
                stappen = [(DS.GECONTROLEERD, ondersteuner), (DS.GOEDGEKEURD, voorzitter)]
            else:
                stappen = [(DS.GOEDGEKEURD, ondersteuner)]
            if eind == DS.BETAALD:
                stappen.append((DS.BETAALD, accounthouder))
        elif eind == DS.GECONTROLEERD:
            stappen = [(DS.GECONTROLEERD, ondersteuner)]
        elif eind == DS.AFGEWEZEN:
            stappen = [(DS.AFGEWEZEN, ondersteuner)]
        for naar, door in stappen:
            declaratie = declaratie_services.declaratie_overgang(
                declaratie=declaratie,
                naar=naar,
                door=door,
                reden="Valt buiten de afspraken over declaraties." if naar == DS.AFGEWEZEN else "",
            )


def seed(*, stdout: Any) -> None:
    vandaag_ = vandaag()
    _begroting(vandaag_.year)
    _perioden(vandaag_)
    _declaraties(vandaag_)
    stdout.write(
        f"Financiën: begroting {vandaag_.year}, "
        f"{Vergoedingsperiode.objects.count()} vergoedingsperioden, "
        f"{Declaratie.objects.count()} declaraties."
    )
