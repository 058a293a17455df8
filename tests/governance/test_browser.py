"""A host runs a meeting in the browser: published agenda, check-in, a vote blocked for want
of quorum, quorum reached, an admission vote, and published minutes. Screenshots of the
meeting page on desktop and on a phone."""

import os
import shutil
import threading
from pathlib import Path

import pytest
from django.db import connections

from juntos.governance import services
from juntos.members.models import Application, Member
from tests.browser.conftest import CHROMIUM, DESKTOP, PHONE, SCREENSHOTS, sign_in
from tests.conftest import PASSWORD, make_personas

from .helpers import application, meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page_for(live_server):
    """Pages in a Chromium of this test's own. Playwright runs in a worker thread (see
    run_in_thread) so it does not meet the event loop of the browser tests' session
    fixture, which tests/browser keeps open for the whole run."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        if os.environ.get("JUNTOS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM}; browser tests skipped")
    state = {}

    def make(playwright, viewport=DESKTOP):
        if "browser" not in state:
            state["browser"] = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
        context = state["browser"].new_context(
            viewport=viewport, locale="en-US", base_url=live_server.url
        )
        context.set_default_timeout(10_000)
        return context.new_page()

    return make


def run_in_thread(body):
    from playwright.sync_api import sync_playwright

    failure = []

    def run():
        try:
            with sync_playwright() as playwright:
                body(playwright)
        except BaseException as error:  # noqa: BLE001 - re-raised in the test's thread
            failure.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=300)
    if failure:
        raise failure[0]
    assert not thread.is_alive(), "the browser journey did not finish"


def shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def mark_present(page, name):
    page.locator("tr", has_text=name).locator("button", has_text="Present").click()
    page.wait_for_load_state()


def record_yes(page):
    page.locator("summary", has_text="Record a ballot").click()
    page.locator("form:has(#ballot-member) button[value=yes]").click()
    page.wait_for_load_state()


def test_host_runs_a_meeting_from_agenda_to_minutes(page_for):
    run_in_thread(lambda playwright: journey(playwright, page_for))


def journey(playwright, page_for):
    personas = make_personas()
    slug = personas.coalition.slug
    m = meeting(personas, days=0, hour=23, minute=30, accessibility_notes="Step-free entrance")
    services.agenda_template_apply(meeting=m, actor=personas.host, template="regular")
    services.agenda_publish(meeting=m, actor=personas.host)
    applicant = application(personas)
    base = f"/c/{slug}/meetings/{m.pk}/"

    page = page_for(playwright)
    sign_in(page, personas.host.email, PASSWORD)
    page.goto(base)
    assert "0 of 3 present, 2 needed (2/3)" in page.content()

    page.goto(base + "check-in/")
    mark_present(page, "Casa Test")
    assert "1 of 3 present, 2 needed (2/3)" in page.content()

    page.goto(base)
    page.locator("summary", has_text="Open a motion").click()
    page.select_option("#id_kind", "admit_member")
    page.fill("#id_text", "Admit Nueva Org as a member")
    page.select_option("#id_subject_application", str(applicant.pk))
    page.locator("form[action$='/motions/'] button.primary").click()
    page.wait_for_load_state()
    motion_url = page.url

    record_yes(page)
    content = page.content()
    assert "No ballot can be recorded without quorum" in content
    assert "2/3" in content
    shot(page, "governance-vote-blocked-desktop")

    page.goto(base + "check-in/")
    mark_present(page, "Labor Test")
    assert "Quorum reached" in page.content()

    page.goto(motion_url)
    record_yes(page)  # Casa Test, the first present member in the list
    page.goto(motion_url)
    page.locator("summary", has_text="Record a ballot").click()
    page.select_option("#ballot-member", label="Labor Test")
    page.locator("form:has(#ballot-member) button[value=yes]").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Close the vote and count").click()
    page.wait_for_load_state()
    content = page.content()
    assert "Nueva Org is now a member." in content
    assert "2 yes, 0 no, 0 abstaining: passes" in content
    shot(page, "governance-admission-result-desktop")
    assert Member.objects.filter(name="Nueva Org").exists()
    assert Application.objects.get(pk=applicant.pk).status == Application.Status.ADMITTED

    page.goto(base + "minutes/edit/")
    page.fill("#id_parking_lot", "Bus passes for the lobby day")
    page.fill("#id_takeaways", "Welcome Nueva Org; call legislators next week")
    page.locator("button.primary", has_text="Save").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Publish to members").click()
    page.wait_for_load_state()
    content = page.content()
    assert "Minutes published and the members notified." in content
    assert "Admit Nueva Org as a member" in content and "Bus passes" in content
    shot(page, "governance-minutes-desktop")

    page.goto(base)
    shot(page, "governance-meeting-desktop")

    phone = page_for(playwright, viewport=PHONE)
    sign_in(phone, personas.rep.email, PASSWORD)
    phone.goto(base)
    assert "2 of 3 present" in phone.content()
    shot(phone, "governance-meeting-phone")
    phone.goto(base + "check-in/")
    shot(phone, "governance-check-in-phone")
