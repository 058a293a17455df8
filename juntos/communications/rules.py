"""Pure rules of communication and consent: who counts as signed, when to remind,
who may see a document, which language a person reads."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class AnswerFact:
    member_id: int
    signed: bool
    answered_at: datetime


def counted_signers(
    answers: Iterable[AnswerFact], *, deadline: datetime, reopened_at: datetime | None = None
) -> list[int]:
    """Members listed on the statement: those who opted in before the deadline.

    Silence is not consent. A late opt-in counts only once a host has reopened the request.
    """
    signed = []
    for a in answers:
        if not a.signed:
            continue
        if a.answered_at <= deadline or reopened_at is not None:
            signed.append(a.member_id)
    return sorted(signed)


def is_late(answered_at: datetime, deadline: datetime, reopened_at: datetime | None) -> bool:
    return answered_at > deadline and reopened_at is None


def reminder_due(
    *, now: datetime, requested_at: datetime, deadline: datetime, reminded_at: datetime | None
) -> bool:
    """Remind once, when three quarters of the window have passed and it is still open."""
    if reminded_at is not None or now > deadline:
        return False
    window = deadline - requested_at
    return now >= requested_at + window * 3 / 4


def reminder_time(requested_at: datetime, deadline: datetime) -> datetime:
    return requested_at + (deadline - requested_at) * 3 / 4


def default_deadline(requested_at: datetime, window_hours: int) -> datetime:
    return requested_at + timedelta(hours=window_hours)


def can_see(
    *,
    visibility: str,
    viewer_role: str | None,
    viewer_person_id: int | None,
    named_person_ids: Iterable[int] = (),
    viewer_team_ids: Iterable[int] = (),
    named_team_ids: Iterable[int] = (),
) -> bool:
    """Confidential things are visible only to those they name (hosts always)."""
    if visibility == "public":
        return True
    if viewer_role is None:
        return False
    if viewer_role == "host":
        return True
    if visibility == "members":
        return viewer_role in ("representative", "core_team")
    if visibility == "core_team":
        return viewer_role == "core_team"
    if visibility == "named":
        return viewer_person_id in set(named_person_ids) or bool(
            set(viewer_team_ids) & set(named_team_ids)
        )
    return False


def reading_language(preferred: str, available: Iterable[str]) -> str:
    """The person's language if the notice has it, otherwise the other one."""
    available = list(available)
    return preferred if preferred in available else available[0]


def signed_before_removal(answered_at: datetime, removed_at: datetime | None, removed_on=None):
    """A removed member is listed only for an answer given before its removal. Removals
    recorded before the moment was kept count from the start of their day (in the
    coalition's zone): an answer that day is not listed."""
    if removed_at is not None:
        return answered_at < removed_at
    if removed_on is not None:
        from datetime import time

        from django.utils import timezone

        start = timezone.make_aware(datetime.combine(removed_on, time.min))
        return answered_at < start
    return True


@dataclass(frozen=True)
class EarlyPublication:
    """Publishing a statement before the charter's consent window ends."""

    early: bool  # before the deadline
    everyone_answered: bool
    needs_reason: bool
    rule: str


def early_publication(
    *, now: datetime, deadline: datetime | None, asked: int, answered: int, window_hours: int
) -> EarlyPublication:
    """Before the window ends a statement is published only once every member asked has
    answered; otherwise publishing early needs a reason, recorded and shown."""
    from django.utils.translation import ngettext

    rule = ngettext(
        "Members have %(n)d hour to answer a sign-on request; a statement is published "
        "before then only when every member asked has answered, or with a reason.",
        "Members have %(n)d hours to answer a sign-on request; a statement is published "
        "before then only when every member asked has answered, or with a reason.",
        window_hours,
    ) % {"n": window_hours}
    early = deadline is not None and now < deadline
    everyone = answered >= asked
    return EarlyPublication(
        early=early, everyone_answered=everyone, needs_reason=early and not everyone, rule=rule
    )
