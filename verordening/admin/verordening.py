"""Admin of the regulation and its articles (also as inline rows of the regulation)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from verordening.admin.gedeeld import ViaServicesAdmin, modelvelden
from verordening.models import Artikel, Verordening
from verordening.services import verordening as verordening_services

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


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
                    **modelvelden(rij, rij.changed_data),
                )
                formset.changed_objects.append((rij.instance, rij.changed_data))
            else:
                velden = {**modelvelden(rij, rij.cleaned_data), "verordening": form.instance}
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
