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


def test_home_top_shows_open_vote_signon_and_next_meeting(personas):
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
    assert reverse("governance:meeting", args=[personas.coalition.slug, upcoming.pk]) in home
    assert "Casa Test will be absent" in home
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
    assert b"March on Friday" not in body and b"Licenses for all" not in body


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
