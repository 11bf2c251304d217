"""Admin of the working agreements and the house rules (text while a concept, and its steps)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.core.admin_keuzes import ZichtbareKeuzesMixin
from verordening.admin.gedeeld import ViaServicesAdmin
from verordening.forms import HuishoudelijkReglementForm
from verordening.models import HuishoudelijkReglement, Samenwerkingsafspraken
from verordening.services import huishoudelijk_reglement as reglement_services
from verordening.services import samenwerkingsafspraken as afspraken_services

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


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
        if obj is None:
            return velden
        return [*velden, "regels_voor_aanwezigheid", "volgende_stap", "opmerkingen"]

    @admin.display(description=_("regels voor aanwezigheid (gelden vanaf de goedkeuring)"))
    def regels_voor_aanwezigheid(self, obj: HuishoudelijkReglement) -> str:
        regels = sorted(obj.aanwezigheidsregels.items())
        return "; ".join(f"{sleutel} = {waarde}" for sleutel, waarde in regels) or "-"

    def get_readonly_fields(self, request, obj=None):
        status_velden = [
            "status",
            "ingediend_op",
            "beoordeeld_op",
            "opmerkingen_college",
            "regels_voor_aanwezigheid",
        ]
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
