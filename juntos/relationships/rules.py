"""Pure rules of the relationships app: the business pipeline's steps, the power grid's
quadrants and the ladder of engagement. Plain values in, plain values out."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

# Seed 001, "10 steps to building relationships with the business community".
PIPELINE_STEPS = (
    (1, _("Identify the target"), _("Which association or organization, and why it.")),
    (
        2,
        _("Research"),
        _("Its needs, interests and motivation; the value the coalition brings to it."),
    ),
    (3, _("One specific goal"), _("For example an in-district meeting, an event, an op-ed.")),
    (4, _("Outreach strategy"), _("How to approach it and which partners strengthen the message.")),
    (5, _("Network"), _("Which of our contacts can open the door to someone there.")),
    (6, _("Meeting"), _("Coffee or a meeting with the target: when, who, what was said.")),
    (
        7,
        _("Work with the coalition"),
        _("Keep the hosts informed; bring staff to meet the contact."),
    ),
    (8, _("Be visible"), _("Their events attended; their leaders and decision makers met.")),
    (9, _("Share expertise"), _("Articles, analysis and events of interest sent to them.")),
    (10, _("Keep in touch"), _("Keep up the relationship until the goal is reached.")),
)
STEP_NUMBERS = tuple(n for n, _t, _h in PIPELINE_STEPS)


def step_title(number: int):
    for n, title, _help in PIPELINE_STEPS:
        if n == number:
            return title
    raise ValueError(f"no pipeline step {number}")


def pipeline_columns(entries, key=lambda e: e.stage):
    """[(step number, title, [entries])] for every step, empty ones included."""
    by_step = {n: [] for n in STEP_NUMBERS}
    for entry in entries:
        by_step[key(entry)].append(entry)
    return [(n, title, by_step[n]) for n, title, _h in PIPELINE_STEPS]


# ---- power map -------------------------------------------------------------------------

STANCES = {
    -2: _("Strong opponent"),
    -1: _("Leans against"),
    0: _("Neutral or unknown"),
    1: _("Leans toward us"),
    2: _("Strong ally"),
}


@dataclass(frozen=True)
class Quadrant:
    key: str
    label: str
    advice: str


def quadrant(power: int, stance: int) -> Quadrant:
    """Where an organizer's paper grid puts a stakeholder, and what it suggests."""
    if not (1 <= power <= 5 and -2 <= stance <= 2):
        raise ValueError("power is 1–5 and stance is -2…+2")
    high = power >= 3
    if stance > 0:
        if high:
            return Quadrant("ally_power", _("Powerful ally"), _("Ask them to act and to lead."))
        return Quadrant("ally", _("Ally"), _("Build up their power: bring them along."))
    if stance < 0:
        if high:
            return Quadrant(
                "opponent_power",
                _("Powerful opponent"),
                _("Neutralize; do not make them the focus."),
            )
        return Quadrant("opponent", _("Opponent"), _("Watch; little to gain from engaging."))
    if high:
        return Quadrant("target", _("Target to move"), _("Find messengers they listen to."))
    return Quadrant("undecided", _("Undecided"), _("Educate and recruit."))


def latest_by(rows, key, when):
    """The latest row for each key (by `when`, then by order given): the current map."""
    current = {}
    for row in rows:
        k = key(row)
        if k not in current or when(row) >= when(current[k]):
            current[k] = row
    return current


# ---- ladder of engagement --------------------------------------------------------------

LADDER = ("supporter", "volunteer", "leader", "core_leader")


@dataclass(frozen=True)
class LadderPosition:
    level: str | None
    since: date | None
    history: tuple[tuple[str, date], ...]

    @property
    def in_development(self) -> bool:
        """Volunteers and leaders: people moving up, not yet core leaders."""
        return self.level in ("volunteer", "leader")

    @property
    def moved_down(self) -> bool:
        if len(self.history) < 2:
            return False
        return LADDER.index(self.history[-1][0]) < LADDER.index(self.history[-2][0])


def ladder_position(steps) -> LadderPosition:
    """`steps`: (level, date) pairs in any order; the latest is where the person is now."""
    ordered = tuple(sorted(((lvl, on) for lvl, on in steps), key=lambda s: s[1]))
    for lvl, _on in ordered:
        if lvl not in LADDER:
            raise ValueError(f"unknown ladder level {lvl!r}")
    if not ordered:
        return LadderPosition(None, None, ())
    return LadderPosition(ordered[-1][0], ordered[-1][1], ordered)
