"""Thresholds say what bylaws say: a fraction of a base, for each kind of decision."""

import importlib
import math
from fractions import Fraction

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from juntos.charter import presets
from juntos.charter import rules as r
from juntos.governance import rules as g

RULES = r.CharterRules()


@pytest.fixture(autouse=True)
def _english():
    """The words checked here are English; an earlier request may have left Spanish on."""
    with translation.override("en"):
        yield


def outcome(rule, base, yes, no=0, abstain=0, eligible=None, voting=None):
    eligible = yes + no + abstain if eligible is None else eligible
    voting = eligible if voting is None else voting
    return r.threshold_outcome(
        r.Threshold(rule, base=base),
        yes=yes,
        no=no,
        abstain=abstain,
        eligible=eligible,
        voting=voting,
    )


def test_two_thirds_of_those_present_counts_abstentions_and_missing_ballots_against():
    # 9 present: 6 yes, 1 no, 2 abstain. Of votes cast 6/7 passes; of those present needs 6.
    assert outcome(r.TWO_THIRDS, r.BASE_CAST, 6, 1, 2).passed
    assert outcome(r.TWO_THIRDS, r.BASE_PRESENT, 6, 1, 2).passed
    assert not outcome(r.TWO_THIRDS, r.BASE_PRESENT, 5, 0, 4).passed  # 5 of 9 < 6
    assert outcome(r.TWO_THIRDS, r.BASE_CAST, 5, 0, 4).passed


def test_majority_of_all_voting_members_counts_absent_members():
    # 12 voting members, 8 present: 6 yes is a majority of those present, not of all 12.
    assert outcome(r.MAJORITY, r.BASE_PRESENT, 6, 2, eligible=8, voting=12).passed
    assert not outcome(r.MAJORITY, r.BASE_VOTING, 6, 2, eligible=8, voting=12).passed
    assert outcome(r.MAJORITY, r.BASE_VOTING, 7, 1, eligible=8, voting=12).passed


def test_unanimous_says_of_whom():
    assert outcome(r.UNANIMOUS, r.BASE_CAST, 5, 0, 3).passed  # abstentions set aside
    assert not outcome(r.UNANIMOUS, r.BASE_PRESENT, 5, 0, 3).passed
    assert outcome(r.UNANIMOUS, r.BASE_PRESENT, 8, eligible=8, voting=10).passed
    assert not outcome(r.UNANIMOUS, r.BASE_VOTING, 8, eligible=8, voting=10).passed


@pytest.mark.parametrize(
    ("rule", "count", "needed"),
    [
        (r.MAJORITY, 10, 6),
        (r.MAJORITY, 9, 5),
        (r.THREE_FIFTHS, 10, 6),
        (r.TWO_THIRDS, 13, 9),
        (r.THREE_QUARTERS, 10, 8),
        ("4/5", 12, 10),
        (r.UNANIMOUS, 7, 7),
        (r.MAJORITY, 0, 1),
    ],
)
def test_yes_needed(rule, count, needed):
    assert r.yes_needed(rule, count) == needed


@pytest.mark.parametrize("bad", ["5/4", "0/3", "a/b", "3", "1/0"])
def test_a_fraction_above_one_or_unreadable_is_refused(bad):
    with pytest.raises(r.RulesError) as error:
        r.rules_from_dict({"thresholds": {r.GENERAL: {"rule": bad}}})
    assert "thresholds.general" in error.value.errors


def test_an_unknown_base_is_refused():
    with pytest.raises(r.RulesError):
        r.rules_from_dict({"thresholds": {r.GENERAL: {"rule": "majority", "base": "friends"}}})
    with pytest.raises(r.RulesError):
        r.rules_from_dict({"quorum_base": "friends"})


def test_labels_say_the_base_in_words():
    label = r.threshold_label(r.Threshold(r.TWO_THIRDS, base=r.BASE_PRESENT))
    assert label == "two thirds of voting members present"
    assert r.threshold_label(r.Threshold(r.UNANIMOUS, base=r.BASE_VOTING)) == (
        "a unanimous vote of all voting members"
    )
    assert "at least 4/5" in r.threshold_label(r.Threshold("4/5", base=r.BASE_CAST))


def test_the_seeds_removal_vote_reads_as_it_did():
    text = dict(r.describe(RULES))["Remove a member"]
    assert text == "Needs quorum and a unanimous vote. The member under review does not vote."
    tally = g.tally(kind=r.REMOVE_MEMBER, yes=11, no=0, abstain=1, eligible=12, rules=RULES)
    assert not tally.passed and "abstention" in tally.rule


def test_a_coalition_can_write_two_thirds_of_those_present_and_get_it():
    rules = r.rules_from_dict(
        {"thresholds": {r.REMOVE_MEMBER: {"rule": "two_thirds", "base": "present"}}}
    )
    assert "two thirds of voting members present" in dict(r.describe(rules))["Remove a member"]
    tally = g.tally(kind=r.REMOVE_MEMBER, yes=6, no=0, abstain=3, eligible=9, rules=rules)
    assert tally.passed and tally.needed == 6
    assert not g.tally(kind=r.REMOVE_MEMBER, yes=5, no=0, abstain=4, eligible=9, rules=rules).passed


