"""The governance rules, without the database: quorum, voting members, the tally,
absences and removal, the calendar, agenda lead time and the priority cap."""

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juntos.charter.rules import (
    ADMIT_MEMBER,
    ADOPT_PRIORITY,
    AMEND_CHARTER,
    DECISION_KINDS,
    DISSOLVE_PRIORITY,
    GENERAL,
    REMOVE_MEMBER,
    UNANIMITY_VOTES_CAST,
    CharterRules,
    rules_from_dict,
)
from juntos.governance import rules as r

RULES = CharterRules()
DAY = date(2027, 3, 11)


# --- Quorum --------------------------------------------------------------------------------


def test_quorum_two_thirds_of_13_needs_9():
    panel = r.meeting_quorum(present_ids=range(9), voting_ids=range(13), rules=RULES)
    assert panel.met
    assert (panel.result.present, panel.result.total, panel.result.needed) == (9, 13, 9)
    assert panel.fraction == "2/3"
    assert panel.missing == (9, 10, 11, 12)
    assert "2/3" in panel.rule and "9 of 13" in panel.rule


def test_quorum_one_short_of_the_fraction_is_not_met():
    panel = r.meeting_quorum(present_ids=range(8), voting_ids=range(13), rules=RULES)
    assert not panel.met
    assert panel.short_of == 1


def test_quorum_exactly_at_the_fraction_is_met():
    panel = r.meeting_quorum(present_ids=range(8), voting_ids=range(12), rules=RULES)
    assert panel.result.needed == 8 and panel.met


def test_quorum_with_zero_voting_members_is_never_met():
    panel = r.meeting_quorum(present_ids=[], voting_ids=[], rules=RULES)
    assert not panel.met
    assert panel.result.needed == 0 and panel.missing == ()


def test_quorum_ignores_people_present_who_are_not_voting_members():
    panel = r.meeting_quorum(present_ids=[1, 2, 99, 100], voting_ids=[1, 2, 3], rules=RULES)
    assert panel.result.present == 2
    assert panel.missing == (3,)


def test_quorum_follows_the_charters_fraction():
    half = replace(RULES, quorum_numerator=1, quorum_denominator=2)
    panel = r.meeting_quorum(present_ids=range(5), voting_ids=range(10), rules=half)
    assert panel.met and panel.fraction == "1/2"


@given(total=st.integers(1, 200), present=st.integers(0, 200))
def test_quorum_is_met_exactly_when_present_reaches_two_thirds(total, present):
    present = min(present, total)
    panel = r.meeting_quorum(present_ids=range(present), voting_ids=range(total), rules=RULES)
    assert panel.met == (3 * present >= 2 * total)


# --- Voting members ------------------------------------------------------------------------


def facts(**kw):
    base = {"id": 1, "admitted_on": date(2026, 1, 1)}
    return r.MemberFacts(**{**base, **kw})


def test_member_in_good_standing_is_eligible():
    answer = r.voting_eligibility(facts(), on=DAY, rules=RULES)
    assert answer.eligible and answer.reason == ""
    assert "good standing" in answer.rule


def test_member_admitted_on_the_meeting_day_votes():
    assert r.voting_eligibility(facts(admitted_on=DAY), on=DAY, rules=RULES).eligible


def test_member_admitted_after_the_meeting_does_not_vote():
    answer = r.voting_eligibility(facts(admitted_on=date(2027, 3, 12)), on=DAY, rules=RULES)
    assert not answer.eligible and "admitted" in answer.reason


def test_member_admitted_at_this_meeting_votes_from_the_next_one():
    answer = r.voting_eligibility(
        facts(admitted_on=DAY, admitted_at_this_meeting=True), on=DAY, rules=RULES
    )
    assert not answer.eligible and "next meeting" in answer.reason


def test_removed_member_does_not_vote_but_did_before_removal():
    removed = facts(removed_on=date(2027, 2, 1))
    assert not r.voting_eligibility(removed, on=DAY, rules=RULES).eligible
    assert r.voting_eligibility(removed, on=date(2027, 1, 14), rules=RULES).eligible


def test_member_without_primary_contact_is_not_in_good_standing():
    answer = r.voting_eligibility(facts(has_primary_contact=False), on=DAY, rules=RULES)
    assert not answer.eligible and "contact" in answer.reason
    relaxed = replace(RULES, primary_contact_required=False)
    assert r.voting_eligibility(facts(has_primary_contact=False), on=DAY, rules=relaxed).eligible


def test_member_that_did_not_agree_to_charter_is_not_eligible():
    assert not r.voting_eligibility(facts(agreed_to_charter=False), on=DAY, rules=RULES).eligible


