"""The browser fixtures live in tests/browser_support.py (a plugin for every folder);
the helpers are re-exported here for the tests that import them by this name."""

from tests.browser_support import CHROMIUM, DESKTOP, PHONE, SCREENSHOTS, sign_in

__all__ = ["CHROMIUM", "DESKTOP", "PHONE", "SCREENSHOTS", "sign_in"]