def test_quorum_of_all_members_counts_non_voting_members():
    rules = r.rules_from_dict(
        {"quorum_numerator": 1, "quorum_denominator": 2, "quorum_base": "members"}
    )
    panel = g.meeting_quorum(
        present_ids={1, 2, 3},
        voting_ids={1, 2, 3, 4},
        rules=rules,
        member_ids={1, 2, 3, 4, 5, 6, 7, 8},
    )
    assert panel.result.total == 8 and panel.result.needed == 4 and not panel.met
    seed = g.meeting_quorum(
        present_ids={1, 2, 3},
        voting_ids={1, 2, 3, 4},
        rules=RULES,
        member_ids={1, 2, 3, 4, 5, 6, 7, 8},
    )
    assert seed.result.total == 4 and seed.met
    assert r.quorum_example(RULES) == "With 12 voting members, 8 must be present."


# --- Properties -------------------------------------------------------------------------------

fractions = st.sampled_from(
    [r.MAJORITY, r.THREE_FIFTHS, r.TWO_THIRDS, r.THREE_QUARTERS, r.UNANIMOUS, "1/3", "4/5", "7/10"]
)
bases = st.sampled_from(r.THRESHOLD_BASES)


@st.composite
def meetings(draw):
    """A random membership and attendance, and how those present voted."""
    voting = draw(st.integers(0, 40))
    present = draw(st.integers(0, voting))
    yes = draw(st.integers(0, present))
    no = draw(st.integers(0, present - yes))
    abstain = draw(st.integers(0, present - yes - no))
    return voting, present, yes, no, abstain


def reference(rule, base, voting, present, yes, no, abstain):
    """The bylaws' words, counted by hand."""
    count = {r.BASE_CAST: yes + no, r.BASE_PRESENT: present, r.BASE_VOTING: voting}[base]
    if yes == 0 or count == 0:
        return False
    if rule == r.UNANIMOUS:
        return no == 0 if base == r.BASE_CAST else yes == count
    if rule == r.MAJORITY:
        return Fraction(yes, count) > Fraction(1, 2)
    return Fraction(yes, count) >= r.parse_fraction(rule)


@given(rule=fractions, base=bases, m=meetings())
def test_outcome_matches_the_bylaws_words(rule, base, m):
    voting, present, yes, no, abstain = m
    result = r.threshold_outcome(
        r.Threshold(rule, base=base),
        yes=yes,
        no=no,
        abstain=abstain,
        eligible=present,
        voting=voting,
    )
    assert result.passed == reference(rule, base, voting, present, yes, no, abstain)
    if rule != r.UNANIMOUS or base != r.BASE_CAST:
        assert result.passed == (result.base_count > 0 and yes >= result.needed)


@given(rule=fractions, base=bases, m=meetings())
def test_turning_a_no_into_a_yes_never_turns_a_pass_into_a_fail(rule, base, m):
    voting, present, yes, no, abstain = m
    if no == 0:
        return
    t = r.Threshold(rule, base=base)
    before = r.threshold_outcome(
        t, yes=yes, no=no, abstain=abstain, eligible=present, voting=voting
    )
    after = r.threshold_outcome(
        t, yes=yes + 1, no=no - 1, abstain=abstain, eligible=present, voting=voting
    )
    assert after.passed or not before.passed


@given(rule=fractions, m=meetings())
def test_a_wider_base_never_passes_what_a_narrower_one_refuses(rule, m):
    """Votes cast ⊆ those present ⊆ all voting members: the wider, the harder."""
    voting, present, yes, no, abstain = m

    def t(base):
        return r.threshold_outcome(
            r.Threshold(rule, base=base),
            yes=yes,
            no=no,
            abstain=abstain,
            eligible=present,
            voting=voting,
        ).passed

    if t(r.BASE_VOTING):
        assert t(r.BASE_PRESENT)
    if t(r.BASE_PRESENT):
        assert t(r.BASE_CAST)


@given(rule=fractions, count=st.integers(1, 200))
def test_yes_needed_is_the_smallest_count_that_reaches_the_fraction(rule, count):
    needed = r.yes_needed(rule, count)
    assert 1 <= needed <= count
    if rule == r.MAJORITY:
        assert needed * 2 > count and (needed - 1) * 2 <= count
    elif rule == r.UNANIMOUS:
        assert needed == count
    else:
        f = r.parse_fraction(rule)
        assert needed == max(1, math.ceil(f * count))


