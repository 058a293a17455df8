"""Campaign rules as pure functions: goal checks, the tactic ladder, blackout dates and the
tally of issues from a survey. Each returns its answer and the rule it applied, so a page
can say not only "no" but why (seeds 002, 003 and 004)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import IntEnum
from functools import lru_cache

import holidays as holidays_lib
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# --- Goals -----------------------------------------------------------------------------

GOAL_RULE = gettext_lazy(
    "A goal can be checked when it has a measure, a target value on that measure, a date "
    "that has not passed, and names at least one member organization for whom it is a win "
    "(Measurable and Time-bound in SMARTIE; On a timetable and Win-win in the coalition "
    "goal test)."
)


@dataclass(frozen=True)
class Problem:
    code: str
    message: str


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    framework: str  # "SMARTIE" or "BATOW"
    label: str
    question: str


@dataclass(frozen=True)
class GoalCheck:
    accepted: bool
    problems: list[Problem]
    checklist: list[ChecklistItem]
    unanswered: list[str]
    rule: str


def checklist_items() -> list[ChecklistItem]:
    """The parts of SMARTIE and of Believable-Attainable-Tangible-On a timetable-Win-win
    that software cannot judge; the team answers them."""
    return [
        ChecklistItem(
            "strategic",
            "SMARTIE",
            _("Strategic"),
            _("Does reaching it move the decision maker who can give us the win?"),
        ),
        ChecklistItem(
            "ambitious",
            "SMARTIE",
            _("Ambitious"),
            _("Does it stretch what the coalition has done before?"),
        ),
        ChecklistItem(
            "realistic",
            "SMARTIE",
            _("Realistic"),
            _("Do our staff, budget and volunteers cover what it takes?"),
        ),
        ChecklistItem(
            "inclusive",
            "SMARTIE",
            _("Inclusive"),
            _("Are the people most affected part of deciding and doing it?"),
        ),
        ChecklistItem(
            "equitable",
            "SMARTIE",
            _("Equitable"),
            _("Does it reduce a harm that falls unevenly, and not shift it to someone else?"),
        ),
        ChecklistItem(
            "believable",
            "BATOW",
            _("Believable"),
            _("Do the members believe this can be achieved?"),
        ),
        ChecklistItem(
            "attainable",
            "BATOW",
            _("Attainable"),
            _("Can it be reached in the time we gave it?"),
        ),
        ChecklistItem(
            "tangible",
            "BATOW",
            _("Tangible"),
            _("Is it concrete enough that anyone can tell whether it happened?"),
        ),
    ]


def goal_check(
    *,
    measure: str,
    target_value: Decimal | int | float | None,
    due_on: date | None,
    winners: list[str],
    today: date,
    answers: dict[str, bool] | None = None,
) -> GoalCheck:
    """Refuse what can be computed; list the checklist items the team has not yet ticked."""
    problems = []
    if not (measure or "").strip():
        problems.append(
            Problem(
                "no_measure",
                _(
                    "Say what you will count (the measure), for example signatures, council "
                    "votes or IDs issued. A goal without a measure cannot be checked."
                ),
            )
        )
    if target_value is None:
        problems.append(
            Problem(
                "no_target",
                _("Give the number you aim to reach on the measure (the target value)."),
            )
        )
    elif Decimal(str(target_value)) <= 0:
        problems.append(Problem("no_target", _("The target value must be more than zero.")))
    if due_on is None:
        problems.append(
            Problem("no_date", _("Give the date by which the goal is met (On a timetable)."))
        )
    elif due_on < today:
        problems.append(
            Problem(
                "date_past",
                _("The date %(date)s has already passed. Choose a date still ahead.")
                % {"date": due_on.isoformat()},
            )
        )
    if not [w for w in winners if str(w).strip()]:
        problems.append(
            Problem(
                "no_win",
                _(
                    "Name at least one member organization for whom this goal is a win "
                    "(Win-win: every member should experience some success)."
                ),
            )
        )
    answers = answers or {}
    items = checklist_items()
    unanswered = [i.key for i in items if not answers.get(i.key)]
    return GoalCheck(
        accepted=not problems,
        problems=problems,
        checklist=items,
        unanswered=unanswered,
        rule=str(GOAL_RULE),
    )


def goal_progress(*, baseline: Decimal, target: Decimal, latest: Decimal | None) -> int:
    """Percent of the way from the baseline to the target, 0 to 100."""
    if latest is None or target == baseline:
        return 100 if latest is not None and latest >= target else 0
    share = (Decimal(latest) - baseline) / (target - baseline) * 100
    return int(max(0, min(100, share)))


# --- The tactic ladder -----------------------------------------------------------------


class Rung(IntEnum):
    MEETING = 1
    LETTERS = 2
    VIGIL = 3
    RALLY = 4
    DIRECT_ACTION = 5
    CIVIL_DISOBEDIENCE = 6


def rung_labels() -> dict[int, str]:
    return {
        Rung.MEETING: _("Meetings with decision makers"),
        Rung.LETTERS: _("Letters, calls and op-eds"),
        Rung.VIGIL: _("Vigils"),
        Rung.RALLY: _("Rallies and accountability forums"),
        Rung.DIRECT_ACTION: _("Direct action"),
        Rung.CIVIL_DISOBEDIENCE: _("Fasting and civil disobedience"),
    }


LADDER_RULE = gettext_lazy(
    "Meet the decision maker first; when there has been no progress, escalate one rung at "
    "a time in a planned order: letters, calls and op-eds; vigils; rallies and "
    "accountability forums; direct action; fasting or civil disobedience last, when the "
    "moment is right."
)


@dataclass(frozen=True)
class LadderCheck:
    ok: bool
    warnings: list[Problem]
    current: int  # the highest rung already on the plan, 0 if none
    next: int  # the rung the seed would take next
    rule: str


def ladder_check(*, planned: int, on_plan: list[int], decision_maker_met: bool) -> LadderCheck:
    """Warn when `planned` skips a rung above what is already on the plan, or escalates
    before a meeting with the decision maker is on record."""
    planned = int(planned)
    current = max([int(r) for r in on_plan], default=0)
    nxt = min(current + 1, max(Rung))
    warnings = []
    if planned > Rung.MEETING and not decision_maker_met:
        warnings.append(
            Problem(
                "no_meeting",
                _(
                    "No meeting with the decision maker is recorded yet. Meet them first: "
                    "it is when there has been no progress after that meeting that the "
                    "campaign widens its tactics to build public pressure."
                ),
            )
        )
    if planned > max(current + 1, Rung.MEETING):
        warnings.append(
            Problem(
                "skips_rungs",
                _(
                    "This skips rungs: the plan reaches %(current)s, and the next step is "
                    "%(next)s. Escalate in a planned order, starting with softer tactics "
                    "such as vigils or op-eds; starting with a sit-in or civil disobedience "
                    "is not wise."
                )
                % {
                    "current": rung_labels()[current] if current else _("nothing yet"),
                    "next": rung_labels()[nxt],
                },
            )
        )
    return LadderCheck(
        ok=not warnings, warnings=warnings, current=current, next=nxt, rule=str(LADDER_RULE)
    )


def ladder_position(*, done: list[int], planned: list[int], done_dates=None) -> list[dict]:
    """Each rung with whether it is done, planned, or still ahead: the ladder as drawn.
    `done_dates` ({rung: date}) adds the day each done rung was reached."""
    labels = rung_labels()
    top_done = max([int(r) for r in done], default=0)
    rows = []
    for rung in Rung:
        if rung in done:
            state = "done"
        elif rung in planned:
            state = "planned"
        elif rung <= top_done:
            state = "skipped"
        else:
            state = "ahead"
        row = {"rung": int(rung), "label": labels[rung], "state": state}
        if done_dates and state == "done" and done_dates.get(int(rung)):
            row["done_on"] = done_dates[int(rung)]
        rows.append(row)
    return rows


@dataclass(frozen=True)
class LadderStep:
    """An action as the ladder's order check sees it."""

    id: int
    title: str
    rung: int
    on: date


