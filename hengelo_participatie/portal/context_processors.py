from typing import Any

from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict[str, Any]:
    return {
        "SESSION_IDLE_TIMEOUT": settings.SESSION_IDLE_TIMEOUT,
        "SESSION_WARNING_BEFORE": settings.SESSION_WARNING_BEFORE,
    }
