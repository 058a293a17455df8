"""The charter's rules as plain values, and the decisions that follow from them.

Nothing here touches the database. Each decision returns its answer together with
the rule it applied, so a page can always say *why*.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

ADMIT_MEMBER = "admit_member"
REMOVE_MEMBER = "remove_member"
ADOPT_PRIORITY = "adopt_priority"
DISSOLVE_PRIORITY = "dissolve_priority"
AMEND_CHARTER = "amend_charter"
GENERAL = "general"
DECISION_KINDS = (
    ADMIT_MEMBER,
    REMOVE_MEMBER,
    ADOPT_PRIORITY,
    DISSOLVE_PRIORITY,
    AMEND_CHARTER,
    GENERAL,
)

MAJORITY = "majority"
TWO_THIRDS = "two_thirds"
THREE_FIFTHS = "three_fifths"
THREE_QUARTERS = "three_quarters"
UNANIMOUS = "unanimous"
# Named fractions; any other fraction is written "n/d" (for example "4/5").
NAMED_FRACTIONS = {
    THREE_FIFTHS: Fraction(3, 5),
    TWO_THIRDS: Fraction(2, 3),
    THREE_QUARTERS: Fraction(3, 4),
}
VOTE_RULES = (MAJORITY, THREE_FIFTHS, TWO_THIRDS, THREE_QUARTERS, UNANIMOUS)

# Who must say yes for a unanimous decision.
UNANIMITY_PRESENT = "present"  # every eligible member present votes yes (seed 000)
UNANIMITY_VOTES_CAST = "votes_cast"  # every ballot that is not an abstention is yes

# What a threshold's fraction is taken of.
BASE_CAST = "votes_cast"  # yes and no ballots; abstentions are not votes cast
BASE_PRESENT = "present"  # eligible voting members present
BASE_VOTING = "voting"  # all eligible voting members, present or not
THRESHOLD_BASES = (BASE_CAST, BASE_PRESENT, BASE_VOTING)

# What quorum is taken of.
QUORUM_VOTING = "voting"  # voting members (seed 000)
QUORUM_MEMBERS = "members"  # every member organization, voting or not
QUORUM_BASES = (QUORUM_VOTING, QUORUM_MEMBERS)


def decision_kind_label(kind: str) -> str:
    return {
        ADMIT_MEMBER: _("Admit a member"),
        REMOVE_MEMBER: _("Remove a member"),
        ADOPT_PRIORITY: _("Adopt an issue priority"),
        DISSOLVE_PRIORITY: _("Dissolve an issue priority"),
        AMEND_CHARTER: _("Amend the charter"),
        GENERAL: _("General motion"),
    }[kind]


def vote_rule_label(rule) -> str:
    """A threshold in words. Takes a Threshold (whole sentence with its base) or, as before,
    a bare rule name (read as of votes cast)."""
    if isinstance(rule, Threshold):
        base = rule.base or BASE_CAST
        legacy = (rule.rule in (MAJORITY, TWO_THIRDS) and base == BASE_CAST) or (
            rule.rule == UNANIMOUS and base == BASE_PRESENT
        )
        return vote_rule_label(rule.rule) if legacy else threshold_label(rule)
    return {
        MAJORITY: _("a majority of votes cast"),
        TWO_THIRDS: _("two thirds of votes cast"),
        UNANIMOUS: _("a unanimous vote"),
    }.get(rule) or threshold_label(Threshold(rule, base=BASE_CAST))


def parse_fraction(rule: str) -> Fraction | None:
    """The fraction a rule names: None for majority (more than half) and unanimity."""
    if rule in NAMED_FRACTIONS:
        return NAMED_FRACTIONS[rule]
    if rule in (MAJORITY, UNANIMOUS):
        return None
    num, sep, den = str(rule).partition("/")
    if not sep:
        raise ValueError(rule)
    value = Fraction(int(num), int(den))
    if not 0 < value <= 1:
        raise ValueError(rule)
    return value


@dataclass(frozen=True)
class Threshold:
    """How many must say yes, of whom. `rule` is majority, a fraction (three_fifths,
    two_thirds, three_quarters, or "n/d"), or unanimous; `base` is what it is counted
    of. An empty base is read as the charter's older default: votes cast, and for
    unanimity the charter's unanimity_basis."""

    rule: str = MAJORITY
    requires_quorum: bool = True
    base: str = ""


