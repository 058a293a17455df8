"""Absence notices, check-in, closing attendance, and the removal reviews that follow."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.audit.log import audit_record
from juntos.audit.models import Action
from juntos.governance import phrases, rules, selectors
from juntos.governance.models import (
    AbsenceNotice,
    AgendaItem,
    Attendance,
    Meeting,
    RemovalReview,
)
from juntos.governance.services.base import (
    GovernanceError,
    automatic_item_create,
    hosts,
    meeting_day_check,
    next_regular_meeting,
    require_reason,
    send_to,
)
from juntos.members.models import Member, Person

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
            notice_id = notice.pk
            transaction.on_commit(lambda: _mail_absence(notice_id))
    return notice


def absence_withdraw(*, meeting: Meeting, member: Member, actor) -> bool:
    """Take back a notice of absence (the member will come after all), until the meeting
    starts. Returns whether there was one."""
    _member_of(meeting, member)
    if timezone.now() >= meeting.starts_at:
        raise GovernanceError(
            _("A notice of absence can be withdrawn only before the meeting starts."),
            rules.removal_rule_text(selectors.rules_for(meeting.coalition)),
        )
    with transaction.atomic():
        deleted, _rows = AbsenceNotice.objects.filter(meeting=meeting, member=member).delete()
        if deleted:
            audit_record(
                coalition=meeting.coalition,
                actor=actor,
                action=Action.ABSENCE_WITHDRAWN,
                target=meeting,
                changes={"member": [str(member), None]},
            )
    return bool(deleted)


def _mail_absence(notice_id: int) -> None:
    notice = AbsenceNotice.objects.select_related("meeting__coalition", "member").get(pk=notice_id)
    coalition = notice.meeting.coalition
    send_to(hosts(coalition), "absence_notified", {"notice": notice}, coalition)


def attendance_check_in(
    *, meeting: Meeting, member: Member, person: Person | None, actor, self_check_in=False
) -> Attendance:
    """Mark a member present, naming the person who came. Checking in twice changes nothing."""
    _member_of(meeting, member)
    if meeting.is_cancelled:
        raise GovernanceError(_("This meeting is cancelled."))
    if meeting.attendance_closed_at:
        raise GovernanceError(_("Attendance for this meeting is closed."))
    meeting_day_check(meeting)
    if person is not None and person.member_id != member.pk:
        from juntos.governance.models import AlternateRepresentative

        if not AlternateRepresentative.objects.filter(member=member, person=person).exists():
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
    now = timezone.now()
    allowed = rules.attendance_close_allowed(starts_at=meeting.starts_at, now=now)
    if not allowed:
        raise GovernanceError(allowed.reason, allowed.rule)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.attendance_closed_at:
            raise GovernanceError(_("Attendance for this meeting is already closed."))
        locked.attendance_closed_at = now
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
    # Only an absence without notice at *this* meeting can reach the count: a member
    # already past it after a failed removal vote is not reviewed again for coming.
    accounted = set(meeting.attendances.values_list("member_id", flat=True)) | set(
        meeting.absence_notices.values_list("member_id", flat=True)
    )
    reviews = []
    for member in members:
        if member.pk in accounted or member.admitted_on > meeting.local_date:
            continue
        trigger = rules.removal_review_due(
            unnotified_absences=counts[member.pk].unnotified_absences, rules=charter
        )
        if trigger.due and member.pk not in already:
            reviews.append(
                _review_open(
                    coalition=coalition,
                    member=member,
                    trigger=RemovalReview.Trigger.ABSENCES,
                    reason="",
                    absences=trigger.count,
                    raised_by=None,
                    actor=actor,
                    rule=trigger.rule,
                    after=meeting.starts_at,
                    opened_at_meeting=meeting,
                )
            )
    return reviews


# --- Removal reviews -----------------------------------------------------------------------


def _review_open(
    *,
    coalition,
    member,
    trigger,
    reason,
    raised_by,
    actor,
    rule,
    after=None,
    opened_at_meeting=None,
    absences=None,
) -> RemovalReview:
    review = RemovalReview.objects.create(
        coalition=coalition,
        member=member,
        trigger=trigger,
        reason=reason,
        absences=absences,
        raised_by=raised_by,
        opened_at_meeting=opened_at_meeting,
    )
    _place_review(review, after=after)
    audit_record(
        coalition=coalition,
        actor=actor,
        action=Action.REVIEW_RAISED,
        target=member,
        changes={
            "trigger": [None, trigger],
            "reason": [None, reason or absences],
            "rule": [None, rule],
        },
    )
    review_id = review.pk
    transaction.on_commit(lambda: _mail_review(review_id))
    return review


def _place_review(review: RemovalReview, *, after=None) -> None:
    """On the agenda of the next regular meeting (after `after`, by default after now)."""
    meeting = next_regular_meeting(review.coalition, after=after)
    if meeting is None:
        return
    item = automatic_item_create(
        meeting=meeting,
        goal="",
        process=review.reason,
        kind=AgendaItem.Kind.DECISION,
        generated=phrases.review_row(member=str(review.member), absences=review.absences),
    )
    review.agenda_item = item
    review.save(update_fields=["agenda_item", "updated_at"])


def place_open_reviews(coalition) -> None:
    for review in RemovalReview.objects.filter(
        coalition=coalition, status=RemovalReview.Status.OPEN, agenda_item__isnull=True
    ).select_related("member", "coalition"):
        _place_review(review)


def _mail_review(review_id: int) -> None:
    review = RemovalReview.objects.select_related(
        "coalition", "member", "agenda_item__meeting"
    ).get(pk=review_id)
    send_to(hosts(review.coalition), "removal_review", {"review": review}, review.coalition)


def removal_review_raise(*, member: Member, raised_by: Person, actor, reason: str) -> RemovalReview:
    """Any member may raise a member's action contrary to the coalition's direction."""
    reason = require_reason(reason)
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


# --- Undoing a close, notices the hosts received, corrections ------------------------------


def attendance_reopen(*, meeting: Meeting, actor) -> int:
    """Undo closing attendance, the same day: the absences it counted no longer count and
    the removal reviews it opened are withdrawn (their agenda rows removed). Returns how
    many reviews were withdrawn."""
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        closed = locked.attendance_closed_at
        allowed = rules.attendance_reopen_allowed(
            closed_on=timezone.localtime(closed).date() if closed else None,
            today=timezone.localdate(),
        )
        if not allowed:
            raise GovernanceError(allowed.reason, allowed.rule)
        locked.attendance_closed_at = None
        locked.save(update_fields=["attendance_closed_at", "updated_at"])
        meeting.attendance_closed_at = None
        reviews = list(
            RemovalReview.objects.filter(
                opened_at_meeting=locked, status=RemovalReview.Status.OPEN
            ).select_related("member")
        )
        for review in reviews:
            _review_withdraw(review)
        audit_record(
            coalition=meeting.coalition,
            actor=actor,
            action=Action.ATTENDANCE_REOPENED,
            target=meeting,
            changes={
                "closed_at": [closed.isoformat(), None],
                "reviews_withdrawn": [None, [str(r.member) for r in reviews]],
            },
        )
    return len(reviews)


def _review_withdraw(review: RemovalReview) -> None:
    item = review.agenda_item
    review.status = RemovalReview.Status.WITHDRAWN
    review.agenda_item = None
    review.save(update_fields=["status", "agenda_item", "updated_at"])
    if item is not None and not item.motions.exists():
        item.delete()


CHANNELS_FOR_HOSTS = (
    AbsenceNotice.Channel.PHONE,
    AbsenceNotice.Channel.TEXT,
    AbsenceNotice.Channel.IN_PERSON,
    AbsenceNotice.Channel.EMAIL,
)


def absence_record(
    *,
    meeting: Meeting,
    member: Member,
    actor,
    recorded_by: Person,
    told_to: Person | None,
    told_at,
    channel: str,
    note: str = "",
) -> AbsenceNotice:
    """A host records a notice the member gave by phone, text, in person or email. It
    counts exactly like a representative's own notice, also once attendance is closed."""
    _member_of(meeting, member)
    if meeting.is_cancelled:
        raise GovernanceError(_("This meeting is cancelled."))
    if channel not in CHANNELS_FOR_HOSTS:
        raise GovernanceError(_("Say how the member told the hosts."))
    if told_at is None or told_at >= meeting.starts_at:
        raise GovernanceError(
            _("A notice of absence is given before the meeting starts."),
            rules.removal_rule_text(selectors.rules_for(meeting.coalition)),
        )
    if told_at > timezone.now():
        raise GovernanceError(_("The notice cannot be given in the future."))
    if told_to is not None and told_to.coalition_id != meeting.coalition_id:
        raise GovernanceError(_("The person told must be someone in the coalition."))
    return _notice_write(
        meeting=meeting,
        member=member,
        actor=actor,
        fields={
            "channel": channel,
            "told_to": told_to,
            "told_at": told_at,
            "recorded_by": recorded_by,
            "reason": note[:300],
        },
        audit={
            "member": [None, str(member)],
            "channel": [None, channel],
            "told_to": [None, str(told_to) if told_to else None],
            "told_at": [None, told_at.isoformat()],
        },
    )


