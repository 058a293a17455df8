"""The governance rules of the charter as pure functions of plain values.

Nothing here touches the database. Every decision returns its answer together with
the sentence of the rule it applied, so a page can always say *why* (seed 000: quorum,
voting members, removal, priority issues, the meeting calendar; seed 004: agendas).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from juntos.charter import rules as charter_rules
from juntos.charter.rules import (
    MAJORITY,
    REMOVE_MEMBER,
    TWO_THIRDS,
    UNANIMOUS,
    CharterRules,
    QuorumResult,
)

YES = "yes"
NO = "no"
ABSTAIN = "abstain"
CHOICES = (YES, NO, ABSTAIN)

IN_PERSON = "in_person"
CALL = "call"

TOPIC_LEGISLATIVE = "legislative"
TOPIC_EDUCATIONAL = "educational"


def fraction_text(fraction: Fraction) -> str:
    return f"{fraction.numerator}/{fraction.denominator}"


# --- Quorum ------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuorumPanel:
    """Quorum at a meeting, with who is missing, ready for the live panel."""

    result: QuorumResult
    fraction: str
    missing: tuple  # ids of voting members not present
    rule: str

    @property
    def met(self) -> bool:
        return self.result.met

    @property
    def short_of(self) -> int:
        return max(0, self.result.needed - self.result.present)


def meeting_quorum(
    *,
    present_ids: Iterable,
    voting_ids: Iterable,
    rules: CharterRules,
    member_ids: Iterable | None = None,
) -> QuorumPanel:
    """Quorum counts present *voting* members only; others present do not count. A charter
    whose quorum is of all members counts every member (`member_ids`) instead."""
    voting = set(voting_ids)
    if rules.quorum_base == charter_rules.QUORUM_MEMBERS and member_ids is not None:
        voting |= set(member_ids)
    present = set(present_ids) & voting
    result = charter_rules.quorum_check(len(present), len(voting), rules)
    missing = tuple(sorted(voting - present))
    return QuorumPanel(
        result=result, fraction=fraction_text(rules.quorum), missing=missing, rule=result.rule
    )


# --- Voting members ----------------------------------------------------------------------


@dataclass(frozen=True)
class MemberFacts:
    """What the rules need to know about one member."""

    id: int
    admitted_on: date
    removed_on: date | None = None
    has_primary_contact: bool = True
    agreed_to_charter: bool = True
    unnotified_absences: int = 0
    admitted_at_this_meeting: bool = False


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reason: str  # why not, empty when eligible
    rule: str


def voting_rule_text() -> str:
    return _(
        "Voting members: admitted by a vote of the coalition on or before the meeting, "
        "not removed, and in good standing on their commitments."
    )


def not_voting_because(member: MemberFacts, *, on: date, rules: CharterRules) -> tuple | None:
    """Why a member does not vote at a meeting on `on`, as (reason, count), or None when
    it votes. `eligibility_for` turns the answer into words."""
    if member.admitted_on > on:
        return ("not_admitted", 0)
    if member.admitted_at_this_meeting:
        return ("admitted_here", 0)
    if member.removed_on is not None and member.removed_on <= on:
        return ("removed", 0)
    if rules.primary_contact_required and not member.has_primary_contact:
        return ("no_primary_contact", 0)
    if not member.agreed_to_charter:
        return ("no_agreement", 0)
    if member.unnotified_absences >= rules.unnotified_absences_for_review:
        return ("absences", member.unnotified_absences)
    return None


def eligibility_for(why: tuple | None) -> Eligibility:
    rule = voting_rule_text()
    if why is None:
        return Eligibility(True, "", rule)
    reason, n = why
    if reason == "absences":
        text = ngettext(
            "%(n)d meeting missed without notifying the hosts.",
            "%(n)d meetings missed without notifying the hosts.",
            n,
        ) % {"n": n}
    else:
        text = {
            "not_admitted": _("Not yet admitted on the day of the meeting."),
            "admitted_here": _("Admitted at this meeting: votes from the next meeting on."),
            "removed": _("Removed from the coalition."),
            "no_primary_contact": _("No primary point of contact."),
            "no_agreement": _("Has not agreed to the mission, values, agreements and guidelines."),
        }[reason]
    return Eligibility(False, text, rule)


def voting_eligibility(member: MemberFacts, *, on: date, rules: CharterRules) -> Eligibility:
    return eligibility_for(not_voting_because(member, on=on, rules=rules))


def voting_members(members: Iterable[MemberFacts], *, on: date, rules: CharterRules) -> list:
    """Ids of the voting members on `on`, in the order given."""
    return [m.id for m in members if not_voting_because(m, on=on, rules=rules) is None]


@dataclass(frozen=True)
class BallotEligibility:
    allowed: bool
    reason: str
    rule: str


def ballot_allowed(
    *,
    member_id,
    voting_ids: Iterable,
    present_ids: Iterable,
    kind: str,
    subject_member_id=None,
    quorum: QuorumPanel,
    rules: CharterRules,
) -> BallotEligibility:
    """May this member's ballot be recorded now? Checks quorum first: it is the charter's gate."""
    threshold = rules.threshold(kind)
    if threshold.requires_quorum and not quorum.met:
        return BallotEligibility(
            False,
            _(
                "No ballot can be recorded without quorum: %(present)d of %(total)d voting "
                "members present, %(needed)d needed."
            )
            % {
                "present": quorum.result.present,
                "total": quorum.result.total,
                "needed": quorum.result.needed,
            },
            quorum.rule + " " + _("Without quorum the coalition may discuss, but not vote."),
        )
    if member_id not in set(voting_ids):
        return BallotEligibility(
            False, _("This member is not a voting member at this meeting."), voting_rule_text()
        )
    if member_id not in set(present_ids):
        return BallotEligibility(
            False,
            _("Only members present at the meeting vote."),
            _("Each voting member present has one ballot."),
        )
    if kind == REMOVE_MEMBER and member_id == subject_member_id:
        return BallotEligibility(
            False,
            _("The member under review does not vote on its own removal."),
            removal_rule_text(rules),
        )
    return BallotEligibility(True, "", _("Each voting member present has one ballot."))


def eligible_voters(
    *, voting_ids: Iterable, present_ids: Iterable, kind: str, subject_member_id=None
) -> set:
    """Voting members present who may vote on this motion."""
    eligible = set(voting_ids) & set(present_ids)
    if kind == REMOVE_MEMBER:
        eligible.discard(subject_member_id)
    return eligible


# --- The tally ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    passed: bool
    yes: int
    no: int
    abstain: int
    eligible: int  # voting members present who could vote on this motion
    needed: int  # yes votes needed to pass
    vote_rule: str  # majority / two_thirds / unanimous
    rule: str  # the sentence applied
    summary: str  # "7 yes, 2 no, 1 abstention: passes"
    base: str = ""  # what the threshold counted: votes cast, present, all voting members
    base_count: int = 0

    def as_dict(self) -> dict:
        return {
            "passed": self.passed,
            "yes": self.yes,
            "no": self.no,
            "abstain": self.abstain,
            "eligible": self.eligible,
            "needed": self.needed,
            "vote_rule": self.vote_rule,
            "rule": self.rule,
            "summary": self.summary,
        }


def count_choices(choices: Iterable[str]) -> tuple[int, int, int]:
    yes = no = abstain = 0
    for choice in choices:
        if choice == YES:
            yes += 1
        elif choice == NO:
            no += 1
        elif choice == ABSTAIN:
            abstain += 1
        else:
            raise ValueError(f"unknown choice {choice!r}")
    return yes, no, abstain


def tally(
    *,
    kind: str,
    yes: int,
    no: int,
    abstain: int,
    eligible: int,
    rules: CharterRules,
    voting: int | None = None,
) -> Tally:
    """Apply the charter's threshold for `kind`.

    Majority and two thirds count votes cast (yes and no); abstentions are not votes
    cast. A tie does not pass. Unanimity depends on the charter's basis: by default
    every eligible member present votes yes (an abstention or a missing ballot blocks
    it); with the "votes cast" basis, every ballot that is not an abstention is yes.
    Nothing passes with no yes vote.
    """
    if min(yes, no, abstain, eligible) < 0:
        raise ValueError("counts cannot be negative")
    threshold = rules.threshold(kind)
    vote_rule = threshold.rule
    outcome = charter_rules.threshold_outcome(
        threshold,
        yes=yes,
        no=no,
        abstain=abstain,
        eligible=eligible,
        voting=eligible if voting is None else voting,
    )
    needed, passed = outcome.needed, outcome.passed
    rule = vote_rule_sentence(
        kind=kind, threshold=threshold, base=outcome.base, needed=needed, count=outcome.base_count
    )
    summary = _("%(yes)d yes, %(no)d no, %(abstain)d abstaining: %(outcome)s") % {
        "yes": yes,
        "no": no,
        "abstain": abstain,
        "outcome": _("passes") if passed else _("does not pass"),
    }
    return Tally(
        passed,
        yes,
        no,
        abstain,
        eligible,
        needed,
        vote_rule,
        rule,
        summary,
        base=outcome.base,
        base_count=outcome.base_count,
    )


def vote_rule_sentence(*, kind: str, threshold, base: str, needed: int, count: int) -> str:
    """The vote rule a result applied, in the reader's language (also for stored facts)."""
    vote_rule = threshold.rule
    if vote_rule == MAJORITY and base == charter_rules.BASE_CAST:
        rule = _(
            "%(kind)s: a majority of votes cast (more yes than no); abstentions are not "
            "votes cast; a tie does not pass."
        )
    elif vote_rule == TWO_THIRDS and base == charter_rules.BASE_CAST:
        rule = _(
            "%(kind)s: at least two thirds of votes cast are yes; abstentions are not votes cast."
        )
    elif vote_rule == UNANIMOUS and base == charter_rules.BASE_PRESENT:
        rule = _(
            "%(kind)s: unanimous: every eligible voting member present votes yes; "
            "an abstention or a missing ballot blocks it."
        )
    elif vote_rule == UNANIMOUS and base == charter_rules.BASE_CAST:
        rule = _(
            "%(kind)s: unanimous among votes cast: no ballot is no; abstentions are not votes cast."
        )
    else:
        rule = _("%(kind)s: needs %(threshold)s (%(needed)d yes of %(count)d).") % {
            "kind": "%(kind)s",
            "threshold": charter_rules.threshold_label(threshold),
            "needed": needed,
            "count": count,
        }
    if vote_rule == UNANIMOUS and kind == REMOVE_MEMBER:
        rule += " " + _("The member under review does not vote.")
    return rule % {"kind": charter_rules.decision_kind_label(kind)}


