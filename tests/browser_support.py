"""Browser tests: Playwright driving the system Chromium against Django's live server.

A pytest plugin (registered in tests/conftest.py) so that any test folder can use the
fixtures `browser`, `page_for` and `shot`; importing them into a test module would start
a second Playwright in the same thread, which Playwright refuses.

Skipped when no Chromium is installed, unless JUNTOS_REQUIRE_BROWSER=1 (as in CI),
where a missing browser fails the run instead.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("JUNTOS_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(os.environ.get("JUNTOS_SCREENSHOTS", "screenshots"))
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def pytest_configure(config):
    # Playwright's sync API runs an event loop in the test's thread; Django's ORM calls made
    # by the test itself (fixtures, assertions) are still synchronous and safe there.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if {"browser", "page_for"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        if os.environ.get("JUNTOS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM}; browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page_for(browser, live_server):
    contexts = []

    def make(viewport=DESKTOP, locale="en-US"):
        context = browser.new_context(viewport=viewport, locale=locale, base_url=live_server.url)
        # Generous: a busy two-core machine can take seconds to serve a page; a wait that
        # never ends still fails.
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def shot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


def sign_in(page, email, password):
    page.goto("/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("button.primary")
    page.wait_for_load_state()
