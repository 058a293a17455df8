"""Meetings with decision makers: plan, request, record, debrief, thank, report back."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.campaigns import forms, selectors, services
from juntos.campaigns.models import DecisionMakerMeeting
from juntos.campaigns.services import CampaignError
from juntos.campaigns.views.common import refused
from juntos.core.access import coalition_view

MEMBERS = "representative"


def _to_meeting(request, meeting):
    return redirect(
        "campaigns:dm_meeting", slug=request.coalition.slug, pk=meeting.campaign_id, m_pk=meeting.pk
    )


@coalition_view(MEMBERS)
def dm_meeting_add(request, pk):
    campaign = selectors.get_campaign_for(request, pk, edit=True)
    if request.method == "POST":
        form = forms.DMMeetingForm(request.POST, campaign=campaign)
        if form.is_valid():
            d = form.cleaned_data
            try:
                meeting = services.dm_meeting_plan(
                    campaign=campaign,
                    actor=request.user,
                    target=d["target"],
                    decision_maker=d["decision_maker"],
                    purpose=d["purpose"],
                    requests=d["requests"],
                    facts=d["facts"],
                    on=d["on"],
                    place=d["place"],
                    attendees=list(d["attendees"]),
                    facilitator=d["facilitator"],
                    storytellers=list(d["storytellers"]),
                    asker=d["asker"],
                )
            except CampaignError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Meeting planned."))
                return _to_meeting(request, meeting)
        status = 400
    else:
        form = forms.DMMeetingForm(
            campaign=campaign, initial={"target": campaign.targets.filter(level="primary").first()}
        )
        status = 200
    return render(
        request,
        "campaigns/dm_meeting_form.html",
        {"campaign": campaign, "form": form},
        status=status,
    )


@coalition_view(MEMBERS)
def dm_meeting(request, pk, m_pk):
    campaign = selectors.get_campaign_for(request, pk)
    meeting = get_object_or_404(
        DecisionMakerMeeting.objects.select_related("facilitator", "asker", "target"),
        campaign=campaign,
        pk=m_pk,
    )
    context = {
        "campaign": campaign,
        "meeting": meeting,
        "attendees": meeting.attendees.select_related("member"),
        "storytellers": meeting.storytellers.all(),
        "next_steps": meeting.next_steps.select_related("owner_person", "owner_member"),
    }
    if campaign.editable:
        context.update(
            {
                "request_message": services.dm_request_message(meeting),
                "thank_you": services.dm_thank_you_message(meeting),
                "record_form": forms.RecordForm(
                    initial={
                        "on": meeting.on or timezone.localdate(),
                        "said": meeting.said,
                        "commitments": meeting.commitments,
                        "our_commitments": meeting.our_commitments,
                    }
                ),
                "debrief_form": forms.DebriefForm(
                    coalition=request.coalition, initial={"notes": meeting.debrief}
                ),
                "thank_form": forms.ThankForm(
                    initial={
                        "to": meeting.target.contact.email
                        if meeting.target and meeting.target.contact
                        else ""
                    }
                ),
            }
        )
    return render(request, "campaigns/dm_meeting.html", context)


@require_POST
@coalition_view(MEMBERS)
def dm_meeting_step(request, pk, m_pk, step):
    campaign = selectors.get_campaign_for(request, pk, edit=True)
    meeting = get_object_or_404(DecisionMakerMeeting, campaign=campaign, pk=m_pk)
    try:
        if step == "requested":
            services.dm_meeting_requested(meeting=meeting, actor=request.user)
            messages.success(request, _("Marked as requested."))
        elif step == "record":
            form = forms.RecordForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Give the date and what the decision maker said."))
                return _to_meeting(request, meeting)
            services.dm_meeting_record(meeting=meeting, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Meeting recorded. Hold the debrief with your team."))
        elif step == "debrief":
            form = forms.DebriefForm(request.POST, coalition=request.coalition)
            if not form.is_valid():
                for errors in form.errors.values():
                    messages.error(request, " ".join(errors))
                return _to_meeting(request, meeting)
            created = services.dm_meeting_debrief(
                meeting=meeting,
                actor=request.user,
                notes=form.cleaned_data["notes"],
                next_steps=form.cleaned_data["steps"],
            )
            messages.success(
                request,
                _("Debrief saved; %(n)d next steps are now deliverables.") % {"n": len(created)},
            )
        elif step == "thank":
            form = forms.ThankForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Enter a valid email address or leave it empty."))
                return _to_meeting(request, meeting)
            services.dm_meeting_thank(
                meeting=meeting,
                actor=request.user,
                to=form.cleaned_data["to"],
                language=request.LANGUAGE_CODE or "en",
            )
            messages.success(request, _("Thank-you sent."))
        elif step == "report":
            services.dm_meeting_report(meeting=meeting, actor=request.user)
            messages.success(request, _("Reported back to the coalition on the updates feed."))
        else:
            raise Http404
    except CampaignError as error:
        refused(request, error)
    return _to_meeting(request, meeting)
