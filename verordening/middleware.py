"""One read of the verordening rules per date per request (``rules.regels_per_verzoek``)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from verordening.rules import regels_per_verzoek


class RegelsPerVerzoekMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with regels_per_verzoek():
            return self.get_response(request)
