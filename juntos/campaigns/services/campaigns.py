"""Campaign, chart, goals, tactics, key dates and deliverables: one write path each,
atomic and audited."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.audit.models import Action
from juntos.campaigns import phrases, rules
from juntos.campaigns.models import (
    Campaign,
    CheckIn,
    DecisionMakerMeeting,
    Deliverable,
    Goal,
    GoalProgress,
    KeyDate,
    Stakeholder,
    Tactic,
    Target,
)
from juntos.campaigns.playbooks import playbook_for
from juntos.campaigns.services.base import CampaignError, NeedsConfirmation, audit, snapshot
from juntos.members.models import Member, Person, Team


def campaign_start(
    *,
    coalition,
    actor,
    team: Team,
    title: str,
    issue: str = "",
    playbook: str = "",
    state: str = "",
    shared_with_network: bool = False,
    survey=None,
) -> Campaign:
    """Start a campaign, from a playbook (the chart comes pre-filled) or from scratch."""
    if team.coalition_id != coalition.pk:
        raise CampaignError(_("Choose one of the coalition's teams."))
    text = playbook_for(playbook) if playbook else None
    if playbook and text is None:
        raise CampaignError(_("There is no such playbook."))
    title = (title or "").strip() or (str(text.issue) if text else "")
    if not title:
        raise CampaignError(_("Give the campaign a title."))
    with transaction.atomic():
        campaign = Campaign.objects.create(
            coalition=coalition,
            team=team,
            title=title,
            # From a playbook, the pre-filled words stay empty: campaigns.phrases renders
            # them from the playbook in each reader's language until the team edits them.
            issue=(issue or "").strip() or ("" if text else title),
            playbook=playbook,
            state=(state or "").upper(),
            shared_with_network=shared_with_network,
            survey=survey,
        )
        if text:
            levels = {f"target:{i}": level for i, (level, _n, _t) in enumerate(text.targets)}
            rows, targets = [], []
            for ref, _words in phrases.row_refs(playbook):
                kind = ref.split(":")[0]
                if kind == "target":
                    targets.append(Target(campaign=campaign, level=levels[ref], playbook_ref=ref))
                else:
                    rows.append(Stakeholder(campaign=campaign, side=kind, playbook_ref=ref))
            Stakeholder.objects.bulk_create(rows)
            Target.objects.bulk_create(targets)
        audit(
            coalition=coalition,
            actor=actor,
            action=Action.CAMPAIGN_CHANGED,
            target=campaign,
            changes={"started": [None, title], "playbook": [None, playbook or "scratch"]},
        )
    return campaign


def chart_update(*, campaign: Campaign, actor, data: dict) -> Campaign:
    fields = [
        f
        for f in [
            *Campaign.CHART_FIELDS,
            "title",
            "issue",
            "status",
            "state",
            "shared_with_network",
        ]
        if f in data
    ]
    with transaction.atomic():
        before = snapshot(campaign, fields)
        for name in fields:
            value = data[name]
            setattr(campaign, name, value.strip() if isinstance(value, str) else value)
        campaign.state = campaign.state.upper()
        campaign.save(update_fields=[*fields, "updated_at"])
        audit(
            coalition=campaign.coalition,
            actor=actor,
            action=Action.CAMPAIGN_CHANGED,
            target=campaign,
            before=before,
            after=snapshot(campaign, fields),
        )
    return campaign


def _contact_named(coalition, name: str):
    from juntos.relationships.models import Contact

    return Contact.objects.filter(coalition=coalition, name__iexact=name.strip()).first()


def stakeholder_add(
    *, campaign: Campaign, actor, side: str, name: str, outreach_plan="", capacity="", contact=None
) -> Stakeholder:
    if not name.strip():
        raise CampaignError(_("Give the ally's or opponent's name."))
    with transaction.atomic():
        row = Stakeholder.objects.create(
            campaign=campaign,
            side=side,
            name=name.strip(),
            contact=contact or _contact_named(campaign.coalition, name),
            outreach_plan=outreach_plan.strip(),
            capacity=capacity.strip(),
        )
        audit(
            coalition=campaign.coalition,
            actor=actor,
            action=Action.CAMPAIGN_CHANGED,
            target=campaign,
            changes={side: [None, row.name]},
        )
    return row


def target_add(
    *,
    campaign: Campaign,
    actor,
    level: str,
    name: str = "",
    title="",
    notes="",
    contact=None,
    per_member: str = "",
) -> Target:
    """A decision maker. When the relationship map knows them by name, the target links
    to that contact. With `per_member` the target is each member organization's own
    official (found from its ZIP), not one named person."""
    if per_member and per_member not in Target.PerMember.values:
        raise CampaignError(_("Unknown kind of target."))
    if not per_member and not name.strip():
        raise CampaignError(_("Name the decision maker."))
    with transaction.atomic():
        target = Target.objects.create(
            campaign=campaign,
            level=level,
            name="" if per_member else name.strip(),
            title=title.strip(),
            notes=notes.strip(),
            per_member=per_member,
            contact=None if per_member else (contact or _contact_named(campaign.coalition, name)),
        )
        audit(
            coalition=campaign.coalition,
            actor=actor,
            action=Action.CAMPAIGN_CHANGED,
            target=campaign,
            changes={f"target_{level}": [None, per_member or target.name]},
        )
    return target


def chart_row_remove(*, campaign: Campaign, actor, row) -> None:
    if row.campaign_id != campaign.pk:
        raise CampaignError(_("That row is not on this campaign's chart."))
    with transaction.atomic():
        label = str(row)
        row.delete()
        audit(
            coalition=campaign.coalition,
            actor=actor,
            action=Action.CAMPAIGN_CHANGED,
            target=campaign,
            changes={"removed": [label, None]},
        )


# --- Goals -----------------------------------------------------------------------------

GOAL_FIELDS = ["term", "text", "measure", "baseline", "target_value", "due_on", "checklist"]


def goal_save(
    *,
    campaign: Campaign,
    actor,
    term: str,
    text: str,
    measure: str,
    target_value: Decimal | None,
    due_on: date | None,
    winners: list[Member],
    baseline: Decimal = Decimal(0),
    checklist: dict | None = None,
    goal: Goal | None = None,
    today: date | None = None,
) -> Goal:
    """Add or change a goal. Refused, with every problem named, unless the checks pass."""
    check = rules.goal_check(
        measure=measure,
        target_value=target_value,
        due_on=due_on,
        winners=[m.name for m in winners if m.coalition_id == campaign.coalition_id],
        today=today or timezone.localdate(),
        answers=checklist,
    )
    if not check.accepted:
        raise CampaignError(
            " ".join(p.message for p in check.problems), rule=check.rule, problems=check.problems
        )
    if not (text or "").strip():
        raise CampaignError(_("Write the goal in a sentence."))
    values = {
        "term": term,
        "text": text.strip(),
        "measure": measure.strip(),
        "baseline": baseline or Decimal(0),
        "target_value": target_value,
        "due_on": due_on,
        "checklist": {k: bool(v) for k, v in (checklist or {}).items()},
    }
    with transaction.atomic():
        before = snapshot(goal, GOAL_FIELDS) if goal else {}
        if goal is None:
            goal = Goal.objects.create(campaign=campaign, **values)
        else:
            for k, v in values.items():
                setattr(goal, k, v)
            goal.save(update_fields=[*values, "updated_at"])
        goal.winners.set(winners)
        audit(
            coalition=campaign.coalition,
            actor=actor,
            action=Action.GOAL_CHANGED,
            target=goal,
            before=before,
            after=snapshot(goal, GOAL_FIELDS),
        )
    return goal


def goal_progress_record(
    *, goal: Goal, actor, on: date, value: Decimal, note: str = ""
) -> GoalProgress:
    if on > timezone.localdate():
        raise CampaignError(_("Progress is recorded for today or a day already past."))
    with transaction.atomic():
        row = GoalProgress.objects.create(
            goal=goal, on=on, value=value, note=note.strip(), recorded_by=actor
        )
        audit(
            coalition=goal.campaign.coalition,
            actor=actor,
            action=Action.GOAL_CHANGED,
            target=goal,
            changes={"progress": [None, f"{value} on {on.isoformat()}"]},
        )
    return row


# --- Key dates and tactics -------------------------------------------------------------


def target_chambers(campaign: Campaign) -> set[tuple[str, str]]:
    """The legislatures and chambers the campaign's primary targets sit in (a contact's
    level, state and chamber; "each member's own" representative or senator)."""
    from juntos.campaigns.models import Target

    per_member = {
        Target.PerMember.HOUSE: ("US", "lower"),
        Target.PerMember.STATE_UPPER: (campaign.state, "upper"),
        Target.PerMember.STATE_LOWER: (campaign.state, "lower"),
    }
    found = set()
    rows = campaign.targets.filter(level=Target.Level.PRIMARY).values_list(
        "per_member", "contact__level", "contact__state", "contact__chamber"
    )
    for each, level, state, chamber in rows:
        if each:
            place, house = per_member[each]
            if place:
                found.add((place.upper(), house))
            continue
        pair = rules.target_chamber(level=level or "", state=state or "", chamber=chamber or "")
        if pair:
            found.add(pair)
    return found


def key_dates_for(campaign: Campaign, coalition=None):
    """The campaign's key dates and the coalition-wide ones (of the campaign's coalition
    and of the coalition placing an action, when a state table works on a shared one)."""
    coalitions = {campaign.coalition_id, getattr(coalition, "pk", campaign.coalition_id)}
    return KeyDate.objects.filter(
        Q(campaign=campaign) | Q(campaign__isnull=True, coalition_id__in=coalitions)
    )


def key_dates_concerning(campaign: Campaign, coalition=None) -> list[KeyDate]:
    """The key dates of the campaign's timeline and warnings: a chamber's calendar only
    where that chamber is the targets' (rules.chamber_applies)."""
    targets = target_chambers(campaign)
    return [
        k
        for k in key_dates_for(campaign, coalition)
        if rules.chamber_applies(legislature=k.legislature, chamber=k.chamber, targets=targets)
    ]


