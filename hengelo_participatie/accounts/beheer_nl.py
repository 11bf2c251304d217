"""Dutch names in the admin where Django or a third-party app has none (issue 15 §6).

- Django's boolean icon takes its ``alt`` from the value: a screen reader reads "True" and
  "False" in the Dutch admin. ``_boolean_icon`` is replaced by one with "Ja", "Nee" and
  "Onbekend" (translated), for list columns and read-only fields alike (both call it).
- django-axes has no Dutch catalogue: "Access attempts". Its app and model names get Dutch
  (translatable) names here. Only ``_meta.verbose_name``/``verbose_name_plural`` change, not
  ``original_attrs``, so ``makemigrations`` sees no change to the third-party app. Its field
  labels ("IP Address", "User Agent", ...) get Dutch names the same way: the label the admin
  shows (``verbose_name``) changes, while ``deconstruct`` (what migrations compare) still
  reports axes' own, so no migration of axes follows.

- A read-only foreign key is a link to the related object's change page, whether or not the
  user may open it (the supporter met 403s from an activity's instrument and themes). With the
  request on the form class (``core/beheer.py``), the link is shown only to who may view it.

Called once from ``AccountsConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.admin import helpers
from django.contrib.admin.templatetags import admin_list
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

BOOLEAN_ALT = {True: _("Ja"), False: _("Nee"), None: _("Onbekend")}

AXES_NAMEN: dict[str, tuple[Any, Any]] = {
    "accessattempt": (_("inlogpoging"), _("inlogpogingen")),
    "accesslog": (_("inlogregistratie"), _("inlogregistraties")),
    "accessfailurelog": (_("mislukte inlogpoging"), _("mislukte inlogpogingen")),
}


#: The labels of django-axes' fields, per field name (the same names on every axes model).
AXES_VELDEN: dict[str, Any] = {
    "user_agent": _("browser"),
    "ip_address": _("IP-adres"),
    "username": _("gebruikersnaam"),
    "http_accept": _("geaccepteerde inhoud"),
    "path_info": _("pagina"),
    "attempt_time": _("tijdstip van de poging"),
    "locked_out": _("geblokkeerd"),
    "get_data": _("gegevens in de adresregel (GET)"),
    "post_data": _("verstuurde formuliergegevens (POST)"),
    "failures_since_start": _("mislukte pogingen"),
    "access_attempt": _("inlogpoging"),
    "expires_at": _("verloopt op"),
    "logout_time": _("tijdstip van uitloggen"),
    "session_hash": _("sessiecode (versleuteld)"),
}


def _nederlandse_label(veld: Any, label: Any) -> None:
    """Show ``label`` for ``veld`` while migrations keep seeing axes' own name."""
    eigen_deconstruct = veld.deconstruct
    origineel = veld.verbose_name

    def deconstruct() -> Any:
        naam, pad, args, kwargs = eigen_deconstruct()
        if "verbose_name" in kwargs:
            kwargs["verbose_name"] = origineel
        return naam, pad, args, kwargs

    veld.deconstruct = deconstruct
    veld.verbose_name = label


def _boolean_icon(field_val: bool | None) -> SafeString:
    icoon = {True: "yes", False: "no", None: "unknown"}[field_val]
    icon_url = static(f"admin/img/icon-{icoon}.svg")
    return format_html('<img src="{}" alt="{}">', icon_url, BOOLEAN_ALT[field_val])


_django_admin_url = helpers.AdminReadonlyField.get_admin_url


def _admin_url(self: Any, remote_field: Any, remote_obj: Any) -> Any:
    request = getattr(self.form, "beheer_request", None)
    if request is not None:
        model_admin = self.model_admin.admin_site._registry.get(remote_field.model)
        if model_admin is None or not model_admin.has_view_or_change_permission(
            request, remote_obj
        ):
            return str(remote_obj)
    return _django_admin_url(self, remote_field, remote_obj)


def toepassen() -> None:
    helpers.AdminReadonlyField.get_admin_url = _admin_url
    # Django's own call sites import it from admin_list when they run (utils, helpers).
    admin_list._boolean_icon = _boolean_icon
    if apps.is_installed("axes"):
        config = apps.get_app_config("axes")
        config.verbose_name = _("Inlogpogingen")
        for model_naam, (enkel, meervoud) in AXES_NAMEN.items():
            try:
                model = config.get_model(model_naam)
            except LookupError:
                continue
            model._meta.verbose_name = enkel
            model._meta.verbose_name_plural = meervoud
        for model in config.get_models():
            for veld in model._meta.get_fields():
                label = AXES_VELDEN.get(veld.name)
                if label is not None and getattr(veld, "concrete", False):
                    _nederlandse_label(veld, label)
