"""Root conftest: plugins shared by every test package.

The browser fixtures live in one plugin module so that exactly one Playwright instance (and one
Chromium) runs per test session, whichever packages use it.
"""

pytest_plugins = ["tests.e2e.fixtures"]
