"""Admin of the outbox: read-only rows, plus one action that puts failed e-mails back in the queue.

The supporter and the account holder see what was sent, what failed and why (``laatste_fout``),
and retry it. Nothing is edited or deleted by hand: rows change only through the services (``bezorging``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import bezorging
from .models import Agendatoken, Bericht, BerichtStatus, Herinnering


class AlleenLezen(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in self.model._meta.fields]


class HerinneringInline(admin.TabularInline):
    model = Herinnering
    fields = ("deadline", "soort", "tekst", "verzonden_op")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Bericht)
class BerichtAdmin(AlleenLezen):
    list_display = (
        "ontvanger",
        "dag",
        "status",
        "aantal_items",
        "pogingen",
        "verzonden_op",
        "fout",
    )
    list_filter = ("status", "dag")
    search_fields = ("ontvanger__email", "ontvanger__achternaam")
    date_hierarchy = "dag"
    list_select_related = ("ontvanger",)
    inlines = (HerinneringInline,)
    actions = ("opnieuw_proberen",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Bericht]:
        return super().get_queryset(request).annotate(_aantal=Count("herinneringen"))

    @admin.display(description=_("herinneringen"), ordering="_aantal")
    def aantal_items(self, obj: Bericht) -> int:
        return getattr(obj, "_aantal", 0)

    @admin.display(description=_("laatste foutmelding"))
    def fout(self, obj: Bericht) -> str:
        return obj.laatste_fout[:120]

    @admin.action(description=_("Opnieuw proberen te versturen"), permissions=["change"])
    def opnieuw_proberen(self, request: HttpRequest, queryset: QuerySet[Bericht]) -> None:
        gelukt = sum(
            bezorging.bericht_opnieuw_proberen(bericht=b, door=request.user)
            for b in queryset.exclude(status=BerichtStatus.VERZONDEN)
        )
        self.message_user(
            request,
            ngettext(
                "%(n)d e-mail staat weer klaar om te versturen.",
                "%(n)d e-mails staan weer klaar om te versturen.",
                gelukt,
            )
            % {"n": gelukt},
            messages.SUCCESS if gelukt else messages.WARNING,
        )


@admin.register(Herinnering)
class HerinneringAdmin(AlleenLezen):
    list_display = (
        "ontvanger",
        "soort",
        "onderwerp_label",
        "deadline",
        "gepland_op",
        "verzonden_op",
    )
    list_filter = ("soort", "verplicht", "gepland_op")
    search_fields = ("ontvanger__email", "onderwerp_label")
    list_select_related = ("ontvanger",)
    date_hierarchy = "deadline"


@admin.register(Agendatoken)
class AgendatokenAdmin(AlleenLezen):
    list_display = ("gebruiker", "aangemaakt_op", "ingetrokken_op", "laatst_gebruikt_op")
    list_select_related = ("gebruiker",)
    exclude = ("sleutel_hash",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in self.model._meta.fields if f.name != "sleutel_hash"]
