"""Admin of money: read only for the computed and workflow records (the portal's services write
them, with the four-eyes steps); long absence is recorded here by the supporter, through the
service (``verzuim_vastleggen``)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hengelo_participatie.core.beheer import AlleenLezenAdmin, BeheerHistoryAdmin

from .models import (
    Begroting,
    Begrotingspost,
    Declaratie,
    Vergoedingsperiode,
    Vergoedingsregel,
    Verzuim,
)
from .services.perioden import verzuim_vastleggen


class RegelInline(admin.TabularInline):
    model = Vergoedingsregel
    fk_name = "periode"
    fields = ("lid_referentie", "soort", "aantal_bijeenkomsten", "bedrag", "correctie_van")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Vergoedingsperiode)
class VergoedingsperiodeAdmin(AlleenLezenAdmin, BeheerHistoryAdmin):
    list_display = ("__str__", "begin", "einde", "status", "goedgekeurd_op")
    list_filter = ("status",)
    fields = ("begin", "einde", "status", "goedgekeurd_op")
    readonly_fields = fields
    inlines = (RegelInline,)


@admin.register(Vergoedingsregel)
class VergoedingsregelAdmin(AlleenLezenAdmin, BeheerHistoryAdmin):
    list_display = ("lid_referentie", "periode", "soort", "bedrag")
    list_filter = ("soort",)
    fields = ("periode", "lid_referentie", "soort", "aantal_bijeenkomsten", "bedrag", "toelichting")
    readonly_fields = fields


class PostInline(admin.TabularInline):
    model = Begrotingspost
    fields = ("categorie", "bedrag")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Begroting)
class BegrotingAdmin(AlleenLezenAdmin, BeheerHistoryAdmin):
    list_display = ("__str__", "jaar", "versie", "status", "vastgesteld_op")
    list_filter = ("status", "jaar")
    fields = (
        "jaar",
        "versie",
        "status",
        "vastgesteld_op",
        "toelichting",
        "vergoedingen_raming",
        "voorzitter_uren",
        "voorzitter_uurtarief",
        "ondersteuner_uren",
        "ondersteuner_uurtarief",
    )
    readonly_fields = fields
    inlines = (PostInline,)


@admin.register(Declaratie)
class DeclaratieAdmin(AlleenLezenAdmin, BeheerHistoryAdmin):
    list_display = ("__str__", "indiener_referentie", "datum", "categorie", "bedrag", "status")
    list_filter = ("status", "categorie")
    fields = (
        "indiener_referentie",
        "datum",
        "categorie",
        "bedrag",
        "omschrijving",
        "status",
        "status_sinds",
        "reden_afwijzing",
        "ingediend_op",
    )
    readonly_fields = fields


@admin.register(Verzuim)
class VerzuimAdmin(BeheerHistoryAdmin):
    list_display = ("lid", "soort", "van", "tot")
    fields = ("lid", "soort", "van", "tot")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Verzuim, form: Any, change: bool) -> None:
        verzuim = verzuim_vastleggen(
            lid=obj.lid,
            soort=obj.soort,
            van=obj.van,
            tot=obj.tot,
            door=request.user,  # type: ignore[arg-type]
        )
        obj.pk = verzuim.pk  # the admin's log entry and redirect name the saved row
