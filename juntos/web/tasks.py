"""A person's open work across the coalition, for their home page: follow-ups from meeting
minutes, campaign deliverables, and follow-ups after events."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Task:
    text: str
    due_on: date
    source: str
    url: str

    @property
    def overdue(self) -> bool:
        return self.due_on < timezone.localdate()


def my_tasks(person, slug: str, limit: int = 8) -> tuple[list[Task], int]:
    """The soonest open tasks (at most `limit`) and how many there are in all."""
    from juntos.campaigns.models import Deliverable
    from juntos.campaigns.selectors import deliverables_of
    from juntos.events.models import EventFollowUp
    from juntos.governance.models import FollowUp

    tasks = [
        Task(
            f.text,
            f.due_on,
            _("Meeting: %(m)s") % {"m": f.meeting},
            reverse("governance:my_followups", args=[slug]),
        )
        for f in FollowUp.objects.filter(owner=person, done_at__isnull=True)
        .select_related("meeting")
        .order_by("due_on")[:limit]
    ]
    tasks += [
        Task(
            d.title,
            d.due_on,
            _("Campaign: %(c)s") % {"c": d.campaign},
            reverse("campaigns:my_work", args=[slug]),
        )
        for d in deliverables_of(person).filter(status__in=Deliverable.OPEN_STATUSES)[:limit]
    ]
    tasks += [
        Task(
            f.text,
            f.due_on,
            _("Event: %(e)s") % {"e": f.event},
            reverse("events:event", args=[slug, f.event_id]),
        )
        for f in EventFollowUp.objects.filter(owner=person, done_at__isnull=True)
        .select_related("event")
        .order_by("due_on")[:limit]
    ]
    tasks.sort(key=lambda t: t.due_on)
    return tasks[:limit], len(tasks)
