"""Admin of portfolios and their holders."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from ..models import (
    Portefeuille,
    Portefeuillehouder,
)
from ..services.portefeuilles import (
    portefeuille_aanmaken,
    portefeuille_bijwerken,
    portefeuillehouder_beeindigen,
    portefeuillehouder_toewijzen,
)
from .gedeeld import (
    BeheerAdmin,
)


# --- portfolios ----------------------------------------------------------------------------------
@admin.register(Portefeuille)
class PortefeuilleAdmin(BeheerAdmin):
    list_display = ("naam", "van", "tot")
    search_fields = ("naam",)
    # Checkboxes instead of filter_horizontal: named without JavaScript (issue 15 §6).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    fields = ("naam", "omschrijving", "kernwetten", "van", "tot")

    def save_model(self, request: HttpRequest, obj: Portefeuille, form: Any, change: bool) -> None:
        d = form.cleaned_data
        if change:
            portefeuille_bijwerken(portefeuille=obj, door=request.user, **d)
        else:
            nieuw = portefeuille_aanmaken(door=request.user, **d)
            obj.pk = nieuw.pk

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        pass


@admin.register(Portefeuillehouder)
class PortefeuillehouderAdmin(BeheerAdmin):
    list_display = ("portefeuille", "lid", "van", "tot")
    list_select_related = ("portefeuille", "lid__user")
    list_filter = ("portefeuille",)
    autocomplete_fields = ("lid", "portefeuille")
    fields = ("portefeuille", "lid", "van", "tot")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("portefeuille", "lid", "van") if obj is not None else ()

    def save_model(
        self, request: HttpRequest, obj: Portefeuillehouder, form: Any, change: bool
    ) -> None:
        d = form.cleaned_data
        if change:
            if d.get("tot"):
                portefeuillehouder_beeindigen(houder=obj, tot=d["tot"], door=request.user)
            return
        nieuw = portefeuillehouder_toewijzen(
            portefeuille=d["portefeuille"],
            lid=d["lid"],
            van=d["van"],
            tot=d["tot"],
            door=request.user,
        )
        obj.pk = nieuw.pk
