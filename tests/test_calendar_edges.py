"""The product's dates at the hard moments of a calendar: a Chicago evening that is already
tomorrow in UTC, a change to or from daylight saving time, a year's end, a leap day.

Each test sets the clock; none reads it."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from juntos.campaigns import rules as campaign_rules
from juntos.campaigns import svg
from juntos.charter.rules import CharterRules
from juntos.governance import rules as governance_rules
from juntos.governance import services as governance

CHICAGO = ZoneInfo("America/Chicago")


def test_a_years_meetings_start_at_the_same_local_hour_on_both_sides_of_dst(personas):
    meetings = governance.meeting_schedule_year(
        coalition=personas.coalition, actor=personas.host, year=2027, start_time=time(18)
    )
    assert meetings
    for meeting in meetings:
        local = timezone.localtime(meeting.starts_at, CHICAGO)
        assert (local.hour, local.minute) == (18, 0)
        # 18:00 in Chicago is 23:00 or 00:00 UTC: the meeting keeps its local date.
        assert meeting.local_date == local.date()
    hours_utc = {m.starts_at.astimezone(ZoneInfo("UTC")).hour for m in meetings}
    assert hours_utc <= {23, 0}


@pytest.mark.parametrize("year", [2026, 2027, 2028, 2031])
def test_the_charters_calendar_gives_each_month_one_meeting_on_its_weekday(year):
    rules = CharterRules()
    planned = governance_rules.meeting_calendar(year, rules)
    assert len({p.slot for p in planned}) == len(planned)
    for p in planned:
        assert p.on.year == year and p.on.weekday() == rules.meeting_weekday
        assert p.slot == f"{year:04d}-{p.on.month:02d}"


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 12, 31, 23, 30, tzinfo=CHICAGO),  # already 1 January in UTC
        datetime(2028, 2, 29, 21, 0, tzinfo=CHICAGO),  # a leap day's evening
        datetime(2027, 3, 14, 3, 30, tzinfo=CHICAGO),  # the first hour of daylight time
        datetime(2027, 11, 7, 1, 30, tzinfo=CHICAGO),  # the hour that happens twice
    ],
)
def test_today_is_the_coalitions_date_at_hard_moments(time_machine, moment):
    time_machine.move_to(moment)
    assert timezone.localdate() == moment.date()


def test_a_timeline_runs_across_the_new_year(time_machine):
    time_machine.move_to(datetime(2026, 12, 20, 21, tzinfo=CHICAGO))
    today = timezone.localdate()
    items = [svg.TimelineItem("actions", "Lobby day", date(2027, 1, 12))]
    start, end = svg.timeline_range(items, today)
    assert start == date(2026, 12, 1) and end > date(2027, 2, 1)
    chart = svg.timeline_svg(items=items, blackouts={}, start=start, end=end, today=today)
    assert "January 2027" in chart and "December 2026" in chart and "Lobby day" in chart


def test_new_years_day_is_a_blackout_on_both_sides_of_the_year():
    days = campaign_rules.blackout_days(
        start=date(2026, 12, 20), end=date(2027, 1, 10), state="MO", key_dates=[]
    )
    assert date(2026, 12, 25) in days and date(2027, 1, 1) in days


def test_agenda_deadline_counts_local_days_on_a_chicago_evening(personas, time_machine):
    # 22:00 on 2 March in Chicago is 3 March in UTC; the meeting is on 9 March at 18:00.
    time_machine.move_to(datetime(2027, 3, 2, 22, tzinfo=CHICAGO))
    meeting = governance.meeting_add(
        coalition=personas.coalition,
        actor=personas.host,
        kind="regular",
        starts_at=datetime(2027, 3, 9, 18, tzinfo=CHICAGO),
        place="Union Hall",
    )
    assert meeting.local_date == date(2027, 3, 9)
    rules = CharterRules()
    timing = governance_rules.agenda_timing(
        meeting_on=meeting.local_date, published_on=None, today=timezone.localdate(), rules=rules
    )
    assert timing.deadline == date(2027, 3, 9) - timedelta(days=rules.agenda_lead_days)
    assert timing.days_left == 0 and not timing.late


def test_the_meetings_page_lists_tonights_meeting_as_upcoming(personas, time_machine):
    time_machine.move_to(datetime(2027, 11, 6, 19, 30, tzinfo=CHICAGO))
    governance.meeting_add(
        coalition=personas.coalition,
        actor=personas.host,
        kind="regular",
        starts_at=datetime(2027, 11, 6, 18, tzinfo=CHICAGO),
        place="Union Hall",
    )
    page = personas.client("rep").get(
        reverse("governance:meetings", args=[personas.coalition.slug])
    )
    assert page.status_code == 200
    assert [m.local_date for m in page.context["upcoming"]] == [date(2027, 11, 6)]
