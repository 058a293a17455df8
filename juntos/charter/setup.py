"""The first host's set-up guide: its steps, the checklist, and the charter gate.

A step is done, skipped (it stays on the checklist, to come back to) or still to do.
"""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from juntos.charter.models import CharterVersion
from juntos.core import remembered

remembered.watch(CharterVersion)

TEXTS = "texts"
CHARTER = "charter"
STRUCTURE = "structure"
COHOSTS = "cohosts"
MEMBERS = "members"
CALENDAR = "calendar"
STEPS = (TEXTS, CHARTER, STRUCTURE, COHOSTS, MEMBERS, CALENDAR)


def step_label(step: str) -> str:
    return {
        TEXTS: _("Name, host organization and languages; mission, values and agreements"),
        CHARTER: _("The charter's rules"),
        STRUCTURE: _("Structure: the teams the coalition uses"),
        COHOSTS: _("Invite co-hosts"),
        MEMBERS: _("Add members"),
        CALENDAR: _("Meeting calendar"),
    }[step]


def checklist(coalition) -> list[dict]:
    steps = coalition.setup_steps or {}
    return [{"step": s, "label": step_label(s), "state": steps.get(s, "")} for s in STEPS]


def next_step(coalition) -> str | None:
    """The first step not done: unvisited ones first, then skipped ones."""
    steps = coalition.setup_steps or {}
    for s in STEPS:
        if not steps.get(s):
            return s
    for s in STEPS:
        if steps.get(s) == "skipped":
            return s
    return None


def charter_optional(view):
    """Mark a coalition view that works while the coalition has no charter in force."""
    view.charter_optional = True
    return view


def charter_gate(request):
    """A coalition without a charter in force shows its hosts a "set up your charter" page
    and everyone else a calm "being set up" page, instead of failing."""
    coalition = request.coalition
    # Versions are never edited; a worker reads them again when the access version moves.
    versions = remembered.recall(
        "charter", coalition.pk, lambda: list(coalition.charter_versions.all())
    )
    coalition.__dict__["_versions_cache"] = versions
    if coalition.charter_in_force() is not None:
        return None
    upcoming = min((v.effective_from for v in versions), default=None)
    template = (
        "charter/setup_needed.html" if request.role == "host" else "charter/being_set_up.html"
    )
    return render(request, template, {"upcoming": upcoming})


LAYERS = ("core_team", "full_coalition", "supporter_network", "support_pods", "issue_teams")


def apply_structure(coalition, groups):
    """The structure's layers as this coalition uses and names them (home page)."""
    chosen = coalition.structure or {}
    shown = []
    for group in groups:
        layer = chosen.get(group.key) or {}
        if layer.get("used", True) is False:
            continue
        if layer.get("name"):
            group.label = layer["name"]
        shown.append(group)
    return shown
