"""Meeting list, calendar feed, scheduling, the meeting page and its live quorum panel."""

from django.contrib import messages
from django.db.models import Count, Max
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.charter.models import Coalition
from juntos.core.access import coalition_view, public, role_at_least
from juntos.core.pagecache import cached_page
from juntos.governance import forms, ical, rules, selectors, services
from juntos.governance.models import (
    Meeting,
)
from juntos.governance.services import GovernanceError
from juntos.governance.views.common import (
    agenda_timing_for,
    form_errors,
    refused,
    to_meeting,
)
from juntos.live.versions import display_picture, live_fragment

# --- Meetings ------------------------------------------------------------------------------


feed_token = ical.feed_token  # the views' name for it, kept for callers


@coalition_view("representative")
def meeting_list(request):
    now = timezone.now()
    meetings = selectors.meetings_visible_to(request)
    upcoming = list(meetings.filter(starts_at__gte=now - timezone.timedelta(hours=6)))
    past = list(meetings.filter(starts_at__lt=now - timezone.timedelta(hours=6)).reverse()[:24])
    feed_url = request.build_absolute_uri(
        reverse(
            "governance:feed",
            kwargs={"slug": request.coalition.slug, "token": feed_token(request.person)},
        )
    )
    return render(
        request,
        "governance/meeting_list.html",
        {"upcoming": upcoming, "past": past, "feed_url": feed_url},
    )


@public
def meeting_feed(request, slug, token):
    """The coalition's meetings as an iCalendar feed; the signed token stands in for a login.
    An unchanged feed answers 304 from one aggregate query."""
    coalition = get_object_or_404(Coalition, slug=slug)
    person = ical.feed_reader(coalition, token, "representative")
    meetings = selectors.meetings_for_role(coalition, person.role)
    return ical.feed_response(
        request,
        language=person.language,
        validator=meetings.aggregate(n=Count("pk"), last=Max("calendar_changed_at"), top=Max("pk")),
        moments=[coalition.updated_at, person.updated_at],
        parts=("meetings", person.role),
        render=lambda: ical.calendar(coalition, meetings, site_url=request.build_absolute_uri("/")),
    )


@coalition_view("host")
def meeting_schedule(request):
    if request.method == "POST":
        form = forms.ScheduleForm(request.POST)
        if form.is_valid():
            created = services.meeting_schedule_year(
                coalition=request.coalition,
                actor=request.user,
                from_day=timezone.localdate(),
                **form.cleaned_data,
            )
            messages.success(
                request, _("%(n)d meetings added to the calendar.") % {"n": len(created)}
            )
            return redirect("governance:meetings", slug=request.coalition.slug)
    else:
        form = forms.ScheduleForm(
            initial={"year": timezone.localdate().year, "start_time": "18:00"}
        )
    charter = selectors.rules_for(request.coalition)
    year = form.data.get("year") or form.initial.get("year")
    try:
        preview = rules.meeting_calendar(int(year), charter)
    except (TypeError, ValueError, OverflowError):  # a year no calendar has: no preview
        preview = []
    return render(request, "governance/meeting_schedule.html", {"form": form, "preview": preview})


@coalition_view("host")
def meeting_add(request):
    if request.method == "POST":
        form = forms.MeetingForm(request.POST)
        if form.is_valid():
            meeting = services.meeting_add(
                coalition=request.coalition, actor=request.user, **form.cleaned_data
            )
            messages.success(request, _("Meeting added."))
            return to_meeting(request, meeting)
    else:
        form = forms.MeetingForm(
            initial={"kind": Meeting.Kind.SPECIAL, "language": request.coalition.primary_language}
        )
    return render(request, "governance/meeting_form.html", {"form": form})


@coalition_view("representative")
@cached_page
def meeting_detail(request, pk):
    return meeting_page(request, selectors.get_meeting_for(request, pk))


def meeting_page(request, meeting, *, followup_form=None, status=200):
    """The meeting page; `followup_form`, a refused follow-up, is shown open with what was
    typed and its errors beside the fields."""
    # The page shows the quorum panel the live fragment polls: the same picture, reused
    # while the meeting's attendance counter stands (juntos.live.versions).
    picture = display_picture(request, meeting)
    items = selectors.agenda_items_for(meeting, role=request.role, person=request.person)
    motions = list(
        meeting.motions.select_related("subject_member", "subject_application", "subject_priority")
    )
    is_host = request.role == "host"
    context = {
        "meeting": meeting,
        "picture": picture,
        "items": items,
        # The Core Team and hosts see every row: nothing hidden, nothing to count.
        "hidden_items": 0
        if role_at_least(request.role, "core_team")
        else meeting.items.count() - len(items),
        "timing": agenda_timing_for(meeting, picture.rules),
        "motions": motions,
        "my_member": request.person.member,
        "started": timezone.now() >= meeting.starts_at,
        "follow_ups": meeting.follow_ups.select_related("owner"),
        "is_host": is_host,
        "is_core": role_at_least(request.role, "core_team"),
    }
    if is_host:
        closed = meeting.attendance_closed_at
        context["can_reopen"] = bool(
            rules.attendance_reopen_allowed(
                closed_on=timezone.localtime(closed).date() if closed else None,
                today=timezone.localdate(),
            )
        )
        context["motion_form"] = forms.MotionForm(coalition=request.coalition)
        context["move_form"] = forms.MoveForm()
        context["cancel_form"] = forms.CancelForm()
    if context["is_core"]:
        context["followup_form"] = followup_form or forms.FollowUpForm(coalition=request.coalition)
    return render(request, "governance/meeting_detail.html", context, status=status)


@coalition_view("representative")
@live_fragment("quorum", every=10, parts=("attendance",))
def quorum_panel(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    return render(
        request,
        "governance/_quorum_body.html",
        {"meeting": meeting, "picture": display_picture(request, meeting)},
    )


@coalition_view("host")
def meeting_edit(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    if request.method == "POST":
        form = forms.LogisticsForm(request.POST)
        if form.is_valid():
            services.meeting_update(meeting=meeting, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Logistics saved."))
            return to_meeting(request, meeting)
    else:
        form = forms.LogisticsForm(
            initial={f: getattr(meeting, f) for f in services.LOGISTICS_FIELDS}
        )
    return render(request, "governance/meeting_form.html", {"form": form, "meeting": meeting})


@require_POST
@coalition_view("host")
def meeting_change(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    action = request.POST.get("action")
    form = (forms.MoveForm if action == "move" else forms.CancelForm)(request.POST)
    if action not in ("move", "cancel"):
        messages.error(request, _("Unknown action."))
    elif not form.is_valid():
        form_errors(request, form)
    else:
        try:
            if action == "move":
                services.meeting_move(meeting=meeting, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Meeting moved."))
            else:
                services.meeting_cancel(meeting=meeting, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Meeting cancelled."))
        except GovernanceError as error:
            refused(request, error)
    return to_meeting(request, meeting)
