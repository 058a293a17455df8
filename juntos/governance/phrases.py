"""The words the system writes about governance, rendered per request in the reader's
language from facts stored with the row: a motion's tally, the rule it applied, its quorum
line and outcome; agenda rows made from a template, a removal review or an issue priority.

Nothing here is stored: services store kinds, counts, names and dates (`motion_facts`,
`template_row`, `review_row`, ...), pages call the `*_text` functions or the template
filters in `governance/templatetags/phrases.py`. Rows written before facts were stored keep
their stored text (the fallbacks below).
"""

from __future__ import annotations

from datetime import date

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from juntos.charter import rules as charter_rules
from juntos.core.translatable import Version, version, versions

# --- Motions -------------------------------------------------------------------------------


def motion_facts(*, kind: str, tally, quorum, rules, outcome: dict | None = None) -> dict:
    """What a closed motion stores: counts, the rule's kind and basis, the quorum's numbers
    and the outcome's names. `tally` is a rules.Tally, `quorum` a QuorumResult."""
    return {
        "kind": kind,
        "passed": tally.passed,
        "yes": tally.yes,
        "no": tally.no,
        "abstain": tally.abstain,
        "eligible": tally.eligible,
        "needed": tally.needed,
        "vote_rule": tally.vote_rule,
        "base": tally.base,
        "base_count": tally.base_count,
        "unanimity_basis": rules.unanimity_basis,
        "quorum": {
            "numerator": rules.quorum_numerator,
            "denominator": rules.quorum_denominator,
            "needed": quorum.needed,
            "total": quorum.total,
            "present": quorum.present,
            "met": quorum.met,
        },
        "outcome": outcome or {},
    }


def _has_facts(motion) -> bool:
    return isinstance((motion.tally or {}).get("quorum"), dict)


def tally_summary(*, yes: int, no: int, abstain: int, passed: bool) -> str:
    return _("%(yes)d yes, %(no)d no, %(abstain)d abstaining: %(outcome)s") % {
        "yes": yes,
        "no": no,
        "abstain": abstain,
        "outcome": _("passes") if passed else _("does not pass"),
    }


def vote_rule_text(*, kind: str, vote_rule: str, basis: str) -> str:
    if vote_rule == charter_rules.MAJORITY:
        rule = _(
            "%(kind)s: a majority of votes cast (more yes than no); abstentions are not "
            "votes cast; a tie does not pass."
        )
    elif vote_rule == charter_rules.TWO_THIRDS:
        rule = _(
            "%(kind)s: at least two thirds of votes cast are yes; abstentions are not votes cast."
        )
    elif basis == charter_rules.UNANIMITY_PRESENT:
        rule = _(
            "%(kind)s: unanimous: every eligible voting member present votes yes; "
            "an abstention or a missing ballot blocks it."
        )
    else:
        rule = _(
            "%(kind)s: unanimous among votes cast: no ballot is no; abstentions are not votes cast."
        )
    if vote_rule == charter_rules.UNANIMOUS and kind == charter_rules.REMOVE_MEMBER:
        rule += " " + _("The member under review does not vote.")
    return rule % {"kind": charter_rules.decision_kind_label(kind)}


def quorum_text(q: dict) -> str:
    return _(
        "Quorum: at least %(fraction)s of voting members present (%(needed)d of %(total)d)."
    ) % {
        "fraction": f"{q['numerator']}/{q['denominator']}",
        "needed": q["needed"],
        "total": q["total"],
    }


def motion_summary(motion) -> str:
    t = motion.tally or {}
    if "yes" not in t:
        return ""
    if "passed" not in t:
        return t.get("summary", "")
    return tally_summary(yes=t["yes"], no=t["no"], abstain=t["abstain"], passed=t["passed"])


def motion_quorum(motion) -> str:
    t = motion.tally or {}
    if _has_facts(motion):
        return quorum_text(t["quorum"])
    return t.get("quorum") or ""


