"""Admin for the account holder. Thin: every write (add, change, delete, the inline articles, a
house-rules step) goes through ``verordening.services``, which checks the policy, validates, keeps
history with the actor and audits; a refusal shows on the same form. A rule version that has
started shows its value and period read-only."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.core.admin_keuzes import ZichtbareKeuzesMixin
from hengelo_participatie.core.beheer import BeheerHistoryAdmin
from verordening.forms import (
    HuishoudelijkReglementForm,
    RegelAanmaakForm,
    RegelToekomstForm,
    RegelVersieForm,
    RegelWijzigForm,
    zet_fouten_op_formulier,
)
from verordening.models import (
    Artikel,
    HuishoudelijkReglement,
    Regel,
    Samenwerkingsafspraken,
    Verordening,
)
from verordening.services import huishoudelijk_reglement as reglement_services
from verordening.services import regels as regel_services
from verordening.services import samenwerkingsafspraken as afspraken_services
from verordening.services import verordening as verordening_services

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


def _modelvelden(form: Any, namen: Iterable[str]) -> dict[str, Any]:
    """The cleaned values of ``namen`` that are editable fields of the form's model (not the
    form's own fields such as a next step, not the primary key)."""
    velden = {
        veld.name
        for veld in form._meta.model._meta.concrete_fields
        if veld.editable and not veld.primary_key
    }
    return {naam: form.cleaned_data[naam] for naam in namen if naam in velden}


