"""Admin for accounts: e-mail login, roles as groups, history. Thin: writes go through services.

* Switching ``is_active`` off calls ``user_deactivate``, which ends all sessions of the account.
* Changing the roles calls ``user_set_roles``, which derives ``is_staff`` from them.
* Only a superuser may grant superuser rights or single permissions, or change a superuser.

``UserSession`` is bookkeeping and is not shown.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.portal.beheer import BeheerHistoryAdmin

from .forms import UserChangeForm, UserCreationForm
from .models import User
from .services import user_deactivate, user_set_roles


@admin.register(User)
class UserAdmin(BeheerHistoryAdmin, DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoonsgegevens"), {"fields": ("voornaam", "achternaam")}),
        (
            _("Rollen en rechten"),
            {
                "fields": (
                    "is_active",
                    "groups",
                    "is_staff",
                    "is_superuser",
                    "user_permissions",
                ),
            },
        ),
        (_("Belangrijke datums"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "voornaam", "achternaam", "password1", "password2"),
            },
        ),
    )
    list_display = ("email", "voornaam", "achternaam", "is_active", "is_staff")
    list_filter = ("is_active", "is_staff", "is_superuser", "groups")
    search_fields = ("email", "voornaam", "achternaam")
    ordering = ("email",)
    filter_horizontal = ("groups", "user_permissions")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = ["is_staff", "last_login", "date_joined"]  # is_staff follows from the roles
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and issubclass(form, UserChangeForm):
            form = type(form.__name__, (form,), {"request_user": request.user})
        return form

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Accounts are switched off, not deleted; only a superuser may delete (e.g. AVG art. 17).
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: User, form: ModelForm, change: bool) -> None:
        if change and "is_active" in form.changed_data and not obj.is_active:
            user_deactivate(user=obj, door=request.user)  # saves every change on the form too
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool):
        super().save_related(request, form, formsets, change)
        if "groups" in form.changed_data:
            user = form.instance
            user_set_roles(
                user=user,
                roles=list(user.groups.values_list("name", flat=True)),
                door=request.user,
            )
