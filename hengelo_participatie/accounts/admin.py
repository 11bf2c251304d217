"""Admin for accounts: e-mail login, roles as groups, history. Thin: writes go through services.

* Switching ``is_active`` off calls ``user_deactivate``, which ends all sessions of the account.
* Changing the roles calls ``user_set_roles`` (the form never saves them), which checks who may
  grant what (``beheert`` in roles.py), derives ``is_staff``, records history and mails the person.
* The roles field lists only the roles the editor may grant; council roles follow terms.
* Changing the e-mail address calls ``user_change_email``: a notice to the old address, all
  sessions end, and the e-mail login code stays at the address the user confirmed.
* "Inlogcode resetten" (an action, with a confirmation page) calls ``user_reset_second_factor``.
* Only a superuser may grant superuser rights or single permissions, or change a superuser.
* Nobody changes their own roles, rights, ``is_staff`` or ``is_superuser`` (``beschermde_velden``).
* Roles (groups) are read-only here: their permissions are declared in roles.py.
* An old version of an account can be read in the history, never restored ("revert").

``UserSession`` is bookkeeping and is not shown.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hengelo_participatie.core.beheer import BeheerHistoryAdmin

from .forms import UserChangeForm, UserCreationForm, beschermde_velden
from .models import User
from .services import (
    mag_inloggegevens_herstellen,
    user_change_email,
    user_deactivate,
    user_reset_second_factor,
    user_set_roles,
)


@admin.register(User)
class UserAdmin(BeheerHistoryAdmin, DjangoUserAdmin):
    """Old versions of an account can be read, never restored (``BeheerHistoryAdmin``):
    simple-history's revert saves the old row (``is_staff``, ``is_superuser``, ``is_active``)
    past every service and check, and asks only for the view permission."""

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

    # No filter_horizontal: its script-made widget had unnamed help icons (issue 15 §6). Roles are
    # a short list of checkboxes, named without JavaScript; single permissions (superusers only)
    # a plain multiple select.
    filter_horizontal = ()

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "groups":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    actions = ("inlogcode_resetten",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # is_staff follows from the roles; the rest: see beschermde_velden.
        return ["last_login", "date_joined", *sorted(beschermde_velden(request.user, obj))]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and issubclass(form, UserChangeForm):
            form = type(form.__name__, (form,), {"request_user": request.user})
        return form

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        """Setting someone's password is half of handing over their account (the other half is
        a second-factor reset): only for accounts whose roles the editor manages, never one's
        own (that goes through "Wachtwoord wijzigen", with the old password)."""
        user = self.get_object(request, unquote(id))
        # Without the right to edit accounts at all, Django's own view answers (403).
        if (
            user is not None
            and self.has_change_permission(request, user)
            and not mag_inloggegevens_herstellen(door=request.user, user=user)
        ):
            self.message_user(
                request,
                _(
                    "U mag het wachtwoord van dit account niet instellen. Het account heeft een "
                    "rol die u niet beheert, of het is uw eigen account. Vraag dit aan een "
                    "systeembeheerder."
                ),
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:accounts_user_change", args=[user.pk]))
        return super().user_change_password(request, id, form_url)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Accounts are switched off, not deleted; only a superuser may delete (e.g. AVG art. 17).
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: User, form: ModelForm, change: bool) -> None:
        handled = False
        if change and "email" in form.changed_data:
            user_change_email(user=obj, email=obj.email, door=request.user)  # saves the rest too
            handled = True
        if change and "is_active" in form.changed_data and not obj.is_active:
            user_deactivate(user=obj, door=request.user)  # saves every change on the form too
            handled = True
        if not handled:
            super().save_model(request, obj, form, change)

    @admin.action(description=_("Inlogcode resetten (tweede stap opnieuw instellen)"))
    def inlogcode_resetten(self, request: HttpRequest, queryset: QuerySet[User]) -> Any:
        """Remove the second factor of the chosen accounts, after a confirmation page.

        Like Django's own "delete selected": the first POST shows what will happen; only the
        POST from that page (with ``post=ja``) resets. Each account goes through the service, so
        it is checked, kept in the history, logged and the user is told.
        """
        if not self.has_change_permission(request):
            raise PermissionDenied
        users = list(queryset)
        if request.POST.get("post") != "ja":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Inlogcode resetten"),
                "opts": self.model._meta,
                "users": users,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "action_name": "inlogcode_resetten",
                "media": self.media,
            }
            return TemplateResponse(request, "admin/accounts/user/inlogcode_resetten.html", context)
        done = 0
        for user in users:
            try:
                user_reset_second_factor(user=user, door=request.user)
            except PermissionDenied as exc:
                self.message_user(request, f"{user}: {exc}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "De inlogcode van %(aantal)d account is gereset. De gebruiker heeft een "
                    "e-mail gekregen.",
                    "De inlogcode van %(aantal)d accounts is gereset. De gebruikers hebben een "
                    "e-mail gekregen.",
                    done,
                )
                % {"aantal": done},
                messages.SUCCESS,
            )
        return None

    def save_related(self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool):
        super().save_related(request, form, formsets, change)  # never the roles (the form)
        gekozen = getattr(form, "gekozen_rollen", None)
        user = form.instance
        if gekozen is not None and gekozen != set(user.groups.values_list("name", flat=True)):
            user_set_roles(user=user, roles=gekozen, door=request.user)


admin.site.unregister(Group)


@admin.register(Group)
class RolAdmin(GroupAdmin):
    """Roles are declared with their permissions in ``roles.py`` and synced after every migrate:
    a change here would be undone and could raise someone's own rights. So: read only, for
    everyone, superusers too."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