def fraction_words(rule: str) -> str:
    if rule == MAJORITY:
        return _("a majority")
    if rule == UNANIMOUS:
        return _("all")
    named = {
        THREE_FIFTHS: _("three fifths"),
        TWO_THIRDS: _("two thirds"),
        THREE_QUARTERS: _("three quarters"),
    }
    if rule in named:
        return named[rule]
    value = parse_fraction(rule)
    return _("at least %(fraction)s") % {"fraction": f"{value.numerator}/{value.denominator}"}


def threshold_label(threshold: Threshold) -> str:
    """In words: "two thirds of voting members present", and so on."""
    base = threshold.base or BASE_CAST
    if threshold.rule == UNANIMOUS:
        return {
            BASE_CAST: _("a unanimous vote of votes cast (abstentions set aside)"),
            BASE_PRESENT: _("a unanimous vote of every voting member present"),
            BASE_VOTING: _("a unanimous vote of all voting members"),
        }[base]
    of = {
        BASE_CAST: _("%(fraction)s of votes cast"),
        BASE_PRESENT: _("%(fraction)s of voting members present"),
        BASE_VOTING: _("%(fraction)s of all voting members"),
    }[base]
    return of % {"fraction": fraction_words(threshold.rule)}


def yes_needed(rule: str, base_count: int) -> int:
    """Yes votes needed out of `base_count`: majority is more than half; a fraction is
    at least that share, rounded up; unanimity is all. Never less than 1."""
    if base_count <= 0:
        return 1
    if rule == MAJORITY:
        return base_count // 2 + 1
    if rule == UNANIMOUS:
        return base_count
    return max(1, math.ceil(parse_fraction(rule) * base_count))


@dataclass(frozen=True)
class Outcome:
    passed: bool
    needed: int
    base: str
    base_count: int


def threshold_outcome(
    threshold: Threshold, *, yes: int, no: int, abstain: int, eligible: int, voting: int
) -> Outcome:
    """Does a vote pass? `eligible` is the voting members present who may vote on it,
    `voting` all voting members who could (present or not). Nothing passes without a
    yes; with votes cast as base, unanimity means no ballot is no."""
    base = threshold.base or BASE_CAST
    cast = yes + no
    count = {BASE_CAST: cast, BASE_PRESENT: eligible, BASE_VOTING: max(voting, eligible)}[base]
    needed = yes_needed(threshold.rule, count)
    if threshold.rule == UNANIMOUS and base == BASE_CAST:
        passed = yes > 0 and no == 0
    elif threshold.rule == UNANIMOUS:
        passed = count > 0 and yes >= count and no == 0 and abstain == 0
    else:
        passed = count > 0 and yes > 0 and yes >= needed
    return Outcome(passed=passed, needed=needed, base=base, base_count=count)


WEEKLY = "weekly"
BIWEEKLY = "biweekly"
MONTHLY = "monthly"
RHYTHMS = (WEEKLY, BIWEEKLY, MONTHLY)
FORMAT_IN_PERSON = "in_person"
FORMAT_CALL = "call"
FORMAT_ALTERNATING = "alternating"
FORMATS = (FORMAT_IN_PERSON, FORMAT_CALL, FORMAT_ALTERNATING)
TOPIC_LEGISLATIVE = "legislative"
TOPIC_EDUCATIONAL = "educational"
TOPIC_OTHER = "other"
TOPICS = (TOPIC_LEGISLATIVE, TOPIC_EDUCATIONAL, TOPIC_OTHER)
LAST_WEEK = 5  # "the last Tuesday"
QUARTERLY_MONTHS = (1, 4, 7, 10)
ALL_MONTHS = tuple(range(1, 13))
# Every-other-week meetings fall in the weeks of the same parity as this Monday.
BIWEEKLY_EPOCH = date(2001, 1, 1)