def ladder_order_problems(steps: list[LadderStep]) -> list[tuple[LadderStep, LadderStep]]:
    """(later rung, earlier rung) for each action of a higher rung dated before an action
    of a lower rung: the campaign would escalate before the softer step. Cancelled actions
    are left out by the caller."""
    problems = []
    for high in steps:
        for low in steps:
            if high.rung > low.rung and high.on < low.on:
                problems.append((high, low))
    return sorted(problems, key=lambda p: (p[0].on, p[1].on, p[0].id, p[1].id))


# --- Key dates and blackouts -----------------------------------------------------------

BLACKOUT_RULE = gettext_lazy(
    "Dates the coalition does not control (federal and state holidays, legislative "
    "recesses, members' retreats and conventions) and internal dates the team marked as "
    "blackouts are avoided for actions."
)


@dataclass(frozen=True)
class DateSpan:
    """A key date as the rules see it: a span of days, inclusive."""

    title: str
    starts_on: date
    ends_on: date | None = None
    category: str = "other"  # holiday, session, recess, retreat, convention, internal, other
    blackout: bool = True
    legislature: str = ""  # "US" or a state, for a chamber's calendar; "" for everyone
    chamber: str = ""  # upper, lower, legislature; "" for both chambers

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= (self.ends_on or self.starts_on)


LEGISLATIVE_CHAMBERS = ("upper", "lower", "legislature")

CHAMBER_RULE = gettext_lazy(
    "A chamber's recess or session concerns the campaigns whose targets sit in that chamber "
    "(a state senate's recess is not a U.S. House campaign's); a campaign with no "
    "legislator among its targets hears about every chamber."
)


