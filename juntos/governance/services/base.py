"""Shared by the governance services: the refusal they raise, recipients, the next meeting."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.core import mail
from juntos.governance.models import (
    Meeting,
)
from juntos.members.models import Member, Person, Role


class GovernanceError(Exception):
    """A write the charter or the meeting's state does not allow."""

    def __init__(self, message: str, rule: str = ""):
        super().__init__(message)
        self.message = message
        self.rule = rule


# --- Recipients ----------------------------------------------------------------------------


def member_people(coalition):
    """The people who speak for active members and have an email address."""
    return (
        Person.objects.filter(coalition=coalition, member__status=Member.Status.ACTIVE)
        .exclude(email="")
        .exclude(role="")
        .select_related("user")  # their login's language (Person.language)
    )


def meeting_audience(meeting: Meeting):
    """Who is mailed about a meeting: the members' people whose role may see it (the same
    rule as selectors.meetings_for_role: Core Team meetings for the Core Team and hosts)."""
    people = member_people(meeting.coalition)
    if meeting.kind == Meeting.Kind.CORE_TEAM:
        people = people.filter(role__in=(Role.CORE_TEAM, Role.HOST))
    return people


def hosts(coalition):
    return (
        Person.objects.filter(coalition=coalition, role=Role.HOST)
        .exclude(email="")
        .select_related("user")
    )


def send_to(people, template: str, context: dict, coalition) -> None:
    for person in people:
        mail.send(
            template,
            person.email,
            {**context, "person": person},
            language=person.language,  # their login's choice when they have one
            coalition=coalition,
        )


def meeting_day_check(meeting: Meeting, *, now: datetime | None = None) -> None:
    """Check-in and ballots belong to the meeting's day (JUNTOS_MEETING_DAY_WINDOW)."""
    from juntos.governance import rules

    today = timezone.localtime(now).date() if now else timezone.localdate()
    allowed = rules.meeting_day_allowed(
        meeting_on=meeting.local_date,
        today=today,
        window_days=settings.JUNTOS_MEETING_DAY_WINDOW,
    )
    if not allowed:
        raise GovernanceError(allowed.reason, allowed.rule)


def require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise GovernanceError(_("Say why, so members know."))
    return reason


def next_regular_meeting(coalition, *, after: datetime | None = None) -> Meeting | None:
    """The next scheduled regular meeting after `after` and after now."""
    now = timezone.now()
    return (
        Meeting.objects.filter(
            coalition=coalition,
            kind=Meeting.Kind.REGULAR,
            status=Meeting.Status.SCHEDULED,
            starts_at__gt=max(after, now) if after else now,
        )
        .order_by("starts_at")
        .first()
    )


# --- Agenda rows added by the software ------------------------------------------------------

CLOSING_GOAL = "Parking lot, takeaways and next steps"


def closing_goals() -> set[str]:
    """The closing row's goal in every language of the site (rows are stored as written)."""
    from django.utils import translation

    goals = {CLOSING_GOAL}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            goals.add(_(CLOSING_GOAL))
    return goals


def automatic_item_create(*, meeting: Meeting, **fields):
    """Create an agenda row the software adds (reviews, priorities, admissions) before the
    closing "Parking lot / next steps" row, renumbering the rows after it."""
    from juntos.governance import phrases, rules
    from juntos.governance.models import AgendaItem

    items = list(meeting.items.order_by("position", "id"))
    # A template's closing row is stored as facts: read its goal as the reader would.
    goals = [phrases.row_text(i, "goal") for i in items]
    index = rules.automatic_row_index(goals, closing_goals())
    for n, item in enumerate(items, start=1):
        wanted = n if n <= index else n + 1
        if item.position != wanted:
            item.position = wanted
            item.save(update_fields=["position"])
    return AgendaItem.objects.create(meeting=meeting, position=index + 1, **fields)