def motion_rule(motion) -> str:
    """The rule the result applied: the quorum rule when there was none, else the vote rule."""
    if not _has_facts(motion):
        return motion.rule_cited
    t = motion.tally
    if motion.result == "no_quorum":
        return quorum_text(t["quorum"])
    if t.get("base"):  # stored with the threshold's base (charters with any base)
        from juntos.governance import rules as governance_rules

        return governance_rules.vote_rule_sentence(
            kind=t["kind"],
            threshold=charter_rules.Threshold(t["vote_rule"], base=t["base"]),
            base=t["base"],
            needed=t["needed"],
            count=t.get("base_count", 0),
        )
    return vote_rule_text(kind=t["kind"], vote_rule=t["vote_rule"], basis=t["unanimity_basis"])


def _status_label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def already_decided_text(facts: dict) -> str:
    """A passed motion whose subject another motion had decided first."""
    from juntos.governance.models import IssuePriority
    from juntos.members.models import Application

    which = facts["already"]
    if which == "application":
        return _(
            "Already decided: %(name)s's application was decided before (%(status)s); "
            "this vote changed nothing."
        ) % {"name": facts["name"], "status": _status_label(Application.Status, facts["status"])}
    if which == "removed":
        return _("Already decided: %(name)s was removed before; this vote changed nothing.") % {
            "name": facts["name"]
        }
    if which == "priority":
        return _("Already decided: %(title)s is already %(status)s; this vote changed nothing.") % {
            "title": facts["title"],
            "status": _status_label(IssuePriority.Status, facts["status"]),
        }
    return _("Already decided; this vote changed nothing.")


def motion_outcome(motion) -> str:
    if not _has_facts(motion):
        return motion.outcome
    t = motion.tally
    facts = t.get("outcome") or {}
    if motion.result == "no_quorum":
        return _("No quorum: the motion was not decided.")
    if motion.result != "passed":
        return _("Did not pass: %(summary)s.") % {"summary": motion_summary(motion)}
    if "already" in facts:
        return already_decided_text(facts)
    kind = t["kind"]
    if kind == charter_rules.ADMIT_MEMBER and "name" in facts:
        return _("%(name)s is now a member.") % facts
    if kind == charter_rules.REMOVE_MEMBER and "name" in facts:
        return _("%(name)s was removed from the coalition.") % facts
    if kind == charter_rules.ADOPT_PRIORITY and "title" in facts:
        return _("%(title)s is now an active issue priority.") % facts
    if kind == charter_rules.DISSOLVE_PRIORITY and "title" in facts:
        return _("%(title)s was dissolved and archived.") % facts
    if kind == charter_rules.AMEND_CHARTER and "version" in facts:
        return _("The charter's version %(n)d is in force from %(date)s.") % {
            "n": facts["version"],
            "date": date_format(date.fromisoformat(facts["date"]), "DATE_FORMAT"),
        }
    return _("Passed.")


# --- Agenda rows ---------------------------------------------------------------------------

TEXT_FIELDS = ("goal", "process", "materials")


def template_row(template: str, row: int) -> dict:
    return {"template": template, "row": row}


def review_row(*, member: str, absences: int | None) -> dict:
    """A removal review on the agenda; `absences` for a review raised by absences."""
    return {"review": member, "absences": absences}


def priority_row(*, priority, limit: int) -> dict:
    """An issue priority up for adoption at the yearly review (its guidance as it stood)."""
    return {
        "priority": priority.pk,
        "title": priority.title,
        "who": str(priority.proposed_by) if priority.proposed_by else "",
        "actionable": priority.actionable,
        "note": priority.actionable_note,
        "limit": limit,
    }


def priority_review_row(*, priority, who: str, threshold) -> dict:
    """The vote needed is kept as the charter's threshold: its rule and its base."""
    return {
        "priority_review": priority.pk,
        "title": priority.title,
        "who": who,
        "vote": threshold.rule,
        "base": threshold.base,
    }


def admission_row(*, application, threshold) -> dict:
    """An application ready for a vote, on the agenda: its name and the vote it needs."""
    return {
        "admission": application.pk,
        "name": application.display_name,
        "vote": threshold.rule,
        "base": threshold.base,
    }


