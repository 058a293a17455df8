"""Campaign pages: the list, starting one, the campaign page with its ladder, the printable
strategy chart and its editing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.campaigns import forms, phrases, rules, selectors, services
from juntos.campaigns.models import Campaign, Deliverable, Stakeholder, Survey, Tactic, Target
from juntos.campaigns.services import CampaignError
from juntos.campaigns.views.common import refused, to_campaign
from juntos.core.access import coalition_view
from juntos.core.pagecache import cached_page

MEMBERS = "representative"


@coalition_view(MEMBERS)
def campaign_list(request):
    campaigns = (
        selectors.visible_campaigns(request.coalition)
        .select_related("team", "coalition")
        .order_by("status", "-created_at")
    )
    return render(request, "campaigns/list.html", {"campaigns": campaigns})


@coalition_view(MEMBERS)
def campaign_start(request):
    teams = selectors.teams_for(request)
    survey = None
    survey_id = request.POST.get("survey") or request.GET.get("survey")
    if survey_id and str(survey_id).isdigit():
        survey = Survey.objects.filter(coalition=request.coalition, pk=survey_id).first()
    if request.method == "POST":
        form = forms.StartForm(request.POST, teams=teams)
        again = None
        if form.is_valid() and form.cleaned_data["playbook"] and request.POST.get("again") != "1":
            again = (
                Campaign.objects.filter(
                    coalition=request.coalition, playbook=form.cleaned_data["playbook"]
                )
                .exclude(status__in=[Campaign.Status.WON, Campaign.Status.ENDED])
                .first()
            )
        if again is not None:
            # The same playbook is already under way: say so before starting it twice.
            return render(
                request,
                "campaigns/start.html",
                {"form": form, "survey": survey, "has_teams": teams.exists(), "again": again},
            )
        if form.is_valid():
            d = form.cleaned_data
            try:
                campaign = services.campaign_start(
                    coalition=request.coalition,
                    actor=request.user,
                    team=d["team"],
                    title=d["title"],
                    issue=d["issue"],
                    playbook=d["playbook"],
                    state=d["state"],
                    shared_with_network=d["shared_with_network"],
                    survey=survey,
                )
            except CampaignError as error:
                refused(request, error)
            else:
                messages.success(request, _("Campaign started. Its strategy chart is below."))
                return redirect("campaigns:chart", slug=request.coalition.slug, pk=campaign.pk)
        status = 400
    else:
        issue = request.GET.get("issue", "")[:200]
        form = forms.StartForm(
            teams=teams, initial={"issue": issue, "title": issue, "survey": survey and survey.pk}
        )
        status = 200
    return render(
        request,
        "campaigns/start.html",
        {"form": form, "survey": survey, "has_teams": teams.exists()},
        status=status,
    )


def _targets(campaign):
    """The chart's targets; an "each member's own ..." target carries its officials."""
    from juntos.districts.selectors import officials_of_members

    targets = list(campaign.targets.select_related("contact"))
    for t in targets:
        if t.per_member:
            t.member_seats, t.unplaced = officials_of_members(campaign.coalition, t.per_member)
    return targets


def _ladder(campaign, met):
    tactics = [t for t in campaign.tactics.all() if t.status != Tactic.Status.CANCELLED]
    done_dates = {}
    for t in tactics:
        if t.status == Tactic.Status.DONE:
            when = t.done_on or t.on
            done_dates[t.rung] = max(done_dates.get(t.rung, when), when)
    return rules.ladder_position(
        done=[t.rung for t in tactics if t.status == Tactic.Status.DONE]
        + ([rules.Rung.MEETING] if met else []),
        planned=[t.rung for t in tactics if t.status == Tactic.Status.PLANNED],
        done_dates=done_dates,
    )