class ViaServicesAdmin(BeheerHistoryAdmin):
    """Add, change and delete (one, or the changelist's bulk delete) through a model's services;
    never ``obj.save()`` or ``obj.delete()``. A change passes only the fields the user changed."""

    def aanmaken(self, door: User, velden: dict[str, Any]) -> Model:
        raise NotImplementedError

    def bijwerken(self, obj: Any, door: User, velden: dict[str, Any]) -> None:
        raise NotImplementedError

    def verwijderen(self, obj: Any, door: User) -> None:
        raise NotImplementedError

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            self.bijwerken(obj, request.user, _modelvelden(form, form.changed_data))
            return
        nieuw = self.aanmaken(request.user, _modelvelden(form, form.cleaned_data))
        obj.pk = nieuw.pk
        obj.refresh_from_db()
        obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.verwijderen(obj, request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with transaction.atomic():  # all or nothing, as Django's own bulk delete
            for obj in queryset:
                self.verwijderen(obj, request.user)


# --- Verordening and articles ---------------------------------------------------------------
class ArtikelInline(admin.StackedInline):
    model = Artikel
    extra = 0
    fields = ("nummer", "titel", "samenvatting", "tekst")


@admin.register(Verordening)
class VerordeningAdmin(ViaServicesAdmin):
    list_display = (
        "citeertitel",
        "cvdr",
        "datum_vastgesteld",
        "in_werking_vanaf",
        "in_werking_tot",
    )
    list_filter = ("in_werking_vanaf",)
    search_fields = ("titel", "citeertitel", "cvdr")
    inlines = [ArtikelInline]

    def aanmaken(self, door: User, velden: dict[str, Any]) -> Model:
        return verordening_services.verordening_aanmaken(door=door, **velden)

    def bijwerken(self, obj: Verordening, door: User, velden: dict[str, Any]) -> None:
        verordening_services.verordening_bijwerken(verordening=obj, door=door, **velden)

    def verwijderen(self, obj: Verordening, door: User) -> None:
        verordening_services.verordening_verwijderen(verordening=obj, door=door)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """The inline articles, row by row through the article services."""
        if formset.model is not Artikel:  # pragma: no cover - the only inline
            raise NotImplementedError(formset.model)
        # The admin's change message reads these three lists.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for rij in formset.deleted_forms:
            if rij.instance.pk is not None:
                verordening_services.artikel_verwijderen(artikel=rij.instance, door=request.user)
                formset.deleted_objects.append(rij.instance)
        for rij in formset.forms:
            if rij in formset.deleted_forms or not rij.has_changed():
                continue
            if rij.instance.pk is not None:
                verordening_services.artikel_bijwerken(
                    artikel=rij.instance,
                    door=request.user,
                    **_modelvelden(rij, rij.changed_data),
                )
                formset.changed_objects.append((rij.instance, rij.changed_data))
            else:
                velden = {**_modelvelden(rij, rij.cleaned_data), "verordening": form.instance}
                nieuw = verordening_services.artikel_aanmaken(door=request.user, **velden)
                formset.new_objects.append(nieuw)


@admin.register(Artikel)
class ArtikelAdmin(ViaServicesAdmin):
    list_display = ("nummer", "titel", "verordening", "samenvatting")
    list_filter = ("verordening", "samenvatting")
    search_fields = ("nummer", "titel", "tekst")
    list_select_related = ("verordening",)

    def aanmaken(self, door: User, velden: dict[str, Any]) -> Model:
        return verordening_services.artikel_aanmaken(door=door, **velden)

    def bijwerken(self, obj: Artikel, door: User, velden: dict[str, Any]) -> None:
        verordening_services.artikel_bijwerken(artikel=obj, door=door, **velden)

    def verwijderen(self, obj: Artikel, door: User) -> None:
        verordening_services.artikel_verwijderen(artikel=obj, door=door)


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


# --- Agreements -----------------------------------------------------------------------------
@admin.register(Samenwerkingsafspraken)
class SamenwerkingsafsprakenAdmin(ZichtbareKeuzesMixin, ViaServicesAdmin):
    list_display = ("jaar", "datum_vastgesteld", "datum_volgende_evaluatie", "heeft_document")
    list_filter = ("datum_vastgesteld",)
    search_fields = ("jaar", "tekst")
    raw_id_fields = ("bestand",)

    @admin.display(description=_("document"), boolean=True)
    def heeft_document(self, obj: Samenwerkingsafspraken) -> bool:
        return obj.bestand_id is not None

    def aanmaken(self, door: User, velden: dict[str, Any]) -> Model:
        return afspraken_services.samenwerkingsafspraken_aanmaken(door=door, **velden)

    def bijwerken(self, obj: Samenwerkingsafspraken, door: User, velden: dict[str, Any]) -> None:
        afspraken_services.samenwerkingsafspraken_bijwerken(afspraken=obj, door=door, **velden)

    def verwijderen(self, obj: Samenwerkingsafspraken, door: User) -> None:
        afspraken_services.samenwerkingsafspraken_verwijderen(afspraken=obj, door=door)


@admin.register(HuishoudelijkReglement)
class HuishoudelijkReglementAdmin(ZichtbareKeuzesMixin, ViaServicesAdmin):
    form = HuishoudelijkReglementForm
    list_display = ("titel", "status", "ingediend_op", "beoordeeld_op")
    list_filter = ("status",)
    search_fields = ("titel", "tekst", "opmerkingen_college")
    raw_id_fields = ("bestand",)

    def get_fields(self, request, obj=None):
        velden = [
            "titel",
            "tekst",
            "bestand",
            "status",
            "ingediend_op",
            "beoordeeld_op",
            "opmerkingen_college",
        ]
        return velden if obj is None else [*velden, "volgende_stap", "opmerkingen"]

    def get_readonly_fields(self, request, obj=None):
        status_velden = ["status", "ingediend_op", "beoordeeld_op", "opmerkingen_college"]
        if obj is not None and not obj.is_bewerkbaar:
            return ["titel", "tekst", "bestand", *status_velden]
        return status_velden

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"gebruiker": request.user})

    def aanmaken(self, door: User, velden: dict[str, Any]) -> Model:
        return reglement_services.huishoudelijk_reglement_aanmaken(door=door, **velden)

    def bijwerken(self, obj: HuishoudelijkReglement, door: User, velden: dict[str, Any]) -> None:
        reglement_services.huishoudelijk_reglement_bijwerken(reglement=obj, door=door, **velden)

    def verwijderen(self, obj: HuishoudelijkReglement, door: User) -> None:
        reglement_services.huishoudelijk_reglement_verwijderen(reglement=obj, door=door)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)  # text and document, while a concept
        naar = form.cleaned_data.get("volgende_stap")
        if naar:
            reglement_services.huishoudelijk_reglement_overgang(
                reglement=obj,
                naar=naar,
                door=request.user,
                opmerkingen=form.cleaned_data.get("opmerkingen", ""),
            )

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.is_bewerkbaar:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        acties = super().get_actions(request)
        acties.pop("delete_selected", None)
        return acties
