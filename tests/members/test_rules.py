import pytest

from juntos.charter.rules import CharterRules
from juntos.members import rules as r


def test_recruiting_balance_puts_gaps_first_and_covers_every_sector():
    rows = r.recruiting_balance([["labor", "grassroots"], ["labor"], ["education"]])
    assert [s for s, _ in rows][:5] == [
        "immigrant_rights",
        "healthcare",
        "religious_rights",
        "civil_rights",
        "individuals",
    ]
    assert dict(rows) == {
        "immigrant_rights": 0,
        "grassroots": 1,
        "education": 1,
        "healthcare": 0,
        "religious_rights": 0,
        "civil_rights": 0,
        "labor": 2,
        "individuals": 0,
    }
    assert rows[-1] == ("labor", 2)


def test_recruiting_balance_counts_a_member_once_per_sector_and_ignores_unknown():
    rows = dict(r.recruiting_balance([["labor", "labor", "astrology"]]))
    assert rows["labor"] == 1 and "astrology" not in rows


def test_recruiting_balance_of_nobody_is_all_gaps():
    assert all(count == 0 for _, count in r.recruiting_balance([]))


def _standing(**overrides):
    values = {
        "attended": 3,
        "notified_absences": 1,
        "unnotified_absences": 0,
        "participations": 1,
        "has_primary_contact": True,
        "agreed_to_charter": True,
        "rules": CharterRules(),
    }
    values.update(overrides)
    return r.member_standing(**values)


def test_good_standing():
    assert _standing().good


def test_no_primary_contact_costs_standing():
    standing = _standing(has_primary_contact=False)
    assert not standing.good and "primary" in standing.reasons[0]


def test_three_unnotified_absences_cost_standing_two_do_not():
    assert _standing(unnotified_absences=2).good
    assert not _standing(unnotified_absences=3).good


def test_participation_shortfall_is_shown_not_punished_during_the_year():
    standing = _standing(participations=0)
    assert standing.good and standing.participations_needed == 1


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<b>bold</b>",
        "<img src=x onerror=alert(1)>",
        "click javascript:alert(1)",
        "<a href='x'>",
        "</p>",
        "<!-- x -->",
        "a <b y c> d",
    ],
)
def test_markup_is_detected(text):
    assert r.contains_markup(text)


@pytest.mark.parametrize(
    "text",
    [
        "We serve < 5 counties",
        "3 > 2",
        "Ana & José",
        "",
        "a < b y c > d",
        "< a href='x'>",
        "2 < 3 > 1",
        "donation = 5",
    ],
)
def test_plain_text_passes(text):
    assert not r.contains_markup(text)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("63101", True),
        ("63101-1234", True),
        ("6310", False),
        ("ABCDE", False),
        ("", False),
    ],
)
def test_zip(value, ok):
    assert r.valid_zip(value) is ok


def test_fingerprint_ignores_case_and_spacing():
    assert r.application_fingerprint(1, "A@X.org ", "Casa  Latina") == r.application_fingerprint(
        1, "a@x.org", "casa latina"
    )
    assert r.application_fingerprint(1, "a@x.org", "x") != r.application_fingerprint(
        2, "a@x.org", "x"
    )