# --- Absences and removal ----------------------------------------------------------------


@dataclass(frozen=True)
class HeldMeeting:
    id: int
    on: date


@dataclass(frozen=True)
class AttendanceCounts:
    attended: int = 0
    notified_absences: int = 0
    unnotified_absences: int = 0


def attendance_counts(
    *,
    admitted_on: date,
    removed_on: date | None,
    meetings: Iterable[HeldMeeting],
    present: set,
    notified: set,
    excused: set = frozenset(),
) -> AttendanceCounts:
    """A member's record over held meetings: only meetings while it was a member count.

    `present` and `notified` are meeting ids. Present wins over a notice given earlier.
    `excused` meetings do not count at all (the meeting that admitted the member).
    """
    attended = notified_n = unnotified = 0
    for m in meetings:
        if m.on < admitted_on or (removed_on is not None and m.on >= removed_on):
            continue
        if m.id in excused:
            continue
        if m.id in present:
            attended += 1
        elif m.id in notified:
            notified_n += 1
        else:
            unnotified += 1
    return AttendanceCounts(attended, notified_n, unnotified)


def removal_rule_text(rules: CharterRules) -> str:
    return ngettext(
        "A member absent from %(n)d meeting without notifying the hosts, or acting contrary "
        "to the coalition's direction, is reviewed at the next regular meeting; removal "
        "needs %(vote)s of the remaining members.",
        "A member absent from %(n)d meetings without notifying the hosts, or acting contrary "
        "to the coalition's direction, is reviewed at the next regular meeting; removal "
        "needs %(vote)s of the remaining members.",
        rules.unnotified_absences_for_review,
    ) % {
        "n": rules.unnotified_absences_for_review,
        "vote": charter_rules.vote_rule_label(rules.threshold(REMOVE_MEMBER)),
    }


