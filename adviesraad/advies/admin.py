"""Admin for the account holder and the supporter: every request they are related to (object
grants), with filters by status, "advice overdue" and "College response overdue".

Thin: creating goes through ``aanvraag_aanmaken``, changes through ``planning_wijzigen``. The
workflow steps are offered on the change page from the same transition table as the portal
(``selectors.knoppen``: only the rows for this user's roles and the current state), each with a
confirmation page (``<id>/stap/<naar>/``, a reason where the row asks one) that calls
``services.aanvraag.overgang_uitvoeren``. A refused step is an admin message, never a 500. No deletes: a
request is withdrawn, with a reason.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from adviesraad.models.advies import Adviesaanvraag, Status, Statuswijziging
from hengelo_participatie.accounts.toewijzing import KEUZE_FOUT, houders_van
from hengelo_participatie.core.beheer import AlleenLezenAdmin, BeheerHistoryAdmin

from . import selectors
from .forms import StapForm
from .policies import aanvraag_policy
from .services.aanvraag import aanvraag_aanmaken, overgang_uitvoeren, planning_wijzigen
from .services.toegang import BELEIDSMEDEWERKER

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


class AdviesTeLaatFilter(admin.SimpleListFilter):
    title = _("advies van de adviesraad")
    parameter_name = "advies_te_laat"

    def lookups(self, request: HttpRequest, model_admin: Any) -> Any:
        return [("ja", _("te laat")), ("nee", _("op tijd of niet nodig"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Adviesaanvraag]) -> Any:
        te_laat = Adviesaanvraag.objects.advies_te_laat(timezone.localdate())
        if self.value() == "ja":
            return queryset.filter(pk__in=te_laat.values("pk"))
        if self.value() == "nee":
            return queryset.exclude(pk__in=te_laat.values("pk"))
        return queryset


class StatuswijzigingInline(AlleenLezenAdmin, admin.TabularInline):
    model = Statuswijziging
    fields = ("op", "van", "naar", "door", "reden")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("geschiedenis van de status")


@admin.register(Adviesaanvraag)
class AdviesaanvraagAdmin(BeheerHistoryAdmin):
    list_display = (
        "kenmerk",
        "titel",
        "soort",
        "status",
        "advies_uiterlijk",
        "advies_te_laat",
        "reactie_uiterlijk",
        "te_laat",
    )
    list_filter = ("soort", "status", AdviesTeLaatFilter, TeLaatFilter, "kernwetten")
    list_select_related = ("beleidsmedewerker",)
    search_fields = ("kenmerk", "titel", "zaaknummer")
    date_hierarchy = "aangemaakt_op"
    # Half of Django's 100: rendering the rows (two boolean icons each) is most of the page.
    list_per_page = 50
    inlines = (StatuswijzigingInline,)
    filter_horizontal = ()

    @admin.display(description=_("advies te laat"), boolean=True)
    def advies_te_laat(self, obj: Adviesaanvraag) -> bool:
        return obj.advies_te_laat_op(timezone.localdate())

    @admin.display(description=_("reactie te laat"), boolean=True)
    def te_laat(self, obj: Adviesaanvraag) -> bool:
        return obj.reactie_te_laat_op(timezone.localdate())

    @admin.display(description=_("portaal"))
    def portaal_link(self, obj: Adviesaanvraag) -> str:
        try:
            url = reverse("advies:detail", args=[obj.pk])
        except NoReverseMatch:
            return "–"
        return format_html('<a href="{}">{}</a>', url, _("Bekijken in het portaal"))

    # --- workflow steps: the transition table, through the service ---------------------------
    def get_urls(self) -> list[URLPattern]:
        naam = f"{self.opts.app_label}_{self.opts.model_name}_stap"
        return [
            path(
                "<path:object_id>/stap/<slug:naar>/",
                self.admin_site.admin_view(self.stap_view),
                name=naam,
            ),
            *super().get_urls(),
        ]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        extra_context = dict(extra_context or {})
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and self.has_change_permission(request, obj):
            extra_context["stappen"] = selectors.knoppen(obj, request.user)
        response: HttpResponse = super().change_view(request, object_id, form_url, extra_context)
        return response

    def _terug(self, obj: Adviesaanvraag) -> HttpResponseRedirect:
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
        )

    def stap_view(self, request: HttpRequest, object_id: str, naar: str) -> HttpResponse:
        """Confirm one step (GET), then take it through ``services.aanvraag.overgang_uitvoeren`` (POST)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            weg: HttpResponse = self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
            return weg
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        stap = next((k for k in selectors.knoppen(obj, request.user) if k.naar == naar), None)
        if request.method == "POST":
            form = StapForm(request.POST, reden_verplicht=bool(stap and stap.reden_verplicht))
            if form.is_valid():
                try:
                    overgang_uitvoeren(
                        aanvraag=obj,
                        naar=naar,
                        door=request.user,
                        reden=form.cleaned_data.get("reden", ""),
                    )
                except PermissionDenied as exc:
                    self.message_user(request, str(exc), messages.ERROR)
                    return self._terug(obj)
                except ValidationError as exc:
                    for bericht in exc.messages:
                        self.message_user(request, bericht, messages.ERROR)
                    return self._terug(obj)
                self.message_user(
                    request,
                    _("Gelukt. De status is nu: %(s)s.") % {"s": obj.status_label},
                    messages.SUCCESS,
                )
                return self._terug(obj)
        elif stap is None or stap.probleem:
            self.message_user(
                request,
                stap.probleem
                if stap is not None and stap.probleem
                else _("Deze stap kunt u niet zetten bij de status „%(s)s”.")
                % {"s": obj.status_label},
                messages.ERROR,
            )
            return self._terug(obj)
        else:
            form = StapForm(reden_verplicht=stap.reden_verplicht)
        return TemplateResponse(
            request,
            "admin/adviesraad/adviesaanvraag/stap.html",
            {
                **self.admin_site.each_context(request),
                "title": f"{stap.label if stap else naar}: {obj.kenmerk}",
                "opts": self.opts,
                "original": obj,
                "stap": stap,
                "naar_label": Status(naar).label if naar in Status.values else naar,
                "form": form,
            },
        )

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ("soort", "kernwetten", *PLANNING)
        return (*ALLEEN_LEZEN, *PLANNING)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if obj is None else ALLEEN_LEZEN

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        """The policy officer: only users holding that role now (the service checks it again).

        Anyone else posted by hand is a form error on the field, not a 403 and not a save."""
        if db_field.name == "beleidsmedewerker":
            kwargs["queryset"] = houders_van(BELEIDSMEDEWERKER)
            kwargs["error_messages"] = KEUZE_FOUT
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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
        if change:
            nieuw = planning_wijzigen(
                aanvraag=obj,
                door=request.user,
                **{k: d[k] for k in PLANNING if k in form.changed_data},
            )
        else:
            nieuw = aanvraag_aanmaken(
                soort=d["soort"],
                kernwetten=d["kernwetten"],
                door=request.user,
                **{k: d[k] for k in PLANNING if d.get(k) not in (None, "")},
            )
        obj.pk = nieuw.pk
        obj.refresh_from_db()
        obj._state.adding = False

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        return None  # kernwetten are set by the service; inlines are read-only


from . import admin_college  # noqa: E402,F401  (issue 14: recipients of what is sent)