def absence_correct(
    *, meeting: Meeting, member: Member, actor, recorded_by: Person, reason: str
) -> AbsenceNotice:
    """Correct an absence wrongly counted as without notice, saying why. The member's count
    of absences without notice, and any removal review it opened, follow."""
    reason = require_reason(reason)
    _member_of(meeting, member)
    if not meeting.attendance_closed_at:
        raise GovernanceError(_("Only absences of a meeting whose attendance is closed count."))
    if meeting.attendances.filter(member=member).exists():
        raise GovernanceError(_("This member was present."))
    return _notice_write(
        meeting=meeting,
        member=member,
        actor=actor,
        fields={
            "channel": AbsenceNotice.Channel.CORRECTION,
            "recorded_by": recorded_by,
            "correction_reason": reason,
        },
        audit={"member": [None, str(member)], "correction": [None, reason]},
    )


def _notice_write(*, meeting, member, actor, fields, audit) -> AbsenceNotice:
    with transaction.atomic():
        if AbsenceNotice.objects.filter(meeting=meeting, member=member).exists():
            raise GovernanceError(_("The hosts already have a notice from this member."))
        notice = AbsenceNotice.objects.create(meeting=meeting, member=member, **fields)
        audit_record(
            coalition=meeting.coalition,
            actor=actor,
            action=Action.ABSENCE_NOTIFIED,
            target=meeting,
            changes=audit,
        )
        if meeting.attendance_closed_at:
            reviews_follow_count(member=member, on=meeting.local_date)
    return notice


