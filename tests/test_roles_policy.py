"""The role table is synced exactly, and the policy makes guardian's global-permission decision
explicitly per model."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.http import Http404
from guardian.shortcuts import assign_perm

from hengelo_participatie.accounts import roles
from hengelo_participatie.accounts.models import User
from hengelo_participatie.accounts.policy import ModelPolicy
from hengelo_participatie.files.models import Bestand
from tests.conftest import PRIVACY_ROLLEN
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

vertrouwelijk = ModelPolicy(Bestand, global_grants_objects=False)
openbaar = ModelPolicy(User, global_grants_objects=True)


def _perms(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_every_role_exists_with_exactly_the_declared_permissions():
    for rol, definitie in roles.ROLES.items():
        assert _perms(rol.value) == set(definitie.permissies)


def test_sync_is_idempotent_and_removes_stray_permissions():
    group = Group.objects.get(name="lid")
    group.permissions.add(Permission.objects.get(codename="delete_user"))
    roles.sync_roles()
    roles.sync_roles()
    assert _perms("lid") == set(roles.ROLES[roles.Rol.LID].permissies)
    assert Group.objects.filter(name__in=[r.value for r in roles.Rol]).count() == len(roles.ROLES)


def test_sync_refuses_an_unknown_permission(monkeypatch):
    broken = dict(roles.ROLES)
    broken[roles.Rol.LID] = roles.RolDefinitie(
        label="Lid", beheer=False, permissies=frozenset({"accounts.fly_to_moon"})
    )
    monkeypatch.setattr(roles, "ROLES", broken)
    with pytest.raises(roles.UnknownPermission, match="fly_to_moon"):
        roles.sync_roles()


def test_totp_is_required_for_admin_roles_and_policy_staff_not_for_members():
    assert roles.vereist_totp(UserFactory(roles=["accounthouder"]))
    assert roles.vereist_totp(UserFactory(roles=["beleidsmedewerker"]))
    assert not roles.vereist_totp(UserFactory(roles=["lid"]))


def _bestand(naam: str = "notitie.pdf") -> Bestand:
    return Bestand.objects.create(
        bestand=f"2026/01/{naam}",
        oorspronkelijke_naam=naam,
        content_type="application/pdf",
        grootte=10,
        sha256="0" * 64,
    )


def test_confidential_model_ignores_a_role_wide_view_permission():
    staff = UserFactory(roles=["accounthouder"])
    assign_perm("files.view_bestand", Group.objects.get(name="accounthouder"))
    staff = User.objects.get(pk=staff.pk)  # fresh permission cache
    geheim = _bestand()

    assert staff.has_perm("files.view_bestand")  # the global permission really is there
    assert not vertrouwelijk.user_has_perm_for_object(staff, "view", geheim)
    assert list(vertrouwelijk.instances_user_has_perm_for(staff)) == []
    with pytest.raises(Http404):
        vertrouwelijk.get_object_for(staff, "view", pk=geheim.pk)


def test_confidential_model_honours_an_object_grant_only_for_that_object():
    lid = UserFactory(roles=["lid"])
    mijn, ander = _bestand("mijn.pdf"), _bestand("ander.pdf")
    assign_perm("files.view_bestand", lid, mijn)

    assert vertrouwelijk.user_has_perm_for_object(lid, "view", mijn)
    assert not vertrouwelijk.user_has_perm_for_object(lid, "view", ander)
    assert not vertrouwelijk.user_has_perm_for_object(lid, "change", mijn)
    assert list(vertrouwelijk.instances_user_has_perm_for(lid)) == [mijn]
    assert vertrouwelijk.get_object_for(lid, "view", pk=mijn.pk) == mijn


def test_missing_and_forbidden_objects_are_the_same_404():
    lid = UserFactory(roles=["lid"])
    ander = _bestand()
    for pk in (ander.pk, 987654, "geen-getal"):
        with pytest.raises(Http404):
            vertrouwelijk.get_object_for(lid, "view", pk=pk)


def test_open_model_accepts_the_role_wide_permission():
    accounthouder = UserFactory(roles=["accounthouder"])
    lid = UserFactory(roles=["lid"])
    assert openbaar.user_has_perm_for_object(accounthouder, "view", lid)
    assert set(openbaar.instances_user_has_perm_for(accounthouder)) >= {accounthouder, lid}
    assert not openbaar.user_has_perm_for_object(lid, "view", accounthouder)
    assert list(openbaar.instances_user_has_perm_for(lid)) == []


def test_inactive_and_anonymous_users_get_nothing():
    lid = UserFactory(roles=["lid"])
    mijn = _bestand()
    assign_perm("files.view_bestand", lid, mijn)
    lid.is_active = False
    lid.save()
    assert not vertrouwelijk.user_has_perm_for_object(lid, "view", mijn)
    assert list(vertrouwelijk.instances_user_has_perm_for(lid)) == []
    assert list(vertrouwelijk.instances_user_has_perm_for(AnonymousUser())) == []
    assert not vertrouwelijk.user_has_perm(AnonymousUser(), "add")


def test_list_pages_prefetch_object_permissions(django_assert_max_num_queries):
    lid = UserFactory(roles=["lid"])
    bestanden = [_bestand(f"b{i}.pdf") for i in range(25)]
    for b in bestanden[::2]:
        assign_perm("files.view_bestand", lid, b)
    checker = vertrouwelijk.checker_for(lid, bestanden)
    with django_assert_max_num_queries(0):
        zichtbaar = [
            b
            for b in bestanden
            if vertrouwelijk.user_has_perm_for_object(lid, "view", b, checker=checker)
        ]
    assert zichtbaar == bestanden[::2]


def test_the_privacy_walks_cover_every_role() -> None:
    """A new role in the table is walked by the privacy tests too (tests/conftest.py)."""
    assert {rol.value for rol in roles.Rol} <= set(PRIVACY_ROLLEN)