@coalition_view(MEMBERS)
@cached_page
def campaign_detail(request, pk):
    campaign = selectors.get_campaign_for(request, pk)
    today = timezone.localdate()
    deliverables = campaign.deliverables.select_related("owner_person", "owner_member")
    met = campaign.dm_meetings.filter(stage__in=["held", "debriefed"]).exists()
    return render(
        request,
        "campaigns/detail.html",
        {
            "campaign": campaign,
            "ladder": _ladder(campaign, met),
            "met": met,
            "ladder_rule": rules.LADDER_RULE,
            "goals": campaign.goals.all(),
            "overdue": services.overdue(deliverables, today),
            "open_count": deliverables.filter(status__in=Deliverable.OPEN_STATUSES).count(),
            "meetings": campaign.dm_meetings.all(),
            "upcoming": campaign.tactics.filter(on__gte=today, status="planned").select_related(
                "coalition"
            )[:5],
            "bills": campaign.bills.all(),
            "events": [
                e
                for e in selectors.campaign_events(campaign, request.coalition)
                if timezone.localtime(e.ends_at).date() >= today
            ][:5],
            "own": campaign.coalition_id == request.coalition.pk,
            "today": today,
        },
    )


@coalition_view(MEMBERS)
def chart(request, pk):
    """The strategy chart on one page, as organizers draw it on paper; printable."""
    campaign = selectors.get_campaign_for(request, pk)
    stakeholders = list(campaign.stakeholders.select_related("contact"))
    return render(
        request,
        "campaigns/chart.html",
        {
            "campaign": campaign,
            "goals_by_term": [
                (label, [g for g in campaign.goals.all() if g.term == term])
                for term, label in campaign.goals.model.Term.choices
            ],
            "allies": [s for s in stakeholders if s.side != Stakeholder.Side.OPPONENT],
            "opponents": [s for s in stakeholders if s.side == Stakeholder.Side.OPPONENT],
            "targets": _targets(campaign),
            "tactics": campaign.tactics.exclude(status="cancelled").select_related("coalition"),
            "rung_labels": rules.rung_labels(),
            "stakeholder_form": forms.StakeholderForm(),
            "target_form": forms.TargetForm(),
        },
    )


@coalition_view(MEMBERS)
def chart_edit(request, pk):
    campaign = selectors.get_campaign_for(request, pk, edit=True)
    if request.method == "POST":
        form = forms.ChartForm(request.POST, instance=Campaign.objects.get(pk=campaign.pk))
        if form.is_valid():
            data = phrases.keep_playbook(campaign, form.cleaned_data)
            services.chart_update(campaign=campaign, actor=request.user, data=data)
            messages.success(request, _("Strategy chart saved."))
            return to_campaign(request, campaign, "chart")
        return render(
            request, "campaigns/chart_edit.html", {"campaign": campaign, "form": form}, status=400
        )
    form = forms.ChartForm(instance=campaign)
    return render(request, "campaigns/chart_edit.html", {"campaign": campaign, "form": form})


@require_POST
@coalition_view(MEMBERS)
def stakeholder_add(request, pk):
    campaign = selectors.get_campaign_for(request, pk, edit=True)
    form = forms.StakeholderForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the name and the side."))
        return to_campaign(request, campaign, "chart")
    services.stakeholder_add(campaign=campaign, actor=request.user, **form.cleaned_data)
    messages.success(request, _("Added to the chart."))
    return to_campaign(request, campaign, "chart")


@require_POST
@coalition_view(MEMBERS)
def target_add(request, pk):
    campaign = selectors.get_campaign_for(request, pk, edit=True)
    form = forms.TargetForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Name the decision maker."))
        return to_campaign(request, campaign, "chart")
    services.target_add(campaign=campaign, actor=request.user, **form.cleaned_data)
    messages.success(request, _("Target added."))
    return to_campaign(request, campaign, "chart")


@require_POST
@coalition_view(MEMBERS)
def chart_row_remove(request, pk, kind, row_pk):
    campaign = selectors.get_campaign_for(request, pk, edit=True)
    model = {"stakeholder": Stakeholder, "target": Target}.get(kind)
    if model is None:
        raise PermissionDenied
    row = get_object_or_404(model, campaign=campaign, pk=row_pk)
    services.chart_row_remove(campaign=campaign, actor=request.user, row=row)
    messages.success(request, _("Removed from the chart."))
    return to_campaign(request, campaign, "chart")
