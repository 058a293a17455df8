from datetime import datetime, timedelta

import pytest

from juntos.communications import rules as r

T0 = datetime(2026, 3, 1, 9, 0)
DEADLINE = T0 + timedelta(hours=24)


def test_only_timely_opt_ins_are_counted_silence_and_opt_outs_are_not():
    answers = [
        r.AnswerFact(1, True, T0 + timedelta(hours=1)),
        r.AnswerFact(2, False, T0 + timedelta(hours=2)),
        r.AnswerFact(3, True, DEADLINE),  # exactly at the deadline still counts
        r.AnswerFact(4, True, DEADLINE + timedelta(minutes=1)),  # late
    ]
    assert r.counted_signers(answers, deadline=DEADLINE) == [1, 3]


def test_late_opt_in_counts_once_reopened():
    answers = [r.AnswerFact(4, True, DEADLINE + timedelta(hours=3))]
    assert r.counted_signers(answers, deadline=DEADLINE) == []
    assert r.counted_signers(
        answers, deadline=DEADLINE, reopened_at=DEADLINE + timedelta(hours=5)
    ) == [4]


def test_is_late():
    assert not r.is_late(DEADLINE, DEADLINE, None)
    assert r.is_late(DEADLINE + timedelta(seconds=1), DEADLINE, None)
    assert not r.is_late(DEADLINE + timedelta(seconds=1), DEADLINE, DEADLINE)


@pytest.mark.parametrize(
    ("hours", "reminded", "due"),
    [
        (1, None, False),
        (17, None, False),
        (18, None, True),
        (23, None, True),
        (20, T0 + timedelta(hours=19), False),
        (25, None, False),
    ],
)
def test_reminder_once_at_three_quarters_of_the_window(hours, reminded, due):
    assert (
        r.reminder_due(
            now=T0 + timedelta(hours=hours),
            requested_at=T0,
            deadline=DEADLINE,
            reminded_at=reminded,
        )
        is due
    )


def test_default_deadline_is_the_charter_window():
    assert r.default_deadline(T0, 24) == DEADLINE


@pytest.mark.parametrize(
    ("visibility", "role", "named", "teams", "visible"),
    [
        ("public", None, False, False, True),
        ("members", None, False, False, False),
        ("members", "supporter", False, False, False),
        ("members", "representative", False, False, True),
        ("core_team", "representative", False, False, False),
        ("core_team", "core_team", False, False, True),
        ("core_team", "host", False, False, True),
        ("named", "core_team", False, False, False),
        ("named", "representative", True, False, True),
        ("named", "supporter", False, True, True),
        ("named", "host", False, False, True),
    ],
)
def test_visibility(visibility, role, named, teams, visible):
    assert (
        r.can_see(
            visibility=visibility,
            viewer_role=role,
            viewer_person_id=7,
            named_person_ids=[7] if named else [1],
            viewer_team_ids=[3],
            named_team_ids=[3] if teams else [9],
        )
        is visible
    )


def test_reading_language_falls_back():
    assert r.reading_language("es", ["en", "es"]) == "es"
    assert r.reading_language("es", ["en"]) == "en"
    assert r.reading_language("en", ["en", "es"]) == "en"
