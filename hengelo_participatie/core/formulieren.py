"""The glue between a portal form and a service, shared by every portal view.

A service refuses with ``PermissionDenied`` (the view answers 404, like a missing object, so a
refusal does not reveal that the object exists) or with ``ValidationError`` (a broken rule: it
goes back to the form, on the field it names, so the user sees what to fix and nothing is lost).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.renderers import DjangoTemplates
from django.http import Http404, HttpRequest
from django.utils.functional import cached_property


def fouten_naar_form(form: Any, exc: ValidationError) -> None:
    """Put a service's ``ValidationError`` on ``form``: per field where it names one."""
    if hasattr(exc, "error_dict"):
        for veld, fouten in exc.error_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, exc)


def uitvoeren(request: HttpRequest, form: Any, actie: Callable[[], Any], gelukt: str) -> bool:
    """Run ``actie`` (a service call); on success show ``gelukt`` and return True.

    A refusal becomes a 404, a broken rule a form error (and False).
    """
    try:
        actie()
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        fouten_naar_form(form, exc)
        return False
    messages.success(request, gelukt)
    return True


# --- How a portal form looks (issue 15 §5) -----------------------------------------------------
#: NL Design System classes per widget type, added to every widget a portal form renders.
_WIDGET_KLASSEN = {
    "radio": "utrecht-radio-button utrecht-radio-button--html-input",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "select": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
}
_TEKSTVAKKEN = {"text", "email", "tel", "password", "number", "date", "time", "url", "search"}


def _widget_klasse(widget: dict[str, Any], template_name: str) -> str | None:
    soort = widget.get("type")
    if soort in _WIDGET_KLASSEN:
        return _WIDGET_KLASSEN[soort]
    if soort in _TEKSTVAKKEN:
        return "utrecht-textbox utrecht-textbox--html-input"
    if template_name.endswith("/select.html"):
        return _WIDGET_KLASSEN["select"]
    if template_name.endswith("/textarea.html"):
        return _WIDGET_KLASSEN["textarea"]
    return None


class PortaalRenderer(DjangoTemplates):
    """The form renderer of every portal form (``PortaalFormulier``): NL Design System markup.

    * ``{{ form }}`` and ``{{ form.veld.as_field_group }}`` use ``templates/portal/formulier/``:
      a label next to its control, a description and the error linked with
      ``aria-describedby``, radio buttons and check boxes as separate labelled rows with large
      touch targets, groups in a fieldset with a legend;
    * every widget gets its Utrecht class (``utrecht-radio-button``, ``utrecht-textbox``, ...),
      so a hand-written template that renders ``{{ form.veld }}`` gets the same look.

    Only portal forms use it (not ``FORM_RENDERER``): the admin keeps Django's own widgets.
    """

    form_template_name = "portal/formulier/formulier.html"
    field_template_name = "portal/formulier/veld.html"

    @cached_property
    def engine(self) -> Any:
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [
                    Path(settings.BASE_DIR) / "templates",
                    Path(django_forms.__file__).parent / "templates",
                ],
                "NAME": "portaalformulieren",
                "OPTIONS": {},
            }
        )

    def render(
        self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None
    ) -> str:
        widget = context.get("widget")
        if isinstance(widget, dict) and isinstance(widget.get("attrs"), dict):
            if "optgroups" in widget and widget.get("type") in ("radio", "checkbox"):
                # The group is a plain container; each option is the control.
                widget["attrs"] = {**widget["attrs"], "class": "hengelo-keuzes"}
                for _groep, opties, _index in widget["optgroups"]:
                    for optie in opties:
                        _klasse_toevoegen(optie, template_name)
            else:
                _klasse_toevoegen(widget, template_name)
        return str(super().render(template_name, context, request))


def _klasse_toevoegen(widget: dict[str, Any], template_name: str) -> None:
    klasse = _widget_klasse(widget, template_name)
    if not klasse:
        return
    bestaand = [k for k in str(widget["attrs"].get("class", "")).split() if k not in klasse]
    widget["attrs"] = {**widget["attrs"], "class": " ".join([*bestaand, *klasse.split()])}


PORTAAL_RENDERER = PortaalRenderer()


class PortaalFormulier:
    """Mixin for every portal form: ``class XForm(PortaalFormulier, forms.Form)``."""

    default_renderer = PORTAAL_RENDERER
