"""Campaign pages: what each persona sees, bad input refused, the flows end to end."""

import json
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from juntos.campaigns import services
from juntos.campaigns.models import (
    Campaign,
    DecisionMakerMeeting,
    Deliverable,
    Goal,
    Survey,
    Tactic,
)
from juntos.campaigns.services import CampaignError
from juntos.charter.services import coalition_create
from juntos.members.models import Person
from tests.campaigns.conftest import make_campaign
from tests.campaigns.test_services import OPENSTATES

FUTURE = timezone.localdate() + timedelta(days=150)


@pytest.fixture(autouse=True)
def _english(personas):
    # Cora Core reads Spanish; these tests read the English text.
    personas.core.preferred_language = "en"
    personas.core.save(update_fields=["preferred_language"])


def url(p, name, **kwargs):
    return reverse(f"campaigns:{name}", kwargs={"slug": p.coalition.slug, **kwargs})


def first_monday_of_september(year):
    return next(date(year, 9, d) for d in range(1, 8) if date(year, 9, d).weekday() == 0)


def test_start_from_municipal_id_playbook_prefills_the_chart(personas):
    client = personas.client("host")
    response = client.post(
        url(personas, "start"),
        {"playbook": "municipal_id", "team": personas.core_team.pk, "title": "", "state": "mo"},
    )
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{campaign.pk}/chart/")
    assert campaign.state == "MO" and campaign.title == "A municipal ID card for every resident"
    page = client.get(response["Location"]).content.decode()
    assert "Local banks and credit unions" in page and "City council" in page
    assert "photo ID the city issues" in page


def test_start_refuses_a_team_the_person_is_not_on(personas):
    response = personas.client("rep").post(
        url(personas, "start"), {"playbook": "", "team": personas.core_team.pk, "title": "X"}
    )
    assert response.status_code == 400 and not Campaign.objects.exists()
    assert "you are not on one yet" in response.content.decode()


def test_start_refuses_markup_in_the_title(personas):
    response = personas.client("host").post(
        url(personas, "start"),
        {"playbook": "", "team": personas.core_team.pk, "title": "<script>x</script>"},
    )
    assert response.status_code == 400 and not Campaign.objects.exists()


def test_confidential_chart_fields_are_for_the_team(personas, campaign):
    services.chart_update(
        campaign=campaign, actor=personas.host, data={"budget": "Secret budget 4,000"}
    )
    services.stakeholder_add(
        campaign=campaign,
        actor=personas.host,
        side="opponent",
        name="FAIR",
        capacity="Hidden capacity",
    )
    rep_page = personas.client("rep").get(url(personas, "chart", pk=campaign.pk))
    assert rep_page.status_code == 200
    text = rep_page.content.decode()
    assert "Secret budget" not in text and "Hidden capacity" not in text
    assert "Confidential" in text and "FAIR" in text
    core_page = personas.client("core").get(url(personas, "chart", pk=campaign.pk)).content.decode()
    assert "Secret budget 4,000" in core_page and "Hidden capacity" in core_page


def test_chart_edit_by_a_member_outside_the_team_is_forbidden(personas, campaign):
    response = personas.client("rep").post(
        url(personas, "chart_edit", pk=campaign.pk), {"title": "Hijacked"}
    )
    assert response.status_code == 403
    campaign.refresh_from_db()
    assert campaign.title == "IDs for every resident"


def test_chart_edit_saves_sections(personas, campaign):
    data = {f: "" for f in Campaign.CHART_FIELDS}
    data.update(
        {
            "title": "IDs now",
            "issue": "ID",
            "status": "active",
            "state": "MO",
            "messaging": "One city, one card",
        }
    )
    response = personas.client("core").post(url(personas, "chart_edit", pk=campaign.pk), data)
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.messaging == "One city, one card" and campaign.status == "active"


def goal_data(p, **overrides):
    data = {
        "term": "short",
        "text": "Council passes the ordinance",
        "measure": "council votes",
        "target_value": "8",
        "due_on": FUTURE.isoformat(),
        "winners": [p.member.pk],
    }
    data.update(overrides)
    return data


