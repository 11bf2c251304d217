"""Admin for the account holder (policy staff have no admin: they use the portal forms).

Thin: every write goes through ``services``; access through the policies. Only keepers of the
agenda (``view_agendapunt``) see it here, so the supporter, who may read published versions in
the portal, never sees the draft in the admin. Versions are read-only; nothing published is
deleted.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.accounts.toewijzing import houders_van
from hengelo_participatie.core.beheer import AlleenLezenAdmin, BeheerHistoryAdmin

from . import selectors, services
from .models import Agendapunt, Kwartaalagenda, Versie
from .policies import ONDERWERP_HOUDEN, agenda_policy, mag_concept_zien, punt_policy


def _portaal_link(agenda_id: int) -> str:
    url = reverse("kwartaalagenda:detail", args=[agenda_id])
    return format_html('<a href="{}">{}</a>', url, _("Openen in het portaal"))


def _service(actie: Any) -> Any:
    """Run a service call. A refusal propagates as it is: ``BeheerHistoryAdmin`` shows it on
    the same form (a ``ValidationError`` on the field it names), never as a bare 403."""
    return actie()


class VersieInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Versie
    fields = ("nummer", "gepubliceerd_op", "gepubliceerd_door", "toelichting")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return mag_concept_zien(request.user)


@admin.register(Kwartaalagenda)
class KwartaalagendaAdmin(BeheerHistoryAdmin):  # type: ignore[misc]
    list_display = ("__str__", "jaar", "kwartaal", "laatste_versie", "portaal")
    list_filter = ("jaar", "kwartaal")
    inlines = (VersieInline,)

    @admin.display(description=_("laatste versie"))
    def laatste_versie(self, obj: Kwartaalagenda) -> Any:
        return getattr(obj, "laatste", None) or "–"

    @admin.display(description=_("portaal"))
    def portaal(self, obj: Kwartaalagenda) -> str:
        return _portaal_link(obj.pk)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Kwartaalagenda]:
        from django.db.models import Max

        return agenda_policy.instances_user_has_perm_for(
            request.user, "view", super().get_queryset(request)
        ).annotate(laatste=Max("versies__nummer"))

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("jaar", "kwartaal") if obj is None else ("jaar", "kwartaal", "portaal")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if obj is None else ("jaar", "kwartaal", "portaal")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return mag_concept_zien(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return mag_concept_zien(request.user) and agenda_policy.user_has_perm(request.user, "view")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return mag_concept_zien(request.user) and agenda_policy.user_has_perm(request.user, "add")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return mag_concept_zien(request.user) and agenda_policy.user_has_perm(
            request.user, "change"
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: Kwartaalagenda, form: Any, change: bool
    ) -> None:
        if change:
            return  # nothing to change: year and quarter are fixed
        nieuw = _service(
            lambda: services.agenda_aanmaken(
                jaar=form.cleaned_data["jaar"],
                kwartaal=form.cleaned_data["kwartaal"],
                door=request.user,
            )
        )
        obj.pk = nieuw.pk
        obj.refresh_from_db()
        obj._state.adding = False

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        return None  # versions are made by publishing, in the portal


class GekoppeldFilter(admin.SimpleListFilter):
    title = _("gekoppeld aan een adviesaanvraag")
    parameter_name = "gekoppeld"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [("ja", _("ja")), ("nee", _("nee"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Agendapunt]) -> Any:
        if self.value() == "ja":
            return queryset.filter(adviesaanvraag__isnull=False)
        if self.value() == "nee":
            return queryset.filter(adviesaanvraag__isnull=True)
        return queryset


@admin.register(Agendapunt)
class AgendapuntAdmin(BeheerHistoryAdmin):  # type: ignore[misc]
    list_display = (
        "titel",
        "agenda",
        "beleidsmedewerker",
        "adviesgesprek_op",
        "collegebesluit_op",
        "gekoppeld",
    )
    list_filter = (
        "agenda",
        ("beleidsmedewerker", admin.RelatedOnlyFieldListFilter),
        GekoppeldFilter,
    )
    list_select_related = ("agenda", "beleidsmedewerker")
    search_fields = ("titel",)

    @admin.display(description=_("gekoppeld"), boolean=True)
    def gekoppeld(self, obj: Agendapunt) -> bool:
        return obj.adviesaanvraag_id is not None

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("agenda", *services.VELDEN, "adviesaanvraag")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if obj is None else ("agenda",)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "beleidsmedewerker":
            kwargs["queryset"] = houders_van(ONDERWERP_HOUDEN)
        elif db_field.name == "adviesaanvraag":
            kwargs["queryset"] = selectors.aanvragen_om_te_koppelen(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_actions(self, request: HttpRequest) -> Any:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one at a time, through the service
        return actions

    def get_queryset(self, request: HttpRequest) -> QuerySet[Agendapunt]:
        return punt_policy.instances_user_has_perm_for(
            request.user, "view", super().get_queryset(request)
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return mag_concept_zien(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return mag_concept_zien(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return punt_policy.user_has_perm(request.user, "add")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return mag_concept_zien(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return punt_policy.user_has_perm(request.user, "delete")

    def save_model(self, request: HttpRequest, obj: Agendapunt, form: Any, change: bool) -> None:
        d = form.cleaned_data
        if change:
            velden = {k: d[k] for k in services.VELDEN if k in form.changed_data}
            punt = _service(lambda: services.punt_wijzigen(punt=obj, door=request.user, **velden))
        else:
            punt = _service(
                lambda: services.punt_toevoegen(
                    agenda=d["agenda"],
                    door=request.user,
                    **{k: d[k] for k in services.VELDEN if k in d},
                )
            )
        if "adviesaanvraag" in form.changed_data:
            _service(
                lambda: services.punt_koppelen(
                    punt=punt, aanvraag=d["adviesaanvraag"], door=request.user
                )
            )
        obj.pk = punt.pk
        obj.refresh_from_db()
        obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: Agendapunt) -> None:
        _service(lambda: services.punt_verwijderen(punt=obj, door=request.user))


@admin.register(Versie)
class VersieAdmin(AlleenLezenAdmin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("agenda", "nummer", "gepubliceerd_op", "gepubliceerd_door")
    list_filter = ("agenda",)
    list_select_related = ("agenda", "gepubliceerd_door")
    fields = ("agenda", "nummer", "gepubliceerd_op", "gepubliceerd_door", "toelichting", "inhoud")
    readonly_fields = fields

    def has_module_permission(self, request: HttpRequest) -> bool:
        return mag_concept_zien(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return mag_concept_zien(request.user)
