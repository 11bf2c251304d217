"""Path converters shared by every URLconf.

``<id:pk>`` replaces ``<int:pk>``: Django's ``int`` converter accepts any number of digits, and a
number beyond the database's bigint range makes a lookup fail with an ``OverflowError`` (SQLite)
or a ``DataError`` (PostgreSQL), a 500. This converter refuses such a value, so the URL does not
match and the visitor gets the ordinary 404 page. No object ever has such an id.
"""

from __future__ import annotations

from django.urls import register_converter

from .queryparams import MAX_BIGINT


class IdConverter:
    """A database id: 1 to 19 ASCII digits, at most ``MAX_BIGINT``."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        getal = int(value)
        if getal > MAX_BIGINT:
            raise ValueError("buiten het bereik van een database-id")
        return getal

    def to_url(self, value: object) -> str:
        return str(value)


def registreren() -> None:
    """Called from ``PortalConfig.ready``: before any URLconf is imported."""
    register_converter(IdConverter, "id")
