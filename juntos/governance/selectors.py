"""Reads for governance, in a fixed number of queries whatever the coalition's size."""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cached_property

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from juntos.charter import rules as charter_rules
from juntos.core.access import role_at_least
from juntos.governance import rules
from juntos.governance.models import AbsenceNotice, Attendance, Ballot, Meeting, Motion
from juntos.members.models import Member, Person

COUNTED_KINDS = (Meeting.Kind.REGULAR, Meeting.Kind.SPECIAL)


def rules_for(coalition, on: date | None = None):
    version = coalition.charter_in_force(on) or coalition.charter_in_force()
    return version.parsed_rules


def _year_bounds(year: int):
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(date(year, 1, 1), time.min), tz)
    end = timezone.make_aware(datetime.combine(date(year + 1, 1, 1), time.min), tz)
    return start, end


def held_meetings(coalition, year: int, *, before: datetime | None = None) -> list:
    """Full-coalition meetings of the year whose attendance is closed: the ones that count."""
    start, end = _year_bounds(year)
    qs = Meeting.objects.filter(
        coalition=coalition,
        kind__in=COUNTED_KINDS,
        status=Meeting.Status.SCHEDULED,
        attendance_closed_at__isnull=False,
        starts_at__gte=start,
        starts_at__lt=end,
    )
    if before is not None:
        qs = qs.filter(starts_at__lt=before)
    return [rules.HeldMeeting(m.pk, m.local_date) for m in qs.only("pk", "starts_at")]


def attendance_summary(coalition, year: int, members, *, before=None) -> dict:
    """{member_id: AttendanceCounts} for the year, in three queries for any number of members."""
    meetings = held_meetings(coalition, year, before=before)
    ids = [m.id for m in meetings]
    present = defaultdict(set)
    notified = defaultdict(set)
    if ids:
        for member_id, meeting_id in Attendance.objects.filter(meeting_id__in=ids).values_list(
            "member_id", "meeting_id"
        ):
            present[member_id].add(meeting_id)
        for member_id, meeting_id in AbsenceNotice.objects.filter(meeting_id__in=ids).values_list(
            "member_id", "meeting_id"
        ):
            notified[member_id].add(meeting_id)
    # The meeting that admitted a member is not one it could have attended as a member.
    admitted_at = {}
    if ids:
        admitted_at = dict(
            Motion.objects.filter(
                meeting_id__in=ids,
                kind=charter_rules.ADMIT_MEMBER,
                result=Motion.Result.PASSED,
            ).values_list("subject_application_id", "meeting_id")
        )
    return {
        m.pk: rules.attendance_counts(
            admitted_on=m.admitted_on,
            removed_on=m.removed_on,
            meetings=meetings,
            present=present[m.pk],
            notified=notified[m.pk],
            excused={admitted_at[m.application_id]}
            if getattr(m, "application_id", None) in admitted_at
            else frozenset(),
        )
        for m in members
    }


@dataclass
class VotingPicture:
    """Who may vote at a meeting and who is there: the live quorum panel's data."""

    meeting: Meeting
    members: dict  # id -> Member, every member of the coalition on the day
    eligibility: dict  # id -> rules.Eligibility
    voting_ids: set
    present: dict  # member id -> Attendance
    notified: dict  # member id -> AbsenceNotice
    quorum: rules.QuorumPanel
    rules: object

    def ballot_allowed(self, member_id: int, motion):
        """rules.ballot_allowed for this member on this motion, with this picture's facts."""
        return rules.ballot_allowed(
            member_id=member_id,
            voting_ids=self.voting_ids,
            present_ids=self.present,
            kind=motion.kind,
            subject_member_id=motion.subject_member_id,
            quorum=self.quorum,
            rules=self.rules,
        )

    @property
    def missing_members(self):
        return [self.members[i] for i in self.quorum.missing]

    @cached_property
    def missing_names(self) -> list[str]:
        """Voting members not here who have not told the hosts, by name."""
        return sorted(self.members[i].name for i in self.quorum.missing if i not in self.notified)

    @cached_property
    def notified_names(self) -> list[str]:
        """Voting members not here who told the hosts they could not come, by name."""
        return sorted(self.members[i].name for i in self.quorum.missing if i in self.notified)

    @property
    def present_members(self):
        return [self.members[i] for i in sorted(self.present, key=lambda i: str(self.members[i]))]

    @cached_property
    def not_voting(self) -> list[tuple[str, list[str]]]:
        """Members who do not vote, grouped by the reason: [(reason, names)]."""
        groups = defaultdict(list)
        for i, e in self.eligibility.items():
            if not e.eligible:
                groups[e.reason].append(self.members[i].name)
        return sorted((reason, sorted(names)) for reason, names in groups.items())


