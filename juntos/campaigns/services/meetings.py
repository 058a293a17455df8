"""Meetings with decision makers, as seed 002 runs them: plan, request, record, debrief,
thank, report back."""

from datetime import date

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from juntos.audit.models import Action
from juntos.campaigns.models import Campaign, DecisionMakerMeeting, Target
from juntos.campaigns.phrases import campaign_text
from juntos.campaigns.services.base import CampaignError, audit
from juntos.campaigns.services.campaigns import deliverable_add
from juntos.core import mail
from juntos.members.models import Person

MEETING_RULE = gettext_lazy(
    "Seed 002: one facilitator, one or two storytellers, and one person who makes the "
    "specific request."
)


def _same_coalition(campaign, people):
    return all(p.coalition_id == campaign.coalition_id for p in people)


def dm_meeting_plan(
    *,
    campaign: Campaign,
    actor,
    decision_maker: str,
    purpose: str,
    requests: str,
    attendees: list[Person],
    facilitator: Person | None,
    storytellers: list[Person],
    asker: Person | None,
    target: Target | None = None,
    facts: str = "",
    on: date | None = None,
    place: str = "",
    meeting: DecisionMakerMeeting | None = None,
) -> DecisionMakerMeeting:
    """Plan (or re-plan) a meeting. The roles of seed 002 are required."""
    decision_maker = (decision_maker or (str(target) if target else "")).strip()
    problems = []
    if not decision_maker:
        problems.append(_("Say whom you are meeting."))
    if not purpose.strip():
        problems.append(_("State the purpose of the visit."))
    if not requests.strip():
        problems.append(_("Write the specific request or requests."))
    if facilitator is None:
        problems.append(_("Choose one person to facilitate."))
    if not 1 <= len(storytellers) <= 2:
        problems.append(_("Choose one or two storytellers."))
    if asker is None:
        problems.append(_("Choose who makes the ask."))
    if problems:
        raise CampaignError(" ".join(problems), rule=str(MEETING_RULE))
    everyone = {*attendees, facilitator, asker, *storytellers}
    if not _same_coalition(campaign, everyone):
        raise CampaignError(_("Everyone attending must be part of the coalition."))
    if target is not None and target.campaign_id != campaign.pk:
        raise CampaignError(_("Choose one of this campaign's targets."))
    values = {
        "decision_maker": decision_maker,
        "target": target,
        "purpose": purpose.strip(),
        "requests": requests.strip(),
        "facts": facts.strip(),
        "on": on,
        "place": place.strip(),
        "facilitator": facilitator,
        "asker": asker,
    }
    with transaction.atomic():
        if meeting is None:
            meeting = DecisionMakerMeeting.objects.create(campaign=campaign, **values)
        else:
            for k, v in values.items():
                setattr(meeting, k, v)
            meeting.save()
        meeting.attendees.set(everyone)
        meeting.storytellers.set(storytellers)
        audit(
            coalition=campaign.coalition,
            actor=actor,
            action=Action.DM_MEETING_CHANGED,
            target=meeting,
            changes={"planned": [None, decision_maker], "on": [None, on and on.isoformat()]},
        )
    return meeting


def _people_lines(meeting: DecisionMakerMeeting) -> list[str]:
    """Each attendee with their organization, and their email and phone only when they
    consented to share contact details (the consent ledger decides)."""
    from juntos.consent.services import contact_consent_map

    people = list(meeting.attendees.select_related("member").order_by("full_name"))
    consents = contact_consent_map(people)
    lines = []
    for p in people:
        parts = [p.full_name]
        if p.title:
            parts.append(p.title)
        if p.member_id:
            parts.append(p.member.name)
        if consents.get(p.pk):
            parts += [x for x in (p.email, p.phone) if x]
        lines.append(" · ".join(parts))
    return lines


def dm_request_message(meeting: DecisionMakerMeeting) -> str:
    """The message that asks for the meeting and lists who will attend."""
    coalition = meeting.campaign.coalition
    lines = [
        _("Dear %(name)s,") % {"name": meeting.decision_maker},
        "",
        _(
            "We are writing on behalf of %(coalition)s to ask for a meeting with you about "
            "%(issue)s."
        )
        % {"coalition": coalition.name, "issue": campaign_text(meeting.campaign, "issue")},
        "",
        _("Purpose: %(purpose)s") % {"purpose": meeting.purpose},
    ]
    if meeting.on:
        lines.append(_("We propose %(date)s.") % {"date": meeting.on.isoformat()})
    lines += ["", _("These people will attend:")]
    lines += [f"- {line}" for line in _people_lines(meeting)]
    lines += [
        "",
        _("Thank you for your time. We look forward to meeting you."),
        "",
        coalition.name,
    ]
    return "\n".join(lines)


def dm_thank_you_message(meeting: DecisionMakerMeeting) -> str:
    """The thank-you that restates what was committed, by them and by us."""
    lines = [
        _("Dear %(name)s,") % {"name": meeting.decision_maker},
        "",
        _("Thank you for meeting with us%(when)s about %(issue)s.")
        % {
            "when": _(" on %(date)s") % {"date": date_format(meeting.on, "DATE_FORMAT")}
            if meeting.on
            else "",
            "issue": campaign_text(meeting.campaign, "issue"),
        },
    ]
    if meeting.commitments:
        lines += ["", _("As we understood it, you committed to:"), meeting.commitments]
    if meeting.our_commitments:
        lines += ["", _("We committed to:"), meeting.our_commitments]
    lines += [
        "",
        _("We will be in touch about the next steps."),
        "",
        meeting.campaign.coalition.name,
    ]
    return "\n".join(lines)