@dataclass(frozen=True)
class ReviewTrigger:
    due: bool
    count: int
    limit: int
    rule: str


def removal_review_due(*, unnotified_absences: int, rules: CharterRules) -> ReviewTrigger:
    limit = rules.unnotified_absences_for_review
    return ReviewTrigger(
        due=unnotified_absences >= limit,
        count=unnotified_absences,
        limit=limit,
        rule=removal_rule_text(rules),
    )


# --- The calendar ------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedMeeting:
    on: date
    format: str  # in_person / call
    topic: str  # legislative / educational
    slot: str  # "2027-05": one generated meeting per month
    rule: str


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-4) `weekday` (Monday=0) of a month: the second Thursday, and so on."""
    if not 1 <= n <= 4 or not 0 <= weekday <= 6:
        raise ValueError("n is 1-4 and weekday 0-6")
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def meeting_calendar(year: int, rules: CharterRules) -> list[PlannedMeeting]:
    """A year of regular meetings from the charter (seed 000).

    Monthly during the legislative session (legislative strategy and policy issues);
    in the interim months monthly, alternating in person and conference call
    (educational events and planning), starting as the charter says.
    """
    from django.utils.dates import WEEKDAYS

    if rules.seasons:  # any rhythm: the charter's seasons (charter/rules.py)
        return [
            PlannedMeeting(e.on, e.format, e.topic, e.slot, e.rule)
            for e in charter_rules.season_calendar(year, rules)
        ]
    weekday_name = str(WEEKDAYS[rules.meeting_weekday]).lower()
    session_rule = _(
        "Session months: a meeting every month on the %(n)s %(day)s: legislative strategy "
        "and policy issues."
    ) % {"n": _ordinal(rules.meeting_week_of_month), "day": weekday_name}
    interim_rule = _(
        "Interim months: a meeting every month on the %(n)s %(day)s, alternating in person "
        "and conference call: educational events and planning."
    ) % {"n": _ordinal(rules.meeting_week_of_month), "day": weekday_name}
    planned = []
    session = set(rules.session_months)
    interim_index = 0
    for month in range(1, 13):
        on = nth_weekday(year, month, rules.meeting_weekday, rules.meeting_week_of_month)
        slot = f"{year:04d}-{month:02d}"
        if month in session:
            planned.append(PlannedMeeting(on, IN_PERSON, TOPIC_LEGISLATIVE, slot, session_rule))
        elif month in rules.interim_months:
            in_person = (interim_index % 2 == 0) == rules.interim_starts_in_person
            interim_index += 1
            planned.append(
                PlannedMeeting(
                    on, IN_PERSON if in_person else CALL, TOPIC_EDUCATIONAL, slot, interim_rule
                )
            )
    return planned


def _ordinal(n: int) -> str:
    return {1: _("first"), 2: _("second"), 3: _("third"), 4: _("fourth")}[n]


# --- Agendas -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaTiming:
    deadline: date  # publish on or before this day
    late: bool
    days_left: int  # days from `now` to the deadline; negative once past
    rule: str


def agenda_timing(
    *, meeting_on: date, published_on: date | None, today: date, rules
) -> AgendaTiming:
    """Publishing after the lead time is allowed, but recorded as late."""
    deadline = meeting_on - timedelta(days=rules.agenda_lead_days)
    reference = published_on or today
    rule = ngettext(
        "The agenda is published at least %(n)d day before the meeting.",
        "The agenda is published at least %(n)d days before the meeting.",
        rules.agenda_lead_days,
    ) % {"n": rules.agenda_lead_days}
    late = reference > deadline
    return AgendaTiming(deadline=deadline, late=late, days_left=(deadline - today).days, rule=rule)


# --- Issue priorities --------------------------------------------------------------------


@dataclass(frozen=True)
class PriorityCap:
    allowed: bool
    active: int
    limit: int
    rule: str


def priority_adoption(*, active: int, rules: CharterRules) -> PriorityCap:
    limit = rules.max_active_priorities
    rule = ngettext(
        "Adopting an issue priority needs quorum; at most %(n)d is active at a time.",
        "Adopting an issue priority needs quorum; at most %(n)d are active at a time.",
        limit,
    ) % {"n": limit}
    return PriorityCap(allowed=active < limit, active=active, limit=limit, rule=rule)


# --- The meeting's time ------------------------------------------------------------------


@dataclass(frozen=True)
class Allowed:
    """May this act happen now? The answer, why not, and the rule applied."""

    allowed: bool
    reason: str
    rule: str

    def __bool__(self) -> bool:
        return self.allowed


def motion_opening_allowed(*, kind: str, quorum: QuorumPanel, rules: CharterRules) -> Allowed:
    """Without quorum the coalition may discuss, but not vote: a vote needing quorum cannot
    even be opened."""
    threshold = rules.threshold(kind)
    rule = quorum.rule + " " + _("Without quorum the coalition may discuss, but not vote.")
    if threshold.requires_quorum and not quorum.met:
        return Allowed(
            False,
            _(
                "No motion can be opened without quorum: %(present)d of %(total)d voting "
                "members present, %(needed)d needed."
            )
            % {
                "present": quorum.result.present,
                "total": quorum.result.total,
                "needed": quorum.result.needed,
            },
            rule,
        )
    return Allowed(True, "", rule)


def meeting_day_rule_text(window_days: int) -> str:
    if window_days <= 0:
        return _("Check-in and ballots happen on the day of the meeting.")
    return ngettext(
        "Check-in and ballots happen on the day of the meeting, or within %(n)d day of it.",
        "Check-in and ballots happen on the day of the meeting, or within %(n)d days of it.",
        window_days,
    ) % {"n": window_days}


def meeting_day_allowed(*, meeting_on: date, today: date, window_days: int = 0) -> Allowed:
    """Check-in and ballots belong to the meeting's day (local date), or a window around it."""
    rule = meeting_day_rule_text(window_days)
    if abs((today - meeting_on).days) > max(0, window_days):
        if today < meeting_on:
            reason = _("This meeting has not happened yet.")
        else:
            reason = _("This meeting is over.")
        return Allowed(False, reason, rule)
    return Allowed(True, "", rule)


