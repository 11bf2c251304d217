"""Activities: saving calls ``activiteit_opslaan`` (Spelregel rows, feedback due date, moderator
grants); status changes are admin actions calling ``activiteit_status_wijzigen``, so the rules for
closing hold here exactly as elsewhere; Spelregel answers are saved through
``spelregel_beantwoorden``; the listening delegation through ``luisterdelegatie_zetten``."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hengelo_participatie.accounts.toewijzing import KEUZE_FOUT
from hengelo_participatie.core.beheer import BeheerHistoryAdmin

from ..forms import ActiviteitAdminForm
from ..models import (
    Activiteit,
    ActiviteitStatus,
    Spelregeltoets,
)
from ..services import activiteiten, toewijzing


class SpelregeltoetsInline(admin.TabularInline):
    model = Spelregeltoets
    fields = ("spelregel", "antwoord", "toelichting")
    readonly_fields = ("spelregel",)
    extra = 0
    can_delete = False
    verbose_name_plural = _("Spelregels Nationale Ombudsman (verplicht bij instrument 2, 3 en 4)")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _status_actie(naar: str, label: str):  # type: ignore[no-untyped-def]
    def actie(
        modeladmin: ActiviteitAdmin, request: HttpRequest, queryset: QuerySet[Activiteit]
    ) -> None:
        gelukt = 0
        for activiteit in queryset:
            try:
                activiteiten.activiteit_status_wijzigen(
                    activiteit=activiteit, naar=naar, door=request.user
                )
            except ValidationError as exc:
                modeladmin.message_user(
                    request, f"{activiteit}: {' '.join(exc.messages)}", level=messages.ERROR
                )
            except PermissionDenied as exc:
                modeladmin.message_user(request, str(exc), level=messages.ERROR)
                return
            else:
                gelukt += 1
        if gelukt:
            modeladmin.message_user(
                request,
                ngettext("%(n)s activiteit bijgewerkt.", "%(n)s activiteiten bijgewerkt.", gelukt)
                % {"n": gelukt},
                level=messages.SUCCESS,
            )

    actie.__name__ = f"naar_{naar}"
    return admin.action(description=label, permissions=["change"])(actie)


@admin.register(Activiteit)
class ActiviteitAdmin(BeheerHistoryAdmin):
    form = ActiviteitAdminForm
    list_display = (
        "titel",
        "instrument",
        "startdatum",
        "status",
        "aantal_deelnemers",
        "gespreksleider",
    )
    list_filter = ("status", "instrument", "themas", "domeinen")
    search_fields = ("titel", "omschrijving")
    date_hierarchy = "startdatum"
    list_select_related = ("instrument", "gespreksleider")
    readonly_fields = ("status", "afgesloten_op", "verslag")
    inlines = (SpelregeltoetsInline,)
    actions = (
        _status_actie(ActiviteitStatus.UITGEVOERD, _("Markeren als uitgevoerd")),
        _status_actie(ActiviteitStatus.AFGESLOTEN, _("Afsluiten")),
    )
    fieldsets = (
        (
            _("Wat en wanneer"),
            {
                "fields": (
                    "instrument",
                    "titel",
                    "omschrijving",
                    ("startdatum", "einddatum"),
                    "themas",
                    "domeinen",
                )
            },
        ),
        (
            _("Wie deden mee (alleen aantallen)"),
            {
                "fields": (
                    "doelgroepen",
                    "organisaties",
                    "verantwoordelijke",
                    "gespreksleider",
                    "gespreksleider_organisatie",
                    "luisterdelegatie",
                    "werving",
                    "aantal_deelnemers",
                )
            },
        ),
        (
            _("Wat is deelnemers beloofd (spelregels 3 en 4)"),
            {
                "fields": (
                    "beslisruimte",
                    "verwachtingen",
                )
            },
        ),
        (_("Status en verslag"), {"fields": ("status", "afgesloten_op", "verslag")}),
    )

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        """People fields offer only who holds the matching role now (the services check it
        again): another id posted by hand is a form error on the field."""
        if db_field.name == "gespreksleider":
            kwargs["queryset"] = toewijzing.gespreksleider_keuzes()
            kwargs["error_messages"] = KEUZE_FOUT
        elif db_field.name == "verantwoordelijke":
            kwargs["queryset"] = toewijzing.verantwoordelijke_keuzes()
            kwargs["error_messages"] = KEUZE_FOUT
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "luisterdelegatie":
            # Council members and staff, the same rule as the service (not "any group").
            kwargs["queryset"] = toewijzing.luisterdelegatie_keuzes()
            kwargs["error_messages"] = KEUZE_FOUT
        elif db_field.name in {"themas", "domeinen", "doelgroepen", "organisaties"}:
            kwargs["queryset"] = db_field.related_model.objects.filter(actief=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(
        self, request: HttpRequest, obj: Activiteit, form: ModelForm, change: bool
    ) -> None:
        vorige = (
            Activiteit.objects.filter(pk=obj.pk).values_list("gespreksleider_id", flat=True).first()
            if change
            else None
        )
        activiteiten.activiteit_opslaan(
            activiteit=obj, door=request.user, vorige_gespreksleider_id=vorige
        )

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool
    ) -> None:
        """The listening delegation goes through ``activiteiten.luisterdelegatie_zetten`` (role
        check, log); the other many-to-many fields are reference data and saved as usual."""
        if "luisterdelegatie" in form.cleaned_data:
            activiteiten.luisterdelegatie_zetten(
                activiteit=form.instance,
                gebruikers=form.cleaned_data.pop("luisterdelegatie"),
                door=request.user,
            )
        super().save_related(request, form, formsets, change)

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: Any, change: bool
    ) -> None:
        if formset.model is not Spelregeltoets:  # pragma: no cover - the only inline
            super().save_formset(request, form, formset, change)
            return
        # The admin's change message reads these three lists.
        formset.new_objects, formset.deleted_objects, formset.changed_objects = [], [], []
        for inline_form in formset.forms:
            if inline_form.has_changed() and inline_form.instance.pk:
                toets = inline_form.instance
                formset.changed_objects.append((toets, inline_form.changed_data))
                activiteiten.spelregel_beantwoorden(
                    activiteit=form.instance,
                    nummer=toets.spelregel.nummer,
                    antwoord=inline_form.cleaned_data.get("antwoord", ""),
                    toelichting=inline_form.cleaned_data.get("toelichting", ""),
                    door=request.user,
                )