def generated_text(facts: dict) -> dict:
    """goal / process / materials of a row the system wrote, in the active language."""
    if not facts:
        return {}
    if "template" in facts:
        from juntos.governance import agenda_templates

        try:
            row = agenda_templates.rows(facts["template"])[facts["row"]]
        except (KeyError, IndexError):
            return {}
        return {f: row[f] for f in TEXT_FIELDS}
    if "review" in facts:
        out = {"goal": _("Removal review: %(member)s") % {"member": facts["review"]}}
        if facts.get("absences") is not None:
            out["process"] = absences_text(facts["absences"])
        return out
    if "priority" in facts:
        guidance = {
            True: _("Core Team: actionable."),
            False: _("Core Team: not actionable now."),
            None: _("Core Team: no guidance yet."),
        }[facts.get("actionable")]
        limit = facts["limit"]
        cap = ngettext(
            "Adopting an issue priority needs quorum; at most %(n)d is active at a time.",
            "Adopting an issue priority needs quorum; at most %(n)d are active at a time.",
            limit,
        ) % {"n": limit}
        parts = (
            _("Proposed by %(who)s.") % {"who": facts["who"]} if facts.get("who") else "",
            guidance,
            facts.get("note", ""),
            cap,
        )
        return {
            "goal": _("Issue priority: %(title)s") % {"title": facts["title"]},
            "process": " ".join(p for p in parts if p),
        }
    if "admission" in facts:
        return {
            "goal": _("Admission: %(name)s") % {"name": facts["name"]},
            "process": _("Admission needs %(vote)s.")
            % {"vote": charter_rules.vote_rule_label(_threshold(facts))},
        }
    if "priority_review" in facts:
        return {
            "goal": _("Review of the issue priority: %(title)s") % {"title": facts["title"]},
            "process": _("Called by %(who)s. Dissolving it needs %(vote)s.")
            % {"who": facts["who"], "vote": charter_rules.vote_rule_label(_threshold(facts))},
        }
    return {}


def _threshold(facts: dict):
    """A stored vote rule; rows stored before thresholds had a base read as of votes cast."""
    if facts.get("base"):
        return charter_rules.Threshold(facts["vote"], base=facts["base"])
    return facts["vote"]


def absences_text(n: int) -> str:
    return _("%(n)d meetings missed without notifying the hosts.") % {"n": n}


def row_version(item, field: str) -> Version:
    """A row's goal, process or materials: its own words where it has them (in the reader's
    language, or another version marked as a fallback), else the words generated from its
    facts in the reader's language."""
    own = version(item, field)
    if (own.text and not own.fallback) or not getattr(item, "generated", None):
        return own
    # No version of its own in the reader's language: the generated words in it, if any
    # (the editor left them as they were), else another version, marked.
    generated = generated_text(item.generated).get(field, "")
    return Version(generated, "", False) if generated else own


def row_text(item, field: str) -> str:
    return row_version(item, field).text


def keep_generated_versions(item, versions: dict) -> dict:
    """On editing a generated row: a version left as generated in its language stays
    generated (empty), so every reader keeps getting the words in their own language."""
    if not getattr(item, "generated", None):
        return versions
    out = {}
    for field, by_language in versions.items():
        out[field] = {}
        for code, text in by_language.items():
            with translation.override(code):
                generated = generated_text(item.generated).get(field)
            out[field][code] = "" if generated is not None and text == generated else text
    return out


def generated_versions(item, languages) -> dict:
    """{field_code: text} initial inputs for the fields of a row that still has only its
    generated words: those words, in each language."""
    if not getattr(item, "generated", None):
        return {}
    initial = {}
    for code in languages:
        with translation.override(code):
            words = generated_text(item.generated)
        for field in TEXT_FIELDS:
            if not versions(item, field) and words.get(field):
                initial[f"{field}_{code}"] = words[field]
    return initial


def change_goal(change: dict) -> str:
    """The row an agenda change names (agenda_change_notify's facts), in the reader's
    language: its own goal, or the goal generated from its facts."""
    return change.get("goal") or generated_text(change.get("generated") or {}).get("goal", "")


def keep_generated(item, data: dict) -> dict:
    """On editing a generated row: a text left as generated stays generated (empty)."""
    generated = generated_text(getattr(item, "generated", None) or {})
    return {k: ("" if k in generated and v == generated[k] else v) for k, v in data.items()}
