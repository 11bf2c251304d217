"""Reference data (instruments, themes, domains, target groups, organisations): switched off
(``actief``) rather than deleted, saved through ``services.jaarplan.referentie_opslaan``. The 10
Spelregels of Bijlage 1 are fixed text, read only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from hengelo_participatie.core.beheer import AlleenLezenAdmin, BeheerHistoryAdmin

from ..models import (
    Doelgroep,
    Domein,
    Instrument,
    Organisatie,
    Spelregel,
    Thema,
)
from ..services import jaarplan


class GeenVerwijderenMixin:
    """Reference data is switched off, not deleted (it is referred to by history), and saved
    through the service."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        jaarplan.referentie_opslaan(obj=obj, door=request.user)


@admin.register(Instrument)
class InstrumentAdmin(GeenVerwijderenMixin, BeheerHistoryAdmin):
    list_display = (
        "nummer",
        "naam",
        "gespreksleider_verplicht",
        "spelregels_van_toepassing",
        "actief",
    )
    list_filter = ("actief",)
    search_fields = ("naam", "omschrijving")


@admin.register(Thema, Organisatie)
class LijstAdmin(GeenVerwijderenMixin, admin.ModelAdmin):
    list_display = ("naam", "actief")
    list_filter = ("actief",)
    search_fields = ("naam",)


@admin.register(Domein)
class DomeinAdmin(GeenVerwijderenMixin, admin.ModelAdmin):
    list_display = ("naam", "code", "soort", "actief")
    list_filter = ("soort", "actief")
    search_fields = ("naam", "code")


@admin.register(Doelgroep)
class DoelgroepAdmin(GeenVerwijderenMixin, admin.ModelAdmin):
    list_display = ("naam", "code", "actief")
    list_filter = ("actief",)
    search_fields = ("naam",)


@admin.register(Spelregel)
class SpelregelAdmin(AlleenLezenAdmin, admin.ModelAdmin):
    """The 10 rules of Bijlage 1: fixed text, read only."""

    list_display = ("nummer", "titel")
    readonly_fields = ("nummer", "titel", "tekst")
