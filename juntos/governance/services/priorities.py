"""Issue priorities: proposals, Core Team guidance, the cap on active priorities, reviews."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from juntos.audit.log import assign, audit_record
from juntos.audit.models import Action
from juntos.charter import rules as charter_rules
from juntos.charter.models import Coalition
from juntos.governance import phrases, rules, selectors
from juntos.governance.models import AgendaItem, IssuePriority, Meeting
from juntos.governance.services.base import (
    GovernanceError,
    next_regular_meeting,
)
from juntos.governance.services.meetings import agenda_item_add
from juntos.members.models import Member, Person

# --- Issue priorities ----------------------------------------------------------------------


def priority_cap(coalition, charter, *, lock=False) -> rules.PriorityCap:
    if lock:
        Coalition.objects.select_for_update().filter(pk=coalition.pk).first()
    active = IssuePriority.objects.filter(
        coalition=coalition, status=IssuePriority.Status.ACTIVE
    ).count()
    return rules.priority_adoption(active=active, rules=charter)


def cap_message(cap: rules.PriorityCap) -> str:
    return _(
        "%(active)d issue priorities are active already; dissolve one before adopting another."
    ) % {"active": cap.active}


def priority_cap_for(coalition) -> rules.PriorityCap:
    return priority_cap(coalition, selectors.rules_for(coalition))


def priority_set(priority: IssuePriority, actor, **fields) -> IssuePriority:
    changes = assign(priority, fields)
    priority.save(update_fields=[*fields, "updated_at"])
    audit_record(
        coalition=priority.coalition,
        actor=actor,
        action=Action.PRIORITY_CHANGED,
        target=priority,
        changes=changes,
    )
    return priority


def priority_propose(
    *, coalition, actor, member: Member | None, title: str, description: str = ""
) -> IssuePriority:
    title = (title or "").strip()
    if not title:
        raise GovernanceError(_("Name the issue priority."))
    with transaction.atomic():
        priority = IssuePriority.objects.create(
            coalition=coalition, title=title, description=description, proposed_by=member
        )
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.PRIORITY_PROPOSED,
            target=priority,
            changes={
                "title": [None, title],
                "proposed_by": [None, str(member) if member else None],
            },
        )
    return priority


def priority_mark_actionable(
    *, priority: IssuePriority, actor, actionable: bool, note: str = ""
) -> IssuePriority:
    """The Core Team's guidance on whether a priority is actionable."""
    with transaction.atomic():
        return priority_set(priority, actor, actionable=actionable, actionable_note=note)


def priority_review_call(*, priority: IssuePriority, actor, person: Person) -> AgendaItem:
    """Any member can call a review of an active priority: it goes on the next regular meeting."""
    if priority.status != IssuePriority.Status.ACTIVE:
        raise GovernanceError(_("Only an active issue priority can be reviewed."))
    meeting = next_regular_meeting(priority.coalition)
    if meeting is None:
        raise GovernanceError(_("No regular meeting is scheduled yet; ask the hosts."))
    charter = selectors.rules_for(priority.coalition)
    with transaction.atomic():
        item = agenda_item_add(
            meeting=meeting,
            actor=actor,
            goal="",
            kind=AgendaItem.Kind.DECISION,
            generated=phrases.priority_review_row(
                priority=priority,
                who=str(person.member or person),
                threshold=charter.threshold(charter_rules.DISSOLVE_PRIORITY),
            ),
            automatic=True,
        )
    return item


def priorities_review_add(*, meeting: Meeting, actor) -> list[AgendaItem]:
    """The yearly review: one decision row per proposed priority, with the Core Team's
    guidance, on this meeting's agenda. Rows already there are not added twice."""
    charter = selectors.rules_for(meeting.coalition, meeting.local_date)
    cap = priority_cap(meeting.coalition, charter)
    existing = {g.get("priority") for g in meeting.items.values_list("generated", flat=True) if g}
    rows = []
    with transaction.atomic():
        for priority in IssuePriority.objects.filter(
            coalition=meeting.coalition, status=IssuePriority.Status.PROPOSED
        ).select_related("proposed_by"):
            if priority.pk in existing:
                continue
            rows.append(
                agenda_item_add(
                    meeting=meeting,
                    actor=actor,
                    goal="",
                    materials=priority.description,
                    kind=AgendaItem.Kind.DECISION,
                    automatic=True,
                    generated=phrases.priority_row(priority=priority, limit=cap.limit),
                )
            )
    return rows


# --- Admissions follow the agenda ----------------------------------------------------------


def admission_put_on_agenda(*, application, actor) -> AgendaItem | None:
    """An application ready for a vote goes on the next regular meeting's agenda, before
    the closing row; members hear of it like any change to a published agenda."""
    meeting = next_regular_meeting(application.coalition)
    if meeting is None:
        return None
    # Stored as facts (phrases.admission_row): each reader sees the row in their language.
    listed = {g.get("admission") for g in meeting.items.values_list("generated", flat=True) if g}
    legacy = _("Admission: %(name)s") % {"name": application.display_name}
    if application.pk in listed or meeting.items.filter(goal=legacy).exists():
        return None
    charter = selectors.rules_for(application.coalition, meeting.local_date)
    return agenda_item_add(
        meeting=meeting,
        actor=actor,
        goal="",
        kind=AgendaItem.Kind.DECISION,
        generated=phrases.admission_row(
            application=application, threshold=charter.threshold(charter_rules.ADMIT_MEMBER)
        ),
        automatic=True,
    )