def dm_report_text(meeting: DecisionMakerMeeting) -> str:
    lines = [
        _("Report back: meeting with %(name)s on %(issue)s")
        % {"name": meeting.decision_maker, "issue": campaign_text(meeting.campaign, "issue")},
    ]
    if meeting.said:
        lines += ["", _("What they said: %(said)s") % {"said": meeting.said}]
    if meeting.commitments:
        lines += ["", _("What they committed to: %(c)s") % {"c": meeting.commitments}]
    steps = list(meeting.next_steps.all())
    if steps:
        lines += ["", _("Next steps:")]
        lines += [f"- {d.title} ({d.due_on.isoformat()})" for d in steps]
    return "\n".join(lines)


def dm_meeting_requested(*, meeting: DecisionMakerMeeting, actor) -> DecisionMakerMeeting:
    with transaction.atomic():
        meeting.requested_at = timezone.now()
        if meeting.stage == DecisionMakerMeeting.Stage.PLANNED:
            meeting.stage = DecisionMakerMeeting.Stage.REQUESTED
        meeting.save(update_fields=["requested_at", "stage", "updated_at"])
        audit(
            coalition=meeting.campaign.coalition,
            actor=actor,
            action=Action.DM_MEETING_CHANGED,
            target=meeting,
            changes={"requested": [None, True]},
        )
    return meeting


def dm_meeting_record(
    *,
    meeting: DecisionMakerMeeting,
    actor,
    on: date,
    said: str,
    commitments: str = "",
    our_commitments: str = "",
) -> DecisionMakerMeeting:
    """What the decision maker said and committed to. A recorded meeting opens the ladder."""
    if on > timezone.localdate():
        raise CampaignError(_("Record a meeting once it has happened."))
    if not said.strip():
        raise CampaignError(_("Write down what the decision maker said."))
    with transaction.atomic():
        meeting.on = on
        meeting.said = said.strip()
        meeting.commitments = commitments.strip()
        meeting.our_commitments = our_commitments.strip()
        if meeting.stage != DecisionMakerMeeting.Stage.DEBRIEFED:
            meeting.stage = DecisionMakerMeeting.Stage.HELD
        meeting.save()
        audit(
            coalition=meeting.campaign.coalition,
            actor=actor,
            action=Action.DM_MEETING_CHANGED,
            target=meeting,
            changes={"recorded": [None, on.isoformat()], "commitments": [None, commitments]},
        )
    return meeting


def dm_meeting_debrief(
    *, meeting: DecisionMakerMeeting, actor, notes: str, next_steps: list[dict]
) -> list:
    """The team's debrief; each next step becomes a deliverable of the campaign."""
    if meeting.stage not in (DecisionMakerMeeting.Stage.HELD, DecisionMakerMeeting.Stage.DEBRIEFED):
        raise CampaignError(_("Record what happened at the meeting before the debrief."))
    campaign = meeting.campaign
    with transaction.atomic():
        created = [
            deliverable_add(
                campaign=campaign,
                coalition=campaign.coalition,
                actor=actor,
                title=step["title"],
                due_on=step["due_on"],
                owner_person=step.get("owner_person"),
                owner_member=step.get("owner_member"),
                dm_meeting=meeting,
            )
            for step in next_steps
        ]
        meeting.debrief = notes.strip()
        meeting.stage = DecisionMakerMeeting.Stage.DEBRIEFED
        meeting.save(update_fields=["debrief", "stage", "updated_at"])
        audit(
            coalition=campaign.coalition,
            actor=actor,
            action=Action.DM_MEETING_CHANGED,
            target=meeting,
            changes={"debriefed": [None, len(created)]},
        )
    return created


def dm_meeting_thank(
    *, meeting: DecisionMakerMeeting, actor, to: str = "", language: str = "en"
) -> DecisionMakerMeeting:
    """Send the thank-you (when an address is given) and mark it sent."""
    if meeting.stage not in (DecisionMakerMeeting.Stage.HELD, DecisionMakerMeeting.Stage.DEBRIEFED):
        raise CampaignError(_("Record the meeting first: the thank-you restates its commitments."))
    with transaction.atomic():
        meeting.thanked_at = timezone.now()
        meeting.save(update_fields=["thanked_at", "updated_at"])
        audit(
            coalition=meeting.campaign.coalition,
            actor=actor,
            action=Action.DM_MEETING_CHANGED,
            target=meeting,
            changes={"thanked": [None, to or "sent by hand"]},
        )
        if to:
            with translation.override(language):  # the whole mail in the recipient's language
                body = dm_thank_you_message(meeting)
                subject = _("Thank you for meeting with us")
            coalition = meeting.campaign.coalition
            transaction.on_commit(
                lambda: mail.send(
                    "campaigns_thank_you",
                    to,
                    {"body": body, "subject": subject},
                    language=language,
                    coalition=coalition,
                )
            )
    return meeting


def dm_meeting_report(*, meeting: DecisionMakerMeeting, actor) -> DecisionMakerMeeting:
    """Report back to the coalition: an update on the members' feed."""
    from juntos.communications.services import update_post

    if meeting.stage not in (DecisionMakerMeeting.Stage.HELD, DecisionMakerMeeting.Stage.DEBRIEFED):
        raise CampaignError(_("Record the meeting before reporting back."))
    with transaction.atomic():
        update_post(
            coalition=meeting.campaign.coalition,
            actor=actor,
            body=dm_report_text(meeting),
            public=False,
        )
        meeting.reported_at = timezone.now()
        meeting.save(update_fields=["reported_at", "updated_at"])
        audit(
            coalition=meeting.campaign.coalition,
            actor=actor,
            action=Action.DM_MEETING_CHANGED,
            target=meeting,
            changes={"reported": [None, True]},
        )
    return meeting
