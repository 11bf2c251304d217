"""Feedback: created by the service with its due date; here only recorded
(``terugkoppeling_vastleggen``)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.core.beheer import BeheerHistoryAdmin

from ..models import (
    Terugkoppeling,
)
from ..services import terugkoppelingen


class TeLaatFilter(admin.SimpleListFilter):
    title = _("termijn")
    parameter_name = "termijn"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("te_laat", _("te laat (nog open)")),
            ("open", _("nog open")),
            ("gegeven", _("gegeven")),
        ]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Terugkoppeling]
    ) -> QuerySet[Terugkoppeling]:
        if self.value() == "te_laat":
            return queryset.filter(gegeven_op__isnull=True, uiterste_datum__lt=timezone.localdate())
        if self.value() == "open":
            return queryset.filter(gegeven_op__isnull=True)
        if self.value() == "gegeven":
            return queryset.filter(gegeven_op__isnull=False)
        return queryset


class TerugkoppelingForm(ModelForm):
    class Meta:
        model = Terugkoppeling
        fields = ("gegeven_op", "wat_gedaan", "hoe_geinformeerd", "je_zei", "openbaar")

    def _post_clean(self) -> None:
        super()._post_clean()
        try:
            terugkoppelingen.terugkoppeling_controleren(self.instance)
        except ValidationError as exc:
            self._update_errors(exc)


@admin.register(Terugkoppeling)
class TerugkoppelingAdmin(BeheerHistoryAdmin):
    form = TerugkoppelingForm
    list_display = ("activiteit", "uiterste_datum", "gegeven_op", "stand", "openbaar")
    list_filter = (TeLaatFilter, "openbaar")
    search_fields = ("activiteit__titel",)
    list_select_related = ("activiteit",)
    readonly_fields = ("activiteit", "uiterste_datum")
    fields = (
        "activiteit",
        "uiterste_datum",
        "gegeven_op",
        "wat_gedaan",
        "hoe_geinformeerd",
        "je_zei",
        "openbaar",
    )

    @admin.display(description=_("stand"))
    def stand(self, obj: Terugkoppeling) -> str:
        if obj.gegeven_op is None:
            return str(_("te laat")) if obj.te_laat_op(timezone.localdate()) else str(_("open"))
        return str(_("op tijd")) if obj.op_tijd() else str(_("te laat gegeven"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # created with each activity, with its due date

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: Terugkoppeling, form: ModelForm, change: bool
    ) -> None:
        terugkoppelingen.terugkoppeling_vastleggen(
            terugkoppeling=obj,
            door=request.user,
            gegeven_op=obj.gegeven_op,
            wat_gedaan=obj.wat_gedaan,
            hoe_geinformeerd=obj.hoe_geinformeerd,
            je_zei=obj.je_zei,
            openbaar=obj.openbaar,
        )
