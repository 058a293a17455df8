"""What consent holds now, and who may see a person's contact details."""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ConsentFact:
    kind: str
    granted: bool
    at: object  # datetime; only compared


def current_consents(facts: Iterable[ConsentFact]) -> dict[str, bool]:
    """The latest fact per kind wins; no fact means no consent (silence is not consent)."""
    latest: dict[str, ConsentFact] = {}
    for fact in facts:
        held = latest.get(fact.kind)
        if held is None or fact.at >= held.at:
            latest[fact.kind] = fact
    return {kind: fact.granted for kind, fact in latest.items()}


def contact_visible(*, viewer_role: str | None, viewer_is_subject: bool, consented: bool) -> bool:
    """Hosts always see contact details; the person sees their own; other members only
    with the person's consent; supporters and the public never."""
    if viewer_is_subject or viewer_role == "host":
        return True
    if viewer_role in ("core_team", "representative"):
        return consented
    return False


MEMBER_ROLES = ("host", "core_team", "representative")


def name_visible(*, viewer_role: str | None, consent: bool | None, signed: bool = False) -> bool:
    """May a member's name (and logo) be shown to this viewer? Inside the members' own
    spaces (hosts, Core Team, representatives) always. Elsewhere (supporters, public pages,
    published statements) only with the member's name consent from the ledger: `consent` is
    its latest name fact (None when it never answered). On a published statement the
    member's own sign-on is that consent for that statement, unless it has since revoked
    the use of its name."""
    if viewer_role in MEMBER_ROLES:
        return True
    if signed:
        return consent is not False
    return consent is True
