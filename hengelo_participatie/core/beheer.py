"""Shared behaviour of the admin classes: a refusal is an answer on the same page, never a 500
and never Django's bare "403 Forbidden".

* ``ServicefoutOpFormulierMixin``: the admin saves through services (``save_model``,
  ``save_related``, ``delete_model``). When a service refuses (``PermissionDenied``) or a rule
  is broken (``ValidationError``), the whole save is rolled back (the admin's change form runs
  in one transaction) and the same form is shown again, with what the user typed and the
  service's message as a form error, on the field it names where it names one.
* ``BeheerHistoryAdmin``: django-simple-history's pages take the object id and the history id
  straight from the URL into a query; a value that is not an id ("password", a number beyond
  bigint) raised a ``ValueError`` or ``OverflowError`` (a 500). Here such a value is a 404, like
  an id that does not exist. History is read only: simple-history's "revert" saves an old
  version past every service and check (an old ``is_superuser``, an ended term that gives a
  council role back at night) and asks only for the view permission. Its POST is refused even
  when the button is hidden.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.urls import reverse
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from .formulieren import fouten_naar_form
from .queryparams import MAX_BIGINT

#: Where the refusal of the first attempt is kept for the second pass over the same request.
_FOUT = "_servicefout_beheer"


def als_validatiefout(exc: Exception) -> ValidationError:
    """A service's refusal as a ``ValidationError`` a form can show; a ``PermissionDenied``
    without text gets a general sentence."""
    if isinstance(exc, ValidationError):
        return exc
    bericht = str(exc).strip()
    return ValidationError(bericht or _("U mag dit niet doen. Er is niets opgeslagen."))


class ServicefoutOpFormulierMixin:
    """Put before the admin base class: ``class X(ServicefoutOpFormulierMixin, ModelAdmin)``."""

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: Any = None,
    ) -> HttpResponse:
        """A POST whose save is refused runs once more with the refusal on the form.

        The second pass validates the same POST, so the form is invalid and the admin shows
        its own error page: the user's input stays, nothing was saved (the first pass rolled
        back). A refusal on the second pass is a real permission check (the user may not open
        this object at all) and stays a 403.
        """
        try:
            return super().changeform_view(  # type: ignore[misc]
                request, object_id, form_url, extra_context
            )
        except (PermissionDenied, ValidationError) as exc:
            if request.method != "POST" or hasattr(request, _FOUT):
                raise
            setattr(request, _FOUT, als_validatiefout(exc))
        return super().changeform_view(  # type: ignore[misc]
            request, object_id, form_url, extra_context
        )

    def get_form(self, request: HttpRequest, obj: Any = None, *args: Any, **kwargs: Any):  # type: ignore[no-untyped-def]
        # The arguments go on as they came: ModelAdmin takes ``change`` as the third positional
        # argument (and some of our admins pass it so), django.contrib.auth's UserAdmin only as
        # a keyword.
        form = super().get_form(request, obj, *args, **kwargs)  # type: ignore[misc]
        # A new class per request: read-only related fields link only to what this user may open
        # (accounts/beheer_nl.py, AdminReadonlyField.get_admin_url).
        form.beheer_request = request
        fout = getattr(request, _FOUT, None)
        if fout is None:
            return form

        def clean(self: Any) -> Any:
            cleaned = form.clean(self)
            fouten_naar_form(self, fout)
            return cleaned

        return type(form.__name__, (form,), {"clean": clean})

    def get_inline_formsets(self, request: HttpRequest, formsets: Any, *args: Any, **kwargs: Any):  # type: ignore[no-untyped-def]
        for formset in formsets:
            formset.form.beheer_request = request  # a class made for this request
        return super().get_inline_formsets(request, formsets, *args, **kwargs)  # type: ignore[misc]

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        """A refused delete: the service's message on the object's change page."""
        try:
            return super().delete_view(request, object_id, extra_context)  # type: ignore[misc]
        except (PermissionDenied, ValidationError) as exc:
            if request.method != "POST":
                raise
            obj = self.get_object(request, unquote(object_id))  # type: ignore[attr-defined]
            # No right to delete at all stays a 403: only a refusal by the service is a message.
            if obj is None or not self.has_delete_permission(request, obj):  # type: ignore[attr-defined]
                raise
            for bericht in als_validatiefout(exc).messages:
                self.message_user(request, bericht, messages.ERROR)  # type: ignore[attr-defined]
            opts = self.opts  # type: ignore[attr-defined]
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            )


_HISTORY_ID = re.compile(r"[0-9]{1,19}")


class BeheerHistoryAdmin(ServicefoutOpFormulierMixin, SimpleHistoryAdmin):
    """``SimpleHistoryAdmin`` with ids checked before they reach a query, and history that can
    be read but never restored (see the module). Every admin with history uses this class."""

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        return True

    def _object_id_of_404(self, object_id: str) -> None:
        try:
            waarde = self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError as exc:
            raise Http404 from exc
        if isinstance(waarde, int) and not -MAX_BIGINT <= waarde <= MAX_BIGINT:
            raise Http404

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        self._object_id_of_404(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        self._object_id_of_404(object_id)
        if not _HISTORY_ID.fullmatch(version_id) or int(version_id) > MAX_BIGINT:
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)


class AlleenLezenAdmin:
    """For an admin whose records only services write (logs, receipts, computed rows): it shows
    them and never adds, changes or deletes. Mix in before ``admin.ModelAdmin``."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
