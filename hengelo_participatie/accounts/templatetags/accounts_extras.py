from __future__ import annotations

from datetime import timedelta

from django import template
from django.utils.translation import ngettext

from hengelo_participatie.accounts.roles import kan

register = template.Library()


@register.filter
def duur(value: timedelta | None) -> str:
    """A waiting time in plain Dutch: "30 minuten", "1 uur en 15 minuten"."""
    if not isinstance(value, timedelta):
        return ""
    minutes = max(1, -(-int(value.total_seconds()) // 60))  # round up: never promise too short
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(n)d uur", "%(n)d uur", hours) % {"n": hours})
    if minutes:
        parts.append(ngettext("%(n)d minuut", "%(n)d minuten", minutes) % {"n": minutes})
    return " en ".join(parts)


@register.filter(name="kan")
def kan_filter(user: object, capability: str) -> bool:
    """``{% if user|kan:"jaarverslag.inzien" %}``: does one of the user's roles hold the
    capability (``accounts.roles.kan``)? For links: show one only to who may open its page."""
    return kan(user, capability)