@dataclass(frozen=True)
class Season:
    """Part of the year with its own rhythm: which months, how often, on which day, what
    the meetings are about and how they are held. One season of all twelve months is a
    plain calendar; the seed's is two seasons (session and interim)."""

    months: tuple[int, ...] = ALL_MONTHS
    rhythm: str = MONTHLY
    weekday: int = 3  # Monday=0
    week_of_month: int = 2  # monthly: 1-4, or 5 for the last
    biweekly_parity: int = 0  # every other week: which of the two weeks
    topic: str = TOPIC_OTHER
    format: str = FORMAT_IN_PERSON
    starts_in_person: bool = True  # alternating: the season's first meeting is in person


def _default_thresholds() -> dict[str, Threshold]:
    return {
        ADMIT_MEMBER: Threshold(MAJORITY),
        REMOVE_MEMBER: Threshold(UNANIMOUS),
        ADOPT_PRIORITY: Threshold(MAJORITY),
        DISSOLVE_PRIORITY: Threshold(UNANIMOUS),
        AMEND_CHARTER: Threshold(TWO_THIRDS),
        GENERAL: Threshold(MAJORITY),
    }


@dataclass(frozen=True)
class CharterRules:
    """Defaults are the Missouri Immigration Policy Coalition's (seed 000)."""

    quorum_numerator: int = 2
    quorum_denominator: int = 3
    quorum_base: str = QUORUM_VOTING
    thresholds: dict[str, Threshold] = field(default_factory=_default_thresholds)
    unanimity_basis: str = UNANIMITY_PRESENT
    max_active_priorities: int = 4
    unnotified_absences_for_review: int = 3
    agenda_lead_days: int = 7
    consent_window_hours: int = 24
    # Meeting calendar: monthly in session; in the interim months monthly, alternating
    # in person and conference call.
    session_months: tuple[int, ...] = (1, 2, 3, 4)
    interim_months: tuple[int, ...] = (5, 6, 7, 8, 9, 10, 11, 12)
    interim_starts_in_person: bool = True
    meeting_weekday: int = 3  # Monday=0: Thursday
    meeting_week_of_month: int = 2  # the second Thursday
    # Member commitments per calendar year.
    min_participations: int = 1  # committees, or educational forums/events hosted or joined
    participation_opportunities: int = 4
    primary_contact_required: bool = True
    # When set, the calendar is these seasons and the session/interim fields above are
    # not used. Charters from before seasons keep their meaning through `calendar_seasons`.
    seasons: tuple[Season, ...] = ()

    def calendar_seasons(self) -> tuple[Season, ...]:
        if self.seasons:
            return self.seasons
        common = {"weekday": self.meeting_weekday, "week_of_month": self.meeting_week_of_month}
        found = []
        if self.session_months:
            found.append(
                Season(
                    months=self.session_months,
                    topic=TOPIC_LEGISLATIVE,
                    format=FORMAT_IN_PERSON,
                    **common,
                )
            )
        if self.interim_months:
            found.append(
                Season(
                    months=self.interim_months,
                    topic=TOPIC_EDUCATIONAL,
                    format=FORMAT_ALTERNATING,
                    starts_in_person=self.interim_starts_in_person,
                    **common,
                )
            )
        return tuple(found)

    @property
    def quorum(self) -> Fraction:
        return Fraction(self.quorum_numerator, self.quorum_denominator)

    def threshold(self, kind: str) -> Threshold:
        """The threshold for a kind of decision, with its base always filled in."""
        t = self.thresholds.get(kind, Threshold())
        if not t.base:
            base = BASE_CAST
            if t.rule == UNANIMOUS:
                base = BASE_PRESENT if self.unanimity_basis == UNANIMITY_PRESENT else BASE_CAST
            t = replace(t, base=base)
        return t

    def to_dict(self, explicit: bool = False) -> dict:
        data = asdict(self)
        if explicit:
            # Every base spelled out, so no default can later change what a threshold means.
            data["thresholds"] = {k: asdict(self.threshold(k)) for k in self.thresholds}
        data["seasons"] = [asdict(s) for s in self.seasons]
        for season in data["seasons"]:
            season["months"] = list(season["months"])
        data["session_months"] = list(self.session_months)
        data["interim_months"] = list(self.interim_months)
        return data