def reviews_follow_count(*, member: Member, on) -> list[RemovalReview]:
    """Withdraw an open absence review once the member's count is below the charter's."""
    charter = selectors.rules_for(member.coalition, on)
    counts = selectors.attendance_summary(member.coalition, on.year, [member])[member.pk]
    trigger = rules.removal_review_due(
        unnotified_absences=counts.unnotified_absences, rules=charter
    )
    withdrawn = []
    if not trigger.due:
        for review in RemovalReview.objects.filter(
            member=member,
            trigger=RemovalReview.Trigger.ABSENCES,
            status=RemovalReview.Status.OPEN,
        ):
            _review_withdraw(review)
            withdrawn.append(review)
    return withdrawn


# --- Alternates ----------------------------------------------------------------------------


def member_spoken_for(person: Person | None) -> Member | None:
    """The member a person speaks for at meetings: its own, or the one it is alternate for."""
    from juntos.governance.models import AlternateRepresentative

    if person is None:
        return None
    if person.member_id:
        return person.member
    alternate = (
        AlternateRepresentative.objects.filter(person=person, member__status=Member.Status.ACTIVE)
        .select_related("member")
        .first()
    )
    return alternate.member if alternate else None


def alternate_name(*, member: Member, person: Person, named_by: Person, actor):
    """A member names an alternate representative: a person of the coalition who does not
    already speak for another member."""
    from juntos.governance.models import AlternateRepresentative

    if person.coalition_id != member.coalition_id or member.status != Member.Status.ACTIVE:
        raise GovernanceError(_("The alternate must be someone in the coalition."))
    if person.member_id and person.member_id != member.pk:
        raise GovernanceError(_("This person already represents another member."))
    if AlternateRepresentative.objects.filter(person=person).exclude(member=member).exists():
        raise GovernanceError(_("This person is already another member's alternate."))
    with transaction.atomic():
        alternate, created = AlternateRepresentative.objects.get_or_create(
            member=member, person=person, defaults={"named_by": named_by}
        )
        if created:
            audit_record(
                coalition=member.coalition,
                actor=actor,
                action=Action.MEMBER_CHANGED,
                target=member,
                changes={"alternate": [None, str(person)]},
            )
    return alternate


def alternate_remove(*, alternate, actor) -> None:
    with transaction.atomic():
        member, person = alternate.member, alternate.person
        alternate.delete()
        audit_record(
            coalition=member.coalition,
            actor=actor,
            action=Action.MEMBER_CHANGED,
            target=member,
            changes={"alternate": [str(person), None]},
        )
