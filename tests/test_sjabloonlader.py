"""Production renders templates from memory: the cached template loader is on with DEBUG off.

``settings.py`` sets no ``loaders``, so Django wraps the filesystem and app loaders in
``django.template.loaders.cached.Loader`` itself. A ``loaders`` option added later would switch
that off silently, and every page would read and parse its templates again on each request.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.test_deploy import ROOT, production_env


def test_cached_template_loader_with_production_settings(tmp_path) -> None:
    script = (
        "import json, django\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        "from django.template import engines\n"
        "e = engines['django'].engine\n"
        "print(json.dumps({'debug': settings.DEBUG, 'loaders': e.loaders,"
        " 'soorten': [type(x).__module__ for x in e.template_loaders]}))\n"
    )
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    waarden = json.loads(result.stdout.strip().splitlines()[-1])
    assert waarden["debug"] is False
    assert waarden["soorten"] == ["django.template.loaders.cached"]
    assert waarden["loaders"][0][0] == "django.template.loaders.cached.Loader"
