"""Admin of who receives what the council sends (issue 14): the account holder keeps the
addresses of the College's secretariat and the griffie as effective-dated versions, through the
service (``services.bezorging.ontvangers_vastleggen``); a version that has started is not changed
but followed by a new one. History is kept and readable, never restored."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from adviesraad.models.college import Ontvangers
from hengelo_participatie.core.beheer import BeheerHistoryAdmin

from .services.bezorging import ontvangers_vastleggen


@admin.register(Ontvangers)
class OntvangersAdmin(BeheerHistoryAdmin):
    list_display = ("soort", "geldig_vanaf", "adressen", "toelichting")
    list_filter = ("soort",)
    fields = ("soort", "adressen", "geldig_vanaf", "toelichting")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        bestaand = Ontvangers.objects.get(pk=obj.pk) if change else None
        nieuw = ontvangers_vastleggen(
            soort=form.cleaned_data["soort"],
            adressen=form.cleaned_data["adressen"],
            geldig_vanaf=form.cleaned_data["geldig_vanaf"],
            toelichting=form.cleaned_data.get("toelichting", ""),
            door=request.user,  # type: ignore[arg-type]
            bestaand=bestaand,
        )
        obj.pk = nieuw.pk
        obj.refresh_from_db()
        obj._state.adding = False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a version is followed by a new one; history shows what applied when
