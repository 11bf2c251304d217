"""Survey results: a CSV import page (``importeren/``) next to the usual list."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.core.beheer import BeheerHistoryAdmin

from ..forms import EnqueteImportForm
from ..importeren import ImportFout, enqueteresultaten_importeren
from ..models import (
    Enqueteresultaat,
)


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
