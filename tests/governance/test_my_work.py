"""One place for what I owe (issue 16): the next meeting, open votes, sign-ons, tasks."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from juntos.communications import services as comms
from juntos.governance import services

from .helpers import all_present, meeting, person_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(
        datetime(2027, 3, 10, 18, 5, tzinfo=ZoneInfo("America/Chicago")), tick=False
    )


def test_home_top_shows_open_vote_signon_and_next_meeting(personas, time_machine):
    now = meeting(personas, hour=18, minute=0)
    upcoming = meeting(personas, days=14, hour=18, minute=0)
    all_present(personas, now)
    motion = services.motion_open(
        meeting=now, actor=personas.host, kind="general", text="March on Friday"
    )
    statement = comms.statement_create(
        coalition=personas.coalition, actor=personas.host, title="Licenses for all", body="b"
    )
    statement = comms.signon_request(statement=statement, actor=personas.host)
    services.followup_add(
        meeting=now,
        actor=personas.host,
        text="Book the plaza",
        owner=person_of(personas, personas.rep),
        due_on=date(2027, 3, 12),
    )
    client = personas.client("rep")
    home = client.get(reverse("web:home", args=[personas.coalition.slug])).content.decode()
    assert "What needs you" in home
    assert "March on Friday" in home
    assert reverse("governance:motion", args=[personas.coalition.slug, now.pk, motion.pk]) in home
    assert "Licenses for all" in home
    # While a meeting runs it is the next one: checked in, too late for a notice of absence.
    assert reverse("governance:meeting", args=[personas.coalition.slug, now.pk]) in home
    assert "You are checked in." in home and "Casa Test will be absent" not in home
    page = client.get(reverse("governance:my_work", args=[personas.coalition.slug]))
    body = page.content.decode()
    assert "Book the plaza" in body and "March on Friday" in body
    # Once the organization voted and answered, they leave the list.
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=personas.rep)
    comms.signon_answer(
        statement=statement,
        member=personas.member,
        signed=True,
        by_name="Rene Rep",
        via="app",
        user=personas.rep,
    )
    body = client.get(reverse("governance:my_work", args=[personas.coalition.slug])).content
    assert b"March on Friday" not in body and b"awaiting your answer" not in body
    assert b"You answered: we sign" in body  # shown, with its Undo, until the deadline
    # Once it has ended, the next meeting is the one in two weeks.
    time_machine.move_to(datetime(2027, 3, 10, 20, 30, tzinfo=ZoneInfo("America/Chicago")))
    home = client.get(reverse("web:home", args=[personas.coalition.slug])).content.decode()
    assert reverse("governance:meeting", args=[personas.coalition.slug, upcoming.pk]) in home
    assert "Casa Test will be absent" in home


def test_a_supporter_sees_their_tasks_but_no_meeting(personas):
    page = personas.client("supporter").get(
        reverse("governance:my_work", args=[personas.coalition.slug])
    )
    assert page.status_code == 200
    assert page.context["work"].next_meeting is None


def test_owners_hear_of_a_follow_up_and_the_day_before_it_is_due(
    personas, time_machine, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.core.management import call_command

    from juntos.members.models import Person

    now = meeting(personas, hour=18, minute=0)
    rep = person_of(personas, personas.rep)
    weekly = Person.objects.get(coalition=personas.coalition, user=personas.other_rep)
    weekly.notice_frequency = "weekly"
    weekly.save(update_fields=["notice_frequency"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for owner in (rep, weekly):
            services.followup_add(
                meeting=now,
                actor=personas.host,
                text="Book the plaza",
                owner=owner,
                due_on=date(2027, 3, 12),
            )
    assert [m.to for m in mail.outbox] == [["rep@test.example"]]
    assert "A follow-up for you: Book the plaza" in mail.outbox[0].subject
    mail.outbox.clear()
    call_command("send_due")  # on the 10th: not yet
    assert mail.outbox == []
    time_machine.move_to(datetime(2027, 3, 11, 8, 0, tzinfo=ZoneInfo("America/Chicago")))
    call_command("send_due")
    call_command("send_due")  # once only
    assert [m.to for m in mail.outbox] == [["rep@test.example"]]
    assert "Due tomorrow: Book the plaza" in mail.outbox[0].subject


# --- Every task on My work, each done in place ---------------------------------------------


def _tasks_of_every_kind(personas, owner_user, text):
    """A meeting follow-up, a campaign deliverable and an event follow-up for one person."""
    from juntos.campaigns import services as campaigns
    from juntos.events import services as events
    from tests.campaigns.conftest import make_campaign
    from tests.events.conftest import plan

    owner = person_of(personas, owner_user)
    campaign = make_campaign(personas, title=f"Campaign {text}")
    event = plan(personas, title=f"Forum {text}")
    return (
        services.followup_add(
            meeting=meeting(personas, days=-7),
            actor=personas.host,
            text=f"Call {text}",
            owner=owner,
            due_on=date(2027, 3, 12),
        ),
        campaigns.deliverable_add(
            campaign=campaign,
            coalition=personas.coalition,
            actor=personas.host,
            title=f"Stories {text}",
            due_on=date(2027, 3, 13),
            owner_person=owner,
        ),
        events.followup_add(
            event=event,
            actor=personas.host,
            text=f"Thank {text}",
            owner=owner,
            due_on=date(2027, 3, 14),
        ),
    )


@pytest.mark.parametrize("who", ["rep", "other_rep", "core", "supporter", "host"])
def test_each_role_sees_only_its_own_tasks_on_my_work_and_home(personas, who):
    everyone = ["rep", "other_rep", "core", "supporter", "host"]
    for name in everyone:
        _tasks_of_every_kind(personas, getattr(personas, name), name)
    client = personas.client(who)
    slug = personas.coalition.slug
    for page in (reverse("governance:my_work", args=[slug]), reverse("web:home", args=[slug])):
        body = client.get(page).content.decode()
        for name in everyone:
            for kind in ("Call", "Stories", "Thank"):
                assert (f"{kind} {name}" in body) is (name == who), (page, kind, name)


def _mark_done_posts(personas, follow_up, deliverable, event_follow_up):
    slug = personas.coalition.slug
    return [
        (reverse("governance:followup_done", args=[slug, follow_up.pk]), {"done": "1"}),
        (
            reverse(
                "campaigns:deliverable_check_in",
                args=[slug, deliverable.campaign_id, deliverable.pk],
            ),
            {"status": "done", "note": ""},
        ),
        (reverse("events:followup_done", args=[slug, event_follow_up.pk]), {}),
    ]


def test_another_persons_task_cannot_be_marked_done_and_nothing_is_saved(personas):
    from juntos.campaigns.models import Deliverable
    from juntos.events.models import EventFollowUp
    from juntos.governance.models import FollowUp

    tasks = _tasks_of_every_kind(personas, personas.rep, "rene")
    for who in ("other_rep", "supporter"):
        client = personas.client(who)
        for url, data in _mark_done_posts(personas, *tasks):
            response = client.post(url, {**data, "next": "mine"}, HTTP_HX_REQUEST="true")
            assert response.status_code in (403, 404), (who, url)
    assert FollowUp.objects.get(pk=tasks[0].pk).done_at is None
    assert Deliverable.objects.get(pk=tasks[1].pk).status == "open"
    assert not Deliverable.objects.get(pk=tasks[1].pk).check_ins.exists()
    assert EventFollowUp.objects.get(pk=tasks[2].pk).done_at is None


def test_each_task_is_marked_done_in_place_with_htmx(personas):
    from juntos.audit.models import AuditEntry

    tasks = _tasks_of_every_kind(personas, personas.rep, "rene")
    client = personas.client("rep")
    slug = personas.coalition.slug
    before = AuditEntry.objects.count()
    for shown, (url, data) in enumerate(_mark_done_posts(personas, *tasks)):
        response = client.post(url, {**data, "next": "mine"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        fragment = response.content.decode()
        assert fragment.lstrip().startswith('<div id="my-work">')  # the list, not a page
        assert "<html" not in fragment
        remaining = [t for t in ("Call rene", "Stories rene", "Thank rene")][shown + 1 :]
        assert all(t in fragment for t in remaining)
        assert f'<span class="badge">{len(remaining)}</span>' in fragment
    assert "Nothing is waiting for you." in fragment
    assert AuditEntry.objects.count() >= before + 3
    # A tap taken back: each is listed as recently done, and "Undo" reopens it.
    follow_up, deliverable, event_follow_up = tasks
    for kind, pk in (
        ("meeting", follow_up.pk),
        ("deliverable", deliverable.pk),
        ("event", event_follow_up.pk),
    ):
        assert f'id="done-{kind}-{pk}"' in fragment
    undo = [
        (reverse("governance:followup_done", args=[slug, follow_up.pk]), {"done": "0"}),
        (
            reverse(
                "campaigns:deliverable_check_in",
                args=[slug, deliverable.campaign_id, deliverable.pk],
            ),
            {"status": "open", "note": ""},
        ),
        (reverse("events:followup_done", args=[slug, event_follow_up.pk]), {"undo": "1"}),
    ]
    for url, data in undo:
        fragment = client.post(url, {**data, "next": "mine"}, HTTP_HX_REQUEST="true").content
    assert b'<span class="badge">3</span>' in fragment and b"Recently done" not in fragment
    # Without htmx (no JavaScript) the same forms come back to the page they were on.
    again = _tasks_of_every_kind(personas, personas.rep, "again")
    url, data = _mark_done_posts(personas, *again)[0]
    response = client.post(url, {**data, "next": "home"})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home", args=[personas.coalition.slug])


def test_a_deliverable_of_my_organization_is_checked_in_from_my_work(personas):
    from juntos.campaigns import services as campaigns
    from juntos.campaigns.models import Deliverable
    from tests.campaigns.conftest import make_campaign

    campaign = make_campaign(personas)
    row = campaigns.deliverable_add(
        campaign=campaign,
        coalition=personas.coalition,
        actor=personas.host,
        title="Twelve stories from Casa",
        due_on=date(2027, 3, 20),
        owner_member=personas.member,
    )
    client = personas.client("rep")
    page = client.get(reverse("governance:my_work", args=[personas.coalition.slug])).content
    assert b"Twelve stories from Casa" in page and b'value="underway"' in page
    url = reverse(
        "campaigns:deliverable_check_in", args=[personas.coalition.slug, campaign.pk, row.pk]
    )
    fragment = client.post(
        url, {"status": "underway", "note": "", "next": "mine"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Twelve stories from Casa" in fragment and "Under way" in fragment
    assert Deliverable.objects.get(pk=row.pk).status == "underway"


def test_sign_on_and_absence_are_answered_in_place(personas):
    from juntos.communications.models import SignOnAnswer
    from juntos.governance.models import AbsenceNotice

    upcoming = meeting(personas, days=14, hour=18, minute=0)
    statement = comms.statement_create(
        coalition=personas.coalition, actor=personas.host, title="Licenses for all", body="b"
    )
    comms.signon_request(statement=statement, actor=personas.host)
    client = personas.client("rep")
    slug = personas.coalition.slug
    fragment = client.post(
        reverse("communications:statement_action", args=[slug, statement.pk, "answer"]),
        {"signed": "in", "next": "home"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "Your answer is recorded." in fragment and "awaiting your answer" not in fragment
    assert SignOnAnswer.objects.get(statement=statement, member=personas.member).signed
    fragment = client.post(
        reverse("governance:absence", args=[slug, upcoming.pk]),
        {"next": "home"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "The hosts know you will be absent." in fragment
    assert AbsenceNotice.objects.filter(meeting=upcoming, member=personas.member).exists()


def test_the_old_task_pages_lead_to_my_work(personas):
    slug = personas.coalition.slug
    client = personas.client("rep")
    for old in ("governance:my_followups", "campaigns:my_work"):
        response = client.get(reverse(old, args=[slug]))
        assert response.status_code == 302
        assert response["Location"] == reverse("governance:my_work", args=[slug])
    _tasks_of_every_kind(personas, personas.rep, "rene")
    events = client.get(reverse("events:list", args=[slug])).content.decode()
    assert "1 event follow-up is waiting for you on My work." in events
    assert "Thank rene" not in events  # not a second list of the same tasks


def test_on_the_meetings_day_a_representative_checks_in_from_my_work(personas, time_machine):
    from juntos.governance.models import Attendance

    today = meeting(personas, hour=19, minute=0)  # the clock says 6:05 p.m.
    client = personas.client("rep")
    slug = personas.coalition.slug
    page = client.get(reverse("governance:my_work", args=[slug])).content.decode()
    assert "Check in" in page and "Casa Test will be absent" in page
    fragment = client.post(
        reverse("governance:check_in", args=[slug, today.pk]),
        {"action": "self", "next": "mine"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "You are checked in." in fragment
    assert Attendance.objects.filter(meeting=today, member=personas.member).exists()
    # Another day's meeting offers no check-in (the meeting's time rules).
    time_machine.move_to(datetime(2027, 3, 9, 18, 5, tzinfo=ZoneInfo("America/Chicago")))
    page = client.get(reverse("governance:my_work", args=[slug])).content.decode()
    assert "Check in" not in page and "Casa Test will be absent" in page


def test_my_work_costs_the_same_queries_for_three_tasks_or_fifteen(personas, rendered_every_time):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = personas.client("rep")
    page = reverse("governance:my_work", args=[personas.coalition.slug])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page).status_code == 200
        return len(captured)

    _tasks_of_every_kind(personas, personas.rep, "first")
    few = queries()
    for i in range(4):
        _tasks_of_every_kind(personas, personas.rep, f"more {i}")
    assert queries() == few


def test_a_supporters_tasks_link_to_no_page_they_cannot_open(personas):
    follow_up, deliverable, event_follow_up = _tasks_of_every_kind(
        personas, personas.supporter, "sol"
    )
    client = personas.client("supporter")
    slug = personas.coalition.slug
    body = client.get(reverse("governance:my_work", args=[slug])).content.decode()
    for text in ("Call sol", "Stories sol", "Thank sol"):
        assert f"<strong>{text}</strong>" in body
    for page in (
        reverse("governance:meeting", args=[slug, follow_up.meeting_id]),
        reverse("campaigns:deliverables", args=[slug, deliverable.campaign_id]),
        reverse("events:event", args=[slug, event_follow_up.event_id]),
    ):
        assert f'href="{page}"' not in body
        assert client.get(page).status_code in (403, 404)
    # ...and still does each of them from the list.
    fragment = client.post(
        reverse("events:followup_done", args=[slug, event_follow_up.pk]),
        {"next": "mine"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert f'id="task-event-{event_follow_up.pk}"' not in fragment and "Call sol" in fragment
    assert f'id="done-event-{event_follow_up.pk}"' in fragment  # recently done, to undo


def test_in_place_answers_show_what_was_answered_and_can_be_undone(personas, time_machine):
    from juntos.audit.models import Action, AuditEntry
    from juntos.communications.models import SignOnAnswer
    from juntos.governance.models import AbsenceNotice

    upcoming = meeting(personas, days=14, hour=18, minute=0)
    statement = comms.statement_create(
        coalition=personas.coalition, actor=personas.host, title="Licenses for all", body="b"
    )
    statement = comms.signon_request(statement=statement, actor=personas.host)
    client = personas.client("rep")
    slug = personas.coalition.slug
    withdraw = reverse("communications:statement_action", args=[slug, statement.pk, "withdraw"])
    fragment = client.post(
        reverse("communications:statement_action", args=[slug, statement.pk, "answer"]),
        {"signed": "out", "next": "home"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "You answered: leave us off" in fragment and withdraw in fragment
    fragment = client.post(withdraw, {"next": "home"}, HTTP_HX_REQUEST="true").content.decode()
    assert not SignOnAnswer.objects.filter(statement=statement).exists()
    assert "awaiting your answer" in fragment and "You answered" not in fragment
    assert AuditEntry.objects.filter(action=Action.SIGNON_WITHDRAWN).count() == 1

    undo_absence = reverse("governance:absence_withdraw", args=[slug, upcoming.pk])
    fragment = client.post(
        reverse("governance:absence", args=[slug, upcoming.pk]),
        {"next": "home"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "The hosts know you will be absent." in fragment and undo_absence in fragment
    fragment = client.post(undo_absence, {"next": "home"}, HTTP_HX_REQUEST="true").content.decode()
    assert not AbsenceNotice.objects.filter(meeting=upcoming).exists()
    assert "Casa Test will be absent" in fragment
    assert AuditEntry.objects.filter(action=Action.ABSENCE_WITHDRAWN).count() == 1

    # Past the deadline / once the meeting started, no Undo is offered and none is taken.
    comms.signon_answer(
        statement=statement,
        member=personas.member,
        signed=True,
        by_name="Rene Rep",
        via="app",
        user=personas.rep,
    )
    services.absence_notify(
        meeting=upcoming, member=personas.member, person=None, actor=personas.rep
    )
    time_machine.move_to(upcoming.starts_at)
    home = client.get(reverse("web:home", args=[slug])).content.decode()
    assert withdraw not in home and undo_absence not in home
    client.post(withdraw, {"next": "home"})
    client.post(undo_absence, {"next": "home"})
    assert SignOnAnswer.objects.filter(statement=statement).exists()
    assert AbsenceNotice.objects.filter(meeting=upcoming).exists()


def test_the_home_top_offers_undo_for_a_follow_up_just_done(personas):
    follow_up = services.followup_add(
        meeting=meeting(personas, days=14, hour=18, minute=0),
        actor=personas.host,
        text="Book the plaza",
        owner=person_of(personas, personas.rep),
        due_on=date(2027, 3, 12),
    )
    client = personas.client("rep")
    slug = personas.coalition.slug
    done = reverse("governance:followup_done", args=[slug, follow_up.pk])
    fragment = client.post(
        done, {"done": "1", "next": "home"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Recently done" in fragment and f'id="done-meeting-{follow_up.pk}"' in fragment
    home = client.get(reverse("web:home", args=[slug])).content.decode()
    assert "Recently done" in home and 'name="done" value="0"' in home
