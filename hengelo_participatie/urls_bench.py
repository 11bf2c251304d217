"""URL conf of ``settings_bench`` only: the real URLs plus a constant view behind the same
middleware, the baseline every page of ``make bench`` is compared with."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from .urls import urlpatterns as _urlpatterns


def ok(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [path("__bench/ok", ok, name="bench_ok"), *_urlpatterns]
