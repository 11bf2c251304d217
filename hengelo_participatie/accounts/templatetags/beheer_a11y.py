"""Names for admin fields that Django renders without a label (``templates/admin/edit_inline/``).

A tabular inline puts each field in a table cell: the column header is not a ``<label>``, so
without a script the field has no accessible name. ``met_naam`` renders the field with an
``aria-label`` made of its label and its row. Choice widgets with their own option labels (radio
buttons, checkbox lists) keep those.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import CheckboxSelectMultiple, RadioSelect
from django.utils.safestring import SafeString
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def rijnaam(inline_admin_form: Any, nummer: int) -> str:
    """What a row of an inline is called: its object, or "nieuwe rij <n>"."""
    origineel = getattr(inline_admin_form, "original", None)
    if origineel is not None and str(origineel).strip():
        return str(origineel)
    return gettext("nieuwe rij %(n)s") % {"n": nummer}


@register.simple_tag
def met_naam(bound_field: Any, *delen: Any) -> SafeString:
    widget = bound_field.field.widget
    binnen = getattr(widget, "widget", widget)  # RelatedFieldWidgetWrapper
    if isinstance(binnen, (RadioSelect, CheckboxSelectMultiple)) or widget.is_hidden:
        return SafeString(str(bound_field))
    naam = ", ".join(str(deel).strip() for deel in delen if deel and str(deel).strip())
    return SafeString(bound_field.as_widget(attrs={"aria-label": naam}))
