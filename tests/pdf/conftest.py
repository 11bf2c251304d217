"""Fixtures for the PDF tests."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

TEST_TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture
def payload_templates(settings: Any) -> None:
    """Adds tests/pdf/templates (``pdf_tests/payload.html``) to the template dirs."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEST_TEMPLATES]
    settings.TEMPLATES = templates
