"""Admin of recruitment: vacancies and candidates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.core.schrijven import vandaag

from ..models import (
    Kandidaat,
    KandidaatFase,
    Vacature,
)
from ..services.werving import (
    kandidaat_aanmelden,
    kandidaat_fase_wijzigen,
    vacature_aanmaken,
    vacature_publiceren,
    vacature_sluiten,
)
from .gedeeld import (
    BeheerAdmin,
    actie_met_formulier,
)


# --- recruitment ---------------------------------------------------------------------------------
@admin.register(Vacature)
class VacatureAdmin(BeheerAdmin):
    list_display = ("titel", "soort", "status", "gepubliceerd_op", "sluit_op", "gesloten_op")
    list_filter = ("status", "soort")
    search_fields = ("titel",)
    fields = (
        "titel",
        "soort",
        "ad_interim",
        "profiel",
        "aantal_plaatsen",
        "sluit_op",
        "status",
        "gepubliceerd_op",
        "gesloten_op",
        "kandidaten_verwijderd_op",
    )
    readonly_fields = ("status", "gepubliceerd_op", "gesloten_op", "kandidaten_verwijderd_op")
    actions = ("publiceren", "sluiten")

    def save_model(self, request: HttpRequest, obj: Vacature, form: Any, change: bool) -> None:
        d = form.cleaned_data
        if change:
            return  # the text of a published vacancy stays as published; state via actions
        nieuw = vacature_aanmaken(
            titel=d["titel"],
            profiel=d["profiel"],
            soort=d["soort"],
            ad_interim=d["ad_interim"],
            aantal_plaatsen=d["aantal_plaatsen"],
            sluit_op=d["sluit_op"],
            door=request.user,
        )
        obj.pk = nieuw.pk

    @admin.action(description=_("Publiceren"), permissions=["change"])
    def publiceren(self, request: HttpRequest, queryset: QuerySet[Vacature]) -> None:
        for vacature in queryset:
            self._service(
                request,
                lambda door, v=vacature: vacature_publiceren(vacature=v, op=vandaag(), door=door),
            )

    @admin.action(description=_("Sluiten (start bewaartermijn kandidaten)"), permissions=["change"])
    def sluiten(self, request: HttpRequest, queryset: QuerySet[Vacature]) -> None:
        for vacature in queryset:
            self._service(
                request,
                lambda door, v=vacature: vacature_sluiten(vacature=v, op=vandaag(), door=door),
            )


class FaseForm(forms.Form):
    fase = forms.ChoiceField(label=_("Naar fase"), choices=KandidaatFase.choices)
    notitie = forms.CharField(label=_("Notitie"), required=False, widget=forms.Textarea)


@admin.register(Kandidaat)
class KandidaatAdmin(BeheerAdmin):
    list_display = ("naam", "vacature", "fase", "aangemeld_op")
    list_select_related = ("vacature",)
    list_filter = ("fase", "vacature")
    search_fields = ("naam", "email")
    fields = (
        "vacature",
        "naam",
        "email",
        "telefoon",
        "postcode",
        "motivatie",
        "fase",
        "aangemeld_op",
        "notities",
    )
    actions = ("fase_wijzigen",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ("fase", "aangemeld_op", "notities")
        return self.fields

    def save_model(self, request: HttpRequest, obj: Kandidaat, form: Any, change: bool) -> None:
        if change:
            return
        d = form.cleaned_data
        nieuw = kandidaat_aanmelden(
            vacature=d["vacature"],
            naam=d["naam"],
            email=d["email"],
            postcode=d["postcode"],
            telefoon=d["telefoon"],
            motivatie=d["motivatie"],
            door=request.user,
        )
        obj.pk = nieuw.pk

    @admin.action(description=_("Naar een volgende fase"), permissions=["change"])
    def fase_wijzigen(self, request: HttpRequest, queryset: QuerySet[Kandidaat]) -> Any:
        return actie_met_formulier(
            self,
            request,
            queryset,
            form_class=FaseForm,
            titel=_("Fase wijzigen"),
            uitvoeren=lambda k, d, door: kandidaat_fase_wijzigen(
                kandidaat=k, fase=d["fase"], notitie=d["notitie"], door=door
            ),
        )