@given(
    yes=st.integers(0, 40),
    no=st.integers(0, 40),
    abstain=st.integers(0, 40),
    missing=st.integers(0, 5),
    kind=st.sampled_from(r.DECISION_KINDS),
    basis=st.sampled_from([r.UNANIMITY_PRESENT, r.UNANIMITY_VOTES_CAST]),
)
def test_seed_rules_keep_their_meaning(yes, no, abstain, missing, kind, basis):
    """The tally before bases existed (rule + unanimity_basis) and after agree."""
    from dataclasses import replace

    rules = replace(RULES, unanimity_basis=basis)
    eligible = yes + no + abstain + missing
    cast = yes + no
    rule = rules.thresholds[kind].rule
    if rule == r.MAJORITY:
        old = cast > 0 and yes * 2 > cast
    elif rule == r.TWO_THIRDS:
        old = cast > 0 and yes * 3 >= cast * 2
    elif basis == r.UNANIMITY_PRESENT:
        old = eligible > 0 and yes == eligible and no == 0 and abstain == 0
    else:
        old = yes > 0 and no == 0
    new = g.tally(kind=kind, yes=yes, no=no, abstain=abstain, eligible=eligible, rules=rules)
    assert new.passed == old
    stored = r.rules_from_dict(rules.to_dict(explicit=True))
    again = g.tally(kind=kind, yes=yes, no=no, abstain=abstain, eligible=eligible, rules=stored)
    assert again.passed == old


# --- One table per template -------------------------------------------------------------------

TABLE = [
    # template, kind, (voting, present, yes, no, abstain), passes
    ("seed", r.ADMIT_MEMBER, (12, 9, 5, 4, 0), True),
    ("seed", r.ADMIT_MEMBER, (12, 9, 4, 4, 1), False),
    ("seed", r.REMOVE_MEMBER, (12, 9, 8, 0, 1), False),
    ("seed", r.REMOVE_MEMBER, (12, 9, 9, 0, 0), True),
    ("seed", r.AMEND_CHARTER, (12, 9, 6, 3, 0), True),
    ("seed", r.AMEND_CHARTER, (12, 9, 5, 3, 1), False),
    ("seed", r.DISSOLVE_PRIORITY, (12, 9, 8, 1, 0), False),
    ("simple", r.REMOVE_MEMBER, (12, 9, 5, 4, 0), True),
    ("simple", r.AMEND_CHARTER, (12, 9, 5, 4, 0), True),
    ("simple", r.GENERAL, (12, 9, 4, 4, 1), False),
    ("blank", r.DISSOLVE_PRIORITY, (12, 9, 5, 4, 0), True),
]


@pytest.mark.parametrize(("template", "kind", "votes", "passes"), TABLE)
def test_template_table(template, kind, votes, passes):
    rules = r.rules_from_dict(presets.template_rules(template))
    voting, present, yes, no, abstain = votes
    result = g.tally(
        kind=kind, yes=yes, no=no, abstain=abstain, eligible=present, voting=voting, rules=rules
    )
    assert result.passed == passes


@pytest.mark.parametrize(("template", "quorum_of_12"), [("seed", 8), ("simple", 6), ("blank", 6)])
def test_template_quorum_table(template, quorum_of_12):
    rules = r.rules_from_dict(presets.template_rules(template))
    assert r.quorum_check(quorum_of_12, 12, rules).met
    assert not r.quorum_check(quorum_of_12 - 1, 12, rules).met


# --- The data migration ----------------------------------------------------------------------

migration = importlib.import_module(
    "juntos.charter.migrations.0003_onboarding_thresholds_seasons_adoption"
)


@pytest.mark.parametrize(
    "stored",
    [
        r.CharterRules().to_dict(),  # the seed, as stored before bases existed
        {**r.CharterRules().to_dict(), "unanimity_basis": "votes_cast"},
        {  # the second coalition's own bylaws
            "quorum_numerator": 1,
            "quorum_denominator": 2,
            "thresholds": {"remove_member": {"rule": "two_thirds", "requires_quorum": True}},
            "unnotified_absences_for_review": 2,
            "max_active_priorities": 3,
            "agenda_lead_days": 5,
            "consent_window_hours": 48,
            "session_months": [1, 4, 7, 10],
            "interim_months": [],
        },
        {},
    ],
)
def test_data_migration_keeps_every_charters_meaning(stored):
    before = r.rules_from_dict(stored)
    after = r.rules_from_dict(migration.explicit_rules(stored))
    for kind in r.DECISION_KINDS:
        assert before.threshold(kind) == after.threshold(kind)
        for yes, no, abstain, missing in [
            (5, 4, 0, 0),
            (9, 0, 0, 0),
            (8, 0, 1, 0),
            (6, 3, 0, 2),
            (3, 0, 3, 0),
            (0, 0, 0, 0),
        ]:
            eligible = yes + no + abstain + missing
            args = dict(kind=kind, yes=yes, no=no, abstain=abstain, eligible=eligible)
            assert g.tally(**args, rules=before).passed == g.tally(**args, rules=after).passed
    assert after.quorum == before.quorum and after.quorum_base == r.QUORUM_VOTING
    assert g.meeting_calendar(2027, before) == g.meeting_calendar(2027, after)
    assert dict(r.describe(before)) == dict(r.describe(after))
    assert migration.explicit_rules(migration.explicit_rules(stored)) == migration.explicit_rules(
        stored
    )
