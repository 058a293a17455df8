"""Small things found while trying the campaign team's work end to end (issue 19, item 10)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from juntos.campaigns.forms import GoalForm
from juntos.campaigns.models import Campaign
from juntos.relationships import services as relationships
from juntos.relationships.models import OneToOne

pytestmark = pytest.mark.django_db


def test_starting_the_same_playbook_twice_warns_first(personas):
    client = personas.client("host")
    start = reverse("campaigns:start", args=[personas.coalition.slug])
    data = {"playbook": "municipal_id", "team": personas.core_team.pk, "state": "MO"}
    assert client.post(start, data).status_code == 302
    warned = client.post(start, data)
    assert warned.status_code == 200 and "already under way" in warned.content.decode()
    assert Campaign.objects.filter(playbook="municipal_id").count() == 1
    assert client.post(start, {**data, "again": "1"}).status_code == 302
    assert Campaign.objects.filter(playbook="municipal_id").count() == 2


def test_goal_fields_the_rules_require_are_not_labelled_optional(personas):
    from juntos.web.templatetags.fields import field

    html = str(GoalForm(coalition=personas.coalition)["measure"].label_tag())

    form = GoalForm(coalition=personas.coalition)
    for name in ("measure", "target_value", "due_on", "winners"):
        assert "(optional)" not in field(form[name]), name
    assert "(optional)" in field(form["baseline"])  # truly optional
    assert "Measure" in html


def test_a_one_to_one_in_the_future_is_refused(personas, time_machine):
    time_machine.move_to(datetime(2027, 3, 10, 22, tzinfo=ZoneInfo("America/Chicago")))
    host = personas.host.people.get(coalition=personas.coalition)
    rep = personas.rep.people.get(coalition=personas.coalition)
    with pytest.raises(ValidationError):
        relationships.one_to_one_log(
            coalition=personas.coalition,
            actor=personas.host,
            organizer=host,
            person=rep,
            cares_about="Schools",
            met_on=date(2027, 3, 11),
        )
    page = personas.client("host").post(
        reverse("relationships:one_to_ones", args=[personas.coalition.slug]),
        {"person": rep.pk, "met_on": "2027-03-11", "cares_about": "Schools"},
    )
    assert page.status_code == 400 and "cannot be in the future" in page.content.decode()
    assert not OneToOne.objects.exists()
    # Today (in Chicago, even when UTC is already tomorrow) is fine.
    relationships.one_to_one_log(
        coalition=personas.coalition,
        actor=personas.host,
        organizer=host,
        person=rep,
        cares_about="Schools",
        met_on=date(2027, 3, 10),
    )
    assert OneToOne.objects.count() == 1


def test_one_to_one_follow_up_dates_appear_in_my_work(personas, time_machine):
    time_machine.move_to(datetime(2027, 3, 10, 12, tzinfo=ZoneInfo("America/Chicago")))
    host = personas.host.people.get(coalition=personas.coalition)
    rep = personas.rep.people.get(coalition=personas.coalition)
    relationships.one_to_one_log(
        coalition=personas.coalition,
        actor=personas.host,
        organizer=host,
        person=rep,
        cares_about="Schools",
        met_on=date(2027, 3, 1),
        follow_up="Send the school board contacts",
        follow_up_by=date(2027, 3, 8),
    )
    page = personas.client("host").get(
        reverse("governance:my_work", args=[personas.coalition.slug])
    )
    section = page.content.decode().split('id="my-tasks"', 1)[1]
    assert "Send the school board contacts" in section and "overdue" in section
    # Someone else's one-to-ones are not in my work.
    other = personas.client("rep").get(
        reverse("governance:my_work", args=[personas.coalition.slug])
    )
    assert "Send the school board contacts" not in other.content.decode()