def spans_for(key_dates) -> list[rules.DateSpan]:
    return [
        rules.DateSpan(
            k.title, k.starts_on, k.ends_on, k.category, k.blackout, k.legislature, k.chamber
        )
        for k in key_dates
    ]


def key_date_add(
    *,
    coalition,
    actor,
    kind: str,
    category: str,
    title: str,
    starts_on: date,
    ends_on: date | None = None,
    blackout: bool = True,
    campaign: Campaign | None = None,
) -> KeyDate:
    if ends_on and ends_on < starts_on:
        raise CampaignError(_("The last day cannot come before the first."))
    if not title.strip():
        raise CampaignError(_("Say what the date is."))
    with transaction.atomic():
        row = KeyDate.objects.create(
            coalition=coalition,
            campaign=campaign,
            kind=kind,
            category=category,
            title=title.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            blackout=blackout,
        )
        audit(
            coalition=coalition,
            actor=actor,
            action=Action.KEY_DATE_CHANGED,
            target=row,
            changes={"added": [None, f"{row.title} {starts_on.isoformat()}"]},
        )
    return row


def tactic_warnings(*, campaign: Campaign, coalition, rung: int, on: date, exclude_pk=None):
    """The ladder's and the calendar's warnings for an action, before it is placed (or,
    with `exclude_pk`, moved: judged against the rest of the plan)."""
    on_plan = list(
        campaign.tactics.exclude(status=Tactic.Status.CANCELLED)
        .exclude(pk=exclude_pk)
        .values_list("rung", flat=True)
    )
    met = campaign.dm_meetings.filter(
        stage__in=[DecisionMakerMeeting.Stage.HELD, DecisionMakerMeeting.Stage.DEBRIEFED]
    ).exists()
    if met:  # a recorded meeting with the decision maker is the first rung, reached
        on_plan.append(rules.Rung.MEETING)
    ladder = rules.ladder_check(planned=rung, on_plan=on_plan, decision_maker_met=met)
    spans = spans_for(key_dates_concerning(campaign, coalition))
    blackout = rules.blackout_check(on=on, state=campaign.state, key_dates=spans)
    warnings = [w.message for w in ladder.warnings]
    used = [ladder.rule] if ladder.warnings else []
    if blackout.blocked:
        warnings.append(
            _("%(date)s is a date to avoid: %(reasons)s.")
            % {"date": on.isoformat(), "reasons": ", ".join(blackout.reasons)}
        )
        used.append(blackout.rule)
        if any(s.legislature and s.blackout and s.covers(on) for s in spans):
            used.append(str(rules.CHAMBER_RULE))  # a chamber's own calendar said so
    return warnings, used


