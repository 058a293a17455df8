"""The pure campaign rules: goal checks, the tactic ladder, blackout dates, the issue tally."""

from datetime import date
from decimal import Decimal

import pytest

from juntos.campaigns import rules
from juntos.campaigns.rules import DateSpan, Rung

TODAY = date(2026, 3, 2)


def check(**overrides):
    values = {
        "measure": "council votes",
        "target_value": Decimal(5),
        "due_on": date(2026, 9, 1),
        "winners": ["Casa Test"],
        "today": TODAY,
    }
    values.update(overrides)
    return rules.goal_check(**values)


# --- Goals -----------------------------------------------------------------------------


def test_complete_goal_is_accepted_and_cites_the_rule():
    result = check()
    assert result.accepted
    assert result.problems == []
    assert "measure" in result.rule and "Win-win" in result.rule


@pytest.mark.parametrize(
    "overrides, code",
    [
        ({"measure": ""}, "no_measure"),
        ({"measure": "   "}, "no_measure"),
        ({"target_value": None}, "no_target"),
        ({"target_value": 0}, "no_target"),
        ({"target_value": Decimal("-3")}, "no_target"),
        ({"due_on": None}, "no_date"),
        ({"due_on": date(2026, 3, 1)}, "date_past"),
        ({"winners": []}, "no_win"),
        ({"winners": ["  "]}, "no_win"),
    ],
)
def test_goal_refused_with_one_clear_problem(overrides, code):
    result = check(**overrides)
    assert not result.accepted
    assert [p.code for p in result.problems] == [code]
    assert result.problems[0].message


def test_goal_due_today_is_not_in_the_past():
    assert check(due_on=TODAY).accepted


def test_goal_with_nothing_lists_every_problem():
    result = check(measure="", target_value=None, due_on=None, winners=[])
    assert [p.code for p in result.problems] == ["no_measure", "no_target", "no_date", "no_win"]


def test_past_date_message_names_the_date():
    result = check(due_on=date(2025, 12, 31))
    assert "2025-12-31" in result.problems[0].message


def test_checklist_holds_what_cannot_be_computed():
    result = check()
    keys = {i.key for i in result.checklist}
    assert keys == {
        "strategic",
        "ambitious",
        "realistic",
        "inclusive",
        "equitable",
        "believable",
        "attainable",
        "tangible",
    }
    assert {i.framework for i in result.checklist} == {"SMARTIE", "BATOW"}
    assert set(result.unanswered) == keys


def test_checklist_answers_are_tracked_but_do_not_block():
    result = check(answers={"strategic": True, "tangible": True, "ambitious": False})
    assert result.accepted
    assert "strategic" not in result.unanswered and "tangible" not in result.unanswered
    assert "ambitious" in result.unanswered


@pytest.mark.parametrize(
    "baseline, target, latest, percent",
    [
        (0, 100, None, 0),
        (0, 100, 25, 25),
        (10, 20, 15, 50),
        (0, 100, 250, 100),
        (50, 100, 10, 0),
        (5, 5, 5, 100),
        (5, 5, 4, 0),
    ],
)
def test_goal_progress_percent(baseline, target, latest, percent):
    latest = None if latest is None else Decimal(latest)
    assert (
        rules.goal_progress(baseline=Decimal(baseline), target=Decimal(target), latest=latest)
        == percent
    )


# --- The ladder ------------------------------------------------------------------------


def test_first_rung_needs_no_meeting_on_record():
    result = rules.ladder_check(planned=Rung.MEETING, on_plan=[], decision_maker_met=False)
    assert result.ok and result.current == 0 and result.next == Rung.MEETING


def test_escalation_before_a_meeting_warns_with_the_reason():
    result = rules.ladder_check(
        planned=Rung.LETTERS, on_plan=[Rung.MEETING], decision_maker_met=False
    )
    assert not result.ok
    assert [w.code for w in result.warnings] == ["no_meeting"]
    assert "Meet them first" in result.warnings[0].message
    assert "decision maker" in result.rule


def test_next_rung_after_a_meeting_is_fine():
    result = rules.ladder_check(
        planned=Rung.LETTERS, on_plan=[Rung.MEETING], decision_maker_met=True
    )
    assert result.ok and result.next == Rung.LETTERS


def test_skipping_to_civil_disobedience_warns():
    result = rules.ladder_check(
        planned=Rung.CIVIL_DISOBEDIENCE, on_plan=[Rung.MEETING], decision_maker_met=True
    )
    assert [w.code for w in result.warnings] == ["skips_rungs"]
    assert "Letters, calls and op-eds" in result.warnings[0].message
    assert "civil disobedience" in result.warnings[0].message


def test_rally_with_nothing_planned_gives_both_warnings():
    result = rules.ladder_check(planned=Rung.RALLY, on_plan=[], decision_maker_met=False)
    assert [w.code for w in result.warnings] == ["no_meeting", "skips_rungs"]
    assert "nothing yet" in result.warnings[1].message


