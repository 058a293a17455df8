"""Any meeting rhythm: seasons, each with its months, rhythm, day, topic and format."""

from datetime import date

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from juntos.charter import rules as r
from juntos.governance import rules as g


@pytest.fixture(autouse=True)
def _english():
    """The words checked here are English; an earlier request may have left Spanish on."""
    with translation.override("en"):
        yield


def season_rules(**season):
    return r.rules_from_dict({"seasons": [season]})


def test_every_other_tuesday():
    rules = season_rules(months=list(range(1, 13)), rhythm="biweekly", weekday=1)
    dates = [e.on for e in r.season_calendar(2027, rules)]
    assert all(d.weekday() == 1 for d in dates)
    assert all((b - a).days == 14 for a, b in zip(dates, dates[1:], strict=False))
    assert len(dates) in (26, 27)
    words = dict(r.describe(rules))["Meeting calendar"]
    assert "every other Tuesday" in words and "every month" not in words
    with translation.override("es"):
        words = dict(r.describe(rules))["Calendario de reuniones"]
        assert "un martes sí y otro no" in words and "Todo el año" in words


def test_the_other_fortnight_is_the_other_parity():
    a = season_rules(rhythm="biweekly", weekday=1, biweekly_parity=0)
    b = season_rules(rhythm="biweekly", weekday=1, biweekly_parity=1)
    da = {e.on for e in r.season_calendar(2027, a)}
    db = {e.on for e in r.season_calendar(2027, b)}
    assert not da & db and len(da | db) == 52


def test_weekly_in_chosen_months():
    rules = season_rules(months=[6, 7], rhythm="weekly", weekday=4)
    dates = [e.on for e in r.season_calendar(2027, rules)]
    assert {d.month for d in dates} == {6, 7} and len(dates) == 9  # Fridays of June-July 2027


def test_quarterly_on_the_last_monday():
    rules = season_rules(months=[1, 4, 7, 10], rhythm="monthly", weekday=0, week_of_month=5)
    dates = [e.on for e in r.season_calendar(2027, rules)]
    assert dates == [date(2027, 1, 25), date(2027, 4, 26), date(2027, 7, 26), date(2027, 10, 25)]
    assert "Quarterly" in dict(r.describe(rules))["Meeting calendar"]
    assert "last Monday" in dict(r.describe(rules))["Meeting calendar"]


def test_seasons_each_with_their_own_rhythm_topic_and_format():
    rules = r.rules_from_dict(
        {
            "seasons": [
                {
                    "months": [1, 2, 3, 4],
                    "rhythm": "weekly",
                    "weekday": 2,
                    "topic": "legislative",
                    "format": "call",
                },
                {
                    "months": [5, 6, 7, 8, 9, 10, 11, 12],
                    "rhythm": "monthly",
                    "weekday": 3,
                    "week_of_month": 2,
                    "topic": "educational",
                    "format": "alternating",
                },
            ]
        }
    )
    planned = g.meeting_calendar(2027, rules)
    session = [p for p in planned if p.on.month <= 4]
    interim = [p for p in planned if p.on.month > 4]
    assert all(p.topic == "legislative" and p.format == "call" for p in session)
    assert len(session) == 17  # Wednesdays, January to April 2027
    assert [p.format for p in interim] == ["in_person", "call"] * 4
    assert len({p.slot for p in planned}) == len(planned)
    assert all(len(p.slot) <= 7 and p.slot.startswith("2027-") for p in planned)


def test_the_seeds_calendar_is_one_case_of_seasons():
    seed = r.CharterRules()
    as_seasons = r.rules_from_dict(
        {
            "seasons": [
                {
                    "months": list(s.months),
                    "rhythm": s.rhythm,
                    "weekday": s.weekday,
                    "week_of_month": s.week_of_month,
                    "topic": s.topic,
                    "format": s.format,
                    "starts_in_person": s.starts_in_person,
                }
                for s in seed.calendar_seasons()
            ]
        }
    )
    old = [(p.on, p.format, p.topic, p.slot) for p in g.meeting_calendar(2027, seed)]
    new = [(p.on, p.format, p.topic, p.slot) for p in g.meeting_calendar(2027, as_seasons)]
    assert old == new


