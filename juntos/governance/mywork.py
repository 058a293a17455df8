"""What a person owes, in one place: the next meeting, open votes at meetings they are at,
sign-on requests awaiting their organization's answer, and their tasks (meeting
follow-ups, campaign deliverables, event follow-ups). Reads only; each item links to
where it is done, or is done from the page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from juntos.core.access import role_at_least
from juntos.governance.models import Attendance, Ballot, Meeting, Motion


@dataclass
class MyWork:
    next_meeting: Meeting | None = None
    absence_notified: bool = False
    started: bool = False  # the next meeting is under way: too late for a notice of absence
    checked_in: bool = False
    may_check_in: bool = False  # it is the meeting's day and my organization is not in yet
    open_votes: list = field(default_factory=list)  # motions awaiting my organization's ballot
    signons: list = field(default_factory=list)  # statements awaiting my organization
    answered: list = field(default_factory=list)  # my organization's answers, still changeable
    tasks: list = field(default_factory=list)
    task_count: int = 0
    done: list = field(default_factory=list)  # recently done, to take back (My work only)

    @property
    def empty(self) -> bool:
        return not (
            self.next_meeting
            or self.open_votes
            or self.signons
            or self.answered
            or self.tasks
            or self.done
        )


def my_work(
    person, coalition, role: str, *, task_limit: int = 50, with_done: bool = False
) -> MyWork:
    from juntos.communications.models import SignOnAnswer, SignOnInvite, Statement
    from juntos.governance.models import AbsenceNotice
    from juntos.governance.services import member_spoken_for
    from juntos.web.tasks import my_tasks, recently_done

    work = MyWork()
    now = timezone.now()
    if role_at_least(role, "representative"):
        # Today's meeting stays "next" while it runs (until it ends): that is when to check in.
        meetings = Meeting.objects.filter(
            coalition=coalition,
            status=Meeting.Status.SCHEDULED,
            starts_at__gte=now - timedelta(days=1),
        )
        if not role_at_least(role, "core_team"):
            meetings = meetings.exclude(kind=Meeting.Kind.CORE_TEAM)
        work.next_meeting = next(
            (m for m in meetings.order_by("starts_at")[:5] if m.ends_at >= now), None
        )
    member = member_spoken_for(person) if role_at_least(role, "representative") else None
    member_id = member.pk if member else None
    m = work.next_meeting
    if member_id and m:
        work.started = m.starts_at <= now
        work.absence_notified = AbsenceNotice.objects.filter(
            meeting=m, member_id=member_id
        ).exists()
        if m.local_date == timezone.localdate() and m.attendance_closed_at is None:
            work.checked_in = Attendance.objects.filter(meeting=m, member_id=member_id).exists()
            work.may_check_in = not work.checked_in
    if member_id:
        work.open_votes = list(
            Motion.objects.filter(meeting__coalition=coalition, status=Motion.Status.OPEN)
            .filter(
                Exists(Attendance.objects.filter(meeting=OuterRef("meeting"), member_id=member_id))
            )
            .exclude(Exists(Ballot.objects.filter(motion=OuterRef("pk"), member_id=member_id)))
            .exclude(subject_member_id=member_id)
            .select_related("meeting")
        )
        work.signons = list(
            Statement.objects.filter(
                coalition=coalition, status=Statement.Status.REQUESTED, deadline__gte=now
            )
            .filter(
                Exists(SignOnInvite.objects.filter(statement=OuterRef("pk"), member_id=member_id))
            )
            .exclude(
                Exists(SignOnAnswer.objects.filter(statement=OuterRef("pk"), member_id=member_id))
            )
            .order_by("deadline")
        )
        work.answered = list(
            SignOnAnswer.objects.filter(
                statement__coalition=coalition,
                statement__status=Statement.Status.REQUESTED,
                statement__deadline__gte=now,
                member_id=member_id,
            )
            .select_related("statement")
            .order_by("statement__deadline")
        )
    work.tasks, work.task_count = my_tasks(person, coalition.slug, limit=task_limit)
    if with_done:
        work.done = recently_done(person, coalition.slug)
    return work
