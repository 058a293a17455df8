"""A whole meeting in the browser, on a host's laptop, two phones and the room's projector at
once: check-in, a motion refused for want of quorum, quorum reached live, an admission
opened, ballots from two phones, the live tally, the result with its rule, attendance
closed after its confirmation, published minutes and the packet PDF (as images)."""

import os
import shutil
import subprocess
import threading
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.db import connections

from juntos.governance import services
from juntos.members.models import Application, Member
from tests.browser.conftest import CHROMIUM, DESKTOP, PHONE, SCREENSHOTS, sign_in
from tests.conftest import PASSWORD, make_personas

from .helpers import application, meeting, open_vote

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
        # Generous: a busy two-core machine can take seconds to serve a page; a wait that
        # never ends still fails.
        context.set_default_timeout(20_000)
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


def test_host_runs_a_meeting_from_agenda_to_minutes(page_for, time_machine):
    # The meeting's evening in the coalition's zone; the clock runs on from there.
    time_machine.move_to(datetime(2027, 3, 10, 18, 5, tzinfo=ZoneInfo("America/Chicago")))
    run_in_thread(lambda playwright: journey(playwright, page_for))


def vote_on_phone(phone, motion_url, choice):
    phone.goto(motion_url)
    phone.locator(f"form.actions button[value={choice}]").click()
    # The buttons post with htmx: the delegate's own part says what was recorded, in place.
    phone.locator("[id^=my-ballot-] [role=status]").wait_for()
    assert phone.url == motion_url


def journey(playwright, page_for):
    personas = make_personas()
    slug = personas.coalition.slug
    m = meeting(personas, hour=18, minute=0, accessibility_notes="Step-free entrance")
    services.agenda_template_apply(meeting=m, actor=personas.host, template="regular")
    services.agenda_publish(meeting=m, actor=personas.host)
    applicant = application(personas)
    base = f"/c/{slug}/meetings/{m.pk}/"

    page = page_for(playwright)
    sign_in(page, personas.host.email, PASSWORD)
    page.goto(base)
    assert "0 of 3 present, 2 needed (2/3)" in page.content()

    # The room's screen, and two representatives on their phones, all at once.
    screen = page_for(playwright)
    sign_in(screen, personas.host.email, PASSWORD)  # (Cora of the Core Team reads Spanish)
    screen.goto(base + "projector/")
    assert "0 of 3 present, 2 needed" in screen.content()
    phone = page_for(playwright, viewport=PHONE)
    sign_in(phone, personas.rep.email, PASSWORD)
    phone.goto(base + "check-in/")
    phone.get_by_role("button", name="I'm here for Casa Test").click()
    phone.wait_for_load_state()
    assert "Casa Test is checked in." in phone.content()
    shot(phone, "governance-check-in-phone")
    screen.locator("#projector-live").get_by_text("1 of 3 present, 2 needed").wait_for()

    # Without quorum no motion can be opened: the rule says why.
    page.goto(base)
    page.locator("summary", has_text="Open a motion").click()
    page.select_option("#id_kind", "admit_member")
    page.fill("#id_text", "Admit Nueva Org as a member")
    page.select_option("#id_subject_application", str(applicant.pk))
    page.locator("form[action$='/motions/'] button.primary").click()
    page.wait_for_load_state()
    content = page.content()
    assert "No motion can be opened without quorum" in content and "2/3" in content
    shot(page, "governance-vote-blocked-desktop")

    page.goto(base + "check-in/")
    mark_present(page, "Labor Test")
    assert "Quorum reached" in page.content()
    screen.locator("#projector-live").get_by_text(
        "2 of 3 present, 2 needed"
    ).wait_for()  # quorum reached, live

    page.goto(base)
    page.locator("summary", has_text="Open a motion").click()
    page.select_option("#id_kind", "admit_member")
    page.fill("#id_text", "Admit Nueva Org as a member")
    page.select_option("#id_subject_application", str(applicant.pk))
    page.locator("form[action$='/motions/'] button.primary").click()
    page.wait_for_load_state()
    motion_url = page.url
    screen.get_by_text("Admit Nueva Org as a member").wait_for()

    vote_on_phone(phone, motion_url, "yes")
    shot(phone, "governance-ballot-recorded-phone")
    phone2 = page_for(playwright, viewport=PHONE)
    sign_in(phone2, personas.other_rep.email, PASSWORD)
    vote_on_phone(phone2, motion_url, "yes")
    screen.locator("#projector-live").get_by_text(
        "2 yes, 0 no, 0 abstaining; 0 not voted yet"
    ).wait_for()
    phone.locator(".motion-live").get_by_text(
        "2 yes, 0 no, 0 abstaining; 0 not voted yet"
    ).wait_for()  # live card
    shot(screen, "governance-projector-voting")

    page.goto(motion_url)
    page.get_by_role("button", name="Close the vote and count").click()
    page.wait_for_load_state()
    content = page.content()
    assert "Nueva Org is now a member." in content
    assert "2 yes, 0 no, 0 abstaining: passes" in content
    shot(page, "governance-admission-result-desktop")
    # The result and its rule reach the phone and the screen without a reload.
    phone.locator(".motion-live").get_by_text("2 yes, 0 no, 0 abstaining: passes").wait_for()
    phone.locator("form.actions button[value=yes]").wait_for(state="detached")  # no stale buttons
    screen.get_by_text("Rule applied").wait_for()
    assert "Passed" in screen.content()
    shot(screen, "governance-projector-result")
    shot(phone, "governance-result-phone")
    assert Member.objects.filter(name="Nueva Org").exists()
    assert Application.objects.get(pk=applicant.pk).status == Application.Status.ADMITTED

    # Closing attendance says what it will count first.
    page.goto(base + "attendance/close/")
    content = page.content()
    assert "Closing will record" in content and "Absent without notice (1)" in content
    page.locator("form button.primary", has_text="Close attendance").click()
    page.wait_for_load_state()
    assert "Attendance closed" in page.content()

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

    # The packet for the record, looked at as images.
    packet = page.request.get(base + "packet.pdf")
    assert packet.ok and packet.headers["content-type"] == "application/pdf"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf = SCREENSHOTS / "governance-packet.pdf"
    pdf.write_bytes(packet.body())
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(SCREENSHOTS / "governance-packet")],
            check=True,
        )
        assert list(SCREENSHOTS.glob("governance-packet*.png"))

    page.goto(base)
    shot(page, "governance-meeting-desktop")
    phone.goto(base)
    assert "2 of 3 present" in phone.content()
    shot(phone, "governance-meeting-phone")


