"""Nobody raises their own rights; each role grants only what it manages.

* The role table says which roles each role may grant (``RolDefinitie.beheert``).
* ``user_set_roles`` is the only way to grant a role by hand and refuses own roles, council roles
  and roles outside the table, whatever a form says. Council roles follow terms only.
* The admin lists only grantable roles; a hand-made POST of anything else is a form error.
* Every change is in the history with the actor, and mailed to the person (outbox).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import models
from django.test import Client
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from adviesraad.models import EindeReden, FunctieSoort, TermijnStatus
from adviesraad.services.functies import functie_toewijzen
from adviesraad.services.rollen import rollen_bijwerken, rollen_bijwerken_alle
from adviesraad.services.termijnen import termijn_beeindigen
from hengelo_participatie.accounts.deadlines import ROLLEN_GEWIJZIGD
from hengelo_participatie.accounts.models import User
from hengelo_participatie.accounts.roles import (
    RAADSROLLEN,
    ROLES,
    STAFROLLEN,
    Rol,
    RolDefinitie,
    toekenbare_rollen,
)
from hengelo_participatie.accounts.services import user_set_roles
from hengelo_participatie.core.beheer import BeheerHistoryAdmin
from hengelo_participatie.notifications.models import Herinnering
from tests.adviesraad.factories import benoemde_termijn, vandaag
from tests.conftest import mfa_verify
from tests.factories import UserFactory
from tests.participatiemix.factories import maak_activiteit

pytestmark = pytest.mark.django_db

BESCHERMD = ("groups", "user_permissions", "is_staff", "is_superuser")
ADMIN_ROLLEN = ["ondersteuner", "accounthouder", "superuser"]


def _maak(rol: str) -> User:
    if rol == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    return UserFactory(roles=[rol])


def _client(user: User) -> Client:
    client = Client()
    mfa_verify(client, user)
    return client


def _rollen(user: User) -> set[str]:
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def _groep(naam: str) -> int:
    return Group.objects.get(name=naam).pk


def _formulier(user: User, **wijzigingen: object) -> dict[str, object]:
    """What the real change form posts (read-only fields are not posted), plus ``wijzigingen``."""
    data: dict[str, object] = {
        "email": user.email,
        "voornaam": user.voornaam,
        "achternaam": user.achternaam,
        "groups": [g.pk for g in user.groups.all()],
    }
    if user.is_active:
        data["is_active"] = "on"
    data.update(wijzigingen)
    return data


def _wijzig_url(user: User) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


def _staat(user: User) -> tuple[object, ...]:
    user = User.objects.get(pk=user.pk)
    return (
        frozenset(user.groups.values_list("name", flat=True)),
        frozenset(user.user_permissions.values_list("pk", flat=True)),
        user.is_staff,
        user.is_superuser,
    )


def _meldingen(user: User) -> int:
    return Herinnering.objects.filter(ontvanger=user, soort=ROLLEN_GEWIJZIGD).count()


# --- The role table ------------------------------------------------------------------------------
def test_rollentabel_zegt_wie_welke_rol_mag_geven():
    assert toekenbare_rollen(_maak("accounthouder")) == {"beleidsmedewerker", "gespreksleider"}
    for rol in ("ondersteuner", "lid", "voorzitter", "vicevoorzitter", "beleidsmedewerker"):
        assert toekenbare_rollen(_maak(rol)) == frozenset(), rol
    assert toekenbare_rollen(_maak("superuser")) == {r.value for r in STAFROLLEN}
    assert toekenbare_rollen(UserFactory(roles=["accounthouder"], is_active=False)) == frozenset()
    for rol, definitie in ROLES.items():
        assert not definitie.beheert & RAADSROLLEN, rol
        assert rol not in definitie.beheert, f"{rol} mag zichzelf niet vermenigvuldigen"
    with pytest.raises(ValueError, match="Raadsrollen"):
        RolDefinitie(label="x", beheer=False, beheert=frozenset({Rol.LID}))


# --- Own account: through the real admin change form, for every admin role ----------------------
@pytest.mark.parametrize("rol", ADMIN_ROLLEN)
def test_eigen_rollen_en_rechten_wijzigen_via_het_beheer_kan_niet(rol):
    ik = _maak(rol)
    client = _client(ik)
    voor = _staat(ik)
    perm = Permission.objects.get(codename="change_user")
    response = client.post(
        _wijzig_url(ik),
        _formulier(
            ik,
            groups=[_groep("accounthouder"), _groep("ondersteuner"), _groep("beleidsmedewerker")],
            user_permissions=[perm.pk],
            is_staff="on",
            is_superuser="" if ik.is_superuser else "on",
        ),
    )
    if rol == "ondersteuner":
        assert response.status_code == 403  # may read accounts, change none
    else:
        assert response.status_code == 200
        form = response.context["adminform"].form
        assert "U kunt uw eigen rollen en rechten niet wijzigen" in str(form.non_field_errors())
    assert _staat(ik) == voor
    assert _meldingen(ik) == 0


@pytest.mark.parametrize("rol", ["accounthouder", "superuser"])
def test_eigen_account_toont_rollen_en_rechten_alleen_lezen(rol):
    ik = _maak(rol)
    response = _client(ik).get(_wijzig_url(ik))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert not set(BESCHERMD) & set(form.fields)
    # And for someone else the account holder gets only the roles it may grant.
    ander = UserFactory(roles=["lid"])
    form = _client(ik).get(_wijzig_url(ander)).context["adminform"].form
    assert {g.name for g in form.fields["groups"].queryset} == toekenbare_rollen(ik)


def _admins_die_rechten_raken() -> dict[type[models.Model], admin.ModelAdmin]:
    """Every registered admin whose model or inlines touch groups or permissions."""
    gevoelig = {User, Group, Permission}
    through = {
        User.groups.through,
        User.user_permissions.through,
        Group.permissions.through,
    }
    gevonden = {}
    for model, model_admin in admin.site._registry.items():
        inlines = {inline.model for inline in model_admin.inlines}
        velden = {f.related_model for f in model._meta.get_fields() if f.is_relation}
        if (
            model in gevoelig | through
            or inlines & (gevoelig | through)
            or (
                model_admin.__class__.__module__.startswith("django.contrib.auth")
                and velden & {Group, Permission}
            )
        ):
            gevonden[model] = model_admin
    return gevonden


@pytest.mark.parametrize("rol", ADMIN_ROLLEN)
def test_geen_enkel_beheerscherm_laat_eigen_rollen_of_rechten_wijzigen(rol):
    """Walk the admin registry: every admin touching groups or permissions is tried by hand."""
    raakt = _admins_die_rechten_raken()
    # A new admin here must be added to this test: that is the point of listing them.
    assert set(raakt) == {User, Group}, sorted(m._meta.label for m in raakt)
    ik = _maak(rol)
    client = _client(ik)
    voor = _staat(ik)

    # The user admin: own account, every protected field forged.
    response = client.get(_wijzig_url(ik))
    if response.status_code == 200:
        assert not set(BESCHERMD) & set(response.context["adminform"].form.fields)
    client.post(
        _wijzig_url(ik),
        _formulier(ik, groups=[g.pk for g in Group.objects.all()], is_staff="on"),
    )
    assert _staat(ik) == voor

    # The roles admin: the permissions of one's own role (or any role) cannot be changed.
    eigen_groep = ik.groups.first() or Group.objects.get(name="accounthouder")
    perms_voor = set(eigen_groep.permissions.values_list("pk", flat=True))
    alle_perms = list(Permission.objects.values_list("pk", flat=True)[:50])
    url = reverse("admin:auth_group_change", args=[eigen_groep.pk])
    response = client.post(url, {"name": eigen_groep.name, "permissions": alle_perms})
    assert response.status_code == 403
    response = client.post(
        reverse("admin:auth_group_add"), {"name": "nieuw", "permissions": alle_perms}
    )
    assert response.status_code == 403
    assert set(eigen_groep.permissions.values_list("pk", flat=True)) == perms_voor
    assert not Group.objects.filter(name="nieuw").exists()
    assert _staat(ik) == voor


# --- The account holder grants only beleidsmedewerker and gespreksleider -----------------------
@pytest.mark.parametrize("rol", ["beleidsmedewerker", "gespreksleider"])
def test_accounthouder_geeft_beleidsmedewerker_en_gespreksleider(
    rol, django_capture_on_commit_callbacks
):
    accounthouder = _maak("accounthouder")
    doel = UserFactory(roles=["lid"])
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(accounthouder).post(
            _wijzig_url(doel), _formulier(doel, groups=[_groep(rol)])
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _rollen(doel) == {"lid", rol}  # the council role stays as it is

    # History: who, what, when.
    record = User.objects.get(pk=doel.pk).history.latest()
    assert record.history_user_id == accounthouder.pk
    namen = ", ".join(sorted(["lid", rol]))
    assert record.history_change_reason.startswith(f"Rollen gezet: {namen}")
    assert f"erbij: {rol}" in record.history_change_reason

    # The person is told, by e-mail through the outbox (mandatory notice).
    melding = Herinnering.objects.get(ontvanger=doel, soort=ROLLEN_GEWIJZIGD)
    assert melding.verplicht
    assert [m.to for m in mail.outbox] == [[doel.email]]
    assert "Uw rollen zijn gewijzigd" in mail.outbox[0].body
    assert ROLES[Rol(rol)].label in mail.outbox[0].body

    # Taking it away again is announced too.
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(accounthouder).post(
            _wijzig_url(doel), _formulier(User.objects.get(pk=doel.pk), groups=[])
        )
    assert response.status_code == 302
    assert _rollen(doel) == {"lid"}
    assert _meldingen(doel) == 2
    assert "eraf: " + ROLES[Rol(rol)].label in (
        Herinnering.objects.filter(ontvanger=doel, soort=ROLLEN_GEWIJZIGD).last().tekst
    )


@pytest.mark.parametrize(
    "rol", ["ondersteuner", "voorzitter", "vicevoorzitter", "lid", "accounthouder"]
)
def test_accounthouder_kan_andere_rollen_niet_geven_ook_niet_met_een_nagemaakt_formulier(rol):
    accounthouder = _maak("accounthouder")
    doel = UserFactory()
    response = _client(accounthouder).post(
        _wijzig_url(doel), _formulier(doel, groups=[_groep(rol), _groep("gespreksleider")])
    )
    assert response.status_code == 200
    fouten = response.context["adminform"].form.errors
    assert "U mag deze rol niet geven" in str(fouten["groups"])
    assert ROLES[Rol(rol)].label in str(fouten["groups"])
    assert _rollen(doel) == set()
    assert _meldingen(doel) == 0


def test_accounthouder_laat_rollen_die_hij_niet_beheert_staan():
    """Not listing a role is not taking it away: the supporter role stays on the account."""
    accounthouder = _maak("accounthouder")
    doel = UserFactory(roles=["ondersteuner"])
    response = _client(accounthouder).post(
        _wijzig_url(doel), _formulier(doel, groups=[_groep("beleidsmedewerker")])
    )
    assert response.status_code == 302
    assert _rollen(doel) == {"ondersteuner", "beleidsmedewerker"}
    assert User.objects.get(pk=doel.pk).is_staff


def test_geen_losse_rechten_of_superuser_door_een_niet_superuser():
    accounthouder = _maak("accounthouder")
    doel = UserFactory()
    perm = Permission.objects.get(codename="change_user")
    voor = _staat(doel)
    for forged in ({"is_superuser": "on"}, {"user_permissions": [perm.pk]}, {"is_staff": "on"}):
        response = _client(accounthouder).post(_wijzig_url(doel), _formulier(doel, **forged))
        assert response.status_code == 200, forged
        assert response.context["adminform"].form.non_field_errors(), forged
        assert _staat(doel) == voor, forged


def test_superuser_geeft_stafrollen_maar_geen_raadsrol():
    superuser = _maak("superuser")
    doel = UserFactory()
    response = _client(superuser).post(
        _wijzig_url(doel), _formulier(doel, groups=[_groep("voorzitter")])
    )
    assert response.status_code == 200
    assert "U mag deze rol niet geven" in str(response.context["adminform"].form.errors)
    assert _rollen(doel) == set()
    response = _client(superuser).post(
        _wijzig_url(doel), _formulier(doel, groups=[_groep("ondersteuner")])
    )
    assert response.status_code == 302
    assert _rollen(doel) == {"ondersteuner"}
    assert User.history.filter(id=doel.pk).latest().history_user_id == superuser.pk


# --- The service refuses the same, whatever a form says ----------------------------------------
@pytest.mark.parametrize("rol", ["ondersteuner", "voorzitter", "lid", "accounthouder"])
def test_service_weigert_wat_de_accounthouder_niet_beheert(rol):
    accounthouder = _maak("accounthouder")
    doel = UserFactory()
    with pytest.raises(PermissionDenied):
        user_set_roles(user=doel, roles=[rol], door=accounthouder)
    assert _rollen(doel) == set()
    assert _meldingen(doel) == 0


def test_service_weigert_eigen_rollen_systeem_en_raadsrollen():
    accounthouder = _maak("accounthouder")
    with pytest.raises(PermissionDenied):
        user_set_roles(
            user=accounthouder, roles=["accounthouder", "beleidsmedewerker"], door=accounthouder
        )
    assert _rollen(accounthouder) == {"accounthouder"}

    superuser = _maak("superuser")
    with pytest.raises(PermissionDenied):
        user_set_roles(user=superuser, roles=["ondersteuner"], door=superuser)
    doel = UserFactory(roles=["lid"])
    with pytest.raises(PermissionDenied):
        user_set_roles(user=doel, roles=[], door=superuser)  # a council role is not taken by hand
    with pytest.raises(PermissionDenied):
        user_set_roles(user=doel, roles=["lid", "beleidsmedewerker"], door=None)
    with pytest.raises(PermissionDenied):
        user_set_roles(user=doel, roles=["lid", "beleidsmedewerker"], door=_maak("ondersteuner"))
    assert _rollen(doel) == {"lid"}
    assert _meldingen(doel) == 0


# --- Council roles follow terms, with history and notice ---------------------------------------
def test_raadsrollen_volgen_de_termijn_met_geschiedenis_en_melding():
    accounthouder = _maak("accounthouder")
    termijn = benoemde_termijn()
    user = termijn.lid.user
    assert _rollen(user) == {"lid"}
    record = User.objects.get(pk=user.pk).history.latest()
    assert record.history_change_reason.startswith("Rollen volgen termijnen en functies: lid")
    assert _meldingen(user) == 1

    functie_toewijzen(
        lid=termijn.lid, soort=FunctieSoort.VICEVOORZITTER, van=vandaag(), door=accounthouder
    )
    assert _rollen(user) == {"lid", "vicevoorzitter"}
    record = User.objects.get(pk=user.pk).history.latest()
    assert record.history_user_id == accounthouder.pk
    assert "erbij: vicevoorzitter" in record.history_change_reason
    assert _meldingen(user) == 2


# --- The history of an account cannot be "reverted" into old rights -----------------------------
@pytest.mark.parametrize("rol", ADMIN_ROLLEN)
def test_terugzetten_naar_een_oude_versie_geeft_geen_oude_rechten_terug(rol):
    """Simple-history's revert saves the old row (is_staff, is_superuser, is_active) past every
    service; for accounts it is switched off, for one's own account and for anyone else's."""
    ik = _maak(rol)
    oud_beheerder = UserFactory(is_superuser=True, is_staff=True)
    oude_versie = oud_beheerder.history.latest()
    oud_beheerder.is_superuser = False
    oud_beheerder.is_staff = False
    oud_beheerder.is_active = False
    oud_beheerder.save()
    client = _client(ik)
    for doel, versie in ((oud_beheerder, oude_versie), (ik, ik.history.earliest())):
        voor = _staat(doel), User.objects.get(pk=doel.pk).is_active
        url = reverse("admin:accounts_user_simple_history", args=[doel.pk, versie.history_id])
        response = client.post(url, _formulier(doel, is_active="on"))
        assert response.status_code == 405
        assert (_staat(doel), User.objects.get(pk=doel.pk).is_active) == voor
        assert client.get(url).status_code == 200  # reading an old version stays possible


def test_terugzetten_van_een_beeindigde_termijn_geeft_de_raadsrol_niet_terug():
    """Council roles follow terms: restoring an old version of a term (simple-history's revert,
    which needs only the view permission) would give the role back at night, past every check."""
    termijn = benoemde_termijn()
    benoemd = termijn.history.latest()
    termijn_beeindigen(termijn=termijn, reden=EindeReden.AFTREDEN, laatste_dag=vandaag(), door=None)
    rollen_bijwerken(lid=termijn.lid, op=vandaag() + timedelta(days=1))
    user = termijn.lid.user
    assert _rollen(user) == set()
    client = _client(_maak("ondersteuner"))  # reads terms, changes none
    url = reverse(
        "admin:adviesraad_zittingstermijn_simple_history", args=[termijn.pk, benoemd.history_id]
    )
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 405
    termijn.refresh_from_db()
    assert termijn.status == TermijnStatus.BEEINDIGD
    rollen_bijwerken_alle(op=vandaag() + timedelta(days=1))
    assert _rollen(user) == set()


def test_geen_enkel_beheerscherm_met_geschiedenis_laat_een_oude_versie_terugzetten(rf):
    """Every admin with history (participatiemix, meetings, the quarterly agenda, advice,
    verordening, accounts, membership) reads old versions but never restores one: the revert
    saves past every service and needs only the view permission. A new admin that uses
    simple-history directly fails here."""
    met_geschiedenis = [
        model_admin
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, SimpleHistoryAdmin)
    ]
    assert len(met_geschiedenis) >= 20
    verzoek = rf.post("/")
    verzoek.user = UserFactory(is_superuser=True, is_staff=True)
    for model_admin in met_geschiedenis:
        naam = type(model_admin).__name__
        assert isinstance(model_admin, BeheerHistoryAdmin), naam
        assert model_admin.revert_disabled(verzoek) is True, naam
        response = model_admin.history_form_view(verzoek, "1", "1")
        assert response.status_code == 405, naam


def test_terugzetten_van_een_participatieactiviteit_kan_niet():
    """The revert was open on the participatiemix admins too: a POST to an old version of an
    activity changes nothing and is refused."""
    activiteit = maak_activiteit(titel="Eerste titel")
    oud = activiteit.history.latest()
    activiteit.titel = "Tweede titel"
    activiteit.save()
    client = _client(_maak("accounthouder"))
    url = reverse(
        "admin:participatiemix_activiteit_simple_history", args=[activiteit.pk, oud.history_id]
    )
    assert client.post(url, {"titel": "Eerste titel"}).status_code == 405
    activiteit.refresh_from_db()
    assert activiteit.titel == "Tweede titel"