class RulesError(ValueError):
    """Raised with a dict of {field: message} for every invalid rule."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def _as_int(data: dict, key: str, default: int, errors: dict[str, str]) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value))
        except (TypeError, ValueError):
            errors[key] = _("Enter a whole number.")
            return default
    return value


def _months(data: dict, key: str, default: tuple[int, ...], errors: dict[str, str]):
    raw = data.get(key, default)
    try:
        months = tuple(sorted({int(m) for m in raw}))
    except (TypeError, ValueError):
        errors[key] = _("Months are numbers from 1 to 12.")
        return default
    if any(m < 1 or m > 12 for m in months):
        errors[key] = _("Months are numbers from 1 to 12.")
        return default
    return months


def _seasons(raw, errors: dict[str, str]) -> tuple[Season, ...]:
    seasons = []
    seen: set[int] = set()
    if not isinstance(raw, (list, tuple)):
        errors["seasons"] = _("The meeting calendar is not readable.")
        return ()
    for i, item in enumerate(raw):
        key = f"seasons.{i}"
        try:
            months = tuple(sorted({int(m) for m in item.get("months", ALL_MONTHS)}))
            season = Season(
                months=months,
                rhythm=str(item.get("rhythm", MONTHLY)),
                weekday=int(item.get("weekday", 3)),
                week_of_month=int(item.get("week_of_month", 2)),
                biweekly_parity=int(item.get("biweekly_parity", 0)) % 2,
                topic=str(item.get("topic", TOPIC_OTHER)),
                format=str(item.get("format", FORMAT_IN_PERSON)),
                starts_in_person=bool(item.get("starts_in_person", True)),
            )
        except (AttributeError, TypeError, ValueError):
            errors[key] = _("The meeting calendar is not readable.")
            continue
        if not months or any(m < 1 or m > 12 for m in months):
            errors[key] = _("Choose at least one month.")
        elif set(months) & seen:
            errors[key] = _("A month can belong to one season only.")
        elif season.rhythm not in RHYTHMS:
            errors[key] = _("Choose weekly, every two weeks or monthly.")
        elif not 0 <= season.weekday <= 6:
            errors[key] = _("Choose a day of the week.")
        elif not 1 <= season.week_of_month <= LAST_WEEK:
            errors[key] = _("Choose the first to the fourth week, or the last.")
        elif season.topic not in TOPICS or season.format not in FORMATS:
            errors[key] = _("The meeting calendar is not readable.")
        seen |= set(months)
        seasons.append(season)
    return tuple(seasons)


def rules_from_dict(data: dict) -> CharterRules:
    """Build rules from stored or submitted values; raise RulesError listing every problem."""
    errors: dict[str, str] = {}
    base = CharterRules()
    num = _as_int(data, "quorum_numerator", base.quorum_numerator, errors)
    den = _as_int(data, "quorum_denominator", base.quorum_denominator, errors)
    if "quorum_numerator" not in errors and "quorum_denominator" not in errors:
        if den <= 0:
            errors["quorum_denominator"] = _("The quorum's denominator must be above 0.")
        elif num <= 0 or num > den:
            errors["quorum_numerator"] = _(
                "Quorum must be a fraction above 0 and at most 1 (for example 2/3)."
            )

    thresholds = dict(base.thresholds)
    for kind, raw in (data.get("thresholds") or {}).items():
        if kind not in DECISION_KINDS:
            errors[f"thresholds.{kind}"] = _("Unknown kind of decision.")
            continue
        rule = raw.get("rule", MAJORITY)
        if rule not in VOTE_RULES:
            try:
                value = parse_fraction(rule)
                rule = f"{value.numerator}/{value.denominator}"
            except (TypeError, ValueError, ZeroDivisionError):
                errors[f"thresholds.{kind}"] = _(
                    "Choose majority, a fraction above 0 and at most 1, or unanimous."
                )
                continue
        tbase = raw.get("base") or ""
        if tbase not in ("", *THRESHOLD_BASES):
            errors[f"thresholds.{kind}"] = _(
                "Choose votes cast, members present or all voting members."
            )
            continue
        thresholds[kind] = Threshold(
            rule=rule, requires_quorum=bool(raw.get("requires_quorum", True)), base=tbase
        )

    quorum_base = data.get("quorum_base", base.quorum_base)
    if quorum_base not in QUORUM_BASES:
        errors["quorum_base"] = _("Choose voting members or all members.")
        quorum_base = base.quorum_base

    basis = data.get("unanimity_basis", base.unanimity_basis)
    if basis not in (UNANIMITY_PRESENT, UNANIMITY_VOTES_CAST):
        errors["unanimity_basis"] = _("Choose who must vote yes for unanimity.")
        basis = base.unanimity_basis

    counts = {}
    for key, minimum in (
        ("max_active_priorities", 1),
        ("unnotified_absences_for_review", 1),
        ("agenda_lead_days", 0),
        ("consent_window_hours", 1),
        ("min_participations", 0),
        ("participation_opportunities", 0),
    ):
        value = _as_int(data, key, getattr(base, key), errors)
        if key not in errors and value < minimum:
            errors[key] = ngettext(
                "This must be at least %(min)d.", "This must be at least %(min)d.", minimum
            ) % {"min": minimum}
        counts[key] = value

    weekday = _as_int(data, "meeting_weekday", base.meeting_weekday, errors)
    if "meeting_weekday" not in errors and not 0 <= weekday <= 6:
        errors["meeting_weekday"] = _("Choose a day of the week.")
    week = _as_int(data, "meeting_week_of_month", base.meeting_week_of_month, errors)
    if "meeting_week_of_month" not in errors and not 1 <= week <= 4:
        errors["meeting_week_of_month"] = _("Choose the first to the fourth week.")

    session = _months(data, "session_months", base.session_months, errors)
    interim = _months(data, "interim_months", base.interim_months, errors)
    if set(session) & set(interim) and "session_months" not in errors:
        errors["interim_months"] = _("A month cannot be both in session and in the interim.")

    seasons = _seasons(data.get("seasons") or [], errors)

    if errors:
        raise RulesError(errors)
    return replace(
        base,
        seasons=seasons,
        quorum_numerator=num,
        quorum_denominator=den,
        quorum_base=quorum_base,
        thresholds=thresholds,
        unanimity_basis=basis,
        session_months=session,
        interim_months=interim,
        interim_starts_in_person=bool(
            data.get("interim_starts_in_person", base.interim_starts_in_person)
        ),
        meeting_weekday=weekday,
        meeting_week_of_month=week,
        primary_contact_required=bool(
            data.get("primary_contact_required", base.primary_contact_required)
        ),
        **counts,
    )


def rules_diff(before: dict, after: dict) -> dict[str, list]:
    """{key: [before, after]} for every top-level rule that changed."""
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def _flat(data: dict) -> dict:
    flat = {k: v for k, v in data.items() if k != "thresholds"}
    for kind, value in (data.get("thresholds") or {}).items():
        flat[f"thresholds.{kind}"] = value
    return flat


def named_changes(before: dict, after: dict) -> list[str]:
    """The rules an amendment names: each threshold counts as its own rule."""
    b, a = _flat(before), _flat(after)
    return sorted(k for k in set(b) | set(a) if b.get(k) != a.get(k))


def apply_named(in_force: dict, after: dict, names) -> dict:
    """`in_force` with only the named rules taken from `after`."""
    flat = _flat(in_force)
    new = _flat(after)
    for key in names:
        if key in new:
            flat[key] = new[key]
        else:
            flat.pop(key, None)
    result = {k: v for k, v in flat.items() if not k.startswith("thresholds.")}
    result["thresholds"] = {
        k.split(".", 1)[1]: v for k, v in flat.items() if k.startswith("thresholds.")
    }
    return result


def rule_key_label(key: str) -> str:
    """A stored rule's name in words, for the history of amendments."""
    if key.startswith("thresholds."):
        kind = key.split(".", 1)[1]
        return decision_kind_label(kind) if kind in DECISION_KINDS else key
    groups = {
        _("Quorum"): ("quorum_numerator", "quorum_denominator", "quorum_base"),
        _("Meeting calendar"): (
            "seasons",
            "session_months",
            "interim_months",
            "interim_starts_in_person",
            "meeting_weekday",
            "meeting_week_of_month",
        ),
        _("Issue priorities"): ("max_active_priorities",),
        _("Absences"): ("unnotified_absences_for_review",),
        _("Agendas"): ("agenda_lead_days",),
        _("Consent"): ("consent_window_hours",),
        _("Member commitments"): (
            "min_participations",
            "participation_opportunities",
            "primary_contact_required",
        ),
        _("Mission"): ("mission",),
        _("Values"): ("values",),
        _("Community agreements"): ("agreements",),
    }
    for label, keys in groups.items():
        if key in keys:
            return str(label)
    return key