def tactic_plan(
    *,
    campaign: Campaign,
    coalition,
    actor,
    rung: int,
    title: str,
    on: date,
    place: str = "",
    notes: str = "",
    confirmed: bool = False,
) -> Tactic:
    """Place an action on the timeline. Skipping rungs, escalating before meeting the
    decision maker, or a blackout date raise NeedsConfirmation unless confirmed."""
    if coalition.pk != campaign.coalition_id and not (
        campaign.shared_with_network and coalition.parent_id == campaign.coalition_id
    ):
        raise CampaignError(_("This campaign is not shared with your coalition."))
    if not title.strip():
        raise CampaignError(_("Say what the action is."))
    with transaction.atomic():
        Campaign.objects.select_for_update().get(pk=campaign.pk)
        warnings, used = tactic_warnings(campaign=campaign, coalition=coalition, rung=rung, on=on)
        if warnings and not confirmed:
            raise NeedsConfirmation(warnings, used)
        tactic = Tactic.objects.create(
            campaign=campaign,
            coalition=coalition,
            rung=rung,
            title=title.strip(),
            on=on,
            place=place.strip(),
            notes=notes.strip(),
            warnings=warnings,
        )
        audit(
            coalition=coalition,
            actor=actor,
            action=Action.TACTIC_PLANNED,
            target=tactic,
            changes={
                "planned": [None, f"{tactic.title} {on.isoformat()}"],
                "warnings_confirmed": [None, warnings],
            },
        )
    return tactic


