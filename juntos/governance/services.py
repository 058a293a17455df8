"""Writes to governance: meetings, agendas, attendance, motions, ballots, priorities, minutes.

Each function takes keyword arguments, runs in one transaction and records itself in the
audit log; mail goes out only after the transaction commits. A refusal raises
GovernanceError with the message to show and the rule of the charter behind it.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.audit.log import audit_record, field_changes
from juntos.audit.models import Action
from juntos.charter import rules as charter_rules
from juntos.charter.models import Coalition
from juntos.charter.services import charter_amend
from juntos.core import mail
from juntos.governance import agenda_templates, rules, selectors
from juntos.governance.models import (
    AbsenceNotice,
    AgendaItem,
    Attendance,
    Ballot,
    FollowUp,
    IssuePriority,
    Meeting,
    Motion,
    RemovalReview,
)
from juntos.members import services as member_services
from juntos.members.models import Application, Member, Person, Role


class GovernanceError(Exception):
    """A write the charter or the meeting's state does not allow."""

    def __init__(self, message: str, rule: str = ""):
        super().__init__(message)
        self.message = message
        self.rule = rule


# --- Recipients ----------------------------------------------------------------------------


def _member_people(coalition):
    """The people who speak for active members and have an email address."""
    return (
        Person.objects.filter(coalition=coalition, member__status=Member.Status.ACTIVE)
        .exclude(email="")
        .exclude(role="")
    )


def _hosts(coalition):
    return Person.objects.filter(coalition=coalition, role=Role.HOST).exclude(email="")


def _send_to(people, template: str, context: dict, coalition) -> None:
    for person in people:
        mail.send(
            template,
            person.email,
            {**context, "person": person},
            language=person.preferred_language,
            coalition=coalition,
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
)


def meeting_schedule_year(
    *,
    coalition: Coalition,
    actor,
    year: int,
    start_time: time = time(18, 0),
    place: str = "",
    accessibility_notes: str = "",
    call_link: str = "",
) -> list[Meeting]:
    """Create the year's regular meetings from the charter; months already scheduled are kept."""
    charter = selectors.rules_for(coalition, date(year, 1, 1))
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
            if planned.slot in taken:
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
        _place_open_reviews(coalition)
    return created


def meeting_add(*, coalition: Coalition, actor, **fields) -> Meeting:
    """A special meeting or a Core Team meeting (or a regular one outside the calendar)."""
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    with transaction.atomic():
        meeting = Meeting.objects.create(coalition=coalition, **fields)
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.MEETING_SCHEDULED,
            target=meeting,
            changes=field_changes({}, {k: fields[k] for k in fields}),
        )
        _place_open_reviews(coalition)
    return meeting


LOGISTICS_FIELDS = (
    "title",
    "format",
    "place",
    "accessibility_notes",
    "call_link",
    "duration_minutes",
)


def meeting_update(*, meeting: Meeting, actor, **fields) -> Meeting:
    """Logistics: place and accessibility notes, or the call link."""
    unknown = set(fields) - set(LOGISTICS_FIELDS)
    if unknown:
        raise TypeError(f"unknown logistics fields: {sorted(unknown)}")
    before = {k: getattr(meeting, k) for k in fields}
    with transaction.atomic():
        for key, value in fields.items():
            setattr(meeting, key, value)
        meeting.save(update_fields=[*fields, "updated_at"])
        changes = field_changes(before, fields)
        if changes:
            audit_record(
                coalition=meeting.coalition,
                actor=actor,
                action=Action.MEETING_CHANGED,
                target=meeting,
                changes=changes,
            )
    return meeting


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise GovernanceError(_("Say why, so members know."))
    return reason


def meeting_move(*, meeting: Meeting, actor, starts_at: datetime, reason: str) -> Meeting:
    reason = _require_reason(reason)
    if meeting.is_cancelled:
        raise GovernanceError(_("This meeting is cancelled."))
    with transaction.atomic():
        before = meeting.starts_at
        meeting.moved_from = meeting.moved_from or before
        meeting.starts_at = starts_at
        meeting.change_reason = reason
        meeting.save(update_fields=["starts_at", "moved_from", "change_reason", "updated_at"])
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
    return meeting