def test_a_delegates_ballot_is_counted_on_the_card_in_spanish(page_for, time_machine, settings):
    """After tapping Sí the live card asks once more (ballot-recorded): the count shows the
    vote long before the card's own poll would (every 30 s here)."""
    time_machine.move_to(datetime(2027, 3, 10, 18, 5, tzinfo=ZoneInfo("America/Chicago")))
    settings.JUNTOS_LIVE_POLL_FACTOR = 10  # the card polls every 30 s
    personas = make_personas()
    m, motion = open_vote(personas, "Apoyar la carta a la alcaldía")
    personas.rep.preferred_language = "es"
    personas.rep.save()
    slug = personas.coalition.slug
    motion_url = f"/c/{slug}/meetings/{m.pk}/motions/{motion.pk}/"

    def body(playwright):
        phone = page_for(playwright, viewport=PHONE)
        sign_in(phone, personas.rep.email, PASSWORD)
        phone.goto(motion_url)
        card = phone.locator(".motion-live")
        card.get_by_text("0 a favor, 0 en contra, 0 abstenciones").wait_for()
        phone.locator("form.actions button[value=yes]").click()
        phone.locator("[id^=my-ballot-] [role=status]").wait_for()
        assert "Su organización votó: Sí" in phone.content()
        card.get_by_text("1 a favor, 0 en contra, 0 abstenciones").wait_for(timeout=8_000)
        # The list of ballots under the card came with it (out of band).
        ballots = phone.locator("[id^=motion-ballots-]")
        ballots.get_by_text("Casa Test: Sí").wait_for()
        assert "2 miembros aún no han votado" in ballots.inner_text()
        shot(phone, "governance-ballot-counted-phone-es")

    run_in_thread(body)
