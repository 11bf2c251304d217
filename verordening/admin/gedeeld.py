"""The base of the verordening's admin classes: every write through a model's services."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from hengelo_participatie.core.beheer import BeheerHistoryAdmin

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


def modelvelden(form: Any, namen: Iterable[str]) -> dict[str, Any]:
    """The cleaned values of ``namen`` that are editable fields of the form's model (not the
    form's own fields such as a next step, not the primary key)."""
    velden = {
        veld.name
        for veld in form._meta.model._meta.concrete_fields
        if veld.editable and not veld.primary_key
    }
    return {naam: form.cleaned_data[naam] for naam in namen if naam in velden}


class ViaServicesAdmin(BeheerHistoryAdmin):
    """Add, change and delete (one, or the changelist's bulk delete) through a model's services;
    never ``obj.save()`` or ``obj.delete()``. A change passes only the fields the user changed."""

    def aanmaken(self, door: User, velden: dict[str, Any]) -> Model:
        raise NotImplementedError

    def bijwerken(self, obj: Any, door: User, velden: dict[str, Any]) -> None:
        raise NotImplementedError

    def verwijderen(self, obj: Any, door: User) -> None:
        raise NotImplementedError

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            self.bijwerken(obj, request.user, modelvelden(form, form.changed_data))
            return
        nieuw = self.aanmaken(request.user, modelvelden(form, form.cleaned_data))
        obj.pk = nieuw.pk
        obj.refresh_from_db()
        obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.verwijderen(obj, request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with transaction.atomic():  # all or nothing, as Django's own bulk delete
            for obj in queryset:
                self.verwijderen(obj, request.user)