def changed_labels(keys) -> list[str]:
    seen = []
    for key in keys or []:
        label = rule_key_label(key)
        if label not in seen:
            seen.append(label)
    return seen


# --- Decisions -------------------------------------------------------------------------


@dataclass(frozen=True)
class QuorumResult:
    met: bool
    present: int
    total: int
    needed: int
    rule: str


def quorum_needed(total_voting: int, quorum: Fraction) -> int:
    """Smallest number present that is at least the fraction: 2/3 of 13 needs 9."""
    if total_voting <= 0:
        return 0
    return math.ceil(total_voting * quorum)


def quorum_check(present: int, total_voting: int, rules: CharterRules) -> QuorumResult:
    needed = quorum_needed(total_voting, rules.quorum)
    rule = _(
        "Quorum: at least %(fraction)s of voting members present (%(needed)d of %(total)d)."
    ) % {
        "fraction": f"{rules.quorum_numerator}/{rules.quorum_denominator}",
        "needed": needed,
        "total": total_voting,
    }
    # A coalition with no voting members has no one to decide: never quorate.
    met = total_voting > 0 and present >= needed
    return QuorumResult(met=met, present=present, total=total_voting, needed=needed, rule=rule)


@dataclass(frozen=True)
class VersionRef:
    number: int
    effective_from: date


