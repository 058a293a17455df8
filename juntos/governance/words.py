"""Generated governance text, rendered per request in the reader's language.

A closed motion stores its facts (kind, counts, result); the sentences are made here
from those facts when a page, fragment or packet is rendered, not read back from the
language the vote was closed in."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class ResultWords:
    summary: str
    rule: str


def motion_result(motion) -> ResultWords:
    """The result line and the rule applied, from the motion's stored facts (the words are
    governance.phrases', so pages, fragments, the packet and mail say the same)."""
    from juntos.governance import phrases

    if motion.result == "no_quorum":
        return ResultWords(phrases.motion_outcome(motion), phrases.motion_quorum(motion))
    return ResultWords(phrases.motion_summary(motion), phrases.motion_rule(motion))


def live_line(live) -> str:
    """ "3 yes, 1 no, 0 abstaining; 2 have not voted" for the live card and the projector."""
    return _("%(yes)d yes, %(no)d no, %(abstain)d abstaining; %(waiting)d not voted yet") % {
        "yes": live.yes,
        "no": live.no,
        "abstain": live.abstain,
        "waiting": live.waiting.count,
    }


def needed_line(live) -> str:
    return ngettext(
        "%(needed)d yes needed now (%(rule)s)",
        "%(needed)d yes needed now (%(rule)s)",
        live.tally.needed,
    ) % {"needed": live.tally.needed, "rule": live.threshold_label}