@dataclass(frozen=True)
class MemberOnDay:
    """What the quorum and ballot pages show of a member: plain values, because a national
    coalition has hundreds of members and model instances cost more than the rules."""

    pk: int
    name: str
    status: str
    admitted_on: date
    removed_on: date | None
    application_id: int | None = None

    def __str__(self):
        return self.name


def voting_picture(meeting: Meeting) -> VotingPicture:
    coalition = meeting.coalition
    on = meeting.local_date
    charter = rules_for(coalition, on)
    rows = (
        Member.objects.filter(coalition=coalition, admitted_on__lte=on)
        .filter(Q(removed_on__isnull=True) | Q(removed_on__gt=on))
        .annotate(
            has_primary=Exists(
                Person.objects.filter(member=OuterRef("pk"), is_primary_contact=True)
            )
        )
        .order_by("name")
        .values_list(
            "pk",
            "name",
            "status",
            "admitted_on",
            "removed_on",
            "agreed_to_charter_at",
            "application_id",
            "has_primary",
        )
    )
    members, extra = [], {}
    for pk, name, status, admitted_on, removed_on, agreed_at, application_id, primary in rows:
        members.append(MemberOnDay(pk, name, status, admitted_on, removed_on, application_id))
        extra[pk] = (agreed_at is not None, application_id, primary)
    counts = attendance_summary(coalition, on.year, members, before=meeting.starts_at)
    admitted_here = set(
        Motion.objects.filter(
            meeting=meeting, kind=charter_rules.ADMIT_MEMBER, result=Motion.Result.PASSED
        ).values_list("subject_application_id", flat=True)
    )
    eligibility = {}
    worded = {}  # members who vote, or not for the same reason, share one Eligibility
    for m in members:
        agreed, application_id, primary = extra[m.pk]
        facts = rules.MemberFacts(
            id=m.pk,
            admitted_on=m.admitted_on,
            removed_on=m.removed_on,
            has_primary_contact=primary,
            agreed_to_charter=agreed,
            unnotified_absences=counts[m.pk].unnotified_absences,
            admitted_at_this_meeting=application_id in admitted_here,
        )
        why = rules.not_voting_because(facts, on=on, rules=charter)
        if why not in worded:
            worded[why] = rules.eligibility_for(why)
        eligibility[m.pk] = worded[why]
    voting_ids = {i for i, e in eligibility.items() if e.eligible}
    # Who checked in is shown by name only: the person's other columns (JSON and timestamps
    # among them) cost most of the picture at 2,000 present.
    present = {
        a.member_id: a
        for a in Attendance.objects.filter(meeting=meeting)
        .select_related("person")
        .only("meeting", "member", "person", "checked_in_by", "at", "person__full_name")
    }
    notified = {n.member_id: n for n in AbsenceNotice.objects.filter(meeting=meeting)}
    quorum = rules.meeting_quorum(
        present_ids=present,
        voting_ids=voting_ids,
        rules=charter,
        member_ids={
            m.pk
            for m in members
            if m.admitted_on and m.admitted_on <= on and not (m.removed_on and m.removed_on <= on)
        },
    )
    return VotingPicture(
        meeting=meeting,
        members={m.pk: m for m in members},
        eligibility=eligibility,
        voting_ids=voting_ids,
        present=present,
        notified=notified,
        quorum=quorum,
        rules=charter,
    )


# --- Permission-checked fetches ------------------------------------------------------------


