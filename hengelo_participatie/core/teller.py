"""A small rate limit on public forms, counted in Django's cache (no third-party CAPTCHA).

``binnen_limiet("aanmelding", request, maximum=5, venster=3600)`` counts the requests of one
client (its IP address, hashed: no address lands in the cache) in a window of ``venster`` seconds
that starts at its first request, and answers whether this one is still allowed. With Redis configured the count is shared
by every web worker; with the local-memory cache (``make run``) it is per process, which is
enough for the embedded setup. When the cache is down the request is allowed: a public form
must not break because the cache is (the honeypot still stands), and the failure is logged.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def _client(request: HttpRequest) -> str:
    adres = request.META.get("REMOTE_ADDR", "") or "onbekend"
    return hashlib.sha256(f"{settings.SECRET_KEY}:{adres}".encode()).hexdigest()[:32]


def binnen_limiet(naam: str, request: HttpRequest, *, maximum: int, venster: int) -> bool:
    """Count this request of the client; False once it made more than ``maximum`` in the window."""
    sleutel = f"teller:{naam}:{_client(request)}"
    try:
        if cache.add(sleutel, 1, timeout=venster):
            return True
        return int(cache.incr(sleutel)) <= maximum
    except ValueError:  # expired between add and incr: a new window
        cache.set(sleutel, 1, timeout=venster)
        return True
    except Exception:  # noqa: BLE001 - the cache is down: let the request through, and say so
        logger.exception("teller=%s result=cache_onbereikbaar", naam)
        return True
