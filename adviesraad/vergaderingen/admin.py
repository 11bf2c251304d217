"""Admin for the supporter and the account holder: meetings with their agenda, participants,
documents, minutes, actions, decisions and recusals (read-only inlines), filters by type and
status, and the open actions. Thin: creating goes through ``vergadering_aanmaken``, changes through
``vergadering_wijzigen`` and ``actiepunt_bijwerken``; the rest is done in the portal (linked from
the change page). Nothing is deleted: a meeting is cancelled.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db.models import Q, QuerySet, URLField
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.core.beheer import AlleenLezenAdmin, BeheerHistoryAdmin
from hengelo_participatie.files.models import Bestand
from hengelo_participatie.files.policy import bestand_policy

from . import koppelingen
from .models import (
    Actiepunt,
    Agendapunt,
    Besluit,
    Deelname,
    Notulen,
    Vergadering,
    Vergaderstuk,
)
from .policies import vergadering_policy
from .services import besluiten as besluiten_services
from .services import vergadering as vergadering_services

VELDEN = ("soort", "titel", "begin", "einde", "locatie", "online_link")
#: Only on the change page: a new meeting is confidential by its type
#: (``vergadering_services.vergadering_aanmaken``); the keeper changes that afterwards if needed.
NA_AANMAKEN = ("status", "vertrouwelijk")


class AlleenLezenInline(AlleenLezenAdmin, admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return vergadering_policy.beheert(request.user) or bool(
            getattr(request.user, "is_superuser", False)
        )


class DeelnameInline(AlleenLezenInline):
    model = Deelname
    fields = readonly_fields = ("gebruiker", "aanmelding", "aanmelding_toelichting", "aanwezigheid")


class AgendapuntInline(AlleenLezenInline):
    model = Agendapunt
    fields = readonly_fields = ("volgorde", "titel", "adviesaanvraag")


class VergaderstukInline(AlleenLezenInline):
    model = Vergaderstuk
    fields = readonly_fields = ("titel", "vertrouwelijk", "agendapunt", "toegevoegd_op")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Vergaderstuk]:
        """A confidential document is listed only to who may open it, as in the portal: the
        account holder keeps the records but does not see the titles of confidential files."""
        mag_openen = bestand_policy.instances_user_has_perm_for(
            request.user, "view", Bestand.objects.all()
        )
        return (
            super()
            .get_queryset(request)
            .filter(Q(vertrouwelijk=False) | Q(bestand__in=mag_openen.values("pk")))
        )


class NotulenInline(AlleenLezenInline):
    model = Notulen
    fk_name = "vergadering"
    fields = readonly_fields = ("status", "vastgesteld_in", "vastgesteld_op", "gewijzigd_op")


class ActiepuntInline(AlleenLezenInline):
    model = Actiepunt
    fields = readonly_fields = ("omschrijving", "eigenaar", "uiterlijk", "afgerond")


class BesluitInline(AlleenLezenInline):
    model = Besluit
    fields = readonly_fields = ("agendapunt", "tekst")


def _velden() -> tuple[str, ...]:
    """The meeting's fields, with the linked records (``koppelingen``) right after the link."""
    return tuple(koppelingen.in_volgorde(VELDEN, na="online_link"))


class VergaderingAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    """The linked records (``koppelingen``) are form fields, not model fields: their current
    value comes from the registered link."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            for naam, waarde in koppelingen.huidige_waarden(self.instance).items():
                if naam in self.fields:
                    self.initial.setdefault(naam, waarde)


@admin.register(Vergadering)
class VergaderingAdmin(BeheerHistoryAdmin):
    list_display = (
        "titel",
        "soort",
        "begin",
        "status",
        "vertrouwelijk",
        "uitnodiging_verzonden_op",
    )
    list_filter = ("soort", "status", "vertrouwelijk")
    search_fields = ("titel", "locatie")
    date_hierarchy = "begin"
    # A link typed without a scheme is an https link (Django 6's default, without the warning).
    formfield_overrides = {URLField: {"assume_scheme": "https"}}
    inlines = (
        AgendapuntInline,
        DeelnameInline,
        VergaderstukInline,
        NotulenInline,
        BesluitInline,
        ActiepuntInline,
    )

    @admin.display(description=_("portaal"))
    def portaal_link(self, obj: Vergadering) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("vergaderingen:detail", args=[obj.pk]),
            _("Agenda, stukken, uitnodiging en notulen in het portaal"),
        )

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return _velden()
        return ("portaal_link", "uitnodiging_verzonden_op", *_velden(), *NA_AANMAKEN)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        velden: dict[str, forms.Field] = {}
        for koppeling in koppelingen.alle():
            veld = self.formfield_for_dbfield(koppeling.veld, request, required=False)
            model = koppeling.veld.related_model
            if isinstance(veld.widget, RelatedFieldWidgetWrapper) and self.admin_site.is_registered(
                model
            ):
                # The link's own row goes with a deleted record (the meeting stays): deleting
                # that record from here stays offered to who may delete it.
                beheer = self.admin_site.get_model_admin(model)
                veld.widget.can_delete_related = beheer.has_delete_permission(request)
            velden[koppeling.naam] = veld
        kwargs["form"] = type("VergaderingAdminForm", (VergaderingAdminForm,), velden)
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if obj is None else ("portaal_link", "uitnodiging_verzonden_op")

    # --- access through the policy ----------------------------------------------------------
    def get_queryset(self, request: HttpRequest) -> QuerySet[Vergadering]:
        return vergadering_policy.instances_user_has_perm_for(
            request.user, "view", super().get_queryset(request)
        )

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not vergadering_policy.user_has_perm(request.user, "view"):
            return False
        return obj is None or vergadering_policy.user_has_perm_for_object(request.user, "view", obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return vergadering_policy.user_has_perm(request.user, "add")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return vergadering_policy.user_has_perm(request.user, "change") and (
            obj is None or self.has_view_permission(request, obj)
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    # --- writes through the services ---------------------------------------------------------
    def save_model(self, request: HttpRequest, obj: Vergadering, form: Any, change: bool) -> None:
        d = form.cleaned_data
        if change:
            nieuw = vergadering_services.vergadering_wijzigen(
                vergadering=obj,
                door=request.user,
                **{k: d[k] for k in (*_velden(), *NA_AANMAKEN) if k in form.changed_data},
            )
        else:
            nieuw = vergadering_services.vergadering_aanmaken(
                door=request.user, **{k: d[k] for k in _velden() if d.get(k) is not None}
            )
        obj.pk = nieuw.pk
        obj.refresh_from_db()
        obj._state.adding = False

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The inlines are read-only: nothing to save. The change message reads what a formset
        # saved, so each says it saved nothing (without these the save ends in an error).
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


class OpenFilter(admin.SimpleListFilter):
    title = _("klaar")
    parameter_name = "klaar"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [("nee", _("nog open")), ("ja", _("klaar"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Actiepunt]) -> Any:
        if self.value() in ("ja", "nee"):
            return queryset.filter(afgerond=self.value() == "ja")
        return queryset


@admin.register(Actiepunt)
class ActiepuntAdmin(BeheerHistoryAdmin):
    list_display = ("omschrijving", "vergadering", "eigenaar", "uiterlijk", "afgerond")
    list_filter = (OpenFilter, "vergadering__soort")
    list_select_related = ("vergadering", "eigenaar")
    search_fields = ("omschrijving",)
    fields = ("vergadering", "omschrijving", "eigenaar", "uiterlijk", "afgerond", "afgerond_op")
    readonly_fields = ("vergadering", "eigenaar", "afgerond_op")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Actiepunt]:
        return (
            super()
            .get_queryset(request)
            .filter(vergadering__in=vergadering_policy.instances_user_has_perm_for(request.user))
        )

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return vergadering_policy.beheert(request.user) or bool(
            getattr(request.user, "is_superuser", False)
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # actions are added in the portal, at their meeting

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Actiepunt, form: Any, change: bool) -> None:
        d = form.cleaned_data
        origineel = Actiepunt.objects.get(pk=obj.pk)
        besluiten_services.actiepunt_bijwerken(
            actiepunt=origineel,
            door=request.user,
            afgerond=d["afgerond"],
            omschrijving=d["omschrijving"],
            uiterlijk=d["uiterlijk"],
        )
        obj.refresh_from_db()


__all__ = ["ActiepuntAdmin", "VergaderingAdmin"]