def target_chamber(*, level: str, state: str, chamber: str) -> tuple[str, str] | None:
    """The legislature and chamber a target sits in: ('US', 'lower') for a member of the
    U.S. House, ('MO', 'upper') for a Missouri state senator; None for anyone else."""
    if chamber not in LEGISLATIVE_CHAMBERS:
        return None
    if level == "federal":
        return ("US", chamber)
    if level == "state" and state:
        return (state.upper(), chamber)
    return None


def chamber_applies(*, legislature: str, chamber: str, targets: set[tuple[str, str]]) -> bool:
    """Does a key date of `legislature`/`chamber` concern a campaign whose targets sit in
    `targets`? A date of no chamber concerns everyone, and so does every date when the
    campaign has no legislator as target (nothing says which chamber to watch)."""
    if not legislature or not targets:
        return True
    return any(
        legislature == place and (not chamber or chamber == house) for place, house in targets
    )


@dataclass(frozen=True)
class BlackoutCheck:
    blocked: bool
    reasons: list[str]
    rule: str


@lru_cache(maxsize=256)
def _holidays(first_year: int, last_year: int, subdiv: str) -> dict[date, str]:
    """{day: name} from the holidays library, built once per process for these years and
    state (building it costs about a millisecond; the timeline asks twice per view)."""
    years = range(first_year, last_year + 1)
    try:
        found = holidays_lib.country_holidays("US", subdiv=subdiv or None, years=years)
    except NotImplementedError:
        return {}
    return {day: str(name) for day, name in found.items()}


def holiday_spans(*, start: date, end: date, state: str = "") -> list[DateSpan]:
    """Federal holidays, and the state's own when a state is given, between two dates."""
    federal = _holidays(start.year, end.year, "")
    spans = [
        DateSpan(name, day, None, "holiday", True)
        for day, name in sorted(federal.items())
        if start <= day <= end
    ]
    if state:
        local = _holidays(start.year, end.year, state.upper())
        for day, name in sorted(local.items()):
            if start <= day <= end and day not in federal:
                spans.append(DateSpan(f"{name} ({state.upper()})", day, None, "holiday", True))
    return sorted(spans, key=lambda s: s.starts_on)


def blackout_check(
    *, on: date, state: str = "", key_dates: list[DateSpan] | None = None
) -> BlackoutCheck:
    """Is `on` a day to avoid? The reasons name each holiday or key date that covers it."""
    reasons = [s.title for s in holiday_spans(start=on, end=on, state=state) if s.covers(on)]
    for span in key_dates or []:
        if span.blackout and span.covers(on):
            reasons.append(span.title)
    return BlackoutCheck(blocked=bool(reasons), reasons=reasons, rule=str(BLACKOUT_RULE))


def blackout_days(
    *, start: date, end: date, state: str = "", key_dates: list[DateSpan] | None = None
) -> dict[date, list[str]]:
    """Every blocked day between two dates with its reasons (for the timeline)."""
    days: dict[date, list[str]] = {}
    spans = holiday_spans(start=start, end=end, state=state) + [
        s for s in (key_dates or []) if s.blackout
    ]
    for span in spans:
        day = max(span.starts_on, start)
        last = min(span.ends_on or span.starts_on, end)
        while day <= last:
            days.setdefault(day, []).append(span.title)
            day += timedelta(days=1)
    return days


# --- Issue identification --------------------------------------------------------------


@dataclass(frozen=True)
class IssueCount:
    issue: str
    count: int
    responses: list[int] = field(default_factory=list)


TALLY_RULE = gettext_lazy(
    "Issues are counted once per response, ignoring case and spacing; the most named come "
    "first: identify the issue with the affected community."
)


def split_issues(text: str) -> list[str]:
    """'Licenses; school, Licenses' -> ['Licenses', 'school'] (one of each per response)."""
    seen = {}
    for part in (text or "").replace("\n", ";").replace(",", ";").split(";"):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


def issue_tally(responses: list[tuple[int, list[str]]]) -> tuple[list[IssueCount], str]:
    """[(response id, issues named)] -> issues by how many responses named them."""
    counts: Counter = Counter()
    behind: dict[str, list[int]] = {}
    spelling: dict[str, str] = {}
    for response_id, issues in responses:
        for issue in {" ".join(i.split()).casefold(): i for i in issues if i.strip()}.items():
            key, name = issue
            counts[key] += 1
            behind.setdefault(key, []).append(response_id)
            spelling.setdefault(key, " ".join(name.split()))
    ordered = sorted(counts, key=lambda k: (-counts[k], spelling[k].casefold()))
    return [IssueCount(spelling[k], counts[k], behind[k]) for k in ordered], str(TALLY_RULE)
