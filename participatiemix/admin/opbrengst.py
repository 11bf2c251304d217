"""Findings and what was done with them: added, changed and removed through ``services.inbreng``."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from adviesraad.advies.policies import aanvraag_policy
from adviesraad.models.advies import Adviesaanvraag
from hengelo_participatie.core.beheer import BeheerHistoryAdmin

from ..models import (
    Benutting,
    Opbrengst,
)
from ..services import inbreng


class BenuttingInline(admin.StackedInline):
    model = Benutting
    extra = 0
    fields = ("soort", "omschrijving", "adviesaanvraag", "beleidsdocument", "datum")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        """A plain select of the advice requests the user may see (advice policy: object
        grants only), so the admin never lists a confidential request to someone without it."""
        if db_field.name == "adviesaanvraag":
            kwargs["queryset"] = aanvraag_policy.instances_user_has_perm_for(
                request.user, "view", Adviesaanvraag.objects.order_by("-aangemaakt_op", "-pk")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Opbrengst)
class OpbrengstAdmin(BeheerHistoryAdmin):
    list_display = ("omschrijving_kort", "soort", "thema", "domein", "frequentie", "activiteit")
    list_filter = ("soort", "thema", "domein", "activiteit__instrument")
    search_fields = ("omschrijving", "citaat", "activiteit__titel")
    list_select_related = ("thema", "domein", "activiteit")
    autocomplete_fields = ()
    fields = ("activiteit", "soort", "thema", "domein", "omschrijving", "citaat", "frequentie")
    inlines = (BenuttingInline,)

    @admin.display(description=_("opbrengst"))
    def omschrijving_kort(self, obj: Opbrengst) -> str:
        return obj.omschrijving[:80]

    def save_model(
        self, request: HttpRequest, obj: Opbrengst, form: ModelForm, change: bool
    ) -> None:
        if change:
            inbreng.opbrengst_wijzigen(
                opbrengst=obj,
                door=request.user,
                **{veld: getattr(obj, veld) for veld in inbreng.OPBRENGST_VELDEN},
            )
            return
        nieuw = inbreng.opbrengst_toevoegen(
            activiteit=obj.activiteit,
            door=request.user,
            soort=obj.soort,
            thema=obj.thema,
            omschrijving=obj.omschrijving,
            domein=obj.domein,
            citaat=obj.citaat,
            frequentie=obj.frequentie,
        )
        obj.pk = nieuw.pk

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: Any, change: bool
    ) -> None:
        formset.new_objects, formset.deleted_objects, formset.changed_objects = [], [], []
        for verwijderd in formset.deleted_forms:
            if verwijderd.instance.pk:
                formset.deleted_objects.append(verwijderd.instance)
                inbreng.benutting_verwijderen(benutting=verwijderd.instance, door=request.user)
        for inline_form in formset.forms:
            if inline_form in formset.deleted_forms or not inline_form.has_changed():
                continue
            b = inline_form.instance
            if b.pk:
                inbreng.benutting_wijzigen(
                    benutting=b,
                    door=request.user,
                    **{veld: getattr(b, veld) for veld in inbreng.BENUTTING_VELDEN},
                )
                formset.changed_objects.append((b, inline_form.changed_data))
            else:
                nieuw = inbreng.benutting_vastleggen(
                    opbrengst=form.instance,
                    door=request.user,
                    soort=b.soort,
                    omschrijving=b.omschrijving,
                    datum=b.datum,
                    beleidsdocument=b.beleidsdocument,
                    adviesaanvraag=b.adviesaanvraag,
                )
                formset.new_objects.append(nieuw)
