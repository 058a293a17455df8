from datetime import date
from fractions import Fraction

import pytest

from juntos.charter import rules as r


def test_defaults_are_the_seed_coalitions():
    rules = r.CharterRules()
    assert rules.quorum == Fraction(2, 3)
    assert rules.threshold(r.ADMIT_MEMBER).rule == r.MAJORITY
    assert rules.threshold(r.REMOVE_MEMBER).rule == r.UNANIMOUS
    assert rules.threshold(r.DISSOLVE_PRIORITY).rule == r.UNANIMOUS
    assert rules.max_active_priorities == 4
    assert rules.unnotified_absences_for_review == 3
    assert rules.agenda_lead_days == 7
    assert rules.consent_window_hours == 24
    assert all(rules.threshold(k).requires_quorum for k in r.DECISION_KINDS)


def test_rules_round_trip_through_stored_json():
    rules = r.CharterRules()
    assert r.rules_from_dict(rules.to_dict()) == rules


@pytest.mark.parametrize(
    ("total", "needed"), [(0, 0), (1, 1), (2, 2), (3, 2), (4, 3), (12, 8), (13, 9), (15, 10)]
)
def test_quorum_rounds_up(total, needed):
    assert r.quorum_needed(total, Fraction(2, 3)) == needed


def test_quorum_exactly_at_the_fraction_is_met():
    result = r.quorum_check(8, 12, r.CharterRules())
    assert result.met and result.needed == 8
    assert "2/3" in result.rule


def test_quorum_one_short_is_not_met():
    result = r.quorum_check(8, 13, r.CharterRules())
    assert not result.met and result.needed == 9


def test_no_voting_members_is_never_quorate():
    assert not r.quorum_check(0, 0, r.CharterRules()).met


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"quorum_numerator": 0}, "quorum_numerator"),
        ({"quorum_numerator": 4, "quorum_denominator": 3}, "quorum_numerator"),
        ({"quorum_denominator": 0}, "quorum_denominator"),
        ({"quorum_denominator": -3}, "quorum_denominator"),
        ({"max_active_priorities": -1}, "max_active_priorities"),
        ({"agenda_lead_days": -7}, "agenda_lead_days"),
        ({"consent_window_hours": 0}, "consent_window_hours"),
        ({"unnotified_absences_for_review": "three"}, "unnotified_absences_for_review"),
        ({"session_months": [0, 13]}, "session_months"),
        ({"session_months": [1, 5], "interim_months": [5, 6]}, "interim_months"),
        ({"thresholds": {"admit_member": {"rule": "most"}}}, "thresholds.admit_member"),
        ({"meeting_weekday": 9}, "meeting_weekday"),
    ],
)
def test_invalid_rules_are_refused_naming_the_field(data, field):
    with pytest.raises(r.RulesError) as error:
        r.rules_from_dict(data)
    assert field in error.value.errors
    assert error.value.errors[field]  # a message a person can read


def test_every_problem_is_reported_at_once():
    with pytest.raises(r.RulesError) as error:
        r.rules_from_dict({"quorum_numerator": 0, "max_active_priorities": -2})
    assert set(error.value.errors) == {"quorum_numerator", "max_active_priorities"}


def test_full_quorum_is_allowed():
    assert r.rules_from_dict({"quorum_numerator": 1, "quorum_denominator": 1}).quorum == 1


def test_version_in_force_picks_latest_effective_on_or_before_the_date():
    versions = [
        r.VersionRef(1, date(2024, 1, 1)),
        r.VersionRef(2, date(2025, 6, 1)),
        r.VersionRef(3, date(2026, 1, 1)),
    ]
    assert r.version_in_force(versions, date(2023, 12, 31)) is None
    assert r.version_in_force(versions, date(2024, 1, 1)).number == 1
    assert r.version_in_force(versions, date(2025, 12, 31)).number == 2
    assert r.version_in_force(versions, date(2030, 1, 1)).number == 3


def test_same_day_amendments_the_later_number_wins():
    versions = [r.VersionRef(1, date(2024, 1, 1)), r.VersionRef(2, date(2024, 1, 1))]
    assert r.version_in_force(versions, date(2024, 1, 1)).number == 2


def test_rules_diff_lists_only_changes():
    before = r.CharterRules().to_dict()
    after = r.rules_from_dict({**before, "quorum_numerator": 3, "quorum_denominator": 5})
    diff = r.rules_diff(before, after.to_dict())
    assert diff == {"quorum_numerator": [2, 3], "quorum_denominator": [3, 5]}


def test_plain_language_covers_every_rule_the_home_page_promises():
    text = " ".join(f"{h} {s}" for h, s in r.describe(r.CharterRules()))
    for expected in (
        "2/3",
        "At most 4",
        "3 absences",
        "7 days",
        "24 hours",
        "unanimous",
        "Thursday",
        "January",
    ):
        assert expected in text, expected
