"""Admin widgets that name a related object only when the user may see that object.

Django's admin shows the name of a related object in three places that do not ask our policy:

* the label next to a raw-id field (``ForeignKeyRawIdWidget.label_and_url_for_value`` reads the
  object with the model's default manager, whatever id is in the GET or POST);
* the selected option of an autocomplete field (rendered from the form field's queryset, which
  by default is every object);
* a bound form shown again after an error (the same two widgets, now with the posted id).

So ``?bestand=<id>`` on an add form listed the name of every confidential file, one id at a
time. :class:`ZichtbareKeuzesMixin` limits every raw-id and autocomplete field to what the
related model's admin shows this user (``get_queryset``, which asks the policy, and
``has_view_permission``): the same set ``/admin/autocomplete/`` offers. An id outside it gets no
label and is a form error ("kies een geldige optie"). The system check
``accounts.E002`` makes sure every ModelAdmin and inline with such fields uses the mixin (for
models a role reaches; the rest of the admin is for superusers, who see everything anyway).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, ForeignKeyRawIdWidget
from django.core.checks import Error, register
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext

from hengelo_participatie.accounts.roles import ROLES


class VeiligRawIdWidget(ForeignKeyRawIdWidget):
    """A raw-id widget that shows the label of an object only if it is in ``zichtbaar``."""

    def __init__(
        self, rel: Any, admin_site: Any, *, zichtbaar: QuerySet[Any], **kwargs: Any
    ) -> None:
        self.zichtbaar = zichtbaar
        super().__init__(rel, admin_site, **kwargs)

    def label_and_url_for_value(self, value: Any) -> tuple[str, str]:
        key = self.rel.get_related_field().name
        try:
            mag_zien = self.zichtbaar.using(self.db).filter(**{key: value}).exists()
        except (ValueError, TypeError, ValidationError):
            return "", ""
        if not mag_zien:
            return "", ""
        label, url = super().label_and_url_for_value(value)
        return str(label), str(url)


class BenoemdeAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete with a placeholder that names the field (issue 15 §6).

    Select2 names its combobox after the chosen value; with nothing chosen and Django's empty
    placeholder the combobox had no name at all. The widget's script (``js/autocomplete-naam.js``)
    names it after the field's label; the placeholder says what to do."""

    @property
    def media(self) -> forms.Media:
        # After Django's own autocomplete.js: names Select2's combobox after the field's label.
        # One list, so that merging with other widgets' media keeps it after autocomplete.js.
        django = super().media
        return forms.Media(css=django._css, js=[*django._js, "js/autocomplete-naam.js"])

    def build_attrs(self, base_attrs: Any, extra_attrs: Any = None) -> dict[str, Any]:
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs["data-placeholder"] = gettext("Kies uit de lijst")
        return attrs


def zichtbaar_in_admin(
    admin_site: admin.AdminSite, model: type[Model], request: HttpRequest
) -> QuerySet[Any]:
    """What ``request.user`` may see of ``model`` in the admin: its admin's (policy-filtered)
    queryset, or nothing when the model has no admin or the user may not view it there."""
    gerelateerd = admin_site._registry.get(model)
    if gerelateerd is None or not gerelateerd.has_view_permission(request):
        return model._default_manager.none()
    return gerelateerd.get_queryset(request)


class ZichtbareKeuzesMixin:
    """For a ``ModelAdmin`` or inline: raw-id and autocomplete fields offer, name and accept
    only objects the user may view (see the module docstring)."""

    admin_site: admin.AdminSite
    raw_id_fields: Any

    def _beveiligd(self, db_field: Any, request: HttpRequest) -> bool:
        autocomplete = self.get_autocomplete_fields(request)  # type: ignore[attr-defined]
        return db_field.name in self.raw_id_fields or db_field.name in autocomplete

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if self._beveiligd(db_field, request):
            zichtbaar = zichtbaar_in_admin(self.admin_site, db_field.remote_field.model, request)
            kwargs["queryset"] = zichtbaar
            autocomplete = self.get_autocomplete_fields(request)  # type: ignore[attr-defined]
            if db_field.name in autocomplete and "widget" not in kwargs:
                kwargs["widget"] = BenoemdeAutocompleteSelect(
                    db_field, self.admin_site, using=kwargs.get("using")
                )
            if db_field.name in self.raw_id_fields and "widget" not in kwargs:
                kwargs["widget"] = VeiligRawIdWidget(
                    db_field.remote_field,
                    self.admin_site,
                    zichtbaar=zichtbaar,
                    using=kwargs.get("using"),
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # ManyToManyRawIdWidget shows no labels; the queryset makes a forbidden id a form error.
        if self._beveiligd(db_field, request):
            kwargs["queryset"] = zichtbaar_in_admin(
                self.admin_site, db_field.remote_field.model, request
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


def _door_een_rol_bereikbaar(model: type[Model]) -> bool:
    """Does any role hold a permission on ``model``? Admins of third-party models that no role
    reaches (e.g. django-otp's devices) are for superusers only, who may see everything."""
    meta = model._meta
    namen = {f"{meta.app_label}.{actie}_{meta.model_name}" for actie in ("view", "add", "change")}
    return any(namen & definitie.permissies for definitie in ROLES.values())


def _zonder_mixin(site: admin.AdminSite) -> list[str]:
    namen = []
    for model, model_admin in site._registry.items():
        if not _door_een_rol_bereikbaar(model):
            continue
        for klasse in [type(model_admin), *model_admin.inlines]:
            velden = [
                *getattr(klasse, "raw_id_fields", ()),
                *getattr(klasse, "autocomplete_fields", ()),
            ]
            if velden and not issubclass(klasse, ZichtbareKeuzesMixin):
                namen.append(f"{klasse.__module__}.{klasse.__qualname__}")
    return sorted(namen)


@register("admin")
def check_keuzes_beveiligd(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Every admin with raw-id or autocomplete fields names only objects the user may see."""
    return [
        Error(
            f"{naam} heeft raw_id_fields of autocomplete_fields zonder ZichtbareKeuzesMixin: "
            "het toont dan namen van objecten die de gebruiker niet mag zien.",
            hint="Voeg hengelo_participatie.core.admin_keuzes.ZichtbareKeuzesMixin toe.",
            id="accounts.E002",
        )
        for naam in _zonder_mixin(admin.site)
    ]
