"""Pure rules for privacy: retention cut-offs, lifting a lockdown, erasure deadlines and
masking contact details in text. Plain values in, answers out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta


def cutoff(now: datetime, days: int) -> datetime:
    """Records older than this moment are past a retention period of `days`."""
    if days < 0:
        raise ValueError("retention days cannot be negative")
    return now - timedelta(days=days)


def erasure_due_on(requested_on: date, days: int) -> date:
    return requested_on + timedelta(days=days)


@dataclass(frozen=True)
class LiftDecision:
    lifted: bool
    rule: str  # "second_host", "delay_passed", "needs_second_host", "not_locked"


def lift_decision(
    *,
    locked_at: datetime | None,
    requested_by: int | None,
    actor: int,
    now: datetime,
    delay_hours: int,
) -> LiftDecision:
    """Lifting takes two hosts, or one once the coalition's delay has passed.

    The host who asked first cannot confirm their own request."""
    if locked_at is None:
        return LiftDecision(False, "not_locked")
    if requested_by is not None and requested_by != actor:
        return LiftDecision(True, "second_host")
    if now >= locked_at + timedelta(hours=delay_hours):
        return LiftDecision(True, "delay_passed")
    return LiftDecision(False, "needs_second_host")


EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
# North American numbers with the usual separators, and international numbers written with +.
PHONE_RE = re.compile(
    r"(?<![\w+])(?:\+?1[\s.\-]?)?\(?\d{3}\)?[\s.\-]?\d{3}[\s.\-]?\d{4}(?![\w])"
    r"|\+\d[\d\s\-]{6,16}\d"
)
MASK = "[redacted]"


def mask_contact_details(text: str) -> str:
    """Emails and phone numbers in `text` replaced by a mark."""
    if not text:
        return text
    text = EMAIL_RE.sub(MASK, text)
    return PHONE_RE.sub(MASK, text)