def test_three_unnotified_absences_cost_the_vote_two_do_not():
    assert r.voting_eligibility(facts(unnotified_absences=2), on=DAY, rules=RULES).eligible
    answer = r.voting_eligibility(facts(unnotified_absences=3), on=DAY, rules=RULES)
    assert not answer.eligible and "3 meetings" in answer.reason


def test_voting_members_filters_members_joining_and_leaving_mid_year():
    members = [
        facts(id=1),
        facts(id=2, admitted_on=date(2027, 6, 1)),  # joins mid-year
        facts(id=3, removed_on=date(2027, 2, 1)),  # left
        facts(id=4, unnotified_absences=3),
    ]
    assert r.voting_members(members, on=DAY, rules=RULES) == [1]
    assert r.voting_members(members, on=date(2027, 7, 8), rules=RULES) == [1, 2]
    assert r.voting_members(members, on=date(2027, 1, 14), rules=RULES) == [1, 3]


# --- Ballots -------------------------------------------------------------------------------


def _quorum(present, voting):
    return r.meeting_quorum(present_ids=present, voting_ids=voting, rules=RULES)


def test_ballot_refused_without_quorum_cites_the_rule():
    q = _quorum([1], [1, 2, 3])
    answer = r.ballot_allowed(
        member_id=1, voting_ids=[1, 2, 3], present_ids=[1], kind=GENERAL, quorum=q, rules=RULES
    )
    assert not answer.allowed
    assert "1 of 3" in answer.reason and "2 needed" in answer.reason
    assert "Quorum" in answer.rule and "discuss" in answer.rule


def test_ballot_allowed_without_quorum_when_charter_waives_it():
    rules = rules_from_dict(
        {"thresholds": {GENERAL: {"rule": "majority", "requires_quorum": False}}}
    )
    q = r.meeting_quorum(present_ids=[1], voting_ids=[1, 2, 3], rules=rules)
    answer = r.ballot_allowed(
        member_id=1, voting_ids=[1, 2, 3], present_ids=[1], kind=GENERAL, quorum=q, rules=rules
    )
    assert answer.allowed


def test_member_under_review_cannot_vote_on_its_own_removal():
    q = _quorum([1, 2, 3], [1, 2, 3])
    answer = r.ballot_allowed(
        member_id=3,
        voting_ids=[1, 2, 3],
        present_ids=[1, 2, 3],
        kind=REMOVE_MEMBER,
        subject_member_id=3,
        quorum=q,
        rules=RULES,
    )
    assert not answer.allowed and "own removal" in answer.reason
    other = r.ballot_allowed(
        member_id=2,
        voting_ids=[1, 2, 3],
        present_ids=[1, 2, 3],
        kind=REMOVE_MEMBER,
        subject_member_id=3,
        quorum=q,
        rules=RULES,
    )
    assert other.allowed


def test_absent_or_non_voting_member_cannot_vote():
    q = _quorum([1, 2, 9], [1, 2, 3])
    absent = r.ballot_allowed(
        member_id=3,
        voting_ids=[1, 2, 3],
        present_ids=[1, 2, 9],
        kind=GENERAL,
        quorum=q,
        rules=RULES,
    )
    assert not absent.allowed and "present" in absent.reason
    not_voting = r.ballot_allowed(
        member_id=9,
        voting_ids=[1, 2, 3],
        present_ids=[1, 2, 9],
        kind=GENERAL,
        quorum=q,
        rules=RULES,
    )
    assert not not_voting.allowed and "not a voting member" in not_voting.reason


def test_eligible_voters_excludes_the_subject_of_a_removal_only():
    assert r.eligible_voters(
        voting_ids=[1, 2, 3], present_ids=[1, 2, 3, 4], kind=REMOVE_MEMBER, subject_member_id=3
    ) == {1, 2}
    assert r.eligible_voters(
        voting_ids=[1, 2, 3], present_ids=[1, 2, 3], kind=GENERAL, subject_member_id=3
    ) == {1, 2, 3}


# --- The tally -----------------------------------------------------------------------------


def t(kind, yes, no=0, abstain=0, eligible=None, rules=RULES):
    if eligible is None:
        eligible = yes + no + abstain
    return r.tally(kind=kind, yes=yes, no=no, abstain=abstain, eligible=eligible, rules=rules)


def test_majority_passes_with_more_yes_than_no():
    result = t(ADMIT_MEMBER, 5, 4)
    assert result.passed and result.needed == 5
    assert "majority" in result.rule and result.summary.startswith("5 yes, 4 no")


def test_majority_tie_does_not_pass():
    result = t(ADMIT_MEMBER, 4, 4)
    assert not result.passed and "tie" in result.rule


def test_majority_ignores_abstentions():
    assert t(ADOPT_PRIORITY, 2, 1, abstain=7).passed
    assert not t(ADOPT_PRIORITY, 1, 1, abstain=7).passed


