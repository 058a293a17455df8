"""Pure rules for events: the playbook, checklist progress, retention, double taps, merge
fields and what counts toward a member's standing. Plain values in, answers out; each
answer that decides something says which rule it applied."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# --- The playbook ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaybookStep:
    key: str
    title: str
    days_before: int  # default due date relative to the event day; negative = after


def playbook() -> list[PlaybookStep]:
    """Seed 001's 15 steps to working in coalition, as the checklist of one event.

    In the project's own words; the due dates are defaults a planner can change.
    """
    steps = [
        ("buy_in", _("Agree inside each host organization that this event is worth its time"), 56),
        ("map_allies", _("List the groups already working on the issue in the area"), 49),
        ("reach_out", _("Introduce the event to those groups and invite them to co-host"), 42),
        ("principles", _("Agree the shared principles the event stands on"), 35),
        ("plan", _("Set the date, the format and who runs the day"), 35),
        ("venue", _("Book a venue the audience can reach (transit, step-free, familiar)"), 28),
        (
            "speakers",
            _("Invite speakers who see the problem differently but back the same answer"),
            28,
        ),
        (
            "guests",
            _("Send personal invitations to officials, their staff and community leaders"),
            21,
        ),
        ("promote", _("List the event in community calendars and bulletins"), 14),
        ("press_release", _("Write and send the press release"), 7),
        ("guest_signin", _("Prepare the guest sign-in (kiosk and paper sheets)"), 2),
        ("press_signin", _("Prepare a separate sign-in for the press"), 2),
        ("action", _("Prepare the action guests take right after (postcards, endorsements)"), 2),
        ("press_available", _("Stay after the event to answer the press"), 0),
        ("follow_up", _("Follow up with the officials and staff who came or were invited"), -2),
    ]
    return [PlaybookStep(k, t, d) for k, t, d in steps]


PLAYBOOK_RULE = gettext_lazy("The 15 steps to working in coalition.")


def step_title(key: str) -> str:
    """A playbook step's words in the active language ("" for a key the playbook lacks)."""
    return next((s.title for s in playbook() if s.key == key), "")


def default_due(event_day: date, days_before: int) -> date:
    return event_day - timedelta(days=days_before)


@dataclass(frozen=True)
class StepState:
    position: int
    done: bool
    due_on: date | None


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    overdue: tuple[int, ...]  # positions
    next_due: int | None  # position of the earliest open step with a date
    rule: str

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def checklist_progress(steps: Iterable[StepState], today: date) -> Progress:
    """Done count, overdue steps (open with a due date before today) and the next one due."""
    steps = list(steps)
    open_dated = sorted(
        (s for s in steps if not s.done and s.due_on is not None),
        key=lambda s: (s.due_on, s.position),
    )
    return Progress(
        done=sum(1 for s in steps if s.done),
        total=len(steps),
        overdue=tuple(s.position for s in open_dated if s.due_on < today),
        next_due=open_dated[0].position if open_dated else None,
        rule=_("A step is overdue when it is not done and its date has passed."),
    )


# --- Retention ------------------------------------------------------------------------------


def retention_cutoff(ends_at: datetime, days: int) -> datetime:
    """The moment personal details on the sign-in lists are due to be erased."""
    if days < 0:
        raise ValueError("retention days cannot be negative")
    return ends_at + timedelta(days=days)


def purge_due(*, ends_at: datetime, days: int, now: datetime, purged_at=None) -> bool:
    return purged_at is None and now >= retention_cutoff(ends_at, days)


def ends_before_for_purge(now: datetime, days: int) -> datetime:
    """Events that ended before this moment are due under `days` of retention."""
    return now - timedelta(days=days)


# --- Sign-in --------------------------------------------------------------------------------

DOUBLE_TAP_SECONDS = 30


