"""A person's open work across the coalition, for My work and the top of their home page:
follow-ups from meeting minutes, campaign deliverables, follow-ups after events and the
follow-up dates of the one-to-ones they held. Each task carries what is needed to do it
where it is shown (the form's address), and the reminders the day before each is due."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.core.access import role_at_least


@dataclass(frozen=True)
class Task:
    text: str
    due_on: date
    source: str
    url: str
    kind: str = ""  # "meeting", "deliverable", "event" or "one_to_one"
    pk: int = 0
    action: str = ""  # where the task is marked done or checked in (POST)
    status: str = ""  # a deliverable's status label
    status_key: str = ""  # and its value

    @property
    def overdue(self) -> bool:
        return self.due_on < timezone.localdate()


def my_tasks(person, slug: str, limit: int = 8) -> tuple[list[Task], int]:
    """The soonest open tasks (at most `limit`) and how many there are in all."""
    from juntos.campaigns.models import Deliverable
    from juntos.campaigns.selectors import deliverables_of
    from juntos.events.models import EventFollowUp
    from juntos.governance.models import FollowUp
    from juntos.relationships.models import OneToOne

    # A follow-up made one of a campaign's deliverables is shown (and closed) as that.
    follow_ups = FollowUp.objects.filter(
        owner=person, done_at__isnull=True, deliverable__isnull=True
    )
    deliverables = deliverables_of(person).filter(status__in=Deliverable.OPEN_STATUSES)
    event_follow_ups = EventFollowUp.objects.filter(owner=person, done_at__isnull=True)
    one_to_ones = OneToOne.objects.filter(
        coalition_id=person.coalition_id,
        organizer=person,
        follow_up_by__isnull=False,
        follow_up_by__gte=timezone.localdate() - timedelta(days=60),
    )
    total = sum(q.count() for q in (follow_ups, deliverables, event_follow_ups, one_to_ones))
    if not limit:
        return [], total
    # Meetings, campaigns and events are pages for members' people: a supporter's task is
    # done from the list, without a link to a page they cannot open.
    linked = role_at_least(person.role, "representative")

    def link(name, *args, anchor=""):
        return reverse(name, args=[slug, *args]) + anchor if linked else ""

    tasks = [
        Task(
            f.text,
            f.due_on,
            _("Meeting: %(m)s") % {"m": f.meeting.display_title},
            link("governance:meeting", f.meeting_id),
            "meeting",
            f.pk,
            reverse("governance:followup_done", args=[slug, f.pk]),
        )
        for f in follow_ups.select_related("meeting").order_by("due_on")[:limit]
    ]
    tasks += [
        Task(
            d.title,
            d.due_on,
            _("Campaign: %(c)s") % {"c": d.campaign}
            + ("" if d.owner_person_id else f" · {d.owner_member}"),
            link("campaigns:deliverables", d.campaign_id),
            "deliverable",
            d.pk,
            reverse("campaigns:deliverable_check_in", args=[slug, d.campaign_id, d.pk]),
            d.get_status_display(),
            d.status,
        )
        for d in deliverables[:limit]
    ]
    tasks += [
        Task(
            f.text + (f" · {f.contact.name}" if f.contact_id else ""),
            f.due_on,
            _("Event: %(e)s") % {"e": f.event},
            link("events:event", f.event_id, anchor="#follow-ups"),
            "event",
            f.pk,
            reverse("events:followup_done", args=[slug, f.pk]),
        )
        for f in event_follow_ups.select_related("event", "contact").order_by("due_on")[:limit]
    ]
    tasks += [
        Task(
            m.follow_up or m.person.full_name,
            m.follow_up_by,
            _("One-to-one with %(p)s") % {"p": m.person.full_name},
            link("relationships:one_to_ones"),
            "one_to_one",
            m.pk,
        )
        for m in one_to_ones.select_related("person").order_by("follow_up_by")[:limit]
    ]
    tasks.sort(key=lambda t: t.due_on)
    return tasks[:limit], total


def recently_done(person, slug: str, *, days: int = 14, limit: int = 10) -> list[Task]:
    """Tasks this person closed (or that were closed for them) in the last `days`, newest
    first, each with the address that reopens it: a tap on "Mark done" can be taken back."""
    from juntos.campaigns.models import Deliverable
    from juntos.campaigns.selectors import deliverables_of
    from juntos.events.models import EventFollowUp
    from juntos.governance.models import FollowUp

    since = timezone.now() - timedelta(days=days)
    rows = [
        (
            f.done_at,
            Task(
                f.text,
                f.due_on,
                _("Meeting: %(m)s") % {"m": f.meeting.display_title},
                "",
                "meeting",
                f.pk,
                reverse("governance:followup_done", args=[slug, f.pk]),
            ),
        )
        for f in FollowUp.objects.filter(owner=person, done_at__gte=since, deliverable__isnull=True)
        .select_related("meeting")
        .order_by("-done_at")[:limit]
    ]
    rows += [
        (
            d.updated_at,
            Task(
                d.title,
                d.due_on,
                _("Campaign: %(c)s") % {"c": d.campaign},
                "",
                "deliverable",
                d.pk,
                reverse("campaigns:deliverable_check_in", args=[slug, d.campaign_id, d.pk]),
                d.get_status_display(),
                d.status,
            ),
        )
        for d in deliverables_of(person)
        .filter(status=Deliverable.Status.DONE, updated_at__gte=since)
        .order_by("-updated_at")[:limit]
    ]
    rows += [
        (
            f.done_at,
            Task(
                f.text,
                f.due_on,
                _("Event: %(e)s") % {"e": f.event},
                "",
                "event",
                f.pk,
                reverse("events:followup_done", args=[slug, f.pk]),
            ),
        )
        for f in EventFollowUp.objects.filter(owner=person, done_at__gte=since)
        .select_related("event")
        .order_by("-done_at")[:limit]
    ]
    rows.sort(key=lambda row: row[0], reverse=True)
    return [task for _when, task in rows[:limit]]


def tasks_remind_due(now=None) -> int:
    """The day before a task is due (in the coalition's time zone), its owners are mailed
    once: meeting follow-ups, campaign deliverables and event follow-ups. Run by `juntos
    send_due` (cron); owners on the weekly digest are not mailed."""
    from juntos.campaigns.services import deliverables_remind_due
    from juntos.events.services import followups_remind_due as event_followups_remind_due
    from juntos.governance.services import followups_remind_due

    now = now or timezone.now()
    return (
        followups_remind_due(now) + deliverables_remind_due(now) + event_followups_remind_due(now)
    )
