"""The glue between a portal form and a service, shared by every portal view.

A service refuses with ``PermissionDenied`` (the view answers 404, like a missing object, so a
refusal does not reveal that the object exists) or with ``ValidationError`` (a broken rule: it
goes back to the form, on the field it names, so the user sees what to fix and nothing is lost).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest


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