def meetings_for_role(coalition, role: str | None):
    """The one rule for which meetings a role sees (pages, API, feeds, exports and mails):
    Core Team meetings only for the Core Team and hosts."""
    qs = Meeting.objects.filter(coalition=coalition)
    if not role_at_least(role or None, "core_team"):
        qs = qs.exclude(kind=Meeting.Kind.CORE_TEAM)
    return qs


def meeting_visible(meeting: Meeting, request) -> bool:
    """meetings_for_role's rule for one meeting already read (a motion's, with it)."""
    return meeting.coalition_id == request.coalition.pk and (
        meeting.kind != Meeting.Kind.CORE_TEAM or role_at_least(request.role or None, "core_team")
    )


def meetings_visible_to(request):
    return meetings_for_role(request.coalition, request.role)


def get_meeting_for(request, pk: int) -> Meeting:
    """The meeting, or 404 when it is not this coalition's or not for this person's role.

    Its coalition is the request's own object (the same row), so the charter versions the
    charter gate read are not read again."""
    meeting = get_object_or_404(meetings_visible_to(request), pk=pk)
    meeting.coalition = request.coalition
    return meeting


def agenda_items_for(meeting: Meeting, *, role: str, person: Person) -> list:
    """The agenda as this person may see it: confidential rows only for hosts, the Core
    Team and representatives of the members a row names."""
    items = list(meeting.items.prefetch_related("named_members"))
    if role_at_least(role, "core_team"):
        return items
    return [
        i
        for i in items
        if not i.confidential
        or (person.member_id and any(m.pk == person.member_id for m in i.named_members.all()))
    ]


# --- Closing attendance: what it will count -------------------------------------------------


@dataclass(frozen=True)
class ClosePreview:
    """What closing a meeting's attendance will record, for the confirmation page."""

    counted: bool  # does this kind of meeting count toward removal?
    present: list
    notified: list
    unnotified: list  # names that get an absence without notice
    reviews: list  # names that reach the charter's count and go up for review
    rule: str


def attendance_close_preview(meeting: Meeting) -> ClosePreview:
    from juntos.governance.models import RemovalReview

    coalition = meeting.coalition
    on = meeting.local_date
    charter = rules_for(coalition, on)
    members = list(
        Member.objects.filter(
            coalition=coalition, status=Member.Status.ACTIVE, admitted_on__lte=on
        ).order_by("name")
    )
    present = set(Attendance.objects.filter(meeting=meeting).values_list("member_id", flat=True))
    notified = set(
        AbsenceNotice.objects.filter(meeting=meeting).values_list("member_id", flat=True)
    )
    admitted_here = set(
        Motion.objects.filter(
            meeting=meeting, kind=charter_rules.ADMIT_MEMBER, result=Motion.Result.PASSED
        ).values_list("subject_application_id", flat=True)
    )
    missing = [
        m
        for m in members
        if m.pk not in present and m.pk not in notified and m.application_id not in admitted_here
    ]
    counted = meeting.kind in COUNTED_KINDS
    reviews = []
    if counted and missing:
        counts = attendance_summary(coalition, on.year, missing, before=meeting.starts_at)
        already = set(
            RemovalReview.objects.filter(
                coalition=coalition,
                trigger=RemovalReview.Trigger.ABSENCES,
                status=RemovalReview.Status.OPEN,
            ).values_list("member_id", flat=True)
        )
        for m in missing:
            due = rules.removal_review_due(
                unnotified_absences=counts[m.pk].unnotified_absences + 1, rules=charter
            )
            if due.due and m.pk not in already:
                reviews.append(m.name)
    return ClosePreview(
        counted=counted,
        present=[m.name for m in members if m.pk in present],
        notified=[m.name for m in members if m.pk in notified],
        unnotified=[m.name for m in missing],
        reviews=reviews,
        rule=rules.removal_rule_text(charter),
    )


# --- The live motion card and the projector -------------------------------------------------

# Live parts and the motion page name at most this many of a list (then "and N more"): a
# national assembly has thousands of members, a small coalition's meeting a dozen. The
# whole list is on the motion's roll call, paginated.
NAMES_SHOWN = 12


