"""The dashboard tests build a sitting council with the advice tests' fixture."""

from tests.adviesraad.advies.conftest import raad  # noqa: F401