@pytest.mark.parametrize(
    ("seasons", "field"),
    [
        ([{"months": []}], "seasons.0"),
        ([{"months": [13]}], "seasons.0"),
        ([{"months": [1]}, {"months": [1, 2]}], "seasons.1"),
        ([{"months": [1], "rhythm": "daily"}], "seasons.0"),
        ([{"months": [1], "week_of_month": 6}], "seasons.0"),
    ],
)
def test_bad_seasons_are_refused(seasons, field):
    with pytest.raises(r.RulesError) as error:
        r.rules_from_dict({"seasons": seasons})
    assert field in error.value.errors


@given(
    months=st.sets(st.integers(1, 12), min_size=1),
    rhythm=st.sampled_from(r.RHYTHMS),
    weekday=st.integers(0, 6),
    week=st.integers(1, 5),
    year=st.integers(2020, 2040),
)
def test_every_generated_meeting_is_in_its_months_on_its_day_with_a_unique_slot(
    months, rhythm, weekday, week, year
):
    rules = season_rules(months=sorted(months), rhythm=rhythm, weekday=weekday, week_of_month=week)
    entries = r.season_calendar(year, rules)
    assert entries
    assert all(
        e.on.year == year and e.on.month in months and e.on.weekday() == weekday for e in entries
    )
    assert len({e.slot for e in entries}) == len(entries)
    assert all(len(e.slot) <= 7 for e in entries)


def test_the_schedule_generates_every_other_tuesday_once(personas):
    from datetime import date as d

    from django.urls import reverse

    from juntos.charter import services
    from juntos.governance.models import Meeting
    from juntos.governance.services import meeting_schedule_year

    p = personas
    current = p.coalition.charter_in_force(d(2027, 1, 1))
    services.charter_amend(
        coalition=p.coalition,
        actor=p.host,
        effective_from=d(2020, 1, 1),  # the same day as version 1: it wins, at any date
        summary="Every other Tuesday",
        reason="",
        mission=current.mission,
        values=current.values,
        agreements=current.agreements,
        rules={
            **current.rules,
            "seasons": [{"rhythm": "biweekly", "weekday": 1, "topic": "other", "format": "call"}],
        },
    )
    first = meeting_schedule_year(coalition=p.coalition, actor=p.host, year=2027)
    again = meeting_schedule_year(coalition=p.coalition, actor=p.host, year=2027)
    assert len(first) in (26, 27) and again == []
    from django.utils import timezone

    starts = sorted(
        timezone.localtime(m.starts_at).date()
        for m in Meeting.objects.filter(coalition=p.coalition)
    )
    assert all((b - a).days == 14 for a, b in zip(starts, starts[1:], strict=False))
    p.host.preferred_language = "es"
    p.host.save(update_fields=["preferred_language"])
    page = p.client("host").get(
        reverse("governance:schedule", args=[p.coalition.slug]) + "?year=2027"
    )
    text = page.content.decode()
    # In Spanish the preview says the rule as the charter does, not "every month".
    assert "un martes sí y otro no" in text and "Los asuntos de la coalición" in text


def test_the_calendar_form_keeps_the_fortnight_when_shown_again():
    from juntos.charter.setup_forms import CalendarForm

    rules = season_rules(rhythm="biweekly", weekday=1, biweekly_parity=1)
    initial = CalendarForm.initial_from(rules)
    data = {k: v for k, v in initial.items()}
    data["s0_months"] = [str(m) for m in data["s0_months"]]
    data["s0_first"] = data["s0_first"].isoformat()
    for i in (1, 2):
        data.update(
            {
                f"s{i}_rhythm": "monthly",
                f"s{i}_week": 1,
                f"s{i}_weekday": 0,
                f"s{i}_topic": "other",
                f"s{i}_format": "in_person",
            }
        )
    form = CalendarForm(data)
    assert form.is_valid(), form.errors
    assert form.season_list[0]["biweekly_parity"] == 1
