"""Meetings and agendas: the calendar, special meetings, moves, cancellations, agenda rows."""

from __future__ import annotations

from datetime import date, datetime, time

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.audit.log import assign, audit_record, field_changes
from juntos.audit.models import Action
from juntos.charter.models import Coalition
from juntos.governance import agenda_templates, rules, selectors
from juntos.governance.models import (
    AgendaItem,
    Meeting,
)
from juntos.governance.services.attendance import place_open_reviews
from juntos.governance.services.base import (
    GovernanceError,
    automatic_item_create,
    meeting_audience,
    member_people,
    require_reason,
    send_to,
)

# --- Meetings ------------------------------------------------------------------------------


MEETING_FIELDS = (
    "kind",
    "title",
    "topic",
    "starts_at",
    "duration_minutes",
    "format",
    "place",
    "accessibility_notes",
    "call_link",
    "language",
)


def language_check(language: str) -> str:
    """A meeting is held in one of the site's languages."""
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise GovernanceError(_("Choose the language the meeting is held in."))
    return language


def meeting_schedule_year(
    *,
    coalition: Coalition,
    actor,
    year: int,
    start_time: time = time(18, 0),
    place: str = "",
    accessibility_notes: str = "",
    call_link: str = "",
    from_day: date | None = None,
) -> list[Meeting]:
    """Create the year's regular meetings from the charter; months already scheduled are kept.

    With `from_day` (the host's page passes today) days before it are left out: a coalition
    started in March gets no meetings in January that nobody held."""
    start = max(date(year, 1, 1), from_day) if from_day else date(year, 1, 1)
    charter = selectors.rules_for(coalition, start)
    tz = timezone.get_current_timezone()
    created = []
    with transaction.atomic():
        Coalition.objects.select_for_update().filter(pk=coalition.pk).first()
        taken = set(
            Meeting.objects.filter(
                coalition=coalition, calendar_slot__startswith=f"{year:04d}-"
            ).values_list("calendar_slot", flat=True)
        )
        for planned in rules.meeting_calendar(year, charter):
            if planned.slot in taken or planned.on < start:
                continue
            meeting = Meeting.objects.create(
                coalition=coalition,
                kind=Meeting.Kind.REGULAR,
                topic=planned.topic,
                starts_at=timezone.make_aware(datetime.combine(planned.on, start_time), tz),
                format=planned.format,
                place=place if planned.format == rules.IN_PERSON else "",
                accessibility_notes=accessibility_notes
                if planned.format == rules.IN_PERSON
                else "",
                call_link=call_link,
                calendar_slot=planned.slot,
                language=coalition.primary_language,
            )
            audit_record(
                coalition=coalition,
                actor=actor,
                action=Action.MEETING_SCHEDULED,
                target=meeting,
                changes={
                    "starts_at": [None, meeting.starts_at.isoformat()],
                    "rule": [None, planned.rule],
                },
            )
            created.append(meeting)
        place_open_reviews(coalition)
    return created


def meeting_add(*, coalition: Coalition, actor, **fields) -> Meeting:
    """A special meeting or a Core Team meeting (or a regular one outside the calendar)."""
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    fields["language"] = language_check(fields.get("language") or coalition.primary_language)
    with transaction.atomic():
        meeting = Meeting.objects.create(coalition=coalition, **fields)
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.MEETING_SCHEDULED,
            target=meeting,
            changes=field_changes({}, {k: fields[k] for k in fields}),
        )
        place_open_reviews(coalition)
    return meeting


LOGISTICS_FIELDS = (
    "title",
    "format",
    "place",
    "accessibility_notes",
    "call_link",
    "duration_minutes",
    "language",
)


def meeting_update(*, meeting: Meeting, actor, **fields) -> Meeting:
    """Logistics: place and accessibility notes, or the call link; the meeting's language."""
    unknown = set(fields) - set(LOGISTICS_FIELDS)
    if unknown:
        raise TypeError(f"unknown logistics fields: {sorted(unknown)}")
    if "language" in fields:
        language_check(fields["language"])
    before = meeting.calendar_snapshot()
    changes = assign(meeting, fields)
    with transaction.atomic():
        meeting.save(update_fields=[*fields, "updated_at", *meeting.calendar_revise(before)])
        if changes:
            audit_record(
                coalition=meeting.coalition,
                actor=actor,
                action=Action.MEETING_CHANGED,
                target=meeting,
                changes=changes,
            )
    return meeting