def version_in_force(versions: list[VersionRef], on: date) -> VersionRef | None:
    """The charter version that governs `on`: the latest effective on or before it."""
    candidates = [v for v in versions if v.effective_from <= on]
    if not candidates:
        return None
    return max(candidates, key=lambda v: (v.effective_from, v.number))


# --- The meeting calendar --------------------------------------------------------------


def weekday_in_month(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-4) `weekday` of a month, or the last one when n is 5."""
    import calendar

    if n == LAST_WEEK:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


@dataclass(frozen=True)
class CalendarEntry:
    on: date
    format: str  # in_person / call
    topic: str
    slot: str  # unique per generated meeting in the coalition, at most 7 characters
    rule: str


def _week_slot(day: date) -> str:
    """A week's slot: "2027-C3" is week 23 (a letter for the tens, never a month's "2027-05")."""
    week = (day.timetuple().tm_yday - 1) // 7 + 1
    return f"{day.year:04d}-{chr(ord('A') + week // 10)}{week % 10}"


def season_dates(year: int, season: Season) -> list[date]:
    if season.rhythm == MONTHLY:
        return [
            weekday_in_month(year, m, season.weekday, season.week_of_month) for m in season.months
        ]
    day = date(year, 1, 1)
    day += timedelta(days=(season.weekday - day.weekday()) % 7)
    found = []
    while day.year == year:
        fortnight_ok = ((day - BIWEEKLY_EPOCH).days // 7) % 2 == season.biweekly_parity
        if day.month in season.months and (season.rhythm == WEEKLY or fortnight_ok):
            found.append(day)
        day += timedelta(days=7)
    return found


def season_calendar(year: int, rules: CharterRules) -> list[CalendarEntry]:
    """A year of regular meetings from the charter's seasons, in date order."""
    entries = []
    for season in rules.calendar_seasons():
        sentence = describe_season(season)
        for i, on in enumerate(season_dates(year, season)):
            fmt = season.format
            if fmt == FORMAT_ALTERNATING:
                fmt = FORMAT_IN_PERSON if (i % 2 == 0) == season.starts_in_person else FORMAT_CALL
            slot = f"{year:04d}-{on.month:02d}" if season.rhythm == MONTHLY else _week_slot(on)
            entries.append(CalendarEntry(on, fmt, season.topic, slot, sentence))
    return sorted(entries, key=lambda e: e.on)


