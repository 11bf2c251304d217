"""Admin for the account holder: every request they are related to (object grants), with filters
by status and "response overdue". Thin: creating goes through ``aanvraag_aanmaken``, changes
through ``planning_wijzigen``; the workflow steps themselves are taken in the portal (the same
transition table), linked from the change page. No deletes: a request is withdrawn, with a reason.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from adviesraad.models.advies import Adviesaanvraag, Statuswijziging

from . import services
from .policies import aanvraag_policy

PLANNING = (
    "titel",
    "samenvatting",
    "themas",
    "zaaknummer",
    "wethouder",
    "beleidsmedewerker",
    "meedenken_op",
    "toelichting_op",
    "adviesgesprek_op",
    "collegebesluit_gepland",
    "raad_gepland",
)
ALLEEN_LEZEN = (
    "kenmerk",
    "soort",
    "status",
    "ontvangen_op",
    "advies_uiterlijk",
    "advies_uiterlijk_bron",
    "kortere_termijn_akkoord",
    "reactie_uiterlijk",
    "reactie_uiterlijk_bron",
    "gepubliceerd_op",
    "ingetrokken_reden",
    "portaal_link",
)


class TeLaatFilter(admin.SimpleListFilter):
    title = _("reactie college")
    parameter_name = "te_laat"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [("ja", _("te laat")), ("nee", _("op tijd of niet nodig"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Adviesaanvraag]) -> Any:
        te_laat = Adviesaanvraag.objects.reactie_te_laat(timezone.localdate())
        if self.value() == "ja":
            return queryset.filter(pk__in=te_laat.values("pk"))
        if self.value() == "nee":
            return queryset.exclude(pk__in=te_laat.values("pk"))
        return queryset


class StatuswijzigingInline(admin.TabularInline):
    model = Statuswijziging
    fields = ("op", "van", "naar", "door", "reden")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("geschiedenis van de status")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Adviesaanvraag)
class AdviesaanvraagAdmin(SimpleHistoryAdmin):
    list_display = (
        "kenmerk",
        "titel",
        "soort",
        "status",
        "advies_uiterlijk",
        "reactie_uiterlijk",
        "te_laat",
    )
    list_filter = ("soort", "status", TeLaatFilter, "kernwetten")
    list_select_related = ("beleidsmedewerker",)
    search_fields = ("kenmerk", "titel", "zaaknummer")
    date_hierarchy = "aangemaakt_op"
    inlines = (StatuswijzigingInline,)
    filter_horizontal = ()

    @admin.display(description=_("te laat"), boolean=True)
    def te_laat(self, obj: Adviesaanvraag) -> bool:
        return obj.reactie_te_laat_op(timezone.localdate())

    @admin.display(description=_("werkstroom"))
    def portaal_link(self, obj: Adviesaanvraag) -> str:
        try:
            url = reverse("advies:detail", args=[obj.pk])
        except NoReverseMatch:
            return "–"
        return format_html('<a href="{}">{}</a>', url, _("Volgende stap in het portaal"))

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ("soort", "kernwetten", *PLANNING)
        return (*ALLEEN_LEZEN, *PLANNING)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if obj is None else ALLEEN_LEZEN

    # --- access through the policy ----------------------------------------------------------
    def get_queryset(self, request: HttpRequest) -> QuerySet[Adviesaanvraag]:
        return aanvraag_policy.instances_user_has_perm_for(
            request.user, "view", super().get_queryset(request)
        )

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return aanvraag_policy.user_has_perm(request.user, "view")
        return aanvraag_policy.user_has_perm_for_object(request.user, "view", obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not aanvraag_policy.user_has_perm(request.user, "change"):
            return False
        return obj is None or aanvraag_policy.user_has_perm_for_object(request.user, "view", obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    # --- writes through the services ---------------------------------------------------------
    def save_model(
        self, request: HttpRequest, obj: Adviesaanvraag, form: Any, change: bool
    ) -> None:
        d = form.cleaned_data
        try:
            if change:
                nieuw = services.planning_wijzigen(
                    aanvraag=obj,
                    door=request.user,
                    **{k: d[k] for k in PLANNING if k in form.changed_data},
                )
            else:
                nieuw = services.aanvraag_aanmaken(
                    soort=d["soort"],
                    kernwetten=d["kernwetten"],
                    door=request.user,
                    **{k: d[k] for k in PLANNING if d.get(k) not in (None, "")},
                )
        except (PermissionDenied, ValidationError) as exc:
            raise PermissionDenied(str(exc)) from exc
        obj.pk = nieuw.pk
        obj.refresh_from_db()
        obj._state.adding = False

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        return None  # kernwetten are set by the service; inlines are read-only
