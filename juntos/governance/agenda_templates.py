"""Agenda templates in the facilitator guide's TIME / GOAL / PROCESS / MATERIALS format.

A row applied to a meeting stores only its time, kind and place in the template; its
words are rendered in each reader's language (governance.phrases).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

REGULAR = "regular"
SUMMIT = "summit"

TEMPLATES = {
    REGULAR: gettext_lazy("Regular meeting"),
    SUMMIT: gettext_lazy("Movement building summit (facilitator guide)"),
}


def rows(template: str) -> list[dict]:
    """Each row: time, goal, process, materials, kind."""
    if template == REGULAR:
        return _regular()
    if template == SUMMIT:
        return _summit()
    raise KeyError(template)


def stored_rows(template: str) -> list[dict]:
    """What an agenda stores for each row of a template: facts, no words."""
    from juntos.governance.phrases import template_row

    return [
        {
            "time": row["time"],
            "kind": row["kind"],
            "goal": "",
            "process": "",
            "materials": "",
            "generated": template_row(template, i),
        }
        for i, row in enumerate(rows(template))
    ]


def _row(time, goal, process="", materials="", kind="discussion"):
    return {"time": time, "goal": goal, "process": process, "materials": materials, "kind": kind}


def _regular():
    return [
        _row(
            "0:00",
            _("Welcome and introductions"),
            _("Names, pronouns, organization and role. Sign in for your organization."),
            kind="report",
        ),
        _row(
            "0:10",
            _("Community agreements"),
            _("Review the community agreements and ask if any others should be observed."),
        ),
        _row("0:15", _("Reports from the Core Team and the teams"), kind="report"),
        _row(
            "0:35",
            _("Discussion"),
            _(
                "The topic of this meeting: legislative strategy, or educational events and "
                "planning."
            ),
        ),
        _row(
            "1:15",
            _("Decisions"),
            _("Applications, issue priorities and other motions. Votes need quorum."),
            kind="decision",
        ),
        _row(
            "1:45",
            _("Parking lot, takeaways and next steps"),
            _("Review the parking lot, share takeaways, name follow-ups with an owner and a date."),
        ),
    ]


def _summit():
    return [
        _row("", _("Create a fun environment"), _("Play music"), _("1-2 songs ready to be played")),
        _row(
            "",
            _("Meet the facilitator(s)"),
            _(
                "Facilitators share: introductions (names, pronouns, organization & role); "
                "icebreaker question"
            ),
            _("Facilitators' names"),
        ),
        _row(
            "",
            _("Safety norms (if applicable)"),
            _("Review summit safety norms to create a comfortable environment"),
        ),
        _row(
            "",
            _("Meet the group"),
            _(
                "Participants share: introductions (names, pronouns, organization & role); "
                "icebreaker question"
            ),
        ),
        _row(
            "",
            _("Group discussion norms"),
            _("Review summit norms and ask if there are any others that should be observed"),
        ),
        _row(
            "",
            _("Share learning objectives and agenda for the meeting"),
            _(
                "Go over the summit objectives and summarize the timeline of events: goal "
                "setting and strategic planning framework; our coalition's story; national "
                "strategic plan, goals and deliverables; brief power analysis; plan actions; "
                "key takeaways and next steps"
            ),
            kind="report",
        ),
        _row(
            "",
            _("Learn and adopt the SMARTIE Framework"),
            _(
                "Review the framework: Strategic, Measurable, Ambitious, Realistic, Time-bound, "
                "Inclusive, Equitable. Ask participants if they have used it or similar models."
            ),
        ),
        _row(
            "",
            _("Review our story and timeline"),
            _(
                "Connect with participants' personal motivations: story of self, us and now. "
                "What was your most recent campaign? What did you learn from it?"
            ),
        ),
        _row(
            "",
            _("Recognizing intersectionality"),
            _(
                "Who is usually left out of immigration narratives? How can we include their "
                "stories in our narrative and actions?"
            ),
        ),
        _row(
            "",
            _("Align on national strategy and outcomes"),
            _("Review the national strategy and its visual timeline; keep it close by."),
        ),
        _row(
            "",
            _("Power analysis"),
            _(
                "Compare responses to the power analysis activity. What are shared "
                "understandings of power?"
            ),
        ),
        _row(
            "",
            _("New event planning"),
            _("Draw a campaign timeline of actions and events; include actions already planned."),
            _("Large notepads, markers, online whiteboard"),
        ),
        _row(
            "",
            _("Identify key dates - external"),
            _(
                "Dates the coalition does not control: federal holidays, legislative recesses, "
                "organization retreats, conventions."
            ),
            _("Large notepads, markers"),
        ),
        _row(
            "",
            _("Identify key dates - internal"),
            _(
                "With the blackout dates in mind, brainstorm key dates for actions and "
                "deliverables; check goals against SMARTIE."
            ),
            _("Large notepads, markers"),
        ),
        _row(
            "",
            _("Delegate responsibilities and deliverables"),
            _("Map roles and responsibilities between partners and organizations."),
            kind="decision",
        ),
        _row(
            "",
            _("Establishing communication norms"),
            _(
                "How will we communicate internally and with supporters to meet these goals? "
                "Write the norms down and send them in a follow-up email."
            ),
        ),
        _row(
            "",
            _("Parking lot, takeaways and next steps"),
            _(
                "Review the parking lot. Share takeaways. What is still unclear? Track "
                "follow-ups that need to occur."
            ),
        ),
        _row(_("2 hrs after start"), _("Next steps & close")),
    ]