def _weekday_name(weekday: int) -> str:
    return (
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    )[weekday]


def describe_rhythm(season: Season) -> str:
    """In words: "every other Tuesday", "on the last Friday of the month"."""
    day = _weekday_name(season.weekday)
    if season.rhythm == WEEKLY:
        return _("every %(day)s") % {"day": day}
    if season.rhythm == BIWEEKLY:
        return _("every other %(day)s") % {"day": day}
    ordinal = {1: _("first"), 2: _("second"), 3: _("third"), 4: _("fourth"), 5: _("last")}
    return _("on the %(n)s %(day)s of the month") % {
        "n": ordinal[season.week_of_month],
        "day": day,
    }


def describe_season(season: Season) -> str:
    months = set(season.months)
    if months == set(ALL_MONTHS):
        when = _("All year")
    elif months == set(QUARTERLY_MONTHS) and season.rhythm == MONTHLY:
        when = _("Quarterly (%(months)s)") % {"months": month_names(season.months)}
    else:
        when = month_names(season.months)
    how = {
        FORMAT_IN_PERSON: _("in person"),
        FORMAT_CALL: _("by conference call"),
        FORMAT_ALTERNATING: _("alternating in person and conference call"),
    }[season.format]
    topic = {
        TOPIC_LEGISLATIVE: _("legislative strategy and policy issues"),
        TOPIC_EDUCATIONAL: _("educational events and planning"),
        TOPIC_OTHER: _("the coalition's business"),
    }[season.topic]
    return _("%(when)s: a meeting %(rhythm)s, %(how)s: %(topic)s.") % {
        "when": when,
        "rhythm": describe_rhythm(season),
        "how": how,
        "topic": topic,
    }


# --- Plain words with their effect -----------------------------------------------------


def quorum_example(rules: CharterRules, members: int = 12) -> str:
    """The effect in words: "With 12 voting members, 8 must be present."."""
    needed = quorum_needed(members, rules.quorum)
    if rules.quorum_base == QUORUM_MEMBERS:
        return _("With %(total)d member organizations, %(needed)d must be present.") % {
            "total": members,
            "needed": needed,
        }
    return _("With %(total)d voting members, %(needed)d must be present.") % {
        "total": members,
        "needed": needed,
    }


def threshold_example(threshold: Threshold, voting: int = 12, present: int = 10) -> str:
    """The threshold's effect at a meeting of `present` of `voting` members, all voting."""
    base = threshold.base or BASE_CAST
    count = {BASE_CAST: present, BASE_PRESENT: present, BASE_VOTING: voting}[base]
    needed = yes_needed(threshold.rule, count)
    return _(
        "With %(voting)d voting members and %(present)d present, all voting, "
        "%(needed)d yes votes are needed."
    ) % {"voting": voting, "present": present, "needed": needed}


def month_names(months) -> str:
    from django.utils.dates import MONTHS

    return ", ".join(str(MONTHS[m]) for m in months)