def meeting_move(*, meeting: Meeting, actor, starts_at: datetime, reason: str) -> Meeting:
    reason = require_reason(reason)
    if meeting.is_cancelled:
        raise GovernanceError(_("This meeting is cancelled."))
    with transaction.atomic():
        before = meeting.starts_at
        shown = meeting.calendar_snapshot()
        meeting.moved_from = meeting.moved_from or before
        meeting.starts_at = starts_at
        meeting.change_reason = reason
        meeting.save(
            update_fields=[
                "starts_at",
                "moved_from",
                "change_reason",
                "updated_at",
                *meeting.calendar_revise(shown),
            ]
        )
        audit_record(
            coalition=meeting.coalition,
            actor=actor,
            action=Action.MEETING_CHANGED,
            target=meeting,
            changes={
                "starts_at": [before.isoformat(), starts_at.isoformat()],
                "reason": [None, reason],
            },
        )
        meeting_id = meeting.pk
        transaction.on_commit(lambda: _mail_change(meeting_id))
    return meeting


def meeting_cancel(*, meeting: Meeting, actor, reason: str) -> Meeting:
    reason = require_reason(reason)
    if meeting.is_cancelled:
        raise GovernanceError(_("This meeting is already cancelled."))
    with transaction.atomic():
        shown = meeting.calendar_snapshot()
        meeting.status = Meeting.Status.CANCELLED
        meeting.change_reason = reason
        meeting.save(
            update_fields=["status", "change_reason", "updated_at", *meeting.calendar_revise(shown)]
        )
        audit_record(
            coalition=meeting.coalition,
            actor=actor,
            action=Action.MEETING_CHANGED,
            target=meeting,
            changes={
                "status": [Meeting.Status.SCHEDULED, meeting.status],
                "reason": [None, reason],
            },
        )
        meeting_id = meeting.pk
        transaction.on_commit(lambda: _mail_change(meeting_id))
    return meeting


# --- Agenda --------------------------------------------------------------------------------


ITEM_FIELDS = ("time", "goal", "process", "materials", "presenter", "kind", "confidential", "notes")
ITEM_FIELDS += ("generated",)  # facts of a system-written row (governance.phrases)
ITEM_FIELDS += ("language", "translations")  # other versions of goal/process/materials


def agenda_item_add(
    *, meeting: Meeting, actor, named_members=(), automatic: bool = False, **fields
) -> AgendaItem:
    """Add a row at the end; a row the software adds (`automatic`) goes before the closing
    "Parking lot / next steps" row. Members hear of a change to a published agenda."""
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown agenda fields: {sorted(unknown)}")
    if not (fields.get("goal") or "").strip() and not fields.get("generated"):
        raise GovernanceError(_("Every agenda row needs a goal."))
    with transaction.atomic():
        if automatic:
            item = automatic_item_create(meeting=meeting, **fields)
        else:
            position = (meeting.items.aggregate(n=Max("position"))["n"] or 0) + 1
            item = AgendaItem.objects.create(meeting=meeting, position=position, **fields)
        if named_members:
            item.named_members.set(named_members)
        audit_record(
            coalition=meeting.coalition,
            actor=actor,
            action=Action.AGENDA_CHANGED,
            target=meeting,
            changes={
                "added": [None, item.goal or item.generated],
                "confidential": [None, item.confidential],
            },
        )
        if not item.confidential:
            agenda_change_notify(meeting, {"kind": "added", **_row_named(item)})
    return item


def agenda_item_move(*, item: AgendaItem, actor, direction: str) -> AgendaItem:
    """Move a row up or down one place."""
    if direction not in ("up", "down"):
        raise GovernanceError(_("Move a row up or down."))
    meeting = item.meeting
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        items = list(meeting.items.order_by("position", "id"))
        ids = [i.pk for i in items]
        order = rules.moved_order(ids, item.pk, direction)
        if order == ids:
            return item
        by_id = {i.pk: i for i in items}
        for n, pk in enumerate(order, start=1):
            row = by_id[pk]
            if row.position != n:
                row.position = n
                row.save(update_fields=["position"])
        before, after = ids.index(item.pk) + 1, order.index(item.pk) + 1
        audit_record(
            coalition=meeting.coalition,
            actor=actor,
            action=Action.AGENDA_CHANGED,
            target=meeting,
            changes={f"item {item.pk} position": [before, after]},
        )
        if not item.confidential:
            agenda_change_notify(
                meeting, {"kind": "moved", **_row_named(item), "from": before, "to": after}
            )
    item.position = after
    return item


def _row_named(item: AgendaItem) -> dict:
    """How a change names its row: the row's own goal, or the facts a system-written row
    keeps, so that each member reads its name in their own language."""
    return {"goal": item.goal, "generated": item.generated or {}}


def agenda_change_notify(meeting: Meeting, change: dict) -> None:
    """Once the agenda is published, members are told what changed (after commit)."""
    if meeting.agenda_published_at is None:
        return
    meeting_id = meeting.pk
    transaction.on_commit(lambda: _mail_agenda_change(meeting_id, change))


