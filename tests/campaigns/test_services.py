"""Campaign services: each write path, its refusals, its audit entry and its side effects."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from juntos.audit.models import Action, AuditEntry
from juntos.campaigns import services
from juntos.campaigns.models import (
    Bill,
    Campaign,
    DecisionMakerMeeting,
    Deliverable,
    KeyDate,
    Stakeholder,
    Tactic,
)
from juntos.campaigns.phrases import campaign_text
from juntos.campaigns.rules import Rung
from juntos.campaigns.services import CampaignError, NeedsConfirmation
from juntos.charter.services import coalition_create
from juntos.communications.models import Update
from juntos.members.models import Person, Team
from tests.campaigns.conftest import make_campaign

FUTURE = timezone.localdate() + timedelta(days=120)


def person(p, user):
    return Person.objects.get(coalition=p.coalition, user=user)


# --- Starting a campaign ---------------------------------------------------------------


def test_playbook_prefills_the_chart(personas, campaign):
    assert campaign.playbook == "municipal_id"
    assert "photo ID" in campaign_text(campaign, "case")
    assert "Meet council members" in campaign_text(campaign, "tactics_notes")
    sides = set(campaign.stakeholders.values_list("side", flat=True))
    assert sides == {"ally", "unlikely", "opponent"}
    assert "Local banks and credit unions" in {str(s) for s in campaign.stakeholders.all()}
    assert [(t.level, str(t)) for t in campaign.targets.all()] == [
        ("primary", "City council"),
        ("secondary", "Mayor"),
    ]
    entry = AuditEntry.objects.get(action=Action.CAMPAIGN_CHANGED, target_id=str(campaign.pk))
    assert entry.changes["playbook"] == [None, "municipal_id"]


@pytest.mark.parametrize(
    "playbook",
    [
        "drivers_licenses",
        "racial_profiling",
        "trust",
        "sanctuary",
        "municipal_id",
        "tuition_equity",
        "anti_immigrant_bills",
    ],
)
def test_every_playbook_fills_every_section(personas, playbook):
    campaign = make_campaign(personas, playbook=playbook, title="")
    assert campaign.title and all(
        campaign_text(campaign, f) for f in ("case", "messaging", "tactics_notes")
    )
    assert campaign.stakeholders.filter(side="ally").count() >= 2
    assert campaign.stakeholders.filter(side="opponent").exists()
    assert campaign.targets.filter(level="primary").exists()


def test_campaign_from_scratch_is_empty(personas):
    campaign = make_campaign(personas, playbook="", title="Bus passes", issue="Transit")
    assert campaign.case == "" and not campaign.stakeholders.exists()
    assert campaign.issue == "Transit"


def test_campaign_refuses_another_coalitions_team(personas):
    team = Team.objects.create(coalition=personas.other_coalition, kind="issue_team", name="T")
    with pytest.raises(CampaignError):
        make_campaign(personas, team=team)


def test_campaign_refuses_unknown_playbook_and_empty_title(personas):
    with pytest.raises(CampaignError):
        make_campaign(personas, playbook="moon_base")
    with pytest.raises(CampaignError):
        make_campaign(personas, playbook="", title="  ")


def test_chart_update_audits_the_change(personas, campaign):
    services.chart_update(campaign=campaign, actor=personas.host, data={"budget": " $5,000 "})
    campaign.refresh_from_db()
    assert campaign.budget == "$5,000"
    entry = AuditEntry.objects.filter(target_id=str(campaign.pk)).first()
    assert entry.changes == {"budget": ["", "$5,000"]}


def test_target_links_to_a_known_decision_maker(personas, campaign):
    from juntos.relationships.models import Contact

    contact = Contact.objects.create(
        coalition=personas.coalition, name="Ald. Rosa Diaz", category="decision_maker"
    )
    Contact.objects.create(coalition=personas.other_coalition, name="Ald. Bob Other")
    target = services.target_add(
        campaign=campaign, actor=personas.host, level="primary", name="ald. rosa diaz"
    )
    assert target.contact == contact
    other = services.target_add(
        campaign=campaign, actor=personas.host, level="secondary", name="Ald. Bob Other"
    )
    assert other.contact is None  # another coalition's contact is never linked


def test_stakeholder_needs_a_name(personas, campaign):
    with pytest.raises(CampaignError):
        services.stakeholder_add(campaign=campaign, actor=personas.host, side="ally", name=" ")
    row = services.stakeholder_add(
        campaign=campaign, actor=personas.host, side="opponent", name="X", capacity="Money"
    )
    assert row.capacity == "Money"


def test_chart_row_remove_refuses_other_campaigns_rows(personas, campaign):
    other = make_campaign(personas, title="Other")
    row = other.stakeholders.first()
    with pytest.raises(CampaignError):
        services.chart_row_remove(campaign=campaign, actor=personas.host, row=row)
    services.chart_row_remove(campaign=other, actor=personas.host, row=row)
    assert not Stakeholder.objects.filter(pk=row.pk).exists()


# --- Goals -----------------------------------------------------------------------------


def goal(p, campaign, **overrides):
    values = {
        "campaign": campaign,
        "actor": p.host,
        "term": "short",
        "text": "Council passes the ordinance",
        "measure": "council votes",
        "target_value": Decimal(8),
        "due_on": FUTURE,
        "winners": [p.member],
    }
    values.update(overrides)
    return services.goal_save(**values)


def test_goal_without_measure_is_refused_with_the_rule(personas, campaign):
    with pytest.raises(CampaignError) as error:
        goal(personas, campaign, measure="")
    assert "measure" in error.value.message
    assert "Win-win" in error.value.rule
    assert [p.code for p in error.value.problems] == ["no_measure"]
    assert not campaign.goals.exists()


def test_goal_naming_only_another_coalitions_member_is_refused(personas, campaign):
    from juntos.members.services import member_add

    stranger = member_add(
        coalition=personas.other_coalition,
        actor=personas.outsider,
        data={"kind": "organization", "name": "Elsewhere"},
    )
    with pytest.raises(CampaignError) as error:
        goal(personas, campaign, winners=[stranger])
    assert [p.code for p in error.value.problems] == ["no_win"]


def test_goal_saved_then_fixed(personas, campaign):
    g = goal(personas, campaign, checklist={"strategic": True})
    assert list(g.winners.all()) == [personas.member]
    g = goal(personas, campaign, goal=g, target_value=Decimal(9), winners=[personas.other_member])
    g.refresh_from_db()
    assert g.target_value == 9 and list(g.winners.all()) == [personas.other_member]
    assert AuditEntry.objects.filter(action=Action.GOAL_CHANGED).count() == 2


def test_goal_progress_cannot_be_in_the_future(personas, campaign):
    g = goal(personas, campaign)
    services.goal_progress_record(
        goal=g, actor=personas.host, on=timezone.localdate(), value=Decimal(3)
    )
    with pytest.raises(CampaignError):
        services.goal_progress_record(
            goal=g,
            actor=personas.host,
            on=timezone.localdate() + timedelta(days=1),
            value=Decimal(4),
        )
    assert g.progress.count() == 1


# --- Tactics, ladder and blackout dates ---------------------------------------------------


def next_weekday_clear(start):
    from juntos.campaigns.rules import blackout_check

    day = start
    while blackout_check(on=day, state="MO").blocked:
        day += timedelta(days=1)
    return day


def plan(p, campaign, rung, on=None, confirmed=False, coalition=None, title="Action"):
    return services.tactic_plan(
        campaign=campaign,
        coalition=coalition or p.coalition,
        actor=p.host,
        rung=rung,
        title=title,
        on=on or next_weekday_clear(FUTURE),
        confirmed=confirmed,
    )


def test_meeting_rung_is_planned_without_warnings(personas, campaign):
    tactic = plan(personas, campaign, Rung.MEETING)
    assert tactic.warnings == []


def test_rally_before_meeting_needs_confirmation(personas, campaign):
    with pytest.raises(NeedsConfirmation) as asked:
        plan(personas, campaign, Rung.RALLY)
    assert len(asked.value.warnings) == 2
    assert not Tactic.objects.exists()
    tactic = plan(personas, campaign, Rung.RALLY, confirmed=True)
    assert len(tactic.warnings) == 2
    entry = AuditEntry.objects.get(action=Action.TACTIC_PLANNED)
    assert entry.changes["warnings_confirmed"][1] == tactic.warnings


def test_rally_on_a_federal_holiday_warns_with_its_name(personas, campaign):
    plan(personas, campaign, Rung.MEETING)
    meeting = DecisionMakerMeeting.objects.create(
        campaign=campaign, decision_maker="Mayor", purpose="p", requests="r", stage="held"
    )
    assert meeting.pk
    for rung in (Rung.LETTERS, Rung.VIGIL):
        plan(personas, campaign, rung)
    labor_day = next(
        d for d in (date(FUTURE.year + 1, 9, day) for day in range(1, 8)) if d.weekday() == 0
    )
    with pytest.raises(NeedsConfirmation) as asked:
        plan(personas, campaign, Rung.RALLY, on=labor_day)
    assert asked.value.warnings == [f"{labor_day.isoformat()} is a date to avoid: Labor Day."]


def test_key_date_blackout_applies_to_the_campaign(personas, campaign):
    day = next_weekday_clear(FUTURE)
    services.key_date_add(
        coalition=personas.coalition,
        actor=personas.host,
        kind="external",
        category="convention",
        title="State convention",
        starts_on=day,
        campaign=campaign,
    )
    with pytest.raises(NeedsConfirmation) as asked:
        plan(personas, campaign, Rung.MEETING, on=day)
    assert "State convention" in asked.value.warnings[0]


def test_key_date_refuses_backwards_span(personas):
    with pytest.raises(CampaignError):
        services.key_date_add(
            coalition=personas.coalition,
            actor=personas.host,
            kind="external",
            category="recess",
            title="Recess",
            starts_on=FUTURE,
            ends_on=FUTURE - timedelta(days=1),
        )
    assert not KeyDate.objects.exists()


def test_state_table_places_actions_on_a_shared_campaign(personas):
    network = personas.coalition
    state_table = coalition_create(
        slug="state-table",
        name="State table",
        host_name="H",
        mission="m",
        values=[],
        agreements=[],
        effective_from=date(2020, 1, 1),
        actor=personas.host,
    )
    state_table.parent = network
    state_table.save()
    private = make_campaign(personas, title="Private")
    with pytest.raises(CampaignError):
        plan(personas, private, Rung.MEETING, coalition=state_table)
    shared = make_campaign(personas, title="Shared", shared_with_network=True)
    tactic = plan(personas, shared, Rung.MEETING, coalition=state_table)
    assert tactic.coalition == state_table and tactic.campaign == shared
    services.key_date_add(
        coalition=state_table,
        actor=personas.host,
        kind="external",
        category="retreat",
        title="State retreat",
        starts_on=FUTURE + timedelta(days=30),
    )
    with pytest.raises(NeedsConfirmation):
        plan(personas, shared, Rung.MEETING, coalition=state_table, on=FUTURE + timedelta(days=30))


# --- Deliverables ----------------------------------------------------------------------


def test_deliverable_needs_an_owner_in_the_coalition(personas, campaign):
    with pytest.raises(CampaignError):
        services.deliverable_add(
            campaign=campaign,
            coalition=personas.coalition,
            actor=personas.host,
            title="Collect stories",
            due_on=FUTURE,
        )
    stranger = Person.objects.get(user=personas.outsider)
    with pytest.raises(CampaignError):
        services.deliverable_add(
            campaign=campaign,
            coalition=personas.coalition,
            actor=personas.host,
            title="Collect stories",
            due_on=FUTURE,
            owner_person=stranger,
        )


def test_check_in_changes_status_and_overdue_is_flagged(personas, campaign):
    rene = person(personas, personas.rep)
    late = services.deliverable_add(
        campaign=campaign,
        coalition=personas.coalition,
        actor=personas.host,
        title="Stories",
        due_on=timezone.localdate() - timedelta(days=1),
        owner_person=rene,
    )
    services.deliverable_add(
        campaign=campaign,
        coalition=personas.coalition,
        actor=personas.host,
        title="Letters",
        due_on=FUTURE,
        owner_member=personas.member,
        kind="benchmark",
    )
    assert list(services.overdue(campaign.deliverables.all())) == [late]
    services.deliverable_check_in(
        deliverable=late, actor=personas.rep, person=rene, status="done", note="Twelve stories"
    )
    late.refresh_from_db()
    assert late.status == "done" and late.check_ins.get().note == "Twelve stories"
    assert not services.overdue(campaign.deliverables.all()).exists()


def test_followup_from_minutes_becomes_a_deliverable_and_closes_with_it(personas, campaign):
    from tests.test_permissions import _follow_up

    follow_up = _follow_up(personas)
    row = services.deliverable_from_followup(
        campaign=campaign, actor=personas.host, follow_up=follow_up
    )
    assert row.title == "Book a room" and row.owner_person == follow_up.owner
    with pytest.raises(CampaignError):
        services.deliverable_from_followup(
            campaign=campaign, actor=personas.host, follow_up=follow_up
        )
    services.deliverable_check_in(deliverable=row, actor=personas.host, person=None, status="done")
    follow_up.refresh_from_db()
    assert follow_up.done_at is not None


# --- Decision-maker meetings ---------------------------------------------------------------


def planned_meeting(p, campaign, **overrides):
    cora, rene, olga = (person(p, u) for u in (p.core, p.rep, p.other_rep))
    values = {
        "campaign": campaign,
        "actor": p.host,
        "decision_maker": "Mayor Lee",
        "purpose": "Ask the mayor to fund municipal IDs",
        "requests": "Put the ID program in the budget",
        "attendees": [olga],
        "facilitator": cora,
        "storytellers": [rene],
        "asker": olga,
    }
    values.update(overrides)
    return services.dm_meeting_plan(**values)


def test_meeting_plan_requires_the_seed_roles(personas, campaign):
    with pytest.raises(CampaignError) as error:
        planned_meeting(personas, campaign, facilitator=None, storytellers=[], asker=None)
    assert "facilitate" in error.value.message and "storytellers" in error.value.message
    assert "one facilitator" in error.value.rule
    many = list(Person.objects.filter(coalition=personas.coalition)[:3])
    with pytest.raises(CampaignError):
        planned_meeting(personas, campaign, storytellers=many)


def test_meeting_attendees_include_everyone_with_a_role(personas, campaign):
    meeting = planned_meeting(personas, campaign)
    assert meeting.attendees.count() == 3


def test_request_message_lists_attendees_and_only_consented_contacts(personas, campaign):
    from juntos.consent.services import consent_set

    rene = person(personas, personas.rep)
    consent_set(
        coalition=personas.coalition,
        person=rene,
        kind="contact_sharing",
        granted=True,
        actor=personas.rep,
    )
    text = services.dm_request_message(planned_meeting(personas, campaign))
    assert "Dear Mayor Lee," in text
    assert "Rene Rep · Casa Test · rep@test.example · +13145550122" in text
    assert "Olga Other · Labor Test" in text and "other@test.example" not in text


def test_meeting_flow_record_debrief_thank_report(
    personas, campaign, django_capture_on_commit_callbacks
):
    meeting = planned_meeting(personas, campaign)
    with pytest.raises(CampaignError):
        services.dm_meeting_debrief(meeting=meeting, actor=personas.host, notes="", next_steps=[])
    services.dm_meeting_requested(meeting=meeting, actor=personas.host)
    assert meeting.stage == "requested"
    with pytest.raises(CampaignError):
        services.dm_meeting_record(
            meeting=meeting,
            actor=personas.host,
            on=timezone.localdate() + timedelta(days=1),
            said="x",
        )
    services.dm_meeting_record(
        meeting=meeting,
        actor=personas.host,
        on=timezone.localdate(),
        said="She will consider it",
        commitments="Review the cost estimate by June",
        our_commitments="Send the cost estimate",
    )
    rene = person(personas, personas.rep)
    steps = services.dm_meeting_debrief(
        meeting=meeting,
        actor=personas.host,
        notes="Went well",
        next_steps=[{"title": "Send the cost estimate", "due_on": FUTURE, "owner_person": rene}],
    )
    assert steps[0].dm_meeting == meeting and steps[0].owner_person == rene
    assert Deliverable.objects.filter(campaign=campaign).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.dm_meeting_thank(meeting=meeting, actor=personas.host, to="mayor@city.example")
    assert mail.outbox[-1].to == ["mayor@city.example"]
    assert "Review the cost estimate by June" in mail.outbox[-1].body
    assert "Send the cost estimate" in mail.outbox[-1].body
    services.dm_meeting_report(meeting=meeting, actor=personas.host)
    update = Update.objects.get(coalition=personas.coalition)
    assert "Mayor Lee" in update.body and "Send the cost estimate" in update.body
    assert not update.public
    meeting.refresh_from_db()
    assert meeting.stage == "debriefed" and meeting.thanked_at and meeting.reported_at


def test_recorded_meeting_opens_the_ladder(personas, campaign):
    plan(personas, campaign, Rung.MEETING)
    with pytest.raises(NeedsConfirmation):
        plan(personas, campaign, Rung.LETTERS)
    meeting = planned_meeting(personas, campaign)
    services.dm_meeting_record(
        meeting=meeting, actor=personas.host, on=timezone.localdate(), said="No"
    )
    assert plan(personas, campaign, Rung.LETTERS).warnings == []


# --- Bills -----------------------------------------------------------------------------

OPENSTATES = {
    "id": "ocd-bill/6b2c1c0e-0000-4000-8000-000000000006",
    "session": "2015_16",
    "jurisdiction": {"id": "ocd-jurisdiction/country:us/state:ga/government", "name": "Georgia"},
    "identifier": "SB 6",
    "title": "Drivers' licenses; deferred action recipients",
    "abstracts": [{"abstract": "Disqualifies deferred action recipients from licenses."}],
    "actions": [
        {
            "date": "2015-01-13",
            "description": "Senate Read and Referred",
            "organization": {"name": "Senate", "classification": "upper"},
        },
        {
            "date": "2015-02-20T00:00:00+00:00",
            "description": "Senate Committee Favorably Reported",
            "organization": {"name": "Senate", "classification": "upper"},
        },
    ],
}


def test_openstates_import_then_status_change_notifies_hosts_and_core_team(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bill, changed = services.bill_import_openstates(
            coalition=personas.coalition,
            actor=personas.host,
            payload=OPENSTATES,
            position="oppose",
        )
    assert (bill.jurisdiction, bill.session, bill.identifier) == ("Georgia", "2015_16", "SB 6")
    assert bill.status == "Senate Committee Favorably Reported"
    assert bill.status_on == date(2015, 2, 20)
    assert bill.actions.count() == 2 and bill.summary.startswith("Disqualifies")
    assert mail.outbox == []  # newly tracked: nothing changed yet
    again = json.loads(json.dumps(OPENSTATES))
    again["actions"].append(
        {
            "date": "2015-03-03",
            "description": "Failed in committee",
            "organization": {"name": "Senate"},
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        bill2, changed = services.bill_import_openstates(
            coalition=personas.coalition, actor=personas.host, payload=again, position="oppose"
        )
    assert bill2.pk == bill.pk and changed and bill2.actions.count() == 3
    recipients = sorted(m.to[0] for m in mail.outbox)
    # A bill linked to no campaign: the hosts and the Core Team, not every member.
    assert recipients == ["core@test.example", "host@test.example"]
    spanish = next(m for m in mail.outbox if m.to == ["core@test.example"])
    assert "Failed in committee" in spanish.body


def test_openstates_import_refuses_what_is_not_a_bill(personas):
    with pytest.raises(CampaignError):
        services.bill_import_openstates(
            coalition=personas.coalition,
            actor=personas.host,
            payload={"title": "x"},
            position="support",
        )


def test_bill_by_hand_and_status_set(personas, campaign, django_capture_on_commit_callbacks):
    bill = services.bill_save(
        coalition=personas.coalition,
        actor=personas.host,
        data={
            "jurisdiction": "South Carolina",
            "session": "2015",
            "identifier": "hb  3120",
            "title": "Benefits verification",
            "position": "oppose",
            "status": "Introduced",
        },
        campaigns=[campaign],
    )
    assert bill.identifier == "HB 3120" and list(bill.campaigns.all()) == [campaign]
    with pytest.raises(CampaignError):
        services.bill_save(
            coalition=personas.coalition,
            actor=personas.host,
            data={
                "jurisdiction": "South Carolina",
                "session": "2015",
                "identifier": "HB 3120",
                "title": "dup",
                "position": "oppose",
            },
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.bill_status_set(bill=bill, actor=personas.host, status="Passed House")
    # The campaign's team (the Core Team's member organization) and the hosts, not every
    # member: the representatives of other members are not told (issue 19).
    assert sorted(m.to[0] for m in mail.outbox) == ["core@test.example", "host@test.example"]
    assert list(bill.actions.values_list("description", flat=True)) == [
        "Introduced",
        "Passed House",
    ]
    assert Bill.objects.get().status == "Passed House"


# --- Surveys ---------------------------------------------------------------------------


def test_survey_responses_typed_and_imported_are_tallied(personas):
    survey = services.survey_create(
        coalition=personas.coalition,
        actor=personas.host,
        kind="listening",
        title="Parish listening",
        questions=["What is hardest?", "What would help?"],
    )
    services.survey_response_add(
        survey=survey, actor=personas.host, answers=["Driving to work"], issues="Licenses; Work"
    )
    count = services.survey_import_csv(
        survey=survey,
        actor=personas.host,
        text="What is hardest?,Issues\nCannot open a bank account,ID cards; licenses\n"
        "Nothing,\nSchool fees,Tuition\n",
    )
    assert count == 2  # the row naming no issue is skipped
    tally, _rule = services.survey_tally(survey)
    assert [(t.issue, t.count) for t in tally][:1] == [("Licenses", 2)]
    imported = survey.responses.get(issues=["ID cards", "licenses"])
    assert imported.answers == ["Cannot open a bank account", ""]


def test_survey_csv_without_issue_column_is_refused(personas):
    survey = services.survey_create(
        coalition=personas.coalition,
        actor=personas.host,
        kind="survey",
        title="S",
        questions=["Q"],
    )
    with pytest.raises(CampaignError):
        services.survey_import_csv(survey=survey, actor=personas.host, text="Q\nanswer\n")
    with pytest.raises(CampaignError):
        services.survey_response_add(survey=survey, actor=personas.host, answers=[], issues=" ; ")


def test_campaign_started_from_a_survey_issue(personas):
    survey = services.survey_create(
        coalition=personas.coalition,
        actor=personas.host,
        kind="survey",
        title="S",
        questions=["Q"],
    )
    c = make_campaign(personas, playbook="", title="Licenses now", issue="Licenses", survey=survey)
    assert Campaign.objects.get(survey=survey) == c


def test_recorded_meeting_counts_as_the_first_rung(personas, campaign):
    meeting = planned_meeting(personas, campaign)
    services.dm_meeting_record(
        meeting=meeting, actor=personas.host, on=timezone.localdate(), said="No"
    )
    assert plan(personas, campaign, Rung.LETTERS).warnings == []
    with pytest.raises(NeedsConfirmation) as asked:
        plan(personas, campaign, Rung.RALLY)
    assert "skips rungs" in asked.value.warnings[0]
