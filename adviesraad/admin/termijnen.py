"""Admin of terms and of the evaluations that precede re-appointment."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ..models import (
    Herbenoemingsevaluatie,
    TermijnStatus,
    Zittingstermijn,
)
from ..services.termijnen import (
    evaluatie_vastleggen,
    termijn_aanmaken,
    termijn_beeindigen,
    termijn_benoemen,
    termijn_herbenoemen,
    termijn_voordragen,
)
from .gedeeld import (
    BeheerAdmin,
    BenoemForm,
    DatumForm,
    EindeForm,
    HerbenoemForm,
    actie_met_formulier,
)


@admin.register(Zittingstermijn)
class ZittingstermijnAdmin(BeheerAdmin):
    list_display = (
        "lid",
        "soort",
        "status",
        "begindatum",
        "einddatum",
        "beeindigd_op",
        "einde_reden",
    )
    list_select_related = ("lid__user",)
    list_filter = ("status", "soort", "einde_reden")
    search_fields = ("lid__user__voornaam", "lid__user__achternaam", "besluit_kenmerk")
    date_hierarchy = "begindatum"
    autocomplete_fields = ("lid",)
    actions = ("voordragen", "benoemen", "herbenoemen", "beeindigen")

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ("lid", "soort")
        return [f.name for f in self.model._meta.fields if f.name != "id"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.get_fields(request, obj) if obj is not None else ()

    def save_model(
        self, request: HttpRequest, obj: Zittingstermijn, form: Any, change: bool
    ) -> None:
        if change:
            return  # a term changes only through the actions
        nieuw = termijn_aanmaken(
            lid=form.cleaned_data["lid"], soort=form.cleaned_data["soort"], door=request.user
        )
        obj.pk = nieuw.pk

    @admin.action(description=_("Voordragen aan het college"), permissions=["change"])
    def voordragen(self, request: HttpRequest, queryset: QuerySet[Zittingstermijn]) -> Any:
        return actie_met_formulier(
            self,
            request,
            queryset,
            form_class=DatumForm,
            titel=_("Voordragen"),
            uitvoeren=lambda t, d, door: termijn_voordragen(
                termijn=t, voorgedragen_op=d["datum"], door=door
            ),
        )

    @admin.action(description=_("Benoemen (collegebesluit)"), permissions=["change"])
    def benoemen(self, request: HttpRequest, queryset: QuerySet[Zittingstermijn]) -> Any:
        return actie_met_formulier(
            self,
            request,
            queryset,
            form_class=BenoemForm,
            titel=_("Benoemen"),
            uitvoeren=lambda t, d, door: termijn_benoemen(
                termijn=t,
                besluitdatum=d["besluitdatum"],
                besluit_kenmerk=d["besluit_kenmerk"],
                begindatum=d["begindatum"],
                door=door,
            ),
        )

    @admin.action(description=_("Herbenoemen (na evaluatie)"), permissions=["change"])
    def herbenoemen(self, request: HttpRequest, queryset: QuerySet[Zittingstermijn]) -> Any:
        def uitvoeren(vorige: Zittingstermijn, d: dict[str, Any], door: Any) -> Any:
            evaluatie = vorige.evaluaties.order_by("-datum", "-pk").first()
            if evaluatie is None:
                raise ValidationError(
                    _("Leg eerst de evaluatie van het functioneren vast (herbenoemingsevaluatie).")
                )
            return termijn_herbenoemen(
                vorige=vorige,
                evaluatie=evaluatie,
                voorgedragen_op=d["voorgedragen_op"],
                besluitdatum=d["besluitdatum"],
                besluit_kenmerk=d["besluit_kenmerk"],
                door=door,
            )

        return actie_met_formulier(
            self,
            request,
            queryset,
            form_class=HerbenoemForm,
            titel=_("Herbenoemen"),
            uitvoeren=uitvoeren,
        )

    @admin.action(description=_("Termijn beëindigen"), permissions=["change"])
    def beeindigen(self, request: HttpRequest, queryset: QuerySet[Zittingstermijn]) -> Any:
        return actie_met_formulier(
            self,
            request,
            queryset,
            form_class=EindeForm,
            titel=_("Termijn beëindigen"),
            uitvoeren=lambda t, d, door: termijn_beeindigen(
                termijn=t,
                reden=d["reden"],
                laatste_dag=d["laatste_dag"],
                toelichting=d["toelichting"],
                besluitdatum=d["besluitdatum"],
                besluit_kenmerk=d["besluit_kenmerk"],
                door=door,
            ),
        )


@admin.register(Herbenoemingsevaluatie)
class HerbenoemingsevaluatieAdmin(BeheerAdmin):
    list_display = ("termijn", "datum", "conclusie")
    list_select_related = ("termijn__lid__user",)
    list_filter = ("conclusie",)
    autocomplete_fields = ("termijn",)
    fields = ("termijn", "datum", "conclusie", "verslag")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.fields if obj is not None else ()

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "termijn":
            kwargs["queryset"] = Zittingstermijn.objects.exclude(
                status__in=[TermijnStatus.KANDIDAAT, TermijnStatus.VOORGEDRAGEN]
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(
        self, request: HttpRequest, obj: Herbenoemingsevaluatie, form: Any, change: bool
    ) -> None:
        if change:
            return
        d = form.cleaned_data
        nieuw = evaluatie_vastleggen(
            termijn=d["termijn"],
            datum=d["datum"],
            conclusie=d["conclusie"],
            verslag=d["verslag"],
            door=request.user,
        )
        obj.pk = nieuw.pk