def _mail_agenda_change(meeting_id: int, change: dict) -> None:
    meeting = Meeting.objects.select_related("coalition").get(pk=meeting_id)
    send_to(
        member_people(meeting.coalition),
        "agenda_changed",
        {
            "meeting": meeting,
            "change": change,
            # Lazy labels: each recipient reads them in their own language.
            "changed_labels": [
                AgendaItem._meta.get_field(f).verbose_name for f in change.get("fields", [])
            ],
        },
        meeting.coalition,
    )


def agenda_item_update(*, item: AgendaItem, actor, named_members=None, **fields) -> AgendaItem:
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown agenda fields: {sorted(unknown)}")
    changes = assign(item, fields)
    with transaction.atomic():
        item.save(update_fields=list(fields))
        if named_members is not None:
            item.named_members.set(named_members)
        if changes:
            audit_record(
                coalition=item.meeting.coalition,
                actor=actor,
                action=Action.AGENDA_CHANGED,
                target=item.meeting,
                changes={f"item {item.pk} {k}": v for k, v in changes.items()},
            )
            if not item.confidential and set(changes) - {"notes"}:
                agenda_change_notify(
                    item.meeting,
                    {
                        "kind": "changed",
                        **_row_named(item),
                        "fields": sorted(set(changes) - {"notes"}),
                    },
                )
    return item


def agenda_item_remove(*, item: AgendaItem, actor) -> None:
    with transaction.atomic():
        meeting = item.meeting
        goal = item.goal or item.generated  # facts, for a row the system wrote
        named = _row_named(item)
        confidential = item.confidential
        item.delete()
        audit_record(
            coalition=meeting.coalition,
            actor=actor,
            action=Action.AGENDA_CHANGED,
            target=meeting,
            changes={"removed": [goal, None]},
        )
        if not confidential:
            agenda_change_notify(meeting, {"kind": "removed", **named})


def agenda_template_apply(*, meeting: Meeting, actor, template: str) -> list[AgendaItem]:
    if template not in agenda_templates.TEMPLATES:
        raise GovernanceError(_("Choose a template."))
    with transaction.atomic():
        return [
            agenda_item_add(meeting=meeting, actor=actor, **row)
            for row in agenda_templates.stored_rows(template)
        ]


def agenda_publish(*, meeting: Meeting, actor, now: datetime | None = None) -> rules.AgendaTiming:
    """Publish the agenda and notify the members. Late is allowed, and recorded as late."""
    now = now or timezone.now()
    if meeting.is_cancelled:
        raise GovernanceError(_("This meeting is cancelled."))
    if not meeting.items.exists():
        raise GovernanceError(_("Add at least one agenda row before publishing."))
    today = timezone.localtime(now).date()
    charter = selectors.rules_for(meeting.coalition, meeting.local_date)
    timing = rules.agenda_timing(
        meeting_on=meeting.local_date, published_on=today, today=today, rules=charter
    )
    with transaction.atomic():
        first = meeting.agenda_published_at is None
        meeting.agenda_published_at = now
        meeting.agenda_published_late = timing.late
        meeting.save(update_fields=["agenda_published_at", "agenda_published_late", "updated_at"])
        audit_record(
            coalition=meeting.coalition,
            actor=actor,
            action=Action.AGENDA_PUBLISHED,
            target=meeting,
            changes={
                "published_at": [None, now.isoformat()],
                "late": [None, timing.late],
                "deadline": [None, timing.deadline.isoformat()],
                "rule": [None, timing.rule],
            },
        )
        meeting_id = meeting.pk
        transaction.on_commit(lambda: _mail_agenda(meeting_id, updated=not first))
    return timing


def _mail_agenda(meeting_id: int, *, updated: bool) -> None:
    meeting = Meeting.objects.select_related("coalition").get(pk=meeting_id)
    send_to(
        meeting_audience(meeting),
        "agenda_published",
        {"meeting": meeting, "updated": updated},
        meeting.coalition,
    )


def _mail_change(meeting_id: int) -> None:
    """Members hear of a move or a cancellation once the agenda has gone out."""
    meeting = Meeting.objects.select_related("coalition").get(pk=meeting_id)
    if meeting.agenda_published_at is None:
        return
    send_to(
        meeting_audience(meeting),
        "meeting_changed",
        {"meeting": meeting},
        meeting.coalition,
    )


def meeting_current_item(*, meeting: Meeting, actor, item: AgendaItem | None) -> Meeting:
    """The agenda row in progress, for the projector view."""
    if item is not None and item.meeting_id != meeting.pk:
        raise GovernanceError(_("Choose a row of this agenda."))
    with transaction.atomic():
        before = meeting.current_item
        meeting.current_item = item
        meeting.save(update_fields=["current_item", "updated_at"])
        audit_record(
            coalition=meeting.coalition,
            actor=actor,
            action=Action.AGENDA_CHANGED,
            target=meeting,
            changes={"in_progress": [str(before) if before else None, str(item) if item else None]},
        )
    return meeting