def attendance_close_rule_text() -> str:
    return _(
        "Attendance is closed once the meeting has started; every voting member neither "
        "present nor notified then has an absence without notice. Closing can be undone the "
        "same day."
    )


def attendance_close_allowed(*, starts_at, now) -> Allowed:
    if now < starts_at:
        return Allowed(
            False,
            _("Attendance can be closed only once the meeting has started."),
            attendance_close_rule_text(),
        )
    return Allowed(True, "", attendance_close_rule_text())


def attendance_reopen_allowed(*, closed_on: date | None, today: date) -> Allowed:
    if closed_on is None:
        return Allowed(False, _("Attendance is not closed."), attendance_close_rule_text())
    if closed_on != today:
        return Allowed(
            False,
            _("Closing attendance can be undone only on the day it was closed."),
            attendance_close_rule_text(),
        )
    return Allowed(True, "", attendance_close_rule_text())


def minutes_allowed(*, ends_at, now, attendance_closed: bool) -> Allowed:
    rule = _("Minutes are published after the meeting.")
    if now < ends_at and not attendance_closed:
        return Allowed(False, _("The meeting is not over yet."), rule)
    return Allowed(True, "", rule)


# --- Agenda order ------------------------------------------------------------------------


def automatic_row_index(goals: list[str], closing_goals: Iterable[str]) -> int:
    """Where an automatic row (a removal review, a priority, an admission) goes in an
    agenda whose rows have these goals, in order: before the closing "Parking lot /
    next steps" row when there is one, otherwise at the end."""
    closing = {g.strip().casefold() for g in closing_goals}
    for index, goal in enumerate(goals):
        if goal.strip().casefold() in closing:
            return index
    return len(goals)


def moved_order(ids: list, item_id, direction: str) -> list:
    """The row ids after moving one up or down; unchanged at either end."""
    if direction not in ("up", "down"):
        raise ValueError(direction)
    order = list(ids)
    i = order.index(item_id)
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(order):
        order[i], order[j] = order[j], order[i]
    return order