def test_nothing_passes_without_votes_cast():
    assert not t(GENERAL, 0, 0, abstain=3).passed
    assert not t(GENERAL, 0, 0, abstain=0, eligible=0).passed
    assert not t(AMEND_CHARTER, 0, 0, abstain=2).passed


def test_two_thirds_of_13_cast_needs_9():
    assert t(AMEND_CHARTER, 9, 4).passed
    assert t(AMEND_CHARTER, 9, 4).needed == 9
    assert not t(AMEND_CHARTER, 8, 5).passed


def test_two_thirds_exactly_at_the_fraction_passes():
    assert t(AMEND_CHARTER, 6, 3).passed
    assert not t(AMEND_CHARTER, 5, 3).passed


def test_unanimous_removal_needs_every_eligible_member_present():
    assert t(REMOVE_MEMBER, 12, eligible=12).passed
    blocked = t(REMOVE_MEMBER, 11, abstain=1, eligible=12)
    assert not blocked.passed and "abstention" in blocked.rule
    missing_ballot = t(REMOVE_MEMBER, 11, eligible=12)
    assert not missing_ballot.passed
    assert "member under review does not vote" in missing_ballot.rule


def test_unanimous_dissolve_blocked_by_a_single_no():
    assert not t(DISSOLVE_PRIORITY, 9, 1).passed


def test_unanimous_with_zero_eligible_members_does_not_pass():
    assert not t(DISSOLVE_PRIORITY, 0, eligible=0).passed


def test_unanimity_among_votes_cast_ignores_abstentions():
    rules = replace(RULES, unanimity_basis=UNANIMITY_VOTES_CAST)
    assert t(REMOVE_MEMBER, 5, abstain=2, eligible=9, rules=rules).passed
    assert not t(REMOVE_MEMBER, 5, 1, eligible=9, rules=rules).passed
    assert not t(REMOVE_MEMBER, 0, abstain=3, rules=rules).passed


def test_tally_uses_the_charters_threshold_per_kind():
    rules = rules_from_dict({"thresholds": {ADMIT_MEMBER: {"rule": "unanimous"}}})
    assert not t(ADMIT_MEMBER, 5, 1, rules=rules).passed
    assert t(ADMIT_MEMBER, 5, 1).passed


def test_count_choices_refuses_unknown_choice():
    assert r.count_choices(["yes", "no", "abstain", "yes"]) == (2, 1, 1)
    with pytest.raises(ValueError):
        r.count_choices(["maybe"])


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        r.tally(kind=GENERAL, yes=-1, no=0, abstain=0, eligible=0, rules=RULES)


ballots = st.lists(st.sampled_from(r.CHOICES), max_size=60)


@given(choices=ballots, kind=st.sampled_from(DECISION_KINDS), extra=st.integers(0, 5))
def test_tally_counts_match_the_ballots(choices, kind, extra):
    yes, no, abstain = r.count_choices(choices)
    result = t(kind, yes, no, abstain, eligible=len(choices) + extra)
    assert result.yes + result.no + result.abstain == len(choices)
    assert (result.yes, result.no, result.abstain) == (
        choices.count("yes"),
        choices.count("no"),
        choices.count("abstain"),
    )
    assert result.rule and result.summary


@given(choices=ballots, kind=st.sampled_from(DECISION_KINDS))
def test_no_motion_passes_without_a_yes_and_none_passes_with_more_no_than_yes(choices, kind):
    yes, no, abstain = r.count_choices(choices)
    result = t(kind, yes, no, abstain)
    if yes == 0 or no >= yes:
        assert not result.passed


@given(yes=st.integers(0, 50), no=st.integers(0, 50), abstain=st.integers(0, 50))
def test_majority_passes_exactly_when_yes_outnumber_no(yes, no, abstain):
    assert t(GENERAL, yes, no, abstain).passed == (yes > no)


@given(yes=st.integers(0, 50), no=st.integers(0, 50), abstain=st.integers(0, 50))
def test_two_thirds_passes_exactly_when_yes_are_two_thirds_of_cast(yes, no, abstain):
    result = t(AMEND_CHARTER, yes, no, abstain)
    assert result.passed == (yes + no > 0 and 3 * yes >= 2 * (yes + no))
    if yes + no:
        assert result.passed == (yes >= result.needed)


@given(
    yes=st.integers(0, 30),
    no=st.integers(0, 30),
    abstain=st.integers(0, 30),
    missing=st.integers(0, 5),
)
def test_unanimity_present_passes_only_when_every_eligible_member_says_yes(
    yes, no, abstain, missing
):
    eligible = yes + no + abstain + missing
    result = t(REMOVE_MEMBER, yes, no, abstain, eligible=eligible)
    assert result.passed == (yes > 0 and yes == eligible)