@dataclass(frozen=True)
class Names:
    """The first names of a list that may be long (in order), and how many it has."""

    shown: tuple
    count: int

    @property
    def more(self) -> int:
        return self.count - len(self.shown)

    def __bool__(self) -> bool:
        return self.count > 0

    @classmethod
    def first_of(cls, names, limit: int = NAMES_SHOWN) -> Names:
        """The `limit` first in alphabetical order, without sorting the whole list."""
        names = list(names)
        return cls(tuple(heapq.nsmallest(limit, names)), len(names))


@dataclass(frozen=True)
class LiveTally:
    """A motion's ballots as they arrive: counts, who has not voted, where the line is."""

    yes: int
    no: int
    abstain: int
    eligible: int
    waiting: Names  # eligible members present who have not voted: the first names, a count
    tally: rules.Tally  # the count if the vote closed now
    threshold_label: str
    requires_quorum: bool

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain

    def percent(self, n: int) -> float:
        return round(100 * n / self.eligible, 1) if self.eligible else 0.0

    @property
    def yes_pct(self):
        return self.percent(self.yes)

    @property
    def no_pct(self):
        return self.percent(self.no)

    @property
    def abstain_pct(self):
        return self.percent(self.abstain)

    @property
    def yes_no_pct(self):
        return self.percent(self.yes + self.no)

    @property
    def needed_pct(self):
        return min(100.0, self.percent(self.tally.needed))


def ballot_of(motion: Motion, member_id: int) -> Ballot | None:
    """The member's ballot on the motion, in one plain statement (every delegate's page asks
    for it as the room opens the vote, and building the ORM's query costs more than running
    it): its id and choice, the rest left for when it is asked for."""
    table = connection.ops.quote_name(Ballot._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, choice FROM {table} WHERE motion_id = %s AND member_id = %s",  # noqa: S608
            [motion.pk, member_id],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    ballot_id, choice = row
    fields = ["id", "motion_id", "member_id", "choice"]
    ballot = Ballot.from_db(connection.alias, fields, [ballot_id, motion.pk, member_id, choice])
    ballot.motion = motion
    return ballot


def live_tally(motion: Motion, picture: VotingPicture) -> LiveTally:
    choices = list(motion.ballots.values_list("member_id", "choice"))
    voted = {m for m, _c in choices}
    eligible = rules.eligible_voters(
        voting_ids=picture.voting_ids,
        present_ids=picture.present,
        kind=motion.kind,
        subject_member_id=motion.subject_member_id,
    )
    yes, no, abstain = rules.count_choices(c for _m, c in choices)
    threshold = picture.rules.threshold(motion.kind)
    return LiveTally(
        yes=yes,
        no=no,
        abstain=abstain,
        eligible=len(eligible | voted),
        waiting=Names.first_of(picture.members[i].name for i in eligible - voted),
        tally=rules.tally(
            kind=motion.kind,
            yes=yes,
            no=no,
            abstain=abstain,
            eligible=len(eligible | voted),
            rules=picture.rules,
        ),
        threshold_label=charter_rules.vote_rule_label(threshold.rule),
        requires_quorum=threshold.requires_quorum,
    )


# --- After an admission: the structures the application asked for ---------------------------

PLACEMENT_TEAM_KINDS = {
    "core_team": "core_team",
    "support_pods": "support_pod",
    "issue_teams": "issue_team",
}


def admission_placements(motion: Motion) -> tuple:
    """(member, [(team, already seated)]) for a passed admission: the teams of the kinds
    the application asked to take part in, each for the host to confirm."""
    from juntos.members.models import Team, TeamSeat

    if motion.kind != charter_rules.ADMIT_MEMBER or motion.result != Motion.Result.PASSED:
        return None, []
    member = Member.objects.filter(application_id=motion.subject_application_id).first()
    if member is None:
        return None, []
    asked = motion.subject_application.participation or []
    kinds = [PLACEMENT_TEAM_KINDS[p] for p in asked if p in PLACEMENT_TEAM_KINDS]
    teams = list(Team.objects.filter(coalition_id=member.coalition_id, kind__in=kinds))
    seated = set(TeamSeat.objects.filter(member=member).values_list("team_id", flat=True))
    return member, [(team, team.pk in seated) for team in teams]
