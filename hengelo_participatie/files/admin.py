"""Admin for private files. Thin: the upload goes through ``bestand_opslaan``, deletion through
``bestand_verwijderen``, and every object is reached through ``bestand_policy``.

* The list shows only files the user holds an object grant for (also for a role with the
  model-wide ``view`` permission: see policy.py).
* Files are immutable: there is no change form, and a download goes through the download view.
* ``BestandDownload`` is the read log: read-only, and without file names (a log reader without a
  grant on the file must not learn its name).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.core.beheer import ServicefoutOpFormulierMixin

from .models import Bestand, BestandDownload
from .policy import bestand_policy
from .services import bestand_opslaan, bestand_verwijderen
from .validators import TOEGESTAAN, validate_upload

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

    BestandFormBase = forms.ModelForm[Bestand]
    BestandAdminBase = admin.ModelAdmin[Bestand]
    DownloadAdminBase = admin.ModelAdmin[BestandDownload]
else:
    BestandFormBase = forms.ModelForm
    BestandAdminBase = DownloadAdminBase = admin.ModelAdmin

SOORT_LABELS = {soort.mime: soort.omschrijving.removeprefix("een ") for soort in TOEGESTAAN}
DETAIL_FIELDS = (
    "oorspronkelijke_naam",
    "soort",
    "grootte_leesbaar",
    "sha256",
    "vertrouwelijk",
    "geupload_door",
    "geupload_op",
    "download_link",
)


class BestandUploadForm(BestandFormBase):
    upload = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "Een PDF, Word-, Excel- of OpenDocument-bestand, of een foto (PNG of JPG). "
            "Alleen u kunt het bestand daarna openen."
        ),
    )

    class Meta:
        model = Bestand
        fields = ("vertrouwelijk",)

    def clean_upload(self) -> UploadedFile[Any]:
        upload: UploadedFile[Any] = self.cleaned_data["upload"]
        validate_upload(upload)  # the same validator the service runs
        return upload


@admin.register(Bestand)
class BestandAdmin(ServicefoutOpFormulierMixin, BestandAdminBase):
    form = BestandUploadForm
    list_display = (
        "oorspronkelijke_naam",
        "soort",
        "grootte_leesbaar",
        "vertrouwelijk",
        "geupload_door",
        "geupload_op",
        "download_link",
    )
    list_filter = ("vertrouwelijk",)
    list_select_related = ("geupload_door",)
    search_fields = ("oorspronkelijke_naam",)
    date_hierarchy = "geupload_op"

    # --- display -------------------------------------------------------------------------
    @admin.display(description=_("soort"))
    def soort(self, obj: Bestand) -> str:
        return SOORT_LABELS.get(obj.content_type, obj.content_type)

    @admin.display(description=_("grootte"), ordering="grootte")
    def grootte_leesbaar(self, obj: Bestand) -> str:
        return str(filesizeformat(obj.grootte))

    @admin.display(description=_("downloaden"))
    def download_link(self, obj: Bestand) -> SafeString:
        url = reverse("files:download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Downloaden"))

    # --- form ----------------------------------------------------------------------------
    def get_fields(self, request: HttpRequest, obj: Bestand | None = None) -> Any:
        return ("upload", "vertrouwelijk") if obj is None else DETAIL_FIELDS

    def get_readonly_fields(self, request: HttpRequest, obj: Bestand | None = None) -> Any:
        return () if obj is None else DETAIL_FIELDS

    # --- access: the policy, never the bare model permissions for objects ----------------
    def get_queryset(self, request: HttpRequest) -> QuerySet[Bestand]:
        qs = super().get_queryset(request)
        return bestand_policy.instances_user_has_perm_for(request.user, "view", qs)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:  # the (filtered) list: for whoever may upload or view files at all
            return bestand_policy.user_has_perm(request.user, "add") or (
                bestand_policy.user_has_perm(request.user, "view")
            )
        return bestand_policy.user_has_perm_for_object(request.user, "view", obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # immutable: upload a new file instead

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # No bulk delete; one file at a time, with an object grant (or as superuser).
        if obj is None:
            return False
        return bestand_policy.user_has_perm_for_object(request.user, "delete", obj)

    # --- writes through the services -----------------------------------------------------
    def save_model(self, request: HttpRequest, obj: Bestand, form: Any, change: bool) -> None:
        if change:
            return
        saved = bestand_opslaan(
            upload=form.cleaned_data["upload"],
            door=_gebruiker(request),
            vertrouwelijk=form.cleaned_data["vertrouwelijk"],
        )
        obj.pk = saved.pk
        obj.refresh_from_db()
        obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: Bestand) -> None:
        bestand_verwijderen(bestand=obj, door=_gebruiker(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Bestand]) -> None:
        for bestand in queryset:
            bestand_verwijderen(bestand=bestand, door=_gebruiker(request))


@admin.register(BestandDownload)
class BestandDownloadAdmin(DownloadAdminBase):
    list_display = ("bestand_nummer", "user", "op", "ip")
    list_select_related = ("user",)
    date_hierarchy = "op"
    fields = ("bestand_nummer", "user", "op", "ip")
    readonly_fields = fields

    @admin.display(description=_("bestand (nummer)"), ordering="bestand_id")
    def bestand_nummer(self, obj: BestandDownload) -> int:
        return obj.bestand_id

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _gebruiker(request: HttpRequest) -> User:
    """The admin's user: the admin site lets only a signed-in staff user in."""
    return cast("User", request.user)
