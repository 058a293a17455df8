from datetime import UTC, date, datetime, timedelta

import pytest

from juntos.events import rules

T0 = datetime(2025, 5, 10, 18, 0, tzinfo=UTC)


def test_playbook_has_the_seeds_fifteen_steps_with_distinct_keys():
    steps = rules.playbook()
    assert len(steps) == 15
    assert len({s.key for s in steps}) == 15
    keys = [s.key for s in steps]
    # The seed keeps guest and press sign-in apart, and follow-up comes last, after the day.
    assert keys.index("guest_signin") < keys.index("press_signin")
    assert steps[-1].key == "follow_up" and steps[-1].days_before < 0


def test_default_due_counts_back_from_the_event_day():
    assert rules.default_due(date(2025, 6, 30), 28) == date(2025, 6, 2)
    assert rules.default_due(date(2025, 6, 30), -2) == date(2025, 7, 2)


def test_checklist_progress_finds_overdue_and_next_due():
    steps = [
        rules.StepState(1, True, date(2025, 1, 1)),  # done: never overdue
        rules.StepState(2, False, date(2025, 1, 5)),
        rules.StepState(3, False, date(2025, 1, 3)),
        rules.StepState(4, False, date(2025, 1, 10)),  # due today: not overdue yet
        rules.StepState(5, False, None),
    ]
    progress = rules.checklist_progress(steps, today=date(2025, 1, 10))
    assert progress.done == 1 and progress.total == 5 and progress.percent == 20
    assert progress.overdue == (3, 2)  # earliest first
    assert progress.next_due == 3
    assert progress.rule


def test_checklist_progress_of_a_finished_list():
    steps = [rules.StepState(i, True, date(2025, 1, 1)) for i in range(1, 4)]
    progress = rules.checklist_progress(steps, today=date(2026, 1, 1))
    assert progress.overdue == () and progress.next_due is None and progress.percent == 100


def test_retention_cutoff_and_purge_due():
    assert rules.retention_cutoff(T0, 30) == T0 + timedelta(days=30)
    assert not rules.purge_due(ends_at=T0, days=30, now=T0 + timedelta(days=29, hours=23))
    assert rules.purge_due(ends_at=T0, days=30, now=T0 + timedelta(days=30))
    assert not rules.purge_due(ends_at=T0, days=30, now=T0 + timedelta(days=90), purged_at=T0)
    assert rules.purge_due(ends_at=T0, days=0, now=T0)
    with pytest.raises(ValueError):
        rules.retention_cutoff(T0, -1)


def sig(name, contact="", at=T0, kind="guest"):
    return rules.Signature(kind, name, contact, at)


def test_double_tap_is_the_same_person_within_seconds():
    recent = [sig("Ana Pérez", "ana@example.org")]
    again = sig("  ana  perez ", "ANA@example.org", T0 + timedelta(seconds=3))
    assert rules.double_tap_of(again, recent) == 0


def test_not_a_double_tap():
    recent = [sig("Ana Pérez", "ana@example.org")]
    late = T0 + timedelta(seconds=rules.DOUBLE_TAP_SECONDS + 1)
    later = sig("Ana Pérez", "ana@example.org", late)
    namesake = sig("Ana Pérez", "other@example.org", T0 + timedelta(seconds=2))
    press = sig("Ana Pérez", "ana@example.org", T0 + timedelta(seconds=2), kind="press")
    empty = sig("", "", T0)
    assert rules.double_tap_of(later, recent) is None
    assert rules.double_tap_of(namesake, recent) is None
    assert rules.double_tap_of(press, recent) is None
    assert rules.double_tap_of(empty, [sig("", "")]) is None


def test_client_ids():
    assert rules.valid_client_id("3f2b8c1e9d7a4b6c")
    assert rules.valid_client_id("a" * 64)
    assert not rules.valid_client_id("short")
    assert not rules.valid_client_id("a" * 65)
    assert not rules.valid_client_id("<script>alert(1)</script>")


@pytest.mark.parametrize(
    ("kind", "cancelled", "published", "starts", "year", "counts"),
    [
        ("community_forum", False, True, T0, 2025, True),
        ("educational_forum", False, True, T0, 2025, True),
        ("training", False, True, T0, 2025, True),
        ("rally", False, True, T0, 2025, False),  # not educational
        ("press_conference", False, True, T0, 2025, False),
        ("community_forum", True, True, T0, 2025, False),  # cancelled
        ("community_forum", False, False, T0, 2025, False),  # never published
        ("community_forum", False, True, T0 + timedelta(days=1), 2025, False),  # not yet
        ("community_forum", False, True, T0, 2024, False),  # another year
    ],
)
def test_what_counts_toward_standing(kind, cancelled, published, starts, year, counts):
    now = T0 + timedelta(hours=1)
    assert (
        rules.counts_toward_standing(
            kind=kind,
            cancelled=cancelled,
            published=published,
            starts_at=starts,
            now=now,
            year=year,
        )
        is counts
    )


def test_merge_fields():
    text = "Dear {{ guest_name }}, {{event_title}} {{ nope }}"
    assert rules.unknown_fields(text, "{{ other }} {{ nope }}") == ["nope", "other"]
    merged = rules.merge(text, {"guest_name": "Sen. Diaz", "event_title": "Forum"})
    assert merged == "Dear Sen. Diaz, Forum {{ nope }}"


def test_default_templates_use_only_known_fields():
    subject, body = rules.invitation_template()
    assert rules.unknown_fields(subject, body, rules.press_release_template()) == []
    # The greeting is a field: "Dear Sen. Onder," for an official, "Dear Jane Doe," else.
    assert body.startswith("{{ salutation }}") and "{{ guest_title }}" in body


def test_event_slug_is_readable_and_unique():
    day = date(2025, 6, 1)
    slug = rules.event_slug("Foro comunitario: ¡Juntos!", day, [])
    assert slug == "foro-comunitario-juntos-2025-06-01"
    taken = ["forum-2025-06-01", "forum-2025-06-01-2"]
    assert rules.event_slug("Forum", day, taken) == "forum-2025-06-01-3"
    assert rules.event_slug("!!!", day, []) == "event-2025-06-01"


def test_sheet_plan_leaves_blank_rows_for_walk_ins():
    assert rules.sheet_plan(prefilled=0, rows_per_page=14) == rules.SheetPlan(1, 14, 14)
    plan = rules.sheet_plan(prefilled=10, rows_per_page=14)
    assert plan.pages == 2 and plan.blank_rows == 18  # 10 + 10 blank would not fit one page
    with pytest.raises(ValueError):
        rules.sheet_plan(prefilled=1, rows_per_page=0)


def test_two_people_of_the_same_name_without_a_contact_are_not_a_double_tap():
    recent = [sig("María García", "")]
    assert rules.double_tap_of(sig("María García", "", T0 + timedelta(seconds=2)), recent) is None
