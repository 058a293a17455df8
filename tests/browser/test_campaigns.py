"""A team starts a municipal ID campaign from its playbook, fixes a goal the checks refuse,
is warned about a rally on a federal holiday, and plans, records and debriefs a meeting
with the decision maker. Screenshots of the chart and the timeline, desktop and phone."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from juntos.campaigns.models import Campaign, DecisionMakerMeeting, Deliverable, Goal, Tactic
from juntos.members.models import Person
from tests.browser.conftest import PHONE, sign_in
from tests.conftest import PASSWORD, make_personas

pytestmark = pytest.mark.django_db(transaction=True)


def labor_day(year):
    return next(date(year, 9, d) for d in range(1, 8) if date(year, 9, d).weekday() == 0)


def test_municipal_id_campaign_journey(page_for, shot):
    personas = make_personas()
    slug = personas.coalition.slug
    people = {p.full_name: p.pk for p in Person.objects.filter(coalition=personas.coalition)}
    page = page_for()
    sign_in(page, personas.host.email, PASSWORD)

    # Start from the municipal ID playbook.
    page.goto(f"/c/{slug}/campaigns/")
    page.click("text=Start a campaign")
    page.check("input[name=playbook][value=municipal_id]")
    page.select_option("#id_team", str(personas.core_team.pk))
    page.fill("#id_state", "MO")
    page.click("button.primary")
    assert "Local banks and credit unions" in page.content()
    campaign = Campaign.objects.get()
    assert campaign.playbook == "municipal_id"

    # A goal without a measure is refused; with one, it is saved.
    page.click("text=Add a goal")
    page.select_option("#id_term", "short")
    page.fill("#id_text", "The council passes the municipal ID ordinance")
    page.fill("#id_target_value", "7")
    page.fill("#id_due_on", (timezone.localdate() + timedelta(days=200)).isoformat())
    page.check(f"input[name=winners][value='{personas.member.pk}']")
    page.click("text=Save the goal")
    assert "Say what you will count" in page.locator("#field-measure").inner_text()
    assert not Goal.objects.exists()
    page.fill("#id_measure", "council votes in favor")
    page.check("#id_check_strategic")
    page.click("text=Save the goal")
    assert "Goal saved" in page.content()
    assert Goal.objects.get().measure == "council votes in favor"

    # Plan and record the meeting with the decision maker, then debrief.
    page.goto(f"/c/{slug}/campaigns/{campaign.pk}/")
    page.click("text=Plan a meeting")
    page.select_option("#id_target", label="City council")
    page.fill("#id_purpose", "Ask the council to pass a municipal ID for every resident")
    page.select_option("#id_facilitator", str(people["Cora Core"]))
    page.check(f"input[name=storytellers][value='{people['Rene Rep']}']")
    page.select_option("#id_asker", str(people["Olga Other"]))
    page.fill("#id_requests", "Vote yes on the ordinance and fund the card")
    page.click("text=Save the plan")
    assert "Dear City council" in page.locator("#request-message").input_value()
    page.click("text=Mark as requested")
    page.fill("#id_said", "Two members support it; the chair wants cost figures")
    page.fill("#id_commitments", "The chair will schedule a hearing")
    page.click("button:has-text('Record')")
    assert "Held and recorded" in page.locator("#stage").inner_text()
    page.fill("#id_notes", "Bring the cost figures next time")
    page.fill("#id_step0_title", "Send the cost figures to the chair")
    page.select_option("#id_step0_owner", str(people["Rene Rep"]))
    page.fill("#id_step0_due", (timezone.localdate() + timedelta(days=14)).isoformat())
    page.click("text=Save the debrief")
    assert "Send the cost figures to the chair" in page.locator("#next-steps").inner_text()
    meeting = DecisionMakerMeeting.objects.get()
    assert meeting.stage == "debriefed"
    assert Deliverable.objects.get().dm_meeting == meeting

    # A rally on Labor Day: warned, then placed once confirmed.
    holiday = labor_day(timezone.localdate().year + 1)
    page.goto(f"/c/{slug}/campaigns/{campaign.pk}/actions/add/")
    page.check("input[name=rung][value='4']")
    page.fill("#id_title", "Rally at city hall")
    page.fill("#id_on", holiday.isoformat())
    page.click("button.primary")
    warning = page.locator("#warnings").inner_text()
    # Met the decision maker (rung 1), nothing else yet: a rally skips two rungs.
    assert "Labor Day" in warning and "skips rungs" in warning
    assert not Tactic.objects.exists()
    page.click("button:has-text('Place it anyway')")
    page.wait_for_url("**/timeline/")
    assert Tactic.objects.get().on == holiday

    # Screenshots: chart and timeline, desktop and phone.
    page.goto(f"/c/{slug}/campaigns/{campaign.pk}/chart/")
    shot(page, "campaign-chart-desktop")
    page.goto(f"/c/{slug}/campaigns/{campaign.pk}/timeline/")
    assert "Rally at city hall" in page.content()
    shot(page, "campaign-timeline-desktop")
    phone = page_for(viewport=PHONE)
    sign_in(phone, personas.rep.email, PASSWORD)
    phone.goto(f"/c/{slug}/campaigns/{campaign.pk}/chart/")
    assert "Confidential" in phone.content()
    shot(phone, "campaign-chart-phone")
    phone.goto(f"/c/{slug}/campaigns/{campaign.pk}/timeline/")
    shot(phone, "campaign-timeline-phone")
    phone.goto(f"/c/{slug}/campaigns/mine/")
    assert "Send the cost figures to the chair" in phone.content()
