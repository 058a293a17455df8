"""What a person owes, in one place: the next meeting, open votes at meetings they are at,
sign-on requests awaiting their organization's answer, and their tasks (meeting
follow-ups, campaign deliverables, event follow-ups). Reads only; each item links to
where it is done, or is done from the page."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils import timezone

from juntos.core.access import role_at_least
from juntos.governance.models import Attendance, Ballot, Meeting, Motion


@dataclass
class MyWork:
    next_meeting: Meeting | None = None
    absence_notified: bool = False
    open_votes: list = field(default_factory=list)  # motions awaiting my organization's ballot
    signons: list = field(default_factory=list)  # statements awaiting my organization
    tasks: list = field(default_factory=list)
    task_count: int = 0

    @property
    def empty(self) -> bool:
        return not (self.next_meeting or self.open_votes or self.signons or self.tasks)


def my_work(person, coalition, role: str, *, task_limit: int = 50) -> MyWork:
    from juntos.communications.models import SignOnAnswer, SignOnInvite, Statement
    from juntos.governance.models import AbsenceNotice
    from juntos.web.tasks import my_tasks

    work = MyWork()
    now = timezone.now()
    if role_at_least(role, "representative"):
        meetings = Meeting.objects.filter(
            coalition=coalition, status=Meeting.Status.SCHEDULED, starts_at__gte=now
        )
        if not role_at_least(role, "core_team"):
            meetings = meetings.exclude(kind=Meeting.Kind.CORE_TEAM)
        work.next_meeting = meetings.order_by("starts_at").first()
    member_id = person.member_id
    if member_id and work.next_meeting:
        work.absence_notified = AbsenceNotice.objects.filter(
            meeting=work.next_meeting, member_id=member_id
        ).exists()
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
    if task_limit:  # the home page lists the tasks itself (task_limit=0)
        work.tasks, work.task_count = my_tasks(person, coalition.slug, limit=task_limit)
    return work
