"""What the meeting pages share: the form page, the confirmation page of a removal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from ..models import Vergadering


def naar_detail(vergadering: Vergadering) -> HttpResponse:
    return redirect("vergaderingen:detail", pk=vergadering.pk)


def formulier(
    request: HttpRequest,
    vergadering: Vergadering | None,
    form: Any,
    titel: str,
    knop: str,
    **extra: Any,
) -> HttpResponse:
    terug = (
        reverse("vergaderingen:detail", args=[vergadering.pk])
        if vergadering
        else reverse("vergaderingen:overzicht")
    )
    return TemplateResponse(
        request,
        extra.pop("template", "vergaderingen/formulier.html"),
        {
            "form": form,
            "titel": titel,
            "knop": knop,
            "vergadering": vergadering,
            "terug": terug,
            **extra,
        },
    )


def verwijderen_bevestigen(
    request: HttpRequest,
    *,
    actie: Any,
    gelukt: str,
    terug: str,
    template: str,
    context: dict[str, Any],
    reden: str,
) -> HttpResponse:
    """Confirmation page (GET) and the removal (POST). A refusal by a rule is shown on the page
    (status 200, nothing removed); a refusal of the person is a 404."""
    fouten: list[str] = [reden] if reden else []
    if request.method == "POST" and not fouten:
        try:
            actie()
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            fouten = exc.messages
        else:
            messages.success(request, gelukt)
            return redirect(terug)
    return TemplateResponse(request, template, {**context, "fouten": fouten, "terug": terug})
