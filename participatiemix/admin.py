"""Admin of the participatiemix, for the account holder. Thin: writes go through services.

* Activities: saving calls ``activiteit_opslaan`` (Spelregel rows, feedback due date, moderator
  grants); status changes are admin actions calling ``activiteit_status_wijzigen``, so the rules
  for closing hold here exactly as elsewhere; Spelregel answers are saved through
  ``spelregel_beantwoorden``.
* Feedback: created by the service with its due date; here only recorded
  (``terugkoppeling_vastleggen``).
* Survey results: a CSV import page (``importeren/``) next to the usual list.
* Reference data: switched off (``actief``) rather than deleted.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from adviesraad.advies.policies import aanvraag_policy
from adviesraad.models.advies import Adviesaanvraag
from hengelo_participatie.accounts.toewijzing import KEUZE_FOUT
from hengelo_participatie.core.beheer import BeheerHistoryAdmin

from .forms import ActiviteitAdminForm, EnqueteImportForm
from .importeren import ImportFout, enqueteresultaten_importeren
from .models import (
    Activiteit,
    ActiviteitStatus,
    Benutting,
    Doelgroep,
    Domein,
    Enqueteresultaat,
    GeplandeInzet,
    Instrument,
    Jaarplan,
    Opbrengst,
    Organisatie,
    Spelregel,
    Spelregeltoets,
    Terugkoppeling,
    Thema,
)
from .services import activiteiten, inbreng, terugkoppelingen, toewijzing


class GeenVerwijderenMixin:
    """Reference data is switched off, not deleted (it is referred to by history)."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Instrument)
class InstrumentAdmin(GeenVerwijderenMixin, BeheerHistoryAdmin):
    list_display = (
        "nummer",
        "naam",
        "gespreksleider_verplicht",
        "spelregels_van_toepassing",
        "actief",
    )
    list_filter = ("actief",)
    search_fields = ("naam", "omschrijving")


@admin.register(Thema, Organisatie)
class LijstAdmin(GeenVerwijderenMixin, admin.ModelAdmin):
    list_display = ("naam", "actief")
    list_filter = ("actief",)
    search_fields = ("naam",)


@admin.register(Domein)
class DomeinAdmin(GeenVerwijderenMixin, admin.ModelAdmin):
    list_display = ("naam", "code", "soort", "actief")
    list_filter = ("soort", "actief")
    search_fields = ("naam", "code")


@admin.register(Doelgroep)
class DoelgroepAdmin(GeenVerwijderenMixin, admin.ModelAdmin):
    list_display = ("naam", "code", "actief")
    list_filter = ("actief",)
    search_fields = ("naam",)


@admin.register(Spelregel)
class SpelregelAdmin(admin.ModelAdmin):
    """The 10 rules of Bijlage 1: fixed text, read only."""

    list_display = ("nummer", "titel")
    readonly_fields = ("nummer", "titel", "tekst")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# --- Activiteit -------------------------------------------------------------------------------
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


# --- Opbrengst --------------------------------------------------------------------------------
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


# --- Terugkoppeling ---------------------------------------------------------------------------
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


# --- Enquêteresultaten ------------------------------------------------------------------------
@admin.register(Enqueteresultaat)
class EnqueteresultaatAdmin(BeheerHistoryAdmin):
    list_display = (
        "indicator_code",
        "indicator_tekst",
        "onderzoek",
        "domein",
        "jaar",
        "percentage_positief",
        "n",
    )
    list_filter = ("onderzoek", "domein", "jaar")
    search_fields = ("indicator_code", "indicator_tekst", "bron")
    list_select_related = ("domein",)
    change_list_template = "participatiemix/admin/enqueteresultaat_change_list.html"

    def get_urls(self) -> list[URLPattern]:
        eigen = [
            path(
                "importeren/",
                self.admin_site.admin_view(self.importeren_view),
                name="participatiemix_enqueteresultaat_importeren",
            )
        ]
        return eigen + super().get_urls()

    def mag_importeren(self, request: HttpRequest) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra_context = {**(extra_context or {}), "mag_importeren": self.mag_importeren(request)}
        return super().changelist_view(request, extra_context)

    def importeren_view(self, request: HttpRequest) -> HttpResponse:
        if not self.mag_importeren(request):
            raise PermissionDenied
        fouten: list[str] = []
        if request.method == "POST":
            form = EnqueteImportForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    resultaat = enqueteresultaten_importeren(
                        inhoud=form.cleaned_data["bestand"].read(), door=request.user
                    )
                except ImportFout as exc:
                    fouten = exc.fouten
                else:
                    self.message_user(
                        request,
                        _("Ingelezen: %(nieuw)s nieuw, %(bij)s bijgewerkt.")
                        % {"nieuw": resultaat.aangemaakt, "bij": resultaat.bijgewerkt},
                        level=messages.SUCCESS,
                    )
                    return HttpResponseRedirect(
                        reverse("admin:participatiemix_enqueteresultaat_changelist")
                    )
        else:
            form = EnqueteImportForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Enquêteresultaten importeren uit CSV"),
            "form": form,
            "fouten": fouten,
        }
        return TemplateResponse(
            request, "participatiemix/admin/enqueteresultaat_importeren.html", context
        )


# --- Jaarplan ---------------------------------------------------------------------------------
class GeplandeInzetInline(admin.TabularInline):
    model = GeplandeInzet
    extra = 0
    fields = ("instrument", "kwartaal", "aantal")


@admin.register(Jaarplan)
class JaarplanAdmin(BeheerHistoryAdmin):
    """A plain register without business rules: saved directly (history records the change)."""

    list_display = ("jaar", "vastgesteld_op")
    inlines = (GeplandeInzetInline,)
