"""Admin widgets never name an object the user may not view.

The label next to a raw-id field and the selected option of an autocomplete field were read
without the policy: ``?bestand=<id>`` on the samenwerkingsafspraken form (or a POST that fails
validation) showed the name of any confidential file. Every admin form with such a field is
tried here, with the id of an object the user may not view, in the GET and in the POST.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import count
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from adviesraad.models import Portefeuille
from hengelo_participatie.core.admin_keuzes import _door_een_rol_bereikbaar
from hengelo_participatie.files.services import bestand_opslaan
from tests.adviesraad.factories import LidFactory, benoemde_termijn
from tests.conftest import mfa_verify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_teller = count(1)


def _gebruiker(naam: str) -> Any:
    return UserFactory(voornaam=naam, achternaam="Geheim")


#: How to make an object of each model a raw-id or autocomplete field points to, whose name
#: (``str``) contains ``naam``. A new such field to another model fails the test until added.
MAKERS: dict[str, Callable[[str], Model]] = {
    "files.bestand": lambda naam: bestand_opslaan(
        upload=SimpleUploadedFile(f"{naam}.pdf", PDF), door=UserFactory()
    ),
    "accounts.user": _gebruiker,
    "adviesraad.lid": lambda naam: LidFactory(user=_gebruiker(naam)),
    "adviesraad.zittingstermijn": lambda naam: benoemde_termijn(LidFactory(user=_gebruiker(naam))),
    "adviesraad.portefeuille": lambda naam: Portefeuille.objects.create(
        naam=naam, van=date(2026, 1, 1)
    ),
}


def _velden() -> list[tuple[type[Model], str]]:
    """Every (model, field) shown with a raw-id or autocomplete widget in an add form."""
    paren = []
    for model, model_admin in admin.site._registry.items():
        if not _door_een_rol_bereikbaar(model):
            continue
        velden = (*model_admin.raw_id_fields, *model_admin.autocomplete_fields)
        paren.extend((model, veld) for veld in velden)
    return sorted(paren, key=lambda p: (p[0]._meta.label_lower, p[1]))


VELDEN = _velden()


def test_de_lijst_is_niet_leeg() -> None:
    namen = {f"{m._meta.label_lower}.{v}" for m, v in VELDEN}
    assert {
        "verordening.samenwerkingsafspraken.bestand",
        "verordening.huishoudelijkreglement.bestand",
        "adviesraad.nevenfunctieverklaring.lid",
    } <= namen


def test_de_systeemcontrole_vindt_geen_admin_zonder_de_mixin() -> None:
    call_command("check", "--tag", "admin")  # raises SystemCheckError on accounts.E002


def _beheerder_zonder_zicht_op(model: type[Model]) -> Any:
    """A staff user who may add and view ``model`` in the admin, and nothing else."""
    user = UserFactory(is_staff=True)
    meta = model._meta
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label=meta.app_label,
            codename__in=[f"add_{meta.model_name}", f"view_{meta.model_name}"],
        )
    )
    return user


@pytest.mark.parametrize(
    ("model", "veld"), VELDEN, ids=[f"{m._meta.label_lower}.{v}" for m, v in VELDEN]
)
def test_geen_naam_van_een_verborgen_object_in_get_of_post(
    private_media: Any, model: type[Model], veld: str
) -> None:
    doel = model._meta.get_field(veld).remote_field.model
    naam = f"GEHEIMNAAM{next(_teller)}X"
    verborgen = MAKERS[doel._meta.label_lower](naam)
    client = Client()
    mfa_verify(client, _beheerder_zonder_zicht_op(model))
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")

    get = client.get(f"{url}?{veld}={verborgen.pk}")
    assert get.status_code == 200
    assert naam not in get.content.decode()

    post = client.post(url, {veld: str(verborgen.pk)})
    assert post.status_code == 200  # the form again, with errors; never a 500
    assert naam not in post.content.decode()
    assert veld in post.context["adminform"].form.errors  # a forbidden id is a form error


def test_accounthouder_ziet_alleen_de_naam_van_een_eigen_bestand(
    private_media: Any, pdf_bytes: bytes
) -> None:
    """The real case: the account holder may open the file admin, but sees only files granted
    to them. Someone else's confidential file is not named; their own still is."""
    accounthouder = UserFactory(roles=["accounthouder"])
    geheim = bestand_opslaan(
        upload=SimpleUploadedFile("Geheime-nota-GEHEIMNAAM.pdf", pdf_bytes), door=UserFactory()
    )
    eigen = bestand_opslaan(
        upload=SimpleUploadedFile("Eigen-afspraken.pdf", pdf_bytes), door=accounthouder
    )
    client = Client()
    mfa_verify(client, accounthouder)
    url = reverse("admin:verordening_samenwerkingsafspraken_add")

    for response in (
        client.get(f"{url}?bestand={geheim.pk}"),
        client.post(url, {"bestand": str(geheim.pk), "jaar": "2026"}),
    ):
        assert response.status_code == 200
        assert "GEHEIMNAAM" not in response.content.decode()
    assert "Eigen-afspraken.pdf" in client.get(f"{url}?bestand={eigen.pk}").content.decode()
