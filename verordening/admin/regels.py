"""Admin of the rules: a version that has started shows its value and period read-only; a new
rule and a new version have their own pages, so a refusal by the service shows on the form."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.core.beheer import BeheerHistoryAdmin
from verordening.forms import (
    RegelAanmaakForm,
    RegelToekomstForm,
    RegelVersieForm,
    RegelWijzigForm,
    zet_fouten_op_formulier,
)
from verordening.models import Regel
from verordening.services import regels as regel_services


# --- Rules ----------------------------------------------------------------------------------
class RegelStatusFilter(admin.SimpleListFilter):
    title = _("geldigheid")
    parameter_name = "geldigheid"

    def lookups(self, request, model_admin):
        return [
            ("nu", _("geldt nu")),
            ("toekomst", _("gaat nog gelden")),
            ("verlopen", _("verlopen")),
        ]

    def queryset(self, request, queryset):
        vandaag = timezone.localdate()
        if self.value() == "nu":
            return queryset.geldig_op(vandaag)
        if self.value() == "toekomst":
            return queryset.filter(geldig_vanaf__gt=vandaag)
        if self.value() == "verlopen":
            return queryset.filter(geldig_tot__lte=vandaag)
        return queryset


def _status(regel: Regel) -> str:
    vandaag = timezone.localdate()
    if regel.geldig_vanaf > vandaag:
        return str(_("gaat nog gelden"))
    if regel.geldig_tot is not None and regel.geldig_tot <= vandaag:
        return str(_("verlopen"))
    return str(_("geldt nu"))


@admin.register(Regel)
class RegelAdmin(BeheerHistoryAdmin):
    list_display = (
        "sleutel",
        "naam",
        "waarde_kolom",
        "periode_kolom",
        "status_kolom",
        "bron_kolom",
        "acties",
    )
    list_filter = (RegelStatusFilter, "type", "bron__verordening")
    search_fields = ("sleutel", "naam", "bron_toelichting", "bron__titel")
    list_select_related = ("bron__verordening",)
    change_form_template = "verordening/admin/regel_change_form.html"

    # --- Columns -------------------------------------------------------------------------------
    @admin.display(description=_("waarde"))
    def waarde_kolom(self, obj: Regel) -> str:
        return obj.waarde_weergave

    @admin.display(description=_("periode"), ordering="geldig_vanaf")
    def periode_kolom(self, obj: Regel) -> str:
        return obj.periode

    @admin.display(description=_("geldigheid"))
    def status_kolom(self, obj: Regel) -> str:
        return _status(obj)

    @admin.display(description=_("bron"))
    def bron_kolom(self, obj: Regel) -> str:
        return obj.citaat()

    @admin.display(description=_("acties"))
    def acties(self, obj: Regel) -> str:
        url = reverse("admin:verordening_regel_nieuwe_versie", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Nieuwe versie"))

    def get_list_display(self, request):
        # "Nieuwe versie" only for who may make one (nieuwe_versie_view asks the same).
        kolommen = list(super().get_list_display(request))
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            kolommen.remove("acties")
        return kolommen

    # --- Change form ---------------------------------------------------------------------------
    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = (
            RegelToekomstForm if obj is not None and not obj.is_begonnen() else RegelWijzigForm
        )
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is not None and obj.is_begonnen():
            waarde = ["type", "waarde_kolom", "eenheid", "geldig_vanaf", "geldig_tot"]
        else:
            waarde = ["type", "waarde", "eenheid"]
        return [
            "sleutel",
            "naam",
            *waarde,
            "periode_kolom",
            "status_kolom",
            "bron",
            "bron_lid",
            "bron_toelichting",
            "bron_kolom",
        ]

    def get_readonly_fields(self, request, obj=None):
        vast = ["sleutel", "periode_kolom", "status_kolom", "bron_kolom"]
        if obj is None or obj.is_begonnen():
            vast += ["type", "waarde_kolom", "eenheid", "geldig_vanaf", "geldig_tot"]
        return vast

    def save_model(self, request, obj, form, change):
        # Only the changed, editable fields go to the service, which checks them against the
        # stored version (so a started version cannot change, whatever the form sent).
        velden = {
            f: form.cleaned_data[f]
            for f in form.changed_data
            if f in regel_services.BIJWERKBARE_VELDEN
        }
        if "type" in velden:  # the same text may mean another value under another type
            velden["waarde"] = form.cleaned_data["waarde"]
        regel_services.regel_versie_bijwerken(regel=obj, door=request.user, **velden)

    def get_actions(self, request):
        acties = super().get_actions(request)
        acties.pop("delete_selected", None)  # one at a time, through the service
        return acties

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_begonnen():
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        regel_services.regel_versie_intrekken(regel=obj, door=request.user)

    # --- Add and "new version": own views, so a refusal by the service shows on the form ----
    def get_urls(self):
        eigen = [
            path(
                "<path:object_id>/nieuwe-versie/",
                self.admin_site.admin_view(self.nieuwe_versie_view),
                name="verordening_regel_nieuwe_versie",
            ),
        ]
        return eigen + super().get_urls()

    def _formulier_pagina(self, request, form, titel: str, regel: Regel | None = None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": titel,
            "form": form,
            "regel": regel,
            "has_view_permission": self.has_view_permission(request, regel),
        }
        return TemplateResponse(request, "verordening/admin/regel_form.html", context)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = RegelAanmaakForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                regel = regel_services.regel_aanmaken(door=request.user, **form.cleaned_data)
            except ValidationError as exc:
                zet_fouten_op_formulier(form, exc)
            else:
                self.log_addition(request, regel, [{"added": {}}])
                messages.success(request, _("De regel „%s” is toegevoegd.") % regel.naam)
                return HttpResponseRedirect(reverse("admin:verordening_regel_changelist"))
        return self._formulier_pagina(request, form, _("Nieuwe regel"))

    def nieuwe_versie_view(self, request, object_id):
        regel = self.get_object(request, unquote(object_id))  # None for a bad or unknown id
        if regel is None:
            raise Http404
        if not (self.has_add_permission(request) and self.has_change_permission(request, regel)):
            raise PermissionDenied
        form = RegelVersieForm(request.POST or None, regel=regel)
        if request.method == "POST" and form.is_valid():
            try:
                nieuw = regel_services.regel_wijzigen(
                    sleutel=regel.sleutel, door=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                zet_fouten_op_formulier(form, exc)
            else:
                self.log_addition(request, nieuw, [{"added": {}}])
                messages.success(request, _("Nieuwe versie toegevoegd: %s.") % nieuw)
                return HttpResponseRedirect(
                    reverse("admin:verordening_regel_changelist") + f"?q={nieuw.sleutel}"
                )
        return self._formulier_pagina(
            request, form, _("Nieuwe versie van „%s”") % regel.naam, regel
        )
