"""Admin of declarations of other roles: confidential, every opening is logged, free text only
for who may read it."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from simple_history.template_utils import HistoricalRecordContextHelper

from hengelo_participatie.core.beheer import AlleenLezenAdmin

from .. import selectors
from ..models import (
    Nevenfunctieverklaring,
    VerklaringInzage,
)
from ..policies import (
    VERKLARING_TEKSTVELDEN,
    verklaring_policy,
)
from ..services.verklaringen import verklaring_indienen
from .gedeeld import (
    BeheerAdmin,
)


# --- declarations --------------------------------------------------------------------------------
class _ZonderTekstHelper(HistoricalRecordContextHelper):
    """Leaves the free-text fields of a declaration out of the history list's changes."""

    def context_for_delta_changes(self, delta: Any) -> list[dict[str, Any]]:
        zonder = [c for c in delta.changes if c.field not in VERKLARING_TEKSTVELDEN]
        namen = [n for n in delta.changed_fields if n not in VERKLARING_TEKSTVELDEN]
        return super().context_for_delta_changes(
            dataclasses.replace(delta, changes=zonder, changed_fields=namen)
        )


@admin.register(Nevenfunctieverklaring)
class NevenfunctieverklaringAdmin(BeheerAdmin):
    list_display = ("lid", "aanleiding", "ingediend_op", "beoordeling")
    list_select_related = ("lid__user",)
    list_filter = ("aanleiding", "beoordeling")
    autocomplete_fields = ("lid",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Nevenfunctieverklaring]:
        return selectors.verklaringen_zichtbaar_voor(request.user)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ("beoordeling", "afspraak", "beoordeeld_door", "beoordeeld_op")
        return [f.name for f in self.model._meta.fields if f.name != "id"]

    # --- the text only for the member, the chair and the supporter ---------------------------
    @staticmethod
    def _mag_tekst(request: HttpRequest, obj: Any) -> bool:
        """Whoever writes a new declaration types its text; an existing one's text is for
        ``verklaring_policy.mag_tekst_lezen`` (a superuser sees the answers yes/no and the assessment)."""
        return obj is None or verklaring_policy.mag_tekst_lezen(request.user, van=obj.lid.user_id)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        """Also the fields of ``history_form_view``, which builds its form from these."""
        velden = super().get_fields(request, obj)
        if self._mag_tekst(request, obj):
            return velden
        return [v for v in velden if v not in VERKLARING_TEKSTVELDEN]

    def get_historical_record_context_helper(
        self, request: HttpRequest, historical_record: Any
    ) -> HistoricalRecordContextHelper:
        """The history list shows what changed, old and new value: not the text for who may
        not read it."""
        if self._mag_tekst(request, historical_record):
            return super().get_historical_record_context_helper(request, historical_record)
        return _ZonderTekstHelper(self.model, historical_record)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        obj = self.get_object(request, object_id)
        if obj is not None and verklaring_policy.user_has_perm_for_object(
            request.user, "view", obj
        ):
            selectors.verklaring_inzage_loggen(verklaring=obj, user=request.user, via="beheer")
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(
        self, request: HttpRequest, obj: Nevenfunctieverklaring, form: Any, change: bool
    ) -> None:
        if change:
            return
        d = dict(form.cleaned_data)
        for veld in ("beoordeling", "afspraak", "beoordeeld_door", "beoordeeld_op"):
            d.pop(veld, None)
        nieuw = verklaring_indienen(door=request.user, **d)
        obj.pk = nieuw.pk


@admin.register(VerklaringInzage)
class VerklaringInzageAdmin(AlleenLezenAdmin, admin.ModelAdmin):
    list_display = ("verklaring", "gelezen_door", "gelezen_op", "via")
    list_select_related = ("verklaring__lid__user", "gelezen_door")
    list_filter = ("via",)
    date_hierarchy = "gelezen_op"
