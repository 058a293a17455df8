"""The charter's rules as plain values, and the decisions that follow from them.

Nothing here touches the database. Each decision returns its answer together with
the rule it applied, so a page can always say *why*.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace
from datetime import date
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
UNANIMOUS = "unanimous"
VOTE_RULES = (MAJORITY, TWO_THIRDS, UNANIMOUS)

# Who must say yes for a unanimous decision.
UNANIMITY_PRESENT = "present"  # every eligible member present votes yes (seed 000)
UNANIMITY_VOTES_CAST = "votes_cast"  # every ballot that is not an abstention is yes


def decision_kind_label(kind: str) -> str:
    return {
        ADMIT_MEMBER: _("Admit a member"),
        REMOVE_MEMBER: _("Remove a member"),
        ADOPT_PRIORITY: _("Adopt an issue priority"),
        DISSOLVE_PRIORITY: _("Dissolve an issue priority"),
        AMEND_CHARTER: _("Amend the charter"),
        GENERAL: _("General motion"),
    }[kind]


def vote_rule_label(rule: str) -> str:
    return {
        MAJORITY: _("a majority of votes cast"),
        TWO_THIRDS: _("two thirds of votes cast"),
        UNANIMOUS: _("a unanimous vote"),
    }[rule]


@dataclass(frozen=True)
class Threshold:
    rule: str = MAJORITY
    requires_quorum: bool = True


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

    @property
    def quorum(self) -> Fraction:
        return Fraction(self.quorum_numerator, self.quorum_denominator)

    def threshold(self, kind: str) -> Threshold:
        return self.thresholds.get(kind, Threshold())

    def to_dict(self) -> dict:
        data = asdict(self)
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
            errors[f"thresholds.{kind}"] = _("Choose majority, two thirds or unanimous.")
            continue
        thresholds[kind] = Threshold(
            rule=rule, requires_quorum=bool(raw.get("requires_quorum", True))
        )

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

    if errors:
        raise RulesError(errors)
    return replace(
        base,
        quorum_numerator=num,
        quorum_denominator=den,
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
            _(
                "At least %(fraction)s of voting members must be represented for a vote. "
                "Without quorum the coalition may discuss, but not vote."
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
        ) % {"rule": vote_rule_label(t.rule)}
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
            _(
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
            % {"n": rules.min_participations, "opps": rules.participation_opportunities},
        ),
    ]
    return lines
