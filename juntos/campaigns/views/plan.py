"""Goals and their progress, deliverables, the timeline with key dates and actions."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.campaigns import forms, ical, rules, selectors, services, svg
from juntos.campaigns.models import Deliverable, Goal, Tactic
from juntos.campaigns.services import CampaignError, NeedsConfirmation
from juntos.campaigns.views.actions import ladder_order
from juntos.campaigns.views.common import refused, to_campaign
from juntos.charter.models import Coalition
from juntos.core.access import coalition_view, public, role_at_least
from juntos.core.pagecache import cached_page
from juntos.governance.ical import feed_reader, feed_response, feed_token
from juntos.governance.models import FollowUp
from juntos.web.templatetags.rowurls import row_url

MEMBERS = "representative"


# --- Goals -----------------------------------------------------------------------------


@coalition_view(MEMBERS)
def goals(request, pk):
    campaign = selectors.get_campaign_for(request, pk)
    rows = []
    for goal in campaign.goals.prefetch_related("progress", "winners"):
        points = [(p.on, p.value) for p in goal.progress.all()]
        rows.append(
            {
                "goal": goal,
                "points": goal.progress.all(),
                "percent": rules.goal_progress(
                    baseline=goal.baseline,
                    target=goal.target_value,
                    latest=points[-1][1] if points else None,
                ),
                "chart": svg.progress_svg(
                    title=goal.text,
                    baseline=goal.baseline,
                    target=goal.target_value,
                    due_on=goal.due_on,
                    start=timezone.localdate(goal.created_at),
                    points=points,
                ),
                "unanswered": [i for i in rules.checklist_items() if not goal.checklist.get(i.key)],
            }
        )
    return render(
        request,
        "campaigns/goals.html",
        {
            "campaign": campaign,
            "rows": rows,
            "progress_form": forms.ProgressForm(initial={"on": timezone.localdate()}),
        },
    )


def _goal_form_page(request, campaign, goal=None):
    if request.method == "POST":
        form = forms.GoalForm(request.POST, coalition=request.coalition)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.goal_save(
                    campaign=campaign,
                    actor=request.user,
                    goal=goal,
                    term=d["term"],
                    text=d["text"],
                    measure=d["measure"],
                    target_value=d["target_value"],
                    due_on=d["due_on"],
                    winners=list(d["winners"]),
                    baseline=d["baseline"] or 0,
                    checklist=form.checklist(),
                )
            except CampaignError as error:
                if error.problems:
                    form.add_problems(error.problems)
                else:
                    form.add_error(None, error.message)
                return render(
                    request,
                    "campaigns/goal_form.html",
                    {
                        "campaign": campaign,
                        "form": form,
                        "goal": goal,
                        "rule": error.rule,
                    },
                    status=400,
                )
            messages.success(request, _("Goal saved: it passes the checks."))
            return to_campaign(request, campaign, "goals")
        status = 400
    else:
        form = forms.GoalForm(
            coalition=request.coalition, initial=forms.GoalForm.initial_for(goal) if goal else None
        )
        status = 200
    return render(
        request,
        "campaigns/goal_form.html",
        {"campaign": campaign, "form": form, "goal": goal, "rule": rules.GOAL_RULE},
        status=status,
    )


@coalition_view(MEMBERS)
def goal_add(request, pk):
    return _goal_form_page(request, selectors.get_campaign_for(request, pk, edit=True))


@coalition_view(MEMBERS)
def goal_edit(request, pk, goal_pk):
    campaign = selectors.get_campaign_for(request, pk, edit=True)
    return _goal_form_page(
        request, campaign, get_object_or_404(Goal, campaign=campaign, pk=goal_pk)
    )


@require_POST
@coalition_view(MEMBERS)
def goal_progress(request, pk, goal_pk):
    campaign = selectors.get_campaign_for(request, pk, edit=True)
    goal = get_object_or_404(Goal, campaign=campaign, pk=goal_pk)
    form = forms.ProgressForm(request.POST)
    if form.is_valid():
        try:
            services.goal_progress_record(goal=goal, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Progress recorded."))
        except CampaignError as error:
            refused(request, error)
    else:
        messages.error(request, _("Give a date and a value."))
    return to_campaign(request, campaign, "goals")


# --- Deliverables ----------------------------------------------------------------------


@coalition_view(MEMBERS)
def deliverables(request, pk):
    campaign = selectors.get_campaign_for(request, pk)
    today = timezone.localdate()
    rows = campaign.deliverables.select_related(
        "owner_person", "owner_member", "coalition"
    ).prefetch_related("check_ins")
    followups = []
    if campaign.editable:
        followups = FollowUp.objects.filter(
            meeting__coalition=request.coalition, done_at__isnull=True, deliverable__isnull=True
        ).select_related("owner", "meeting")
    return render(
        request,
        "campaigns/deliverables.html",
        {
            "campaign": campaign,
            "rows": rows,
            "today": today,
            "overdue": services.overdue(rows, today).count(),
            "form": forms.DeliverableForm(coalition=request.coalition),
            "check_in_form": forms.CheckInForm(),
            "followups": followups,
            "can_place": selectors.can_place(request, campaign),
        },
    )


@require_POST
@coalition_view(MEMBERS)
def deliverable_add(request, pk):
    campaign = selectors.get_campaign_for(request, pk, place=True)
    form = forms.DeliverableForm(request.POST, coalition=request.coalition)
    if form.is_valid():
        try:
            services.deliverable_add(
                campaign=campaign,
                coalition=request.coalition,
                actor=request.user,
                **form.cleaned_data,
            )
            messages.success(request, _("Deliverable delegated."))
        except CampaignError as error:
            refused(request, error)
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return to_campaign(request, campaign, "deliverables")


@require_POST
@coalition_view("supporter")
def deliverable_check_in(request, pk, d_pk):
    """The team, or the person (or organization's people) it was delegated to."""
    deliverable = get_object_or_404(
        Deliverable.objects.select_related("campaign", "follow_up"),
        coalition=request.coalition,
        pk=d_pk,
        campaign_id=pk,
    )
    mine = selectors.deliverables_of(request.person).filter(pk=deliverable.pk).exists()
    campaign = deliverable.campaign
    if not mine and not selectors.can_place(request, campaign):
        raise Http404  # others learn nothing about someone else's task
    form = forms.CheckInForm(request.POST)
    if form.is_valid():
        services.deliverable_check_in(
            deliverable=deliverable, actor=request.user, person=request.person, **form.cleaned_data
        )
        messages.success(request, _("Check-in recorded."))
    else:
        messages.error(request, _("Choose a status."))
    from juntos.governance.views.mywork import back_to_my_work

    return back_to_my_work(request) or to_campaign(request, campaign, "deliverables")


@require_POST
@coalition_view(MEMBERS)
def deliverable_from_followup(request, pk):
    campaign = selectors.get_campaign_for(request, pk, edit=True)
    follow_up_id = request.POST.get("follow_up", "")
    follow_up = FollowUp.objects.filter(
        meeting__coalition=request.coalition, pk=follow_up_id if follow_up_id.isdigit() else 0
    ).first()
    if follow_up is None:
        messages.error(request, _("Choose a follow-up from the list."))
        return to_campaign(request, campaign, "deliverables")
    try:
        services.deliverable_from_followup(
            campaign=campaign, actor=request.user, follow_up=follow_up
        )
        messages.success(request, _("The follow-up is now one of the campaign's deliverables."))
    except CampaignError as error:
        refused(request, error)
    return to_campaign(request, campaign, "deliverables")


@coalition_view("supporter")
def my_work(request):
    """Deliverables (and one-to-one follow-up dates) live on My work with every other task."""
    return redirect("governance:my_work", slug=request.coalition.slug)


# --- Timeline, key dates and actions -------------------------------------------------------


def _timeline_items(campaign, key_dates, coalition):
    items = [
        svg.TimelineItem(
            "dates",
            k.title,
            k.starts_on,
            k.ends_on,
            css=f"key {k.kind}" + (" blackout-key" if k.blackout else ""),
        )
        for k in key_dates
    ]
    for t in campaign.tactics.exclude(status=Tactic.Status.CANCELLED).select_related("coalition"):
        note = t.coalition.name if t.coalition_id != campaign.coalition_id else ""
        items.append(
            svg.TimelineItem(
                "actions",
                t.title,
                t.on,
                css=f"rung-{t.rung}",
                color=svg.RUNG_COLORS.get(t.rung, ""),
                note=(note + " " if note else "") + (_("done") if t.status == "done" else ""),
                url=row_url("campaigns:tactic", coalition.slug, campaign.pk, t.pk),
            )
        )
    for e in selectors.campaign_events(campaign, coalition):
        starts_on = timezone.localtime(e.starts_at).date()
        # An evening that runs past midnight is one day's event, not a two-day span.
        ends_on = (
            timezone.localtime(e.ends_at).date()
            if e.ends_at - e.starts_at >= timedelta(days=1)
            else starts_on
        )
        items.append(
            svg.TimelineItem(
                "events",
                e.title,
                starts_on,
                ends_on if ends_on > starts_on else None,
                css="event" + (" draft" if e.status == e.Status.DRAFT else ""),
                note=e.get_status_display() if e.status == e.Status.DRAFT else "",
                url=row_url("events:event", coalition.slug, e.pk) if e.own else "",
            )
        )
    for m in campaign.dm_meetings.exclude(on=None):
        items.append(svg.TimelineItem("meetings", m.decision_maker, m.on, css="meeting"))
    for d in campaign.deliverables.all():
        items.append(
            svg.TimelineItem(
                "deliverables",
                d.title,
                d.due_on,
                css="done" if d.status == "done" else "deliverable",
            )
        )
    return items


@coalition_view(MEMBERS)
@cached_page
def timeline(request, pk):
    campaign = selectors.get_campaign_for(request, pk)
    today = timezone.localdate()
    key_dates = services.key_dates_concerning(campaign, request.coalition)
    items = _timeline_items(campaign, key_dates, request.coalition)
    start, end = svg.timeline_range(items, today)
    blackouts = rules.blackout_days(
        start=start, end=end, state=campaign.state, key_dates=services.spans_for(key_dates)
    )
    holidays = rules.holiday_spans(start=start, end=end, state=campaign.state)
    rows = sorted(
        [(i.starts_on, i) for i in items]
        + [(h.starts_on, svg.TimelineItem("holiday", h.title, h.starts_on)) for h in holidays],
        key=lambda r: r[0],
    )
    return render(
        request,
        "campaigns/timeline.html",
        {
            "campaign": campaign,
            "chart": svg.timeline_svg(
                items=items, blackouts=blackouts, start=start, end=end, today=today
            ),
            "rows": [r[1] for r in rows if r[0] >= today - timedelta(days=31)],
            "lanes": svg.lane_labels(),
            "key_date_form": forms.KeyDateForm(),
            "can_place": selectors.can_place(request, campaign),
            # Planning an event takes the Core Team (events:add); only for our own campaigns.
            "may_plan_event": campaign.coalition_id == request.coalition.pk
            and role_at_least(request.role, "core_team"),
            "rule": rules.BLACKOUT_RULE,
            "chamber_rule": rules.CHAMBER_RULE,
            "order_warnings": ladder_order(campaign),
            "key_dates": [k for k in key_dates if k.coalition_id == request.coalition.pk],
            # What the feed holds now (one query): the subscribe text says so.
            "feed_counts": ical.validator(campaign, request.coalition),
            "feed_url": request.build_absolute_uri(
                reverse(
                    "campaigns:feed",
                    kwargs={
                        "slug": request.coalition.slug,
                        "pk": campaign.pk,
                        "token": feed_token(request.person),
                    },
                )
            ),
        },
    )


@public
def campaign_feed(request, slug, pk, token):
    """The campaign's actions and key dates as an iCalendar feed, for a person who may see
    the campaign (the same rule as its pages); the signed token stands in for a login. An
    unchanged feed answers 304 from one aggregate query."""
    coalition = get_object_or_404(Coalition, slug=slug)
    person = feed_reader(coalition, token, MEMBERS)
    campaign = get_object_or_404(
        selectors.visible_campaigns(coalition).select_related("coalition"), pk=pk
    )
    return feed_response(
        request,
        language=person.language,
        validator=ical.validator(campaign, coalition),
        moments=[coalition.updated_at, person.updated_at],
        parts=("campaign", campaign.pk),
        render=lambda: ical.calendar(campaign, coalition, site_url=request.build_absolute_uri("/")),
    )


@coalition_view(MEMBERS)
def tactic_add(request, pk):
    campaign = selectors.get_campaign_for(request, pk, place=True)
    warnings, used = [], []
    status = 200
    if request.method == "POST":
        form = forms.TacticForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.tactic_plan(
                    campaign=campaign,
                    coalition=request.coalition,
                    actor=request.user,
                    rung=d["rung"],
                    title=d["title"],
                    on=d["on"],
                    place=d["place"],
                    notes=d["notes"],
                    confirmed=d["confirmed"],
                )
            except NeedsConfirmation as asked:
                warnings, used = asked.warnings, asked.rules
                data = request.POST.copy()
                data["confirmed"] = "True"
                form = forms.TacticForm(data)
                form.is_valid()
            except CampaignError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                messages.success(request, _("Action placed on the timeline."))
                return to_campaign(request, campaign, "timeline")
        else:
            status = 400
    else:
        form = forms.TacticForm(initial={"rung": request.GET.get("rung") or None})
    return render(
        request,
        "campaigns/tactic_form.html",
        {
            "campaign": campaign,
            "form": form,
            "warnings": warnings,
            "rules_used": used,
            "ladder": rules.ladder_position(
                done=list(campaign.tactics.filter(status="done").values_list("rung", flat=True))
                + (
                    [1]
                    if campaign.dm_meetings.filter(stage__in=["held", "debriefed"]).exists()
                    else []
                ),
                planned=list(
                    campaign.tactics.filter(status="planned").values_list("rung", flat=True)
                ),
            ),
        },
        status=status,
    )


@require_POST
@coalition_view(MEMBERS)
def tactic_status(request, pk, t_pk):
    campaign = selectors.get_campaign_for(request, pk, place=True)
    tactic = get_object_or_404(Tactic, campaign=campaign, pk=t_pk)
    if tactic.coalition_id != request.coalition.pk and not campaign.editable:
        raise PermissionDenied
    status = request.POST.get("status")
    if status not in Tactic.Status.values:
        messages.error(request, _("Choose a status."))
    else:
        services.tactic_status(tactic=tactic, actor=request.user, status=status)
        messages.success(request, _("Action updated."))
    return to_campaign(request, campaign, "timeline")


@require_POST
@coalition_view(MEMBERS)
def key_date_add(request, pk):
    campaign = selectors.get_campaign_for(request, pk, place=True)
    form = forms.KeyDateForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.key_date_add(
                coalition=request.coalition,
                actor=request.user,
                kind=d["kind"],
                category=d["category"],
                title=d["title"],
                starts_on=d["starts_on"],
                ends_on=d["ends_on"],
                blackout=d["blackout"],
                campaign=None if d["whole_coalition"] else campaign,
            )
            messages.success(request, _("Key date added."))
        except CampaignError as error:
            refused(request, error)
    else:
        messages.error(request, _("Give the key date a title and a first day."))
    return to_campaign(request, campaign, "timeline")
