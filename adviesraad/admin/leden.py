"""Admin of the members, their functions, and the reference list of core laws."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.core.beheer import AlleenLezenAdmin

from .. import selectors
from ..models import (
    Functie,
    Kernwet,
    Lid,
)
from ..policies import (
    SAMENSTELLING,
    lid_policy,
)
from ..services.functies import functie_beeindigen, functie_toewijzen
from ..services.leden import LID_VELDEN, lid_aanmaken, lid_bijwerken
from .gedeeld import (
    BeheerAdmin,
)


# --- reference data --------------------------------------------------------------------------------
@admin.register(Kernwet)
class KernwetAdmin(AlleenLezenAdmin, admin.ModelAdmin):
    list_display = ("naam", "code", "volgorde")


# --- members -------------------------------------------------------------------------------------
@admin.register(Lid)
class LidAdmin(BeheerAdmin):
    list_display = ("naam", "postcode", "beschikbaarheid_uren_per_maand", "inwerken_compleet")
    list_select_related = ("user",)
    # One COUNT instead of two: "n of N" is not needed for a council of at most a dozen.
    show_full_result_count = False
    search_fields = ("user__email", "user__voornaam", "user__achternaam", "postcode")
    list_filter = ("themas", "foto_toestemming")
    autocomplete_fields = ("user",)
    # Checkboxes instead of filter_horizontal: named without JavaScript (issue 15 §6).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    exclude = ("foto",)
    change_list_template = "admin/adviesraad/lid/change_list.html"

    @admin.display(description=_("naam"), ordering="user__achternaam")
    def naam(self, obj: Lid) -> str:
        return obj.naam

    @admin.display(description=_("ingewerkt"), boolean=True)
    def inwerken_compleet(self, obj: Lid) -> bool:
        return obj.inwerken_compleet

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("user",) if obj is not None else ()

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        extra_context = dict(extra_context or {})
        if lid_policy.user_has_perm(request.user, SAMENSTELLING):
            extra_context["samenstelling"] = selectors.samenstelling(user=request.user)
        return super().changelist_view(request, extra_context)

    def save_model(self, request: HttpRequest, obj: Lid, form: Any, change: bool) -> None:
        gegevens = {
            veld: form.cleaned_data[veld]
            for veld in LID_VELDEN | {"themas"}
            if veld in form.cleaned_data
        }
        if change:
            lid_bijwerken(lid=obj, door=request.user, **gegevens)
        else:
            postcode = gegevens.pop("postcode")
            nieuw = lid_aanmaken(
                user=form.cleaned_data["user"], postcode=postcode, door=request.user, **gegevens
            )
            obj.pk = nieuw.pk

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        pass  # the service sets the themes

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        form = super().get_form(request, obj, change=change, **kwargs)
        # Model-level validation runs in the service (full_clean); avoid a double unique check.
        return form


@admin.register(Functie)
class FunctieAdmin(BeheerAdmin):
    list_display = ("lid", "soort", "van", "tot", "uurtarief")
    list_select_related = ("lid__user",)
    list_filter = ("soort",)
    autocomplete_fields = ("lid",)
    fields = ("lid", "soort", "van", "tot", "uurtarief", "besluit_kenmerk", "toelichting")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ()
        return tuple(f for f in self.fields if f != "tot")

    def save_model(self, request: HttpRequest, obj: Functie, form: Any, change: bool) -> None:
        d = form.cleaned_data
        if change:
            if "tot" in form.changed_data and d["tot"]:
                functie_beeindigen(functie=obj, tot=d["tot"], door=request.user)
            return
        nieuw = functie_toewijzen(
            lid=d["lid"],
            soort=d["soort"],
            van=d["van"],
            tot=d["tot"],
            uurtarief=d["uurtarief"],
            besluit_kenmerk=d["besluit_kenmerk"],
            toelichting=d["toelichting"],
            door=request.user,
        )
        obj.pk = nieuw.pk
