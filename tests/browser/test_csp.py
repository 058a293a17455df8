"""htmx keeps working under the Content-Security-Policy, with no violation reported."""

from datetime import timedelta

import pytest
from django.utils import timezone

from juntos.events import services
from juntos.events.models import ChecklistStep
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD, make_personas

pytestmark = pytest.mark.django_db(transaction=True)


def test_htmx_step_update_works_under_the_csp_without_violations(page_for):
    personas = make_personas()
    start = timezone.now() + timedelta(days=20)
    event = services.event_plan(
        coalition=personas.coalition,
        actor=personas.host,
        hosts=[personas.member],
        data={
            "kind": "community_forum",
            "title": "Forum",
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
        },
    )
    page = page_for()
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    sign_in(page, personas.host.email, PASSWORD)
    response = page.goto(f"/c/{personas.coalition.slug}/events/{event.pk}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert page.evaluate("typeof window.htmx") == "object"
    page.evaluate("window.__sameDocument = true")
    step = page.locator("#step-1")
    step.locator("summary").click()  # each step's form is folded behind one line
    step.locator("input[name=done]").check()
    with page.expect_response(lambda r: "/steps/" in r.url or r.request.method == "POST"):
        step.locator("button").click()
    page.wait_for_selector("#step-1.done")
    assert page.evaluate("window.__sameDocument") is True  # swapped in place, not reloaded
    assert ChecklistStep.objects.get(event=event, position=1).done_at is not None
    assert violations == []