def tactic_status(*, tactic: Tactic, actor, status: str) -> Tactic:
    with transaction.atomic():
        before = tactic.status
        shown = tactic.calendar_snapshot()
        tactic.status = status
        tactic.save(update_fields=["status", "updated_at", *tactic.calendar_revise(shown)])
        audit(
            coalition=tactic.coalition,
            actor=actor,
            action=Action.TACTIC_PLANNED,
            target=tactic,
            changes={"status": [before, status]},
        )
    return tactic


# --- Deliverables ----------------------------------------------------------------------


def deliverable_add(
    *,
    campaign: Campaign,
    coalition,
    actor,
    title: str,
    due_on: date,
    kind: str = Deliverable.Kind.TASK,
    owner_member: Member | None = None,
    owner_person: Person | None = None,
    dm_meeting: DecisionMakerMeeting | None = None,
    follow_up=None,
) -> Deliverable:
    if owner_member is None and owner_person is None:
        raise CampaignError(_("Delegate it to a member organization or a person."))
    for owner in (owner_member, owner_person):
        if owner is not None and owner.coalition_id != coalition.pk:
            raise CampaignError(_("The owner must be part of the coalition."))
    if not (title or "").strip():
        raise CampaignError(_("Say what is to be delivered."))
    with transaction.atomic():
        row = Deliverable.objects.create(
            campaign=campaign,
            coalition=coalition,
            kind=kind,
            title=title.strip(),
            due_on=due_on,
            owner_member=owner_member,
            owner_person=owner_person,
            dm_meeting=dm_meeting,
            follow_up=follow_up,
        )
        audit(
            coalition=coalition,
            actor=actor,
            action=Action.DELIVERABLE_CHANGED,
            target=row,
            changes={
                "added": [None, row.title],
                "owner": [None, str(owner_person or owner_member)],
                "due_on": [None, due_on.isoformat()],
            },
        )
        if follow_up is None:  # a follow-up's owner was told of it already
            row_id = row.pk
            transaction.on_commit(lambda: _mail_deliverable(row_id, "deliverable_assigned"))
    return row