def test_goal_refused_by_the_checks_then_fixed(personas, campaign):
    client = personas.client("core")
    response = client.post(
        url(personas, "goal_add", pk=campaign.pk), goal_data(personas, measure="", winners=[])
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Say what you will count" in text and "Win-win" in text
    assert not Goal.objects.exists()
    response = client.post(
        url(personas, "goal_add", pk=campaign.pk), goal_data(personas, check_strategic="on")
    )
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert goal.checklist["strategic"] is True and goal.checklist["tangible"] is False


def test_goal_date_in_the_past_is_refused(personas, campaign):
    response = personas.client("core").post(
        url(personas, "goal_add", pk=campaign.pk),
        goal_data(personas, due_on=(timezone.localdate() - timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 400 and "already passed" in response.content.decode()


def test_goal_page_draws_progress_against_the_target(personas, campaign):
    client = personas.client("core")
    client.post(url(personas, "goal_add", pk=campaign.pk), goal_data(personas))
    goal = Goal.objects.get()
    client.post(
        url(personas, "goal_progress", pk=campaign.pk, goal_pk=goal.pk),
        {"on": timezone.localdate().isoformat(), "value": "2"},
    )
    page = personas.client("rep").get(url(personas, "goals", pk=campaign.pk)).content.decode()
    assert '<svg class="progress"' in page and "Target 8" in page and "<path" in page
    assert "25% of the way" in page


def test_rally_on_a_federal_holiday_warns_then_places_when_confirmed(personas, campaign):
    client = personas.client("core")
    labor_day = first_monday_of_september(timezone.localdate().year + 1)
    data = {"rung": "1", "title": "Rally at city hall", "on": labor_day.isoformat()}
    response = client.post(url(personas, "tactic_add", pk=campaign.pk), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Labor Day" in text and "Place it anyway" in text
    assert not Tactic.objects.exists()
    response = client.post(
        url(personas, "tactic_add", pk=campaign.pk), {**data, "confirmed": "True"}
    )
    assert response.status_code == 302
    assert Tactic.objects.get().warnings[0].endswith("Labor Day.")


def test_escalating_before_a_meeting_warns_with_the_seeds_reason(personas, campaign):
    response = personas.client("core").post(
        url(personas, "tactic_add", pk=campaign.pk),
        {"rung": "6", "title": "Sit-in", "on": (FUTURE + timedelta(days=2)).isoformat()},
    )
    text = response.content.decode()
    assert "Meet them first" in text and "civil disobedience" in text


def test_timeline_shows_holidays_key_dates_and_actions(personas, campaign):
    client = personas.client("core")
    client.post(
        url(personas, "key_date_add", pk=campaign.pk),
        {
            "kind": "external",
            "category": "recess",
            "title": "Spring recess",
            "starts_on": FUTURE.isoformat(),
            "ends_on": (FUTURE + timedelta(days=4)).isoformat(),
            "blackout": "on",
        },
    )
    Tactic.objects.create(
        campaign=campaign,
        coalition=personas.coalition,
        rung=1,
        title="Meet the council",
        on=FUTURE + timedelta(days=10),
    )
    page = personas.client("rep").get(url(personas, "timeline", pk=campaign.pk)).content.decode()
    assert '<svg class="timeline"' in page and 'class="blackout"' in page
    assert "Spring recess" in page and "Meet the council" in page
    assert "Holiday" in page  # the list under the chart names the holidays


def test_bad_key_date_is_refused_with_a_message(personas, campaign):
    client = personas.client("core")
    response = client.post(
        url(personas, "key_date_add", pk=campaign.pk),
        {
            "kind": "external",
            "category": "recess",
            "title": "Backwards",
            "starts_on": FUTURE.isoformat(),
            "ends_on": (FUTURE - timedelta(days=4)).isoformat(),
        },
        follow=True,
    )
    assert "cannot come before" in response.content.decode()


def test_deliverables_flagged_and_checked_in_from_my_work(personas, campaign):
    rene = Person.objects.get(user=personas.rep)
    core = personas.client("core")
    core.post(
        url(personas, "deliverable_add", pk=campaign.pk),
        {
            "title": "Collect twelve stories",
            "kind": "task",
            "owner_person": rene.pk,
            "due_on": (timezone.localdate() - timedelta(days=2)).isoformat(),
        },
    )
    deliverable = Deliverable.objects.get()
    detail = core.get(url(personas, "detail", pk=campaign.pk)).content.decode()
    assert "1 deliverable is overdue" in detail
    rep = personas.client("rep")
    assert rep.get(url(personas, "my_work"))["Location"].endswith("/my-work/")
    mine = rep.get(reverse("governance:my_work", args=[personas.coalition.slug]))
    assert "Collect twelve stories" in mine.content.decode()
    response = rep.post(
        url(personas, "deliverable_check_in", pk=campaign.pk, d_pk=deliverable.pk),
        {"status": "done", "note": "All twelve", "next": "mine"},
    )
    assert response.status_code == 302 and response["Location"].endswith("/my-work/")
    deliverable.refresh_from_db()
    assert deliverable.status == "done"
    other = personas.client("other_rep").post(
        url(personas, "deliverable_check_in", pk=campaign.pk, d_pk=deliverable.pk),
        {"status": "open"},
    )
    assert other.status_code == 404


def test_deliverable_without_owner_is_refused(personas, campaign):
    response = personas.client("core").post(
        url(personas, "deliverable_add", pk=campaign.pk),
        {"title": "Orphan", "kind": "task", "due_on": FUTURE.isoformat()},
        follow=True,
    )
    assert "Delegate it to a member organization or a person" in response.content.decode()
    assert not Deliverable.objects.exists()


def test_meeting_planned_recorded_and_debriefed_through_the_pages(personas, campaign):
    cora, rene, olga = (
        Person.objects.get(user=u) for u in (personas.core, personas.rep, personas.other_rep)
    )
    client = personas.client("core")
    bad = client.post(
        url(personas, "dm_meeting_add", pk=campaign.pk),
        {"decision_maker": "Mayor Lee", "purpose": "Fund IDs", "requests": "Budget line"},
    )
    assert bad.status_code == 400 and "Choose one person to facilitate" in bad.content.decode()
    response = client.post(
        url(personas, "dm_meeting_add", pk=campaign.pk),
        {
            "decision_maker": "Mayor Lee",
            "purpose": "Fund IDs",
            "requests": "Budget line",
            "facilitator": cora.pk,
            "storytellers": [rene.pk],
            "asker": olga.pk,
        },
    )
    meeting = DecisionMakerMeeting.objects.get()
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Dear Mayor Lee," in page and "Rene Rep" in page
    step = "campaigns:dm_meeting_step"

    def step_url(name):
        return reverse(step, args=[personas.coalition.slug, campaign.pk, meeting.pk, name])

    client.post(
        step_url("record"),
        {
            "on": timezone.localdate().isoformat(),
            "said": "Will consider",
            "commitments": "Review the cost",
        },
    )
    client.post(
        step_url("debrief"),
        {
            "notes": "Good",
            "step0_title": "Send cost estimate",
            "step0_owner": rene.pk,
            "step0_due": FUTURE.isoformat(),
        },
    )
    meeting.refresh_from_db()
    assert meeting.stage == "debriefed"
    assert Deliverable.objects.get().dm_meeting == meeting
    rep_page = (
        personas.client("rep")
        .get(
            reverse("campaigns:dm_meeting", args=[personas.coalition.slug, campaign.pk, meeting.pk])
        )
        .content.decode()
    )
    assert "Send cost estimate" in rep_page and "Good" not in rep_page.split("Next steps")[0]
    assert "Dear Mayor Lee" not in rep_page  # the request template is for the team
    assert personas.client("core").post(step_url("nonsense")).status_code == 404


def test_bill_import_refuses_bad_json_and_accepts_open_states(personas):
    client = personas.client("core")
    bad = client.post(url(personas, "bill_import"), {"text": "{not json", "position": "oppose"})
    assert bad.status_code == 400 and "not valid JSON" in bad.content.decode()
    upload = SimpleUploadedFile("sb6.json", json.dumps(OPENSTATES).encode(), "application/json")
    response = client.post(url(personas, "bill_import"), {"file": upload, "position": "oppose"})
    assert response.status_code == 302
    page = personas.client("rep").get(response["Location"]).content.decode()
    assert "SB 6" in page and "Senate Read and Referred" in page
    listing = personas.client("rep").get(url(personas, "bills")).content.decode()
    assert "Georgia SB 6" in listing and "Track a bill" not in listing


def test_survey_csv_import_and_start_a_campaign_from_the_top_issue(personas):
    client = personas.client("core")
    created = client.post(
        url(personas, "survey_add"),
        {"kind": "listening", "title": "Parish session", "questions": "What is hardest?\n"},
    )
    survey_pk = Survey.objects.get(title="Parish session").pk
    assert created["Location"].endswith(f"/surveys/{survey_pk}/")
    csv_file = SimpleUploadedFile(
        "r.csv",
        b"What is hardest?,issues\nNo bank,ID cards\nRobbed,id cards; licenses\n",
        "text/csv",
    )
    client.post(
        reverse("campaigns:survey_import", args=[personas.coalition.slug, survey_pk]),
        {"file": csv_file},
    )
    page = client.get(
        reverse("campaigns:survey", args=[personas.coalition.slug, survey_pk])
    ).content.decode()
    assert page.index("ID cards") < page.index("licenses")
    assert "Robbed" in page
    start = client.get(url(personas, "start") + f"?survey={survey_pk}&issue=ID+cards")
    assert 'value="ID cards"' in start.content.decode()
    client.post(
        url(personas, "start"),
        {
            "playbook": "",
            "team": personas.core_team.pk,
            "title": "ID cards",
            "issue": "ID cards",
            "survey": survey_pk,
        },
    )
    assert Campaign.objects.get().survey_id == survey_pk


def test_survey_response_with_markup_is_refused(personas):
    survey = services.survey_create(
        coalition=personas.coalition, actor=personas.host, kind="survey", title="S", questions=["Q"]
    )
    personas.client("core").post(
        reverse("campaigns:survey_response_add", args=[personas.coalition.slug, survey.pk]),
        {"answer0": "<b>x</b>", "issues": "Licenses"},
    )
    assert not survey.responses.exists()


@pytest.fixture
def state_table(personas):
    table = coalition_create(
        slug="state-table",
        name="Missouri table",
        host_name="H",
        mission="m",
        values=[],
        agreements=[],
        effective_from=date(2020, 1, 1),
        actor=personas.outsider,
    )
    table.parent = personas.coalition
    table.save()
    from juntos.members.services import person_add

    person_add(
        coalition=table,
        actor=personas.outsider,
        full_name="Otto Outsider",
        email=personas.outsider.email,
        role="core_team",
        user=personas.outsider,
    )
    return table


def test_shared_campaign_takes_state_actions_on_the_same_timeline(personas, state_table):
    shared = make_campaign(personas, title="Path to citizenship", shared_with_network=True)
    private = make_campaign(personas, title="Private plan")
    client = personas.client("outsider")
    listing = client.get(reverse("campaigns:list", args=["state-table"])).content.decode()
    assert "Path to citizenship" in listing and "Private plan" not in listing
    assert (
        client.get(reverse("campaigns:detail", args=["state-table", private.pk])).status_code == 404
    )
    response = client.post(
        reverse("campaigns:tactic_add", args=["state-table", shared.pk]),
        {
            "rung": "1",
            "title": "Visit Senator",
            "on": (FUTURE + timedelta(days=3)).isoformat(),
            "confirmed": "True",
        },
    )
    assert response.status_code == 302
    tactic = Tactic.objects.get()
    assert tactic.coalition == state_table and tactic.campaign == shared
    assert (
        client.get(reverse("campaigns:chart_edit", args=["state-table", shared.pk])).status_code
        == 403
    )
    network_view = personas.client("rep").get(url(personas, "timeline", pk=shared.pk))
    assert "Visit Senator" in network_view.content.decode()
    assert "Missouri table" in network_view.content.decode()


@pytest.mark.usefixtures("rendered_every_time")
def test_list_and_timeline_queries_do_not_grow_with_rows(
    personas, campaign, django_assert_max_num_queries
):
    for i in range(15):
        Tactic.objects.create(
            campaign=campaign,
            coalition=personas.coalition,
            rung=1,
            title=f"Visit {i}",
            on=FUTURE + timedelta(days=i),
        )
        make_campaign(personas, title=f"Campaign {i}", playbook="")
    client = personas.client("rep")
    with django_assert_max_num_queries(12):
        client.get(url(personas, "list"))
    with django_assert_max_num_queries(16):
        client.get(url(personas, "timeline", pk=campaign.pk))


# --- The campaign's events and its power map ------------------------------------------------


def _event(personas, campaign=None, *, title, days=20, status="published", coalition=None):
    from django.utils import timezone

    from juntos.events import services as events
    from juntos.members.models import Member

    coalition = coalition or personas.coalition
    host = Member.objects.filter(coalition=coalition).first() or personas.member
    # Six in the evening, coalition time, so the event never crosses midnight by accident.
    day = timezone.localdate() + timedelta(days=days)
    start = timezone.make_aware(datetime.combine(day, time(18)))
    event = events.event_plan(
        coalition=coalition,
        actor=personas.host,
        hosts=[host],
        data={
            "kind": "community_forum",
            "title": title,
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
            "campaign": campaign,
        },
    )
    if status != "draft":
        events.event_status_set(event=event, actor=personas.host, status=status)
    return event


def test_timeline_draws_the_campaigns_own_events_in_their_lane(personas, campaign):
    forum = _event(personas, campaign, title="Forum on IDs")
    draft = _event(personas, campaign, title="Vigil being planned", days=30, status="draft")
    _event(personas, campaign, title="Called-off rally", days=25, status="cancelled")
    _event(personas, None, title="Unrelated training")
    page = personas.client("rep").get(url(personas, "timeline", pk=campaign.pk))
    body = page.content.decode()
    chart = str(page.context["chart"])
    assert "Events" in chart and 'class="dot event"' in chart and "Forum on IDs" in chart
    assert "Vigil being planned" in chart
    assert "Called-off rally" not in body and "Unrelated training" not in body
    # The phone list under the chart names them as events and links to their pages.
    event_url = reverse("events:event", args=[personas.coalition.slug, forum.pk])
    assert f'<a href="{event_url}">Forum on IDs</a>' in body
    assert reverse("events:event", args=[personas.coalition.slug, draft.pk]) in body
    assert [r.title for r in page.context["rows"] if r.lane == "events"] == [
        "Forum on IDs",
        "Vigil being planned",
    ]


def test_tonights_late_event_is_drawn_on_tonight_in_the_coalitions_zone(
    personas, campaign, time_machine
):
    # 22:30 in Chicago is already tomorrow in UTC; the vigil runs past midnight.
    time_machine.move_to(datetime(2026, 11, 27, 22, 30, tzinfo=ZoneInfo("America/Chicago")))
    vigil = _event(personas, campaign, title="Candlelight vigil", days=0)
    vigil.starts_at = datetime(2026, 11, 27, 23, 0, tzinfo=ZoneInfo("America/Chicago"))
    vigil.ends_at = vigil.starts_at + timedelta(hours=2)
    vigil.save(update_fields=["starts_at", "ends_at"])
    page = personas.client("rep").get(url(personas, "timeline", pk=campaign.pk))
    chart = str(page.context["chart"])
    assert 'class="dot event"' in chart and "Candlelight vigil" in chart
    [row] = [r for r in page.context["rows"] if r.lane == "events"]
    assert row.starts_on == date(2026, 11, 27) and row.ends_on is None


def test_campaign_page_lists_its_events_and_links_its_power_map(personas, campaign):
    _event(personas, campaign, title="Forum on IDs")
    body = personas.client("rep").get(url(personas, "detail", pk=campaign.pk)).content.decode()
    assert "Forum on IDs" in body
    power = reverse("relationships:power", args=[personas.coalition.slug])
    assert f"{power}?campaign={campaign.pk}" in body


def test_only_the_core_team_is_offered_to_plan_an_event_for_the_campaign(personas, campaign):
    add = reverse("events:add", args=[personas.coalition.slug]) + f"?campaign={campaign.pk}"
    core = personas.client("core").get(url(personas, "timeline", pk=campaign.pk))
    rep = personas.client("rep").get(url(personas, "timeline", pk=campaign.pk))
    assert add in core.content.decode() and add not in rep.content.decode()


def test_a_shared_campaign_shows_the_network_only_its_published_events(personas, state_table):
    shared = make_campaign(personas, title="Path to citizenship", shared_with_network=True)
    forum = _event(personas, shared, title="National forum")
    _event(personas, shared, title="Secret planning", status="draft")
    client = personas.client("outsider")
    timeline = client.get(reverse("campaigns:timeline", args=["state-table", shared.pk]))
    body = timeline.content.decode()
    assert "National forum" in body and "Secret planning" not in body
    # No link to an event page the state coalition cannot open, nor to a power map that is
    # the national coalition's.
    assert f"/events/{forum.pk}/" not in body
    assert reverse("events:add", args=["state-table"]) not in body
    detail = client.get(reverse("campaigns:detail", args=["state-table", shared.pk]))
    assert "National forum" in detail.content.decode()
    assert "?campaign=" not in detail.content.decode()


@pytest.mark.usefixtures("rendered_every_time")
def test_timeline_queries_do_not_grow_with_events(
    personas, campaign, django_assert_max_num_queries
):
    for i in range(10):
        _event(personas, campaign, title=f"Forum {i}", days=10 + i)
    client = personas.client("rep")
    client.get(url(personas, "timeline", pk=campaign.pk))
    with django_assert_max_num_queries(16):
        client.get(url(personas, "timeline", pk=campaign.pk))


# --- Bill watchers (issue 19, item 7) ----------------------------------------------------


def _watched_bill(personas, campaign):
    return services.bill_save(
        coalition=personas.coalition,
        actor=personas.host,
        data={
            "jurisdiction": "Missouri",
            "session": "2027",
            "identifier": "SB 10",
            "title": "Identification for every resident",
            "position": "support",
            "status": "Introduced",
        },
        campaigns=[campaign],
    )


def test_a_member_watches_and_unwatches_a_bill_on_its_page(personas, campaign):
    from juntos.audit.models import AuditEntry

    bill = _watched_bill(personas, campaign)
    page = reverse("campaigns:bill", args=[personas.coalition.slug, bill.pk])
    watch = reverse("campaigns:bill_watch", args=[personas.coalition.slug, bill.pk])
    client = personas.client("other_rep")
    assert "Watch this bill" in client.get(page).content.decode()
    assert client.post(watch, {"watch": "yes"}).status_code == 302
    olga = Person.objects.get(user=personas.other_rep)
    assert list(bill.watchers.all()) == [olga]
    body = client.get(page).content.decode()
    assert "You are watching this bill" in body and "Stop watching" in body
    client.post(watch, {"watch": "yes"})  # twice is still once, and not logged again
    assert AuditEntry.objects.filter(changes__watcher__isnull=False).count() == 1
    client.post(watch, {"watch": "no"})
    assert not bill.watchers.exists()
    assert client.get(watch).status_code == 405
    # Another coalition's people cannot reach the bill at all.
    assert personas.client("outsider").post(watch, {"watch": "yes"}).status_code == 404


def test_status_change_tells_the_team_and_watchers_in_their_language(
    personas, campaign, django_capture_on_commit_callbacks
):
    bill = _watched_bill(personas, campaign)
    olga = Person.objects.get(user=personas.other_rep)
    services.bill_watch(bill=bill, person=olga, watch=True, actor=personas.other_rep)
    personas.other_rep.preferred_language = "es"
    personas.other_rep.save(update_fields=["preferred_language"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.bill_status_set(bill=bill, actor=personas.host, status="Passed Senate")
    by_address = {m.to[0]: m for m in mail.outbox}
    # The team (the Core Team's organization), the hosts and the watcher; the other
    # member's representative, who does not watch, is not told.
    assert sorted(by_address) == ["core@test.example", "host@test.example", "other@test.example"]
    assert "rep@test.example" not in by_address
    assert "Nuevo estatus" in by_address["other@test.example"].body
    assert "New status" in by_address["host@test.example"].body
    # A watcher whose organization has left is no longer told.
    personas.other_member.status = "removed"
    personas.other_member.save(update_fields=["status"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.bill_status_set(bill=bill, actor=personas.host, status="Signed")
    assert "other@test.example" not in {m.to[0] for m in mail.outbox}


def test_only_the_coalitions_members_watch_its_bills(personas, campaign):
    bill = _watched_bill(personas, campaign)
    supporter = Person.objects.get(user=personas.supporter)
    with pytest.raises(CampaignError):
        services.bill_watch(bill=bill, person=supporter, watch=True, actor=personas.supporter)
    assert not bill.watchers.exists()
