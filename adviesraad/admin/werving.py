"""Admin of recruitment: vacancies and candidates."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.accounts.roles import gebruikers_met_rollen, rollen_met
from hengelo_participatie.core.schrijven import vandaag

from ..models import (
    Kandidaat,
    KandidaatFase,
    Vacature,
)
from ..services.werving import (
    SELECTIECOMMISSIE,
    kandidaat_aanmelden,
    kandidaat_fase_wijzigen,
    selectiecommissie_zetten,
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
        "uren_per_maand",
        "sluit_op",
        "selectiecommissie",
        "status",
        "gepubliceerd_op",
        "gesloten_op",
        "kandidaten_verwijderd_op",
    )
    readonly_fields = ("status", "gepubliceerd_op", "gesloten_op", "kandidaten_verwijderd_op")
    actions = ("publiceren", "sluiten")

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "selectiecommissie":
            # Offer only who may sit on it (the role table); the service checks again.
            kwargs["queryset"] = db_field.related_model.objects.filter(
                pk__in=gebruikers_met_rollen(rollen_met(SELECTIECOMMISSIE)).values("pk")
            ).order_by("achternaam", "voornaam", "email")
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The committee through its service (not form.save_m2m), on a new or an existing vacancy.
        selectiecommissie_zetten(
            vacature=form.instance,
            leden=form.cleaned_data.get("selectiecommissie", []),
            door=request.user,
        )
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

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
        "themas",
        "kanaal",
        "toestemming_op",
        "fase",
        "aangemeld_op",
        "afgerond_op",
        "notities",
    )
    actions = ("fase_wijzigen",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return (
                "themas",
                "kanaal",
                "toestemming_op",
                "fase",
                "aangemeld_op",
                "afgerond_op",
                "notities",
            )
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