def _mail_deliverable(deliverable_id: int, template: str) -> int:
    from juntos.members.owners import mail_owners, people_of_owner

    row = Deliverable.objects.select_related(
        "campaign", "coalition", "owner_person__user", "owner_member"
    ).get(pk=deliverable_id)
    owners = people_of_owner(person=row.owner_person, member=row.owner_member)
    return mail_owners(owners, template, {"deliverable": row}, row.coalition)


def deliverables_remind_due(now=None) -> int:
    """The day before an open deliverable is due, its owners are reminded once (`juntos
    send_due`, through juntos.web.tasks.tasks_remind_due). One that came from meeting
    minutes is reminded as that follow-up."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + timezone.timedelta(days=1)
    sent = 0
    for pk in Deliverable.objects.filter(
        due_on=tomorrow,
        status__in=Deliverable.OPEN_STATUSES,
        reminded_at__isnull=True,
        follow_up__isnull=True,
    ).values_list("pk", flat=True):
        if Deliverable.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now):
            sent += _mail_deliverable(pk, "deliverable_due")
    return sent


def deliverable_check_in(
    *, deliverable: Deliverable, actor, person: Person | None, status: str, note: str = ""
) -> CheckIn:
    """A check-in: the status as of now and a note. Closing a deliverable that came from
    meeting minutes closes that follow-up too."""
    if status not in Deliverable.Status.values:
        raise CampaignError(_("Choose a status."))
    with transaction.atomic():
        before = deliverable.status
        deliverable.status = status
        deliverable.save(update_fields=["status", "updated_at"])
        row = CheckIn.objects.create(
            deliverable=deliverable, by=person, status=status, note=note.strip()
        )
        if deliverable.follow_up_id:
            from juntos.governance.services import followup_done

            follow_up = deliverable.follow_up
            if (status == Deliverable.Status.DONE) != (follow_up.done_at is not None):
                followup_done(
                    follow_up=follow_up, actor=actor, done=status == Deliverable.Status.DONE
                )
        audit(
            coalition=deliverable.coalition,
            actor=actor,
            action=Action.DELIVERABLE_CHANGED,
            target=deliverable,
            changes={"status": [before, status], "note": [None, row.note]},
        )
    return row


def deliverable_from_followup(*, campaign: Campaign, actor, follow_up) -> Deliverable:
    """A follow-up from meeting minutes becomes one of the campaign's deliverables."""
    if follow_up.meeting.coalition_id != campaign.coalition_id:
        raise CampaignError(_("That follow-up belongs to another coalition."))
    if Deliverable.objects.filter(follow_up=follow_up).exists():
        raise CampaignError(_("That follow-up is already a campaign deliverable."))
    row = deliverable_add(
        campaign=campaign,
        coalition=campaign.coalition,
        actor=actor,
        title=follow_up.text,
        due_on=follow_up.due_on,
        owner_person=follow_up.owner,
        follow_up=follow_up,
    )
    if follow_up.done_at:
        Deliverable.objects.filter(pk=row.pk).update(status=Deliverable.Status.DONE)
        row.status = Deliverable.Status.DONE
    return row


def overdue(deliverables, today: date | None = None):
    today = today or timezone.localdate()
    return deliverables.filter(status__in=Deliverable.OPEN_STATUSES, due_on__lt=today)