def meeting_cancel(*, meeting: Meeting, actor, reason: str) -> Meeting:
    reason = _require_reason(reason)
    if meeting.is_cancelled:
        raise GovernanceError(_("This meeting is already cancelled."))
    with transaction.atomic():
        meeting.status = Meeting.Status.CANCELLED
        meeting.change_reason = reason
        meeting.save(update_fields=["status", "change_reason", "updated_at"])
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
    return meeting


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


# --- Agenda --------------------------------------------------------------------------------


ITEM_FIELDS = ("time", "goal", "process", "materials", "presenter", "kind", "confidential", "notes")


def agenda_item_add(*, meeting: Meeting, actor, named_members=(), **fields) -> AgendaItem:
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown agenda fields: {sorted(unknown)}")
    if not (fields.get("goal") or "").strip():
        raise GovernanceError(_("Every agenda row needs a goal."))
    with transaction.atomic():
        position = (meeting.items.aggregate(n=Max("position"))["n"] or 0) + 1
        item = AgendaItem.objects.create(meeting=meeting, position=position, **fields)
        if named_members:
            item.named_members.set(named_members)
        audit_record(
            coalition=meeting.coalition,
            actor=actor,
            action=Action.AGENDA_CHANGED,
            target=meeting,
            changes={"added": [None, item.goal], "confidential": [None, item.confidential]},
        )
    return item


def agenda_item_update(*, item: AgendaItem, actor, named_members=None, **fields) -> AgendaItem:
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"unknown agenda fields: {sorted(unknown)}")
    before = {k: getattr(item, k) for k in fields}
    with transaction.atomic():
        for key, value in fields.items():
            setattr(item, key, value)
        item.save(update_fields=list(fields))
        if named_members is not None:
            item.named_members.set(named_members)
        changes = field_changes(before, fields)
        if changes:
            audit_record(
                coalition=item.meeting.coalition,
                actor=actor,
                action=Action.AGENDA_CHANGED,
                target=item.meeting,
                changes={f"item {item.pk} {k}": v for k, v in changes.items()},
            )
    return item


def agenda_item_remove(*, item: AgendaItem, actor) -> None:
    with transaction.atomic():
        meeting = item.meeting
        goal = item.goal
        item.delete()
        audit_record(
            coalition=meeting.coalition,
            actor=actor,
            action=Action.AGENDA_CHANGED,
            target=meeting,
            changes={"removed": [goal, None]},
        )


