"""Admin for the account holder (and, for declarations, the supporter). Thin: every save and every
action calls the same service as the portal, so the admin cannot bypass a rule.

* Object permissions pages (guardian) are for system administrators only
  (``ReinforcedGuardedModelAdminMixin``): a staff role cannot grant itself a declaration.
* Nothing is deleted here: terms end, functions end, data goes with the retention purge.
* Declarations: only roles with a role-wide view permission see them (supporter); every opening of
  one is logged like a read in the portal. Their free text (change form, history list and history
  form) only for ``policies.mag_verklaring_lezen``: a superuser sees the answers, not the text.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.admin import ReinforcedGuardedModelAdminMixin
from simple_history.template_utils import HistoricalRecordContextHelper

from hengelo_participatie.core.admin_keuzes import ZichtbareKeuzesMixin
from hengelo_participatie.core.beheer import BeheerHistoryAdmin

from . import selectors
from .models import (
    EindeReden,
    Functie,
    Herbenoemingsevaluatie,
    Kandidaat,
    KandidaatFase,
    Kernwet,
    Lid,
    Nevenfunctieverklaring,
    Portefeuille,
    Portefeuillehouder,
    TermijnStatus,
    Vacature,
    VerklaringInzage,
    Zittingstermijn,
)
from .policies import (
    SAMENSTELLING,
    VERKLARING_TEKSTVELDEN,
    lid_policy,
    mag_verklaring_lezen,
    verklaring_policy,
)
from .services.functies import functie_beeindigen, functie_toewijzen
from .services.leden import LID_VELDEN, lid_aanmaken, lid_bijwerken
from .services.portefeuilles import (
    portefeuille_aanmaken,
    portefeuille_bijwerken,
    portefeuillehouder_beeindigen,
    portefeuillehouder_toewijzen,
)
from .services.termijnen import (
    evaluatie_vastleggen,
    termijn_aanmaken,
    termijn_beeindigen,
    termijn_benoemen,
    termijn_herbenoemen,
    termijn_voordragen,
)
from .services.verklaringen import verklaring_indienen
from .services.werving import (
    kandidaat_aanmelden,
    kandidaat_fase_wijzigen,
    vacature_aanmaken,
    vacature_publiceren,
    vacature_sluiten,
)


class BeheerAdmin(ZichtbareKeuzesMixin, ReinforcedGuardedModelAdminMixin, BeheerHistoryAdmin):
    """Guardian object permissions + history; no deletes (retention purge only); autocomplete
    fields offer and name only what the user may see.

    History is read-only (``BeheerHistoryAdmin``): restoring an old version of a term or function
    (simple-history's revert, which asks only for the view permission) would bypass the services
    and give council roles back at the nightly ``rollen_bijwerken``.
    """

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    # A rule the service enforces (and the form cannot know) is shown on the same form, with
    # what was typed: ``BeheerHistoryAdmin.changeform_view``.

    def _service(self, request: HttpRequest, functie: Any, **kwargs: Any) -> Any:
        """Call a service; turn its refusal into a message instead of a 500."""
        try:
            return functie(door=request.user, **kwargs)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        except PermissionDenied:
            self.message_user(request, _("U mag dit niet doen."), messages.ERROR)
        return None


# --- intermediate pages for actions ----------------------------------------------------------------
class DatumForm(forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))


class BenoemForm(forms.Form):
    besluitdatum = forms.DateField(
        label=_("Datum collegebesluit"), widget=forms.DateInput(attrs={"type": "date"})
    )
    besluit_kenmerk = forms.CharField(label=_("Kenmerk collegebesluit"), max_length=100)
    begindatum = forms.DateField(
        label=_("Begindatum (leeg: de besluitdatum)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class HerbenoemForm(forms.Form):
    voorgedragen_op = forms.DateField(
        label=_("Voorgedragen op"), widget=forms.DateInput(attrs={"type": "date"})
    )
    besluitdatum = forms.DateField(
        label=_("Datum collegebesluit"), widget=forms.DateInput(attrs={"type": "date"})
    )
    besluit_kenmerk = forms.CharField(label=_("Kenmerk collegebesluit"), max_length=100)


class EindeForm(forms.Form):
    reden = forms.ChoiceField(label=_("Reden"), choices=EindeReden.choices)
    laatste_dag = forms.DateField(
        label=_("Laatste dag"), widget=forms.DateInput(attrs={"type": "date"})
    )
    toelichting = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea)
    besluitdatum = forms.DateField(
        label=_("Datum besluit (bij ontheffing)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    besluit_kenmerk = forms.CharField(label=_("Kenmerk besluit (bij ontheffing)"), required=False)


def _actie_met_formulier(
    modeladmin: BeheerAdmin,
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    form_class: type[forms.Form],
    titel: str,
    uitvoeren: Any,
) -> HttpResponse | None:
    """Show a form for the selected rows; on confirmation call ``uitvoeren(obj, data)`` per row."""
    form = form_class(request.POST if "bevestig" in request.POST else None)
    if "bevestig" in request.POST and form.is_valid():
        gelukt = 0
        for obj in queryset:
            if modeladmin._service(
                request, lambda door, o=obj: uitvoeren(o, form.cleaned_data, door)
            ):
                gelukt += 1
        if gelukt:
            modeladmin.message_user(
                request, _("%(n)s keer gelukt.") % {"n": gelukt}, messages.SUCCESS
            )
        return None
    return TemplateResponse(
        request,
        "admin/adviesraad/actie.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": titel,
            "form": form,
            "objecten": queryset,
            "actie": request.POST.get("action"),
            "opts": modeladmin.model._meta,
            "selectie": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        },
    )


# --- reference data --------------------------------------------------------------------------------
@admin.register(Kernwet)
class KernwetAdmin(admin.ModelAdmin):
    list_display = ("naam", "code", "volgorde")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# --- members -------------------------------------------------------------------------------------
@admin.register(Lid)
class LidAdmin(BeheerAdmin):
    list_display = ("naam", "postcode", "beschikbaarheid_uren_per_maand", "inwerken_compleet")
    list_select_related = ("user",)
    search_fields = ("user__email", "user__voornaam", "user__achternaam", "postcode")
    list_filter = ("themas", "foto_toestemming")
    autocomplete_fields = ("user",)
    filter_horizontal = ("themas",)
    exclude = ("foto",)
    change_list_template = "admin/adviesraad/lid/change_list.html"

    @admin.display(description=_("naam"), ordering="user__achternaam")
    def naam(self, obj: Lid) -> str:
        return obj.naam

    @admin.display(description=_("ingewerkt"), boolean=True)
    def inwerken_compleet(self, obj: Lid) -> bool:
        return obj.inwerken_compleet

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("user",) if obj is not None else ()

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        extra_context = dict(extra_context or {})
        if lid_policy.user_has_perm(request.user, SAMENSTELLING):
            extra_context["samenstelling"] = selectors.samenstelling(user=request.user)
        return super().changelist_view(request, extra_context)

    def save_model(self, request: HttpRequest, obj: Lid, form: Any, change: bool) -> None:
        gegevens = {
            veld: form.cleaned_data[veld]
            for veld in LID_VELDEN | {"themas"}
            if veld in form.cleaned_data
        }
        if change:
            lid_bijwerken(lid=obj, door=request.user, **gegevens)
        else:
            postcode = gegevens.pop("postcode")
            nieuw = lid_aanmaken(
                user=form.cleaned_data["user"], postcode=postcode, door=request.user, **gegevens
            )
            obj.pk = nieuw.pk

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        pass  # the service sets the themes

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        form = super().get_form(request, obj, change=change, **kwargs)
        # Model-level validation runs in the service (full_clean); avoid a double unique check.
        return form


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
        return _actie_met_formulier(
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
        return _actie_met_formulier(
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

        return _actie_met_formulier(
            self,
            request,
            queryset,
            form_class=HerbenoemForm,
            titel=_("Herbenoemen"),
            uitvoeren=uitvoeren,
        )

    @admin.action(description=_("Termijn beëindigen"), permissions=["change"])
    def beeindigen(self, request: HttpRequest, queryset: QuerySet[Zittingstermijn]) -> Any:
        return _actie_met_formulier(
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


@admin.register(Functie)
class FunctieAdmin(BeheerAdmin):
    list_display = ("lid", "soort", "van", "tot", "uurtarief")
    list_select_related = ("lid__user",)
    list_filter = ("soort",)
    autocomplete_fields = ("lid",)
    fields = ("lid", "soort", "van", "tot", "uurtarief", "besluit_kenmerk", "toelichting")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ()
        return tuple(f for f in self.fields if f != "tot")

    def save_model(self, request: HttpRequest, obj: Functie, form: Any, change: bool) -> None:
        d = form.cleaned_data
        if change:
            if "tot" in form.changed_data and d["tot"]:
                functie_beeindigen(functie=obj, tot=d["tot"], door=request.user)
            return
        nieuw = functie_toewijzen(
            lid=d["lid"],
            soort=d["soort"],
            van=d["van"],
            tot=d["tot"],
            uurtarief=d["uurtarief"],
            besluit_kenmerk=d["besluit_kenmerk"],
            toelichting=d["toelichting"],
            door=request.user,
        )
        obj.pk = nieuw.pk


# --- portfolios ----------------------------------------------------------------------------------
@admin.register(Portefeuille)
class PortefeuilleAdmin(BeheerAdmin):
    list_display = ("naam", "van", "tot")
    search_fields = ("naam",)
    filter_horizontal = ("kernwetten",)
    fields = ("naam", "omschrijving", "kernwetten", "van", "tot")

    def save_model(self, request: HttpRequest, obj: Portefeuille, form: Any, change: bool) -> None:
        d = form.cleaned_data
        if change:
            portefeuille_bijwerken(portefeuille=obj, door=request.user, **d)
        else:
            nieuw = portefeuille_aanmaken(door=request.user, **d)
            obj.pk = nieuw.pk

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        pass


@admin.register(Portefeuillehouder)
class PortefeuillehouderAdmin(BeheerAdmin):
    list_display = ("portefeuille", "lid", "van", "tot")
    list_select_related = ("portefeuille", "lid__user")
    list_filter = ("portefeuille",)
    autocomplete_fields = ("lid", "portefeuille")
    fields = ("portefeuille", "lid", "van", "tot")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("portefeuille", "lid", "van") if obj is not None else ()

    def save_model(
        self, request: HttpRequest, obj: Portefeuillehouder, form: Any, change: bool
    ) -> None:
        d = form.cleaned_data
        if change:
            if d.get("tot"):
                portefeuillehouder_beeindigen(houder=obj, tot=d["tot"], door=request.user)
            return
        nieuw = portefeuillehouder_toewijzen(
            portefeuille=d["portefeuille"],
            lid=d["lid"],
            van=d["van"],
            tot=d["tot"],
            door=request.user,
        )
        obj.pk = nieuw.pk


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
        ``mag_verklaring_lezen`` (a superuser sees the answers yes/no and the assessment)."""
        return obj is None or mag_verklaring_lezen(request.user, van=obj.lid.user_id)

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
class VerklaringInzageAdmin(admin.ModelAdmin):
    list_display = ("verklaring", "gelezen_door", "gelezen_op", "via")
    list_select_related = ("verklaring__lid__user", "gelezen_door")
    list_filter = ("via",)
    date_hierarchy = "gelezen_op"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


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
                lambda door, v=vacature: vacature_publiceren(
                    vacature=v, op=timezone.localdate(), door=door
                ),
            )

    @admin.action(description=_("Sluiten (start bewaartermijn kandidaten)"), permissions=["change"])
    def sluiten(self, request: HttpRequest, queryset: QuerySet[Vacature]) -> None:
        for vacature in queryset:
            self._service(
                request,
                lambda door, v=vacature: vacature_sluiten(
                    vacature=v, op=timezone.localdate(), door=door
                ),
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
        return _actie_met_formulier(
            self,
            request,
            queryset,
            form_class=FaseForm,
            titel=_("Fase wijzigen"),
            uitvoeren=lambda k, d, door: kandidaat_fase_wijzigen(
                kandidaat=k, fase=d["fase"], notitie=d["notitie"], door=door
            ),
        )
