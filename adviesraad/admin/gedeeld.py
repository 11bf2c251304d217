"""What the membership admins share: the base class and the intermediate pages of actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from guardian.admin import ReinforcedGuardedModelAdminMixin

from hengelo_participatie.core.admin_keuzes import ZichtbareKeuzesMixin
from hengelo_participatie.core.beheer import BeheerHistoryAdmin

from ..models import (
    EindeReden,
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


def actie_met_formulier(
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