def agenda_template_apply(*, meeting: Meeting, actor, template: str) -> list[AgendaItem]:
    if template not in agenda_templates.TEMPLATES:
        raise GovernanceError(_("Choose a template."))
    with transaction.atomic():
        return [
            agenda_item_add(meeting=meeting, actor=actor, **row)
            for row in agenda_templates.rows(template)
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
    _send_to(
        _member_people(meeting.coalition),
        "agenda_published",
        {"meeting": meeting, "updated": updated},
        meeting.coalition,
    )


# --- Absence and attendance ----------------------------------------------------------------


def _member_of(meeting: Meeting, member: Member) -> None:
    if member.coalition_id != meeting.coalition_id or member.status != Member.Status.ACTIVE:
        raise GovernanceError(_("This is not an active member of the coalition."))


def absence_notify(
    *, meeting: Meeting, member: Member, person: Person | None, actor, reason: str = ""
) -> AbsenceNotice:
    """Tell the hosts ahead of time that the member will miss the meeting."""
    _member_of(meeting, member)
    if meeting.is_cancelled:
        raise GovernanceError(_("This meeting is cancelled."))
    if timezone.now() >= meeting.starts_at:
        raise GovernanceError(
            _("Absences are notified before the meeting starts."),
            rules.removal_rule_text(selectors.rules_for(meeting.coalition)),
        )
    with transaction.atomic():
        notice, created = AbsenceNotice.objects.get_or_create(
            meeting=meeting, member=member, defaults={"notified_by": person, "reason": reason}
        )
        if created:
            audit_record(
                coalition=meeting.coalition,
                actor=actor,
                action=Action.ABSENCE_NOTIFIED,
                target=meeting,
                changes={"member": [None, str(member)], "reason": [None, reason]},
            )
    return notice


def attendance_check_in(
    *, meeting: Meeting, member: Member, person: Person | None, actor, self_check_in=False
) -> Attendance:
    """Mark a member present, naming the person who came. Checking in twice changes nothing."""
    _member_of(meeting, member)
    if meeting.is_cancelled:
        raise GovernanceError(_("This meeting is cancelled."))
    if meeting.attendance_closed_at:
        raise GovernanceError(_("Attendance for this meeting is closed."))
    if self_check_in and timezone.localdate() != meeting.local_date:
        raise GovernanceError(_("You can check yourself in on the day of the meeting."))
    if person is not None and person.member_id != member.pk:
        raise GovernanceError(_("This person does not represent that member."))
    with transaction.atomic():
        attendance, created = Attendance.objects.get_or_create(
            meeting=meeting,
            member=member,
            defaults={"person": person, "checked_in_by": actor},
        )
        if created:
            audit_record(
                coalition=meeting.coalition,
                actor=actor,
                action=Action.ATTENDANCE_RECORDED,
                target=meeting,
                changes={
                    "present": [None, str(member)],
                    "person": [None, str(person) if person else None],
                },
            )
    return attendance


def attendance_remove(*, meeting: Meeting, member: Member, actor) -> None:
    if meeting.attendance_closed_at:
        raise GovernanceError(_("Attendance for this meeting is closed."))
    with transaction.atomic():
        deleted, _rows = Attendance.objects.filter(meeting=meeting, member=member).delete()
        if deleted:
            audit_record(
                coalition=meeting.coalition,
                actor=actor,
                action=Action.ATTENDANCE_RECORDED,
                target=meeting,
                changes={"present": [str(member), None]},
            )


def attendance_close(*, meeting: Meeting, actor) -> list[RemovalReview]:
    """Close attendance: every member neither present nor notified has an unnotified
    absence. A member reaching the charter's count goes up for review at the next meeting."""
    if meeting.is_cancelled:
        raise GovernanceError(_("This meeting is cancelled."))
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.attendance_closed_at:
            raise GovernanceError(_("Attendance for this meeting is already closed."))
        locked.attendance_closed_at = timezone.now()
        locked.save(update_fields=["attendance_closed_at", "updated_at"])
        meeting.attendance_closed_at = locked.attendance_closed_at
        audit_record(
            coalition=meeting.coalition,
            actor=actor,
            action=Action.ATTENDANCE_CLOSED,
            target=meeting,
            changes={"present": [None, meeting.attendances.count()]},
        )
        reviews = []
        if meeting.kind in selectors.COUNTED_KINDS:
            reviews = _absence_reviews(meeting, actor)
    return reviews


def _absence_reviews(meeting: Meeting, actor) -> list[RemovalReview]:
    coalition = meeting.coalition
    charter = selectors.rules_for(coalition, meeting.local_date)
    members = list(Member.objects.filter(coalition=coalition, status=Member.Status.ACTIVE))
    counts = selectors.attendance_summary(coalition, meeting.local_date.year, members)
    already = set(
        RemovalReview.objects.filter(
            coalition=coalition,
            trigger=RemovalReview.Trigger.ABSENCES,
            status=RemovalReview.Status.OPEN,
        ).values_list("member_id", flat=True)
    )
    reviews = []
    for member in members:
        trigger = rules.removal_review_due(
            unnotified_absences=counts[member.pk].unnotified_absences, rules=charter
        )
        if trigger.due and member.pk not in already:
            reviews.append(
                _review_open(
                    coalition=coalition,
                    member=member,
                    trigger=RemovalReview.Trigger.ABSENCES,
                    reason=_("%(n)d meetings missed without notifying the hosts.")
                    % {"n": trigger.count},
                    raised_by=None,
                    actor=actor,
                    rule=trigger.rule,
                    after=meeting.starts_at,
                )
            )
    return reviews


# --- Removal reviews -----------------------------------------------------------------------


def _review_open(
    *, coalition, member, trigger, reason, raised_by, actor, rule, after=None
) -> RemovalReview:
    review = RemovalReview.objects.create(
        coalition=coalition, member=member, trigger=trigger, reason=reason, raised_by=raised_by
    )
    _place_review(review, after=after)
    audit_record(
        coalition=coalition,
        actor=actor,
        action=Action.REVIEW_RAISED,
        target=member,
        changes={"trigger": [None, trigger], "reason": [None, reason], "rule": [None, rule]},
    )
    review_id = review.pk
    transaction.on_commit(lambda: _mail_review(review_id))
    return review


def _place_review(review: RemovalReview, *, after=None) -> None:
    """On the agenda of the next regular meeting (after `after`, by default after now)."""
    meeting = next_regular_meeting(review.coalition, after=after)
    if meeting is None:
        return
    position = (meeting.items.aggregate(n=Max("position"))["n"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=position,
        goal=_("Removal review: %(member)s") % {"member": review.member},
        process=review.reason,
        kind=AgendaItem.Kind.DECISION,
    )
    review.agenda_item = item
    review.save(update_fields=["agenda_item", "updated_at"])


def _place_open_reviews(coalition) -> None:
    for review in RemovalReview.objects.filter(
        coalition=coalition, status=RemovalReview.Status.OPEN, agenda_item__isnull=True
    ).select_related("member", "coalition"):
        _place_review(review)


def _mail_review(review_id: int) -> None:
    review = RemovalReview.objects.select_related(
        "coalition", "member", "agenda_item__meeting"
    ).get(pk=review_id)
    _send_to(_hosts(review.coalition), "removal_review", {"review": review}, review.coalition)


def removal_review_raise(*, member: Member, raised_by: Person, actor, reason: str) -> RemovalReview:
    """Any member may raise a member's action contrary to the coalition's direction."""
    reason = _require_reason(reason)
    if member.status != Member.Status.ACTIVE or member.coalition_id != raised_by.coalition_id:
        raise GovernanceError(_("This is not an active member of the coalition."))
    if raised_by.member_id == member.pk:
        raise GovernanceError(_("A member cannot raise a review of itself."))
    charter = selectors.rules_for(member.coalition)
    with transaction.atomic():
        return _review_open(
            coalition=member.coalition,
            member=member,
            trigger=RemovalReview.Trigger.CONDUCT,
            reason=reason,
            raised_by=raised_by,
            actor=actor,
            rule=rules.removal_rule_text(charter),
        )


# --- Motions and ballots -------------------------------------------------------------------


def motion_open(
    *,
    meeting: Meeting,
    actor,
    kind: str,
    text: str,
    subject_member: Member | None = None,
    subject_application: Application | None = None,
    subject_priority: IssuePriority | None = None,
    amendment: dict | None = None,
    agenda_item: AgendaItem | None = None,
) -> Motion:
    if kind not in charter_rules.DECISION_KINDS:
        raise GovernanceError(_("Unknown kind of motion."))
    if meeting.is_cancelled:
        raise GovernanceError(_("This meeting is cancelled."))
    coalition_id = meeting.coalition_id
    charter = selectors.rules_for(meeting.coalition, meeting.local_date)
    if kind == charter_rules.ADMIT_MEMBER and (
        subject_application is None
        or subject_application.coalition_id != coalition_id
        or not subject_application.is_open
    ):
        raise GovernanceError(_("Choose an open application."))
    if kind == charter_rules.REMOVE_MEMBER and (
        subject_member is None
        or subject_member.coalition_id != coalition_id
        or subject_member.status != Member.Status.ACTIVE
    ):
        raise GovernanceError(_("Choose an active member."))
    if kind in (charter_rules.ADOPT_PRIORITY, charter_rules.DISSOLVE_PRIORITY):
        wanted = (
            IssuePriority.Status.PROPOSED
            if kind == charter_rules.ADOPT_PRIORITY
            else IssuePriority.Status.ACTIVE
        )
        if (
            subject_priority is None
            or subject_priority.coalition_id != coalition_id
            or subject_priority.status != wanted
        ):
            raise GovernanceError(
                _("Choose a proposed issue priority.")
                if kind == charter_rules.ADOPT_PRIORITY
                else _("Choose an active issue priority.")
            )
        if kind == charter_rules.ADOPT_PRIORITY:
            cap = _priority_cap(meeting.coalition, charter)
            if not cap.allowed:
                raise GovernanceError(_cap_message(cap), cap.rule)
    if kind == charter_rules.AMEND_CHARTER:
        amendment = amendment or {}
        if not (amendment.get("summary") or "").strip():
            raise GovernanceError(_("Say what the amendment changes."))
        current = meeting.coalition.charter_in_force().rules
        try:
            charter_rules.rules_from_dict({**current, **(amendment.get("rules") or {})})
        except charter_rules.RulesError as error:
            raise GovernanceError(str(error)) from None
    if not (text or "").strip():
        raise GovernanceError(_("Write the motion."))
    with transaction.atomic():
        motion = Motion.objects.create(
            meeting=meeting,
            agenda_item=agenda_item,
            kind=kind,
            text=text.strip(),
            subject_member=subject_member if kind == charter_rules.REMOVE_MEMBER else None,
            subject_application=subject_application if kind == charter_rules.ADMIT_MEMBER else None,
            subject_priority=subject_priority
            if kind in (charter_rules.ADOPT_PRIORITY, charter_rules.DISSOLVE_PRIORITY)
            else None,
            amendment=amendment if kind == charter_rules.AMEND_CHARTER else {},
            opened_by=actor,
        )
        audit_record(
            coalition=meeting.coalition,
            actor=actor,
            action=Action.MOTION_OPENED,
            target=motion,
            changes={"kind": [None, kind], "text": [None, motion.text]},
        )
    return motion


def ballot_cast(*, motion: Motion, member: Member, choice: str, actor) -> Ballot:
    """Record a member's ballot. The motion row is locked so casts and the close serialize:
    one ballot per member (changed, never duplicated), none after the close."""
    if choice not in rules.CHOICES:
        raise GovernanceError(_("Choose yes, no or abstain."))
    with transaction.atomic():
        locked = Motion.objects.select_for_update().get(pk=motion.pk)
        if not locked.is_open:
            raise GovernanceError(_("Voting on this motion is closed."))
        meeting = Meeting.objects.select_related("coalition").get(pk=locked.meeting_id)
        picture = selectors.voting_picture(meeting)
        allowed = rules.ballot_allowed(
            member_id=member.pk,
            voting_ids=picture.voting_ids,
            present_ids=picture.present,
            kind=locked.kind,
            subject_member_id=locked.subject_member_id,
            quorum=picture.quorum,
            rules=picture.rules,
        )
        if not allowed.allowed:
            raise GovernanceError(allowed.reason, allowed.rule)
        ballot = Ballot.objects.filter(motion=locked, member=member).first()
        before = ballot.choice if ballot else None
        if ballot is None:
            ballot = Ballot.objects.create(
                motion=locked, member=member, choice=choice, cast_by=actor
            )
        elif ballot.choice != choice:
            ballot.choice = choice
            ballot.cast_by = actor
            ballot.at = timezone.now()
            ballot.save(update_fields=["choice", "cast_by", "at"])
        if before != choice:
            audit_record(
                coalition=meeting.coalition,
                actor=actor,
                action=Action.BALLOT_CAST,
                target=locked,
                changes={"member": [None, str(member)], "choice": [before, choice]},
            )
    return ballot


def motion_close(*, motion: Motion, actor) -> Motion:
    """Close the vote: tally the stored ballots under the lock and apply the outcome."""
    with transaction.atomic():
        locked = Motion.objects.select_for_update().get(pk=motion.pk)
        if not locked.is_open:
            raise GovernanceError(_("Voting on this motion is already closed."))
        meeting = Meeting.objects.select_related("coalition").get(pk=locked.meeting_id)
        picture = selectors.voting_picture(meeting)
        choices = list(locked.ballots.values_list("member_id", "choice"))
        voters = {m for m, _c in choices}
        eligible = rules.eligible_voters(
            voting_ids=picture.voting_ids,
            present_ids=picture.present,
            kind=locked.kind,
            subject_member_id=locked.subject_member_id,
        )
        yes, no, abstain = rules.count_choices(c for _m, c in choices)
        result = rules.tally(
            kind=locked.kind,
            yes=yes,
            no=no,
            abstain=abstain,
            eligible=len(eligible | voters),
            rules=picture.rules,
        )
        needs_quorum = picture.rules.threshold(locked.kind).requires_quorum
        locked.tally = {**result.as_dict(), "quorum": picture.quorum.rule}
        if needs_quorum and not picture.quorum.met:
            locked.result = Motion.Result.NO_QUORUM
            locked.rule_cited = picture.quorum.rule
            locked.outcome = _("No quorum: the motion was not decided.")
        else:
            locked.result = Motion.Result.PASSED if result.passed else Motion.Result.FAILED
            locked.rule_cited = result.rule
            locked.outcome = (
                _apply_outcome(locked, meeting, actor, picture.rules)
                if result.passed
                else _("Did not pass: %(summary)s.") % {"summary": result.summary}
            )
            if locked.kind == charter_rules.REMOVE_MEMBER:
                RemovalReview.objects.filter(
                    member_id=locked.subject_member_id, status=RemovalReview.Status.OPEN
                ).update(status=RemovalReview.Status.DECIDED, updated_at=timezone.now())
        locked.status = Motion.Status.CLOSED
        locked.closed_by = actor
        locked.closed_at = timezone.now()
        locked.save(
            update_fields=[
                "status",
                "result",
                "tally",
                "rule_cited",
                "outcome",
                "closed_by",
                "closed_at",
                "updated_at",
            ]
        )
        audit_record(
            coalition=meeting.coalition,
            actor=actor,
            action=Action.MOTION_CLOSED,
            target=locked,
            changes={
                "result": [None, locked.result],
                "tally": [None, result.summary],
                "rule": [None, locked.rule_cited],
                "outcome": [None, locked.outcome],
            },
        )
    return locked


def _apply_outcome(motion: Motion, meeting: Meeting, actor, charter) -> str:
    today = timezone.localdate()
    kind = motion.kind
    if kind == charter_rules.ADMIT_MEMBER:
        member = member_services.application_admit(
            application=motion.subject_application, actor=actor, admitted_on=today
        )
        member_id = member.pk
        transaction.on_commit(lambda: _mail_welcome(member_id))
        return _("%(name)s is now a member.") % {"name": member.name}
    if kind == charter_rules.REMOVE_MEMBER:
        member = member_services.member_remove(
            member=motion.subject_member, actor=actor, removed_on=today, reason=motion.text
        )
        return _("%(name)s was removed from the coalition.") % {"name": member.name}
    if kind == charter_rules.ADOPT_PRIORITY:
        cap = _priority_cap(meeting.coalition, charter, lock=True)
        if not cap.allowed:
            raise GovernanceError(_cap_message(cap), cap.rule)
        priority = _priority_set(
            motion.subject_priority, actor, status=IssuePriority.Status.ACTIVE, adopted_on=today
        )
        return _("%(title)s is now an active issue priority.") % {"title": priority.title}
    if kind == charter_rules.DISSOLVE_PRIORITY:
        priority = _priority_set(
            motion.subject_priority, actor, status=IssuePriority.Status.ARCHIVED, archived_on=today
        )
        return _("%(title)s was dissolved and archived.") % {"title": priority.title}
    if kind == charter_rules.AMEND_CHARTER:
        current = meeting.coalition.charter_in_force()
        version = charter_amend(
            coalition=meeting.coalition,
            actor=actor,
            effective_from=today,
            summary=motion.amendment["summary"],
            reason=motion.amendment.get("reason", "") or motion.text,
            mission=current.mission,
            values=current.values,
            agreements=current.agreements,
            rules={**current.rules, **(motion.amendment.get("rules") or {})},
        )
        return _("The charter's version %(n)d is in force from %(date)s.") % {
            "n": version.number,
            "date": today.isoformat(),
        }
    return _("Passed.")


def _mail_welcome(member_id: int) -> None:
    member = Member.objects.select_related("coalition").get(pk=member_id)
    people = Person.objects.filter(member=member).exclude(email="")
    _send_to(people, "member_welcome", {"member": member}, member.coalition)


# --- Issue priorities ----------------------------------------------------------------------


def _priority_cap(coalition, charter, *, lock=False) -> rules.PriorityCap:
    if lock:
        Coalition.objects.select_for_update().filter(pk=coalition.pk).first()
    active = IssuePriority.objects.filter(
        coalition=coalition, status=IssuePriority.Status.ACTIVE
    ).count()
    return rules.priority_adoption(active=active, rules=charter)


def _cap_message(cap: rules.PriorityCap) -> str:
    return _(
        "%(active)d issue priorities are active already; dissolve one before adopting another."
    ) % {"active": cap.active}


def priority_cap_for(coalition) -> rules.PriorityCap:
    return _priority_cap(coalition, selectors.rules_for(coalition))


def _priority_set(priority: IssuePriority, actor, **fields) -> IssuePriority:
    before = {k: getattr(priority, k) for k in fields}
    for key, value in fields.items():
        setattr(priority, key, value)
    priority.save(update_fields=[*fields, "updated_at"])
    audit_record(
        coalition=priority.coalition,
        actor=actor,
        action=Action.PRIORITY_CHANGED,
        target=priority,
        changes=field_changes(before, fields),
    )
    return priority


def priority_propose(
    *, coalition, actor, member: Member | None, title: str, description: str = ""
) -> IssuePriority:
    title = (title or "").strip()
    if not title:
        raise GovernanceError(_("Name the issue priority."))
    with transaction.atomic():
        priority = IssuePriority.objects.create(
            coalition=coalition, title=title, description=description, proposed_by=member
        )
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.PRIORITY_PROPOSED,
            target=priority,
            changes={
                "title": [None, title],
                "proposed_by": [None, str(member) if member else None],
            },
        )
    return priority


def priority_mark_actionable(
    *, priority: IssuePriority, actor, actionable: bool, note: str = ""
) -> IssuePriority:
    """The Core Team's guidance on whether a priority is actionable."""
    with transaction.atomic():
        return _priority_set(priority, actor, actionable=actionable, actionable_note=note)


def priority_review_call(*, priority: IssuePriority, actor, person: Person) -> AgendaItem:
    """Any member can call a review of an active priority: it goes on the next regular meeting."""
    if priority.status != IssuePriority.Status.ACTIVE:
        raise GovernanceError(_("Only an active issue priority can be reviewed."))
    meeting = next_regular_meeting(priority.coalition)
    if meeting is None:
        raise GovernanceError(_("No regular meeting is scheduled yet; ask the hosts."))
    charter = selectors.rules_for(priority.coalition)
    with transaction.atomic():
        item = agenda_item_add(
            meeting=meeting,
            actor=actor,
            goal=_("Review of the issue priority: %(title)s") % {"title": priority.title},
            process=_("Called by %(who)s. Dissolving it needs %(vote)s.")
            % {
                "who": person.member or person,
                "vote": charter_rules.vote_rule_label(
                    charter.threshold(charter_rules.DISSOLVE_PRIORITY).rule
                ),
            },
            kind=AgendaItem.Kind.DECISION,
        )
    return item


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
    _send_to(
        _member_people(meeting.coalition),
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
    return follow_up


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
