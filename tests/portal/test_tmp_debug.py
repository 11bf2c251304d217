from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.portal.test_query_budgets import PAGINAS, _clients, _stap


def test_debug(raad, pdf_bytes, private_media, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    _stap(raad, pdf_bytes, 0)
    clients = _clients(raad)
    for p in PAGINAS:
        if p.label not in ("admin leden", "vergadering (detail)", "adviesaanvraag (detail)"):
            continue
        c = clients[p.rol]
        pad = p.pad()
        c.get(pad)
        with CaptureQueriesContext(connection) as ctx:
            c.get(pad)
        print("=====", p.label)
        for q in ctx.captured_queries:
            print("  ", q["sql"][:400])
