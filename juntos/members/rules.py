"""Pure rules about members: recruiting balance, standing, and checks on submitted text."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

SECTOR_ORDER = (
    "immigrant_rights",
    "grassroots",
    "education",
    "healthcare",
    "religious_rights",
    "civil_rights",
    "labor",
    "individuals",
)


def recruiting_balance(member_sectors: Iterable[Iterable[str]]) -> list[tuple[str, int]]:
    """(sector, members covering it) for every sector of seed 000, gaps first.

    Ties keep the seed's order so the chart does not shuffle between visits.
    """
    counts = Counter(s for sectors in member_sectors for s in set(sectors) if s in SECTOR_ORDER)
    rows = [(sector, counts.get(sector, 0)) for sector in SECTOR_ORDER]
    return sorted(rows, key=lambda row: (row[1], SECTOR_ORDER.index(row[0])))


@dataclass(frozen=True)
class Standing:
    good: bool
    attended: int
    notified_absences: int
    unnotified_absences: int
    participations: int
    participations_needed: int
    has_primary_contact: bool
    agreed_to_charter: bool
    reasons: tuple[str, ...]  # why not in good standing; empty when good


def member_standing(
    *,
    attended: int,
    notified_absences: int,
    unnotified_absences: int,
    participations: int,
    has_primary_contact: bool,
    agreed_to_charter: bool,
    rules,
) -> Standing:
    """A member's standing for the year under the charter's commitments (seed 000).

    Participation is counted for the whole year, so a shortfall is shown as
    something to do, not as a loss of standing, until the year is over; what
    costs standing now is a missing primary contact, no agreement to the charter,
    or reaching the charter's count of unnotified absences.
    """
    reasons = []
    if rules.primary_contact_required and not has_primary_contact:
        reasons.append(_("No primary point of contact."))
    if not agreed_to_charter:
        reasons.append(_("Has not agreed to the mission, values, agreements and guidelines."))
    if unnotified_absences >= rules.unnotified_absences_for_review:
        reasons.append(
            _("%(n)d meetings missed without notifying the hosts.") % {"n": unnotified_absences}
        )
    return Standing(
        good=not reasons,
        attended=attended,
        notified_absences=notified_absences,
        unnotified_absences=unnotified_absences,
        participations=participations,
        participations_needed=rules.min_participations,
        has_primary_contact=has_primary_contact,
        agreed_to_charter=agreed_to_charter,
        reasons=tuple(reasons),
    )


# A real tag: "<" right before a letter, "/", "!" or "?" (as browsers read one), up to ">".
# "a < b y c > d" is text: a "<" followed by a space opens no tag.
_MARKUP = re.compile(r"<[a-zA-Z/!?][^<>]*>|javascript:|\bon[a-z]+\s*=", re.IGNORECASE)


def standing_visible(*, viewer_role: str | None, viewer_member_id, member_id) -> bool:
    """Standing and its reasons are private: the member itself and the hosts see them."""
    return viewer_role == "host" or (viewer_member_id is not None and viewer_member_id == member_id)


def contains_markup(text: str) -> bool:
    """HTML tags or script in free text. Plain '<' as in 'less than 5' is allowed."""
    return bool(_MARKUP.search(text or ""))


_ZIP = re.compile(r"^\d{5}(-\d{4})?$")


def valid_zip(value: str) -> bool:
    return bool(_ZIP.match((value or "").strip()))


def application_fingerprint(coalition_id: int, email: str, name: str) -> str:
    """Same coalition, email and name: the same application sent again."""
    normal = "|".join([str(coalition_id), email.strip().lower(), " ".join(name.lower().split())])
    return hashlib.sha256(normal.encode()).hexdigest()


# --- Names and subscription status (OSDI) ------------------------------------------------


def compose_name(given: str, family: str) -> str:
    """The display name from the parts as given: "María José" + "García López". Cut to the
    display name's 200 characters (two full 100-character parts make 201); the parts are kept
    whole in their own fields."""
    return " ".join(part.strip() for part in (given, family) if part and part.strip())[:200]


def split_full_name(full_name: str) -> tuple[str, str]:
    """A best guess where only a full name is known: the first word is the given name.

    Used once for names typed as one (forms, the migration); names that come with their
    parts (API, CSV) keep them exactly. The full name itself is never changed by this."""
    parts = (full_name or "").strip().split(None, 1)
    if not parts:
        return "", ""
    return parts[0][:100], (parts[1] if len(parts) == 2 else "")[:100]


STICKY_STATUSES = frozenset({"unsubscribed", "spam complaint"})
SUBSCRIPTION_STATUSES = ("subscribed", "unsubscribed", "bouncing", "spam complaint")


def normalize_status(value) -> str | None:
    """OSDI's status words, as Action Network and CSVs write them, or None if unknown."""
    if value is None:
        return None
    text = str(value).strip().lower().replace("_", " ")
    aliases = {
        "spam": "spam complaint",
        "spam_complaint": "spam complaint",
        "complained": "spam complaint",
        "bounced": "bouncing",
        "bounce": "bouncing",
        "unsubscribe": "unsubscribed",
        "opted out": "unsubscribed",
        "subscribe": "subscribed",
        "opted in": "subscribed",
    }
    text = aliases.get(text, text)
    return text if text in SUBSCRIPTION_STATUSES else None


def merge_subscription(current: str, incoming: str | None) -> str:
    """The status to keep when another system sends one.

    Unsubscribed and spam complaint never turn back into subscribed (or bouncing) from a
    sync or an import: only the person can opt in again. Nothing sent keeps what we have."""
    if not incoming:
        return current
    if current in STICKY_STATUSES and incoming not in STICKY_STATUSES:
        return current
    return incoming
