from datetime import UTC, date, datetime, timedelta

import pytest

from juntos.privacy import rules

T0 = datetime(2027, 3, 10, 12, tzinfo=UTC)


def test_cutoff_is_the_period_before_now_and_refuses_negative_days():
    assert rules.cutoff(T0, 30) == T0 - timedelta(days=30)
    with pytest.raises(ValueError):
        rules.cutoff(T0, -1)


def test_erasure_is_due_the_coalitions_days_after_the_request():
    assert rules.erasure_due_on(date(2027, 3, 10), 30) == date(2027, 4, 9)


def test_lifting_needs_a_second_host_before_the_delay():
    d = rules.lift_decision(locked_at=T0, requested_by=None, actor=1, now=T0, delay_hours=72)
    assert (d.lifted, d.rule) == (False, "needs_second_host")


def test_the_host_who_asked_cannot_confirm_their_own_request():
    d = rules.lift_decision(locked_at=T0, requested_by=1, actor=1, now=T0, delay_hours=72)
    assert not d.lifted


def test_a_second_host_lifts_at_once():
    d = rules.lift_decision(locked_at=T0, requested_by=1, actor=2, now=T0, delay_hours=72)
    assert (d.lifted, d.rule) == (True, "second_host")


def test_one_host_lifts_alone_once_the_delay_has_passed():
    later = T0 + timedelta(hours=72)
    d = rules.lift_decision(locked_at=T0, requested_by=None, actor=1, now=later, delay_hours=72)
    assert (d.lifted, d.rule) == (True, "delay_passed")


def test_nothing_to_lift_when_not_locked():
    d = rules.lift_decision(locked_at=None, requested_by=None, actor=1, now=T0, delay_hours=0)
    assert d.rule == "not_locked"


@pytest.mark.parametrize(
    "text",
    [
        "write to ana.ortiz+x@example.org now",
        "call (314) 555-0199",
        "call 314-555-0199",
        "call +13145550199",
        "call +52 55 1234 5678",
    ],
)
def test_contact_details_are_masked(text):
    masked = rules.mask_contact_details(text)
    assert rules.MASK in masked
    assert "555" not in masked and "@" not in masked and "1234" not in masked


def test_dates_times_and_ids_are_not_mistaken_for_phone_numbers():
    text = "GET /c/x/members/12/ at 2027-03-10 12:00:00 took 1234 ms"
    assert rules.mask_contact_details(text) == text