def test_planning_a_lower_rung_again_is_fine():
    result = rules.ladder_check(
        planned=Rung.VIGIL,
        on_plan=[Rung.MEETING, Rung.LETTERS, Rung.VIGIL, Rung.RALLY],
        decision_maker_met=True,
    )
    assert result.ok and result.current == Rung.RALLY and result.next == Rung.DIRECT_ACTION


def test_next_rung_stops_at_the_top():
    result = rules.ladder_check(
        planned=Rung.CIVIL_DISOBEDIENCE, on_plan=list(Rung), decision_maker_met=True
    )
    assert result.ok and result.next == Rung.CIVIL_DISOBEDIENCE


def test_ladder_position_marks_done_planned_skipped_and_ahead():
    rows = rules.ladder_position(done=[Rung.MEETING, Rung.VIGIL], planned=[Rung.RALLY])
    assert [r["state"] for r in rows] == ["done", "skipped", "done", "planned", "ahead", "ahead"]
    assert rows[0]["label"] == "Meetings with decision makers"
    assert len(rows) == 6


# --- Blackout dates --------------------------------------------------------------------


def test_federal_holiday_is_a_blackout():
    result = rules.blackout_check(on=date(2026, 1, 19))
    assert result.blocked
    assert result.reasons == ["Martin Luther King Jr. Day"]
    assert "holidays" in result.rule


def test_ordinary_weekday_is_clear():
    result = rules.blackout_check(on=date(2026, 3, 4))
    assert not result.blocked and result.reasons == []


def test_state_holiday_counts_only_for_that_state():
    truman = date(2026, 5, 8)
    assert not rules.blackout_check(on=truman).blocked
    missouri = rules.blackout_check(on=truman, state="mo")
    assert missouri.blocked and missouri.reasons == ["Truman Day (MO)"]


def test_unknown_state_code_falls_back_to_federal():
    assert rules.blackout_check(on=date(2026, 7, 3), state="ZZ").blocked


def test_recess_span_covers_every_day_inside_it():
    recess = DateSpan("Spring recess", date(2026, 3, 16), date(2026, 3, 20), "recess", True)
    assert rules.blackout_check(on=date(2026, 3, 18), key_dates=[recess]).reasons == [
        "Spring recess"
    ]
    assert not rules.blackout_check(on=date(2026, 3, 21), key_dates=[recess]).blocked
    assert rules.blackout_check(on=date(2026, 3, 16), key_dates=[recess]).blocked


def test_key_date_not_marked_blackout_does_not_block():
    session = DateSpan("Session opens", date(2026, 1, 7), date(2026, 5, 15), "session", False)
    assert not rules.blackout_check(on=date(2026, 2, 3), key_dates=[session]).blocked


def test_holiday_and_retreat_on_the_same_day_give_both_reasons():
    retreat = DateSpan("Casa Test retreat", date(2026, 9, 6), date(2026, 9, 8), "retreat")
    result = rules.blackout_check(on=date(2026, 9, 7), key_dates=[retreat])
    assert result.reasons == ["Labor Day", "Casa Test retreat"]


def test_blackout_days_over_a_range():
    convention = DateSpan("Convention", date(2026, 6, 30), date(2026, 7, 2), "convention")
    days = rules.blackout_days(start=date(2026, 7, 1), end=date(2026, 7, 5), key_dates=[convention])
    assert sorted(days) == [date(2026, 7, 1), date(2026, 7, 2), date(2026, 7, 3), date(2026, 7, 4)]
    assert days[date(2026, 7, 1)] == ["Convention"]
    assert "Independence Day" in days[date(2026, 7, 4)]


def test_holiday_spans_across_years_and_states():
    spans = rules.holiday_spans(start=date(2025, 12, 20), end=date(2026, 1, 5), state="MO")
    assert [s.starts_on for s in spans] == [date(2025, 12, 25), date(2026, 1, 1)]
    assert all(s.category == "holiday" and s.blackout for s in spans)


# --- Issue tally -----------------------------------------------------------------------


def test_split_issues_dedupes_case_and_spacing():
    assert rules.split_issues("Licenses; school,  licenses\nWage  theft") == [
        "Licenses",
        "school",
        "Wage theft",
    ]
    assert rules.split_issues("") == []


def test_tally_orders_by_count_and_keeps_the_responses_behind_each():
    tally, rule = rules.issue_tally(
        [
            (1, ["Driver's licenses", "Wage theft"]),
            (2, ["driver's  licenses"]),
            (3, ["Wage theft", "Driver's licenses", "DRIVER'S LICENSES"]),
            (4, ["Schools"]),
        ]
    )
    assert [(t.issue, t.count) for t in tally] == [
        ("Driver's licenses", 3),
        ("Wage theft", 2),
        ("Schools", 1),
    ]
    assert tally[0].responses == [1, 2, 3]
    assert "once per response" in rule


def test_tally_of_nothing_is_empty():
    assert rules.issue_tally([])[0] == []
    assert rules.issue_tally([(1, ["  "])])[0] == []
