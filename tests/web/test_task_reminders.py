"""Owners hear of their tasks (issue 16, item 12): a campaign deliverable or an event
follow-up is mailed to its owners when assigned and once the day before it is due, the day
counted in the coalition's time zone (America/Chicago), through `juntos send_due` (the one
path meeting follow-ups take too); owners on the weekly digest are not mailed; each mail is
in its reader's language."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from juntos.campaigns import services as campaigns
from juntos.events import services as events
from juntos.governance import services as governance
from juntos.members.models import Person
from tests.campaigns.conftest import make_campaign
from tests.events.conftest import plan
from tests.governance.helpers import meeting

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")
DUE = date(2027, 3, 12)


def person(personas, user):
    return Person.objects.get(coalition=personas.coalition, user=user)


@pytest.fixture
def assigned(personas, time_machine, django_capture_on_commit_callbacks):
    """On March 10th: a deliverable for Rene, one for Olga's organization, an event follow-up
    for Cora (who reads Spanish) and a meeting follow-up for Rene, all due on the 12th."""
    time_machine.move_to(datetime(2027, 3, 10, 9, 0, tzinfo=CHICAGO), tick=False)
    campaign = make_campaign(personas)
    event = plan(personas, start=datetime(2027, 3, 1, 18, 0, tzinfo=CHICAGO))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        campaigns.deliverable_add(
            campaign=campaign,
            coalition=personas.coalition,
            actor=personas.host,
            title="Collect twelve stories",
            due_on=DUE,
            owner_person=person(personas, personas.rep),
        )
        campaigns.deliverable_add(
            campaign=campaign,
            coalition=personas.coalition,
            actor=personas.host,
            title="Bring ten members",
            due_on=DUE,
            owner_member=personas.other_member,
        )
        events.followup_add(
            event=event,
            actor=personas.host,
            text="Thank the alderwoman",
            owner=person(personas, personas.core),
            due_on=DUE,
        )
        governance.followup_add(
            meeting=meeting(personas, days=-3),
            actor=personas.host,
            text="Book the plaza",
            owner=person(personas, personas.rep),
            due_on=DUE,
        )
    return campaign


def sent():
    return sorted((m.to[0], m.subject) for m in mail.outbox)


def send_due_at(time_machine, moment):
    time_machine.move_to(moment, tick=False)
    mail.outbox.clear()
    call_command("send_due", stdout=io.StringIO())
    return sent()


def test_owners_are_mailed_when_a_deliverable_or_event_follow_up_is_assigned(assigned):
    assert sent() == [
        ("core@test.example", "Un seguimiento para usted: Thank the alderwoman"),
        ("other@test.example", "A task for you: Bring ten members"),
        ("rep@test.example", "A follow-up for you: Book the plaza"),
        ("rep@test.example", "A task for you: Collect twelve stories"),
    ]
    spanish = next(m for m in mail.outbox if m.to == ["core@test.example"])
    assert "Después del evento" in spanish.body and "/my-work/" in spanish.body


def test_the_day_before_reminder_follows_the_coalitions_day_not_utc(assigned, time_machine):
    # 11:59 p.m. on the 10th in Chicago is already the 11th in UTC: not yet the day before.
    assert send_due_at(time_machine, datetime(2027, 3, 10, 23, 59, tzinfo=CHICAGO)) == []
    reminders = send_due_at(time_machine, datetime(2027, 3, 11, 0, 1, tzinfo=CHICAGO))
    assert reminders == [
        ("core@test.example", "Vence mañana: Thank the alderwoman"),
        ("other@test.example", "Due tomorrow: Bring ten members"),
        ("rep@test.example", "Due tomorrow: Book the plaza"),
        ("rep@test.example", "Due tomorrow: Collect twelve stories"),
    ]
    # Once only, however often cron runs that day; and nothing on the day itself.
    assert send_due_at(time_machine, datetime(2027, 3, 11, 23, 0, tzinfo=CHICAGO)) == []
    assert send_due_at(time_machine, datetime(2027, 3, 12, 8, 0, tzinfo=CHICAGO)) == []


def test_done_tasks_and_weekly_digest_readers_get_no_reminder(personas, assigned, time_machine):
    from juntos.campaigns.models import Deliverable

    stories = Deliverable.objects.get(title="Collect twelve stories")
    campaigns.deliverable_check_in(
        deliverable=stories, actor=personas.rep, person=None, status="done"
    )
    for user in (personas.other_rep, personas.core):
        someone = person(personas, user)
        someone.notice_frequency = "weekly"
        someone.save(update_fields=["notice_frequency"])
    reminders = send_due_at(time_machine, datetime(2027, 3, 11, 7, 0, tzinfo=CHICAGO))
    assert reminders == [("rep@test.example", "Due tomorrow: Book the plaza")]


def test_a_follow_up_made_a_deliverable_is_reminded_once(personas, time_machine):
    time_machine.move_to(datetime(2027, 3, 10, 9, 0, tzinfo=CHICAGO), tick=False)
    follow_up = governance.followup_add(
        meeting=meeting(personas, days=-3),
        actor=personas.host,
        text="Book the plaza",
        owner=person(personas, personas.rep),
        due_on=DUE,
    )
    campaigns.deliverable_from_followup(
        campaign=make_campaign(personas), actor=personas.host, follow_up=follow_up
    )
    reminders = send_due_at(time_machine, datetime(2027, 3, 11, 7, 0, tzinfo=CHICAGO))
    assert reminders == [("rep@test.example", "Due tomorrow: Book the plaza")]


def test_weekly_digest_readers_find_their_open_tasks_in_the_digest(
    personas, assigned, time_machine
):
    from juntos.communications.services import digest_send

    for user in (personas.other_rep, personas.core):
        someone = person(personas, user)
        someone.notice_frequency = "weekly"
        someone.save(update_fields=["notice_frequency"])
    time_machine.move_to(datetime(2027, 3, 11, 7, 0, tzinfo=CHICAGO), tick=False)
    mail.outbox.clear()
    assert digest_send(coalition=personas.coalition) == 2
    digests = {m.to[0]: m.body for m in mail.outbox}
    assert set(digests) == {"other@test.example", "core@test.example"}
    assert "Bring ten members" in digests["other@test.example"]
    assert "Campaign: IDs for every resident" in digests["other@test.example"]
    assert "Thank the alderwoman" in digests["core@test.example"]
    assert "Sus tareas pendientes" in digests["core@test.example"]
    assert "Evento: Community forum on immigration" in digests["core@test.example"]
    assert "Book the plaza" not in "".join(digests.values())  # Rene hears of each task
