"""Minutes and follow-ups."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.audit.log import audit_record, field_changes
from juntos.audit.models import Action
from juntos.governance import rules
from juntos.governance.models import (
    AgendaItem,
    FollowUp,
    Meeting,
    Motion,
)
from juntos.governance.services.base import (
    GovernanceError,
    meeting_audience,
    send_to,
)
from juntos.members.models import Person
from juntos.members.owners import hears_of_tasks, mail_owners

# --- Minutes and follow-ups ----------------------------------------------------------------


def minutes_update(
    *, meeting: Meeting, actor, parking_lot: str, takeaways: str, item_notes: dict
) -> Meeting:
    """Notes per agenda item ({item id: notes}), the parking lot and takeaways."""
    with transaction.atomic():
        changes = field_changes(
            {"parking_lot": meeting.parking_lot, "takeaways": meeting.takeaways},
            {"parking_lot": parking_lot, "takeaways": takeaways},
        )
        meeting.parking_lot = parking_lot
        meeting.takeaways = takeaways
        meeting.save(update_fields=["parking_lot", "takeaways", "updated_at"])
        for item in meeting.items.filter(pk__in=list(item_notes)):
            notes = item_notes[item.pk]
            if notes != item.notes:
                changes[f"notes {item.pk}"] = [item.notes, notes]
                item.notes = notes
                item.save(update_fields=["notes"])
        if changes:
            audit_record(
                coalition=meeting.coalition,
                actor=actor,
                action=Action.MINUTES_CHANGED,
                target=meeting,
                changes=changes,
            )
    return meeting


def minutes_publish(*, meeting: Meeting, actor) -> Meeting:
    allowed = rules.minutes_allowed(
        ends_at=meeting.ends_at,
        now=timezone.now(),
        attendance_closed=meeting.attendance_closed_at is not None,
    )
    if not allowed:
        raise GovernanceError(allowed.reason, allowed.rule)
    if meeting.motions.filter(status=Motion.Status.OPEN).exists():
        raise GovernanceError(_("Close every open vote before publishing the minutes."))
    with transaction.atomic():
        first = meeting.minutes_published_at is None
        meeting.minutes_published_at = timezone.now()
        meeting.save(update_fields=["minutes_published_at", "updated_at"])
        audit_record(
            coalition=meeting.coalition,
            actor=actor,
            action=Action.MINUTES_PUBLISHED,
            target=meeting,
            changes={"published_at": [None, meeting.minutes_published_at.isoformat()]},
        )
        meeting_id = meeting.pk
        if first:
            transaction.on_commit(lambda: _mail_minutes(meeting_id))
    return meeting


def _mail_minutes(meeting_id: int) -> None:
    meeting = Meeting.objects.select_related("coalition").get(pk=meeting_id)
    send_to(
        meeting_audience(meeting),
        "minutes_published",
        {"meeting": meeting},
        meeting.coalition,
    )


def followup_add(
    *,
    meeting: Meeting,
    actor,
    text: str,
    owner: Person,
    due_on: date,
    agenda_item: AgendaItem | None = None,
) -> FollowUp:
    if owner.coalition_id != meeting.coalition_id:
        raise GovernanceError(_("The owner must be someone in the coalition."))
    if not (text or "").strip():
        raise GovernanceError(_("Say what needs to happen."))
    with transaction.atomic():
        follow_up = FollowUp.objects.create(
            meeting=meeting, agenda_item=agenda_item, text=text.strip(), owner=owner, due_on=due_on
        )
        audit_record(
            coalition=meeting.coalition,
            actor=actor,
            action=Action.FOLLOWUP_CHANGED,
            target=follow_up,
            changes={
                "text": [None, follow_up.text],
                "owner": [None, str(owner)],
                "due_on": [None, due_on.isoformat()],
            },
        )
        if hears_of_tasks(owner):
            follow_up_id = follow_up.pk
            transaction.on_commit(lambda: _mail_followup(follow_up_id, "followup_assigned"))
    return follow_up


def _mail_followup(follow_up_id: int, template: str) -> None:
    follow_up = FollowUp.objects.select_related("meeting__coalition", "owner__user").get(
        pk=follow_up_id
    )
    coalition = follow_up.meeting.coalition
    mail_owners([follow_up.owner], template, {"follow_up": follow_up}, coalition)


def followups_remind_due(now=None) -> int:
    """The day before a follow-up is due, its owner is reminded once (`juntos send_due`,
    through juntos.web.tasks.tasks_remind_due)."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + timezone.timedelta(days=1)
    sent = 0
    for follow_up in FollowUp.objects.filter(
        due_on=tomorrow, done_at__isnull=True, reminded_at__isnull=True
    ).select_related("owner__user"):
        updated = FollowUp.objects.filter(pk=follow_up.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if updated and hears_of_tasks(follow_up.owner):
            _mail_followup(follow_up.pk, "followup_due")
            sent += 1
    return sent


def followup_done(*, follow_up: FollowUp, actor, done: bool = True) -> FollowUp:
    with transaction.atomic():
        before = follow_up.done_at
        follow_up.done_at = timezone.now() if done else None
        follow_up.save(update_fields=["done_at", "updated_at"])
        audit_record(
            coalition=follow_up.meeting.coalition,
            actor=actor,
            action=Action.FOLLOWUP_CHANGED,
            target=follow_up,
            changes={"done": [before is not None, done]},
        )
    return follow_up
