"""The live quorum and tally announce politely (issue 18, item 7): the polled panels are
swapped whole by htmx, but the status lines screen readers listen to are stable nodes
outside them, polite, silent on arrival, and given one sentence each time it changes."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from juntos.governance import services
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD, make_personas
from tests.governance.helpers import check_in, core_member, meeting

pytestmark = pytest.mark.django_db(transaction=True)

MARK = "el => { el.dataset.testMark = 'kept'; el.testMark = 'kept'; }"
READ_MARK = "el => el.testMark || null"


def test_quorum_and_tally_lines_survive_polls_and_say_only_what_changed(
    page_for, time_machine, settings
):
    # Poll at the page's own pace however busy the machine running the tests is.
    settings.JUNTOS_LIVE_BUSY_LOAD = 1000.0
    time_machine.move_to(datetime(2027, 3, 10, 18, 5, tzinfo=ZoneInfo("America/Chicago")))
    personas = make_personas()
    m = meeting(personas, hour=18, minute=0)
    check_in(personas, m, personas.member, personas.other_member)  # 2 of 3: quorum
    motion = services.motion_open(
        meeting=m, actor=personas.host, kind="general", text="Hold a press conference"
    )
    page = page_for()
    sign_in(page, personas.host.email, PASSWORD)
    page.goto(
        reverse(
            "governance:motion",
            kwargs={"slug": personas.coalition.slug, "pk": m.pk, "motion_pk": motion.pk},
        )
    )
    quorum = page.locator("#quorum-said")
    tally = page.locator(f"#motion-said-{motion.pk}")
    for line in (quorum, tally):
        expect(line).to_have_attribute("aria-live", "polite")
        expect(line).to_have_attribute("role", "status")
        expect(line).to_have_text("")  # silent on arrival: nothing has changed yet
        line.evaluate(MARK)
    # The polled panels themselves are not live regions (they are replaced each poll).
    assert page.locator("#quorum-body").get_attribute("aria-live") is None
    assert page.locator(f"#motion-live-{motion.pk}").get_attribute("aria-live") is None
    page.locator(f"#motion-live-{motion.pk}").evaluate(MARK)
    page.locator("#quorum-body").evaluate(MARK)

    # A ballot cast on someone's phone: the next poll swaps the card; the line says the count.
    services.ballot_cast(
        motion=motion, member=personas.other_member, choice="yes", actor=personas.host
    )
    expect(tally).to_have_text(re.compile(r"^1 yes, 0 no, 0 abstaining"), timeout=20_000)
    assert tally.evaluate(READ_MARK) == "kept"  # the same node as before the swap
    assert page.locator(f"#motion-live-{motion.pk}").evaluate(READ_MARK) is None  # swapped
    expect(quorum).to_have_text("")  # the quorum did not change: nothing said

    # A third member checks in: the quorum card's poll brings the new count, said once.
    check_in(personas, m, core_member(personas))
    expect(quorum).to_have_text(re.compile(r"Quorum reached\. 3 of 3 present"), timeout=30_000)
    assert quorum.evaluate(READ_MARK) == "kept"
    assert page.locator("#quorum-body").evaluate(READ_MARK) is None  # the body was swapped
    expect(quorum).to_have_attribute("aria-live", "polite")
    expect(tally).to_have_attribute("aria-live", "polite")
