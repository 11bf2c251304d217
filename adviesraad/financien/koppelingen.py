"""Registrations into lower layers' registries (filled from ``FinancienConfig.ready``)."""

from __future__ import annotations


def registreren() -> None:
    return None
