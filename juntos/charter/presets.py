"""The charter templates a new coalition starts from (pure: rules as plain values).

seed    the Missouri Immigration Policy Coalition's rules (seed 000)
simple  a simple-majority charter: half of the voting members for quorum, every decision
        by a majority of votes cast, one meeting a month all year
blank   the simple charter's values as a starting point, but the set-up guide asks every
        rule explicitly before the host can mark the charter done
"""

from django.utils.translation import gettext_lazy as _

from juntos.charter import rules as r

SEED = "seed"
SIMPLE = "simple"
BLANK = "blank"
TEMPLATES = (SEED, SIMPLE, BLANK)


def template_label(name: str) -> str:
    return {
        SEED: _("The seed coalition's charter (2/3 quorum, unanimous removal, session calendar)"),
        SIMPLE: _("A simple-majority charter (1/2 quorum, majority for everything, monthly)"),
        BLANK: _("Blank: I will answer every rule myself"),
    }[name]


def template_rules(name: str) -> dict:
    if name == SEED:
        return r.CharterRules().to_dict(explicit=True)
    if name in (SIMPLE, BLANK):
        majority = {"rule": r.MAJORITY, "base": r.BASE_CAST, "requires_quorum": True}
        return r.rules_from_dict(
            {
                "quorum_numerator": 1,
                "quorum_denominator": 2,
                "quorum_base": r.QUORUM_VOTING,
                "thresholds": {kind: majority for kind in r.DECISION_KINDS},
                "max_active_priorities": 3,
                "unnotified_absences_for_review": 3,
                "agenda_lead_days": 7,
                "consent_window_hours": 48,
                "min_participations": 0,
                "participation_opportunities": 0,
                "seasons": [
                    {
                        "months": list(r.ALL_MONTHS),
                        "rhythm": r.MONTHLY,
                        "weekday": 3,
                        "week_of_month": 2,
                        "topic": r.TOPIC_OTHER,
                        "format": r.FORMAT_IN_PERSON,
                    }
                ],
            }
        ).to_dict(explicit=True)
    raise ValueError(name)