@given(choices=ballots, more_yes=st.integers(1, 5), kind=st.sampled_from(DECISION_KINDS))
def test_adding_yes_votes_never_turns_a_pass_into_a_fail(choices, more_yes, kind):
    yes, no, abstain = r.count_choices(choices)
    before = t(kind, yes, no, abstain, eligible=len(choices) + more_yes)
    after = t(kind, yes + more_yes, no, abstain, eligible=len(choices) + more_yes)
    assert after.passed or not before.passed


# --- Absences and removal ------------------------------------------------------------------


MEETINGS = [r.HeldMeeting(i, date(2027, i, 11)) for i in range(1, 7)]


def test_attendance_counts_present_notified_and_unnotified():
    counts = r.attendance_counts(
        admitted_on=date(2026, 1, 1),
        removed_on=None,
        meetings=MEETINGS,
        present={1, 2, 3},
        notified={4, 1},
    )
    assert counts == r.AttendanceCounts(attended=3, notified_absences=1, unnotified_absences=2)


def test_meetings_before_joining_or_after_leaving_do_not_count():
    counts = r.attendance_counts(
        admitted_on=date(2027, 3, 1),
        removed_on=date(2027, 5, 11),
        meetings=MEETINGS,
        present=set(),
        notified=set(),
    )
    assert counts.unnotified_absences == 2  # March and April only


def test_removal_review_due_at_three_unnotified_absences():
    assert not r.removal_review_due(unnotified_absences=2, rules=RULES).due
    answer = r.removal_review_due(unnotified_absences=3, rules=RULES)
    assert answer.due and answer.limit == 3
    assert "3 meetings" in answer.rule and "unanimous" in answer.rule


def test_removal_trigger_follows_the_charter():
    rules = replace(RULES, unnotified_absences_for_review=2)
    assert r.removal_review_due(unnotified_absences=2, rules=rules).due


# --- The calendar --------------------------------------------------------------------------


def test_nth_weekday():
    assert r.nth_weekday(2027, 1, 3, 2) == date(2027, 1, 14)  # second Thursday
    assert r.nth_weekday(2027, 4, 3, 1) == date(2027, 4, 1)  # month starting on Thursday
    assert r.nth_weekday(2027, 2, 0, 4) == date(2027, 2, 22)
    with pytest.raises(ValueError):
        r.nth_weekday(2027, 1, 3, 5)


def test_calendar_of_the_seed_coalition():
    planned = r.meeting_calendar(2027, RULES)
    assert len(planned) == 12
    assert [p.on.weekday() for p in planned] == [3] * 12
    session, interim = planned[:4], planned[4:]
    assert all(p.topic == r.TOPIC_LEGISLATIVE for p in session)
    assert all(p.topic == r.TOPIC_EDUCATIONAL for p in interim)
    assert [p.format for p in interim] == [r.IN_PERSON, r.CALL] * 4
    assert planned[0].on == date(2027, 1, 14) and planned[0].slot == "2027-01"
    assert "legislative" in session[0].rule and "alternating" in interim[0].rule


def test_calendar_follows_the_charters_settings():
    rules = rules_from_dict(
        {
            "session_months": [1, 2, 3],
            "interim_months": [6, 7, 8],
            "interim_starts_in_person": False,
            "meeting_weekday": 1,
            "meeting_week_of_month": 1,
        }
    )
    planned = r.meeting_calendar(2027, rules)
    assert [p.on.month for p in planned] == [1, 2, 3, 6, 7, 8]
    assert [p.format for p in planned[3:]] == [r.CALL, r.IN_PERSON, r.CALL]
    assert planned[0].on == date(2027, 1, 5)  # first Tuesday


# --- Agenda lead time and priorities -------------------------------------------------------


def test_agenda_published_seven_days_ahead_is_on_time():
    timing = r.agenda_timing(
        meeting_on=DAY, published_on=date(2027, 3, 4), today=date(2027, 3, 4), rules=RULES
    )
    assert not timing.late and timing.deadline == date(2027, 3, 4) and timing.days_left == 0
    assert "7 days" in timing.rule


def test_agenda_published_six_days_ahead_is_late():
    timing = r.agenda_timing(
        meeting_on=DAY, published_on=date(2027, 3, 5), today=date(2027, 3, 5), rules=RULES
    )
    assert timing.late and timing.days_left == -1


def test_unpublished_agenda_is_late_once_the_deadline_passes():
    before = r.agenda_timing(meeting_on=DAY, published_on=None, today=date(2027, 3, 1), rules=RULES)
    assert not before.late and before.days_left == 3
    after = r.agenda_timing(meeting_on=DAY, published_on=None, today=date(2027, 3, 6), rules=RULES)
    assert after.late


def test_fifth_active_priority_is_refused():
    assert r.priority_adoption(active=3, rules=RULES).allowed
    cap = r.priority_adoption(active=4, rules=RULES)
    assert not cap.allowed and cap.limit == 4 and "at most 4" in cap.rule
