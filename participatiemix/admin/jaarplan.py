"""The yearly plan and its planned uses, saved through ``services.jaarplan``."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from hengelo_participatie.core.beheer import BeheerHistoryAdmin

from ..models import (
    GeplandeInzet,
    Jaarplan,
)
from ..services import jaarplan


class GeplandeInzetInline(admin.TabularInline):
    model = GeplandeInzet
    extra = 0
    fields = ("instrument", "kwartaal", "aantal")


@admin.register(Jaarplan)
class JaarplanAdmin(BeheerHistoryAdmin):
    """A plain register without business rules, saved through ``services.jaarplan``."""

    list_display = ("jaar", "vastgesteld_op")
    inlines = (GeplandeInzetInline,)

    def save_model(
        self, request: HttpRequest, obj: Jaarplan, form: ModelForm, change: bool
    ) -> None:
        jaarplan.jaarplan_opslaan(jaarplan=obj, door=request.user)

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: Any, change: bool
    ) -> None:
        # ``save(commit=False)`` fills the lists the admin's change message reads.
        for inzet in formset.save(commit=False):
            jaarplan.geplande_inzet_opslaan(inzet=inzet, door=request.user)
        for inzet in formset.deleted_objects:
            jaarplan.geplande_inzet_verwijderen(inzet=inzet, door=request.user)