def normal_name(text: str) -> str:
    """Case, accents and spacing do not make a different person on a sign-in sheet."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class Signature:
    list: str
    name: str
    contact: str  # email or phone as given, may be empty
    signed_at: datetime


def double_tap_of(
    new: Signature, recent: Sequence[Signature], *, window: int = DOUBLE_TAP_SECONDS
) -> int | None:
    """Index in `recent` of a signature `new` repeats: same list, same person (name and
    contact, ignoring case and accents), within `window` seconds. None when it is new.

    A second person with the same name signs in normally: only an identical entry in
    the same moment is taken for a double tap. Without a contact a name alone cannot tell
    two people apart (two María García at one door), so it is never a double tap; a
    retried form carries the same client id, which catches it.
    """
    name, contact = normal_name(new.name), normal_name(new.contact)
    if not name or not contact:
        return None
    for i, old in enumerate(recent):
        if (
            old.list == new.list
            and normal_name(old.name) == name
            and normal_name(old.contact) == contact
            and abs((new.signed_at - old.signed_at).total_seconds()) <= window
        ):
            return i
    return None


CLIENT_ID_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def valid_client_id(value: str) -> bool:
    return bool(CLIENT_ID_RE.match(value or ""))


# --- Standing -------------------------------------------------------------------------------

EDUCATIONAL_KINDS = frozenset({"community_forum", "educational_forum", "training"})
STANDING_RULE = gettext_lazy(
    "Hosting or joining an educational forum or event counts toward the yearly "
    "commitment to take part."
)


def counts_toward_standing(
    *, kind: str, cancelled: bool, published: bool, starts_at: datetime, now: datetime, year: int
) -> bool:
    """An educational event counts once it has taken place, in the year it took place."""
    return (
        kind in EDUCATIONAL_KINDS
        and published
        and not cancelled
        and starts_at <= now
        and starts_at.year == year
    )


# --- Templates with merge fields ------------------------------------------------------------

FIELD_RE = re.compile(r"\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}")

MERGE_FIELDS = {
    "guest_name": gettext_lazy("Guest's name"),
    "salutation": gettext_lazy("Greeting (Dear Sen. Onder,)"),
    "guest_title": gettext_lazy("Guest's title"),
    "event_title": gettext_lazy("Event title"),
    "event_kind": gettext_lazy("Kind of event"),
    "event_date": gettext_lazy("Date and time"),
    "venue": gettext_lazy("Venue and address"),
    "hosts": gettext_lazy("Host organizations"),
    "speakers": gettext_lazy("Speakers"),
    "coalition": gettext_lazy("Coalition"),
    "personal_note": gettext_lazy("Personal note"),
    "public_url": gettext_lazy("Public page"),
}


def unknown_fields(*texts: str) -> list[str]:
    out = []
    for text in texts:
        for name in FIELD_RE.findall(text or ""):
            if name not in MERGE_FIELDS and name not in out:
                out.append(name)
    return out


def merge(text: str, values: dict) -> str:
    """Fill {{ field }} with its value; unknown fields stay visible so a reader notices."""
    return FIELD_RE.sub(lambda m: str(values.get(m.group(1), m.group(0))), text or "")


def invitation_template() -> tuple[str, str]:
    subject = _("Invitation: {{ event_title }}, {{ event_date }}")
    body = _(
        "{{ salutation }}\n\n"
        "{{ hosts }}, members of {{ coalition }}, invite you as {{ guest_title }} to "
        "{{ event_title }} on {{ event_date }} at {{ venue }}.\n\n"
        "You will hear from {{ speakers }}: people who see the issue from different places "
        "and agree on the way forward. Your presence tells your constituents that their "
        "voices are heard.\n\n"
        "{{ personal_note }}\n\n"
        "Please let us know whether you can come: {{ public_url }}\n\n"
        "With respect,\n{{ hosts }}"
    )
    return subject, body


def press_release_template() -> str:
    return _(
        "FOR IMMEDIATE RELEASE\n\n"
        "{{ coalition }} holds {{ event_kind }}: {{ event_title }}\n\n"
        "{{ event_date }}, {{ venue }}.\n\n"
        "{{ hosts }} bring together {{ speakers }} to speak about what the community "
        "needs and what elected officials can do.\n\n"
        "Members of the press are welcome and are asked to sign in at the press table. "
        "Speakers will be available for questions after the event.\n\n"
        "More: {{ public_url }}\n\n###"
    )


def event_slug(title: str, day: date, taken: Iterable[str]) -> str:
    """A readable, unique address: the title and the date, numbered when taken."""
    base = f"{slugify(title)[:60].strip('-') or 'event'}-{day:%Y-%m-%d}"
    taken = set(taken)
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


# --- Paper sheets ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetPlan:
    pages: int
    rows_per_page: int
    blank_rows: int


def sheet_plan(*, prefilled: int, rows_per_page: int, min_blank: int = 10) -> SheetPlan:
    """Enough pages for the pre-filled names plus at least `min_blank` empty lines,
    rounded up to whole pages (the rest of the last page is blank lines too)."""
    if rows_per_page < 1:
        raise ValueError("a page needs at least one row")
    needed = prefilled + min_blank
    pages = max(1, -(-needed // rows_per_page))
    return SheetPlan(pages, rows_per_page, pages * rows_per_page - prefilled)