def describe(rules: CharterRules) -> list[tuple[str, str]]:
    """The rules in plain language: (heading, sentence) pairs for the home page."""
    ordinal = {1: _("first"), 2: _("second"), 3: _("third"), 4: _("fourth")}
    weekday = (
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    )[rules.meeting_weekday]
    lines = [
        (
            _("Quorum"),
            (
                _(
                    "At least %(fraction)s of voting members must be represented for a vote. "
                    "Without quorum the coalition may discuss, but not vote."
                )
                if rules.quorum_base == QUORUM_VOTING
                else _(
                    "At least %(fraction)s of all member organizations must be represented "
                    "for a vote. Without quorum the coalition may discuss, but not vote."
                )
            )
            % {"fraction": f"{rules.quorum_numerator}/{rules.quorum_denominator}"},
        ),
        (
            _("Voting members"),
            _(
                "Members admitted by a vote of the coalition who keep their commitments "
                "are voting members."
            ),
        ),
    ]
    for kind in DECISION_KINDS:
        t = rules.threshold(kind)
        sentence = (
            _("Needs quorum and %(rule)s.") if t.requires_quorum else _("Needs %(rule)s.")
        ) % {"rule": vote_rule_label(t)}
        if kind == REMOVE_MEMBER and t.rule == UNANIMOUS:
            sentence += " " + _("The member under review does not vote.")
        lines.append((decision_kind_label(kind), sentence))
    lines += [
        (
            _("Issue priorities"),
            ngettext(
                "At most %(n)d issue priority is active at a time; priorities are reviewed "
                "every year.",
                "At most %(n)d issue priorities are active at a time; priorities are reviewed "
                "every year.",
                rules.max_active_priorities,
            )
            % {"n": rules.max_active_priorities},
        ),
        (
            _("Absences"),
            ngettext(
                "%(n)d absence without notifying the hosts puts the member's removal on the "
                "next meeting's agenda.",
                "%(n)d absences without notifying the hosts put the member's removal on the "
                "next meeting's agenda.",
                rules.unnotified_absences_for_review,
            )
            % {"n": rules.unnotified_absences_for_review},
        ),
        (
            _("Agendas"),
            ngettext(
                "The agenda is published at least %(n)d day before each meeting.",
                "The agenda is published at least %(n)d days before each meeting.",
                rules.agenda_lead_days,
            )
            % {"n": rules.agenda_lead_days},
        ),
        (
            _("Consent"),
            ngettext(
                "Requests to use a member's name or logo are answered within %(n)d hour; "
                "no answer means not included.",
                "Requests to use a member's name or logo are answered within %(n)d hours; "
                "no answer means not included.",
                rules.consent_window_hours,
            )
            % {"n": rules.consent_window_hours},
        ),
        (
            _("Meeting calendar"),
            " ".join(describe_season(x) for x in rules.seasons)
            if rules.seasons
            else _(
                "Monthly during the legislative session (%(session)s): legislative strategy "
                "and policy. %(interim)s: monthly, alternating in person and conference call: "
                "educational events and planning. Meetings fall on the %(week)s %(weekday)s."
            )
            % {
                "session": month_names(rules.session_months),
                "interim": month_names(rules.interim_months),
                "week": ordinal[rules.meeting_week_of_month],
                "weekday": weekday,
            },
        ),
        (
            _("Member commitments"),
            ngettext(
                "Each year: attend regular meetings, take part in at least %(n)d committee or "
                "educational forum or event (%(opps)d opportunities a year), keep a primary "
                "point of contact, and agree to the mission, values, agreements and guidelines.",
                "Each year: attend regular meetings, take part in at least %(n)d committees or "
                "educational forums or events (%(opps)d opportunities a year), keep a primary "
                "point of contact, and agree to the mission, values, agreements and guidelines.",
                rules.min_participations,
            )
            % {"n": rules.min_participations, "opps": rules.participation_opportunities}
            if rules.min_participations
            else _(
                "Each year: attend regular meetings, keep a primary point of contact, and agree "
                "to the mission, values, agreements and guidelines."
            ),
        ),
    ]
    return lines
