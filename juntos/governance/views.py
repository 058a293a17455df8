"""Meeting, agenda, attendance, vote, minutes and priority pages. Thin: forms in, services out."""

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.charter.models import Coalition
from juntos.core.access import coalition_view, public, role_at_least
from juntos.governance import forms, ical, rules, selectors, services
from juntos.governance.models import (
    AgendaItem,
    FollowUp,
    IssuePriority,
    Meeting,
    Motion,
    RemovalReview,
)
from juntos.governance.services import GovernanceError
from juntos.members.models import Member, Person

FEED_SALT = "juntos.meetings-feed"


def _refused(request, error: GovernanceError) -> None:
    text = error.message
    if error.rule:
        text = f"{text} {_('Rule')}: {error.rule}"
    messages.error(request, text)


def _to_meeting(request, meeting):
    return redirect("governance:meeting", slug=request.coalition.slug, pk=meeting.pk)


def _form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))


def _timing(meeting, charter):
    published = meeting.agenda_published_at
    return rules.agenda_timing(
        meeting_on=meeting.local_date,
        published_on=timezone.localtime(published).date() if published else None,
        today=timezone.localdate(),
        rules=charter,
    )


# --- Meetings ------------------------------------------------------------------------------


def feed_token(person: Person) -> str:
    return signing.dumps({"p": person.pk}, salt=FEED_SALT)


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
    """The coalition's meetings as an iCalendar feed; the signed token stands in for a login."""
    coalition = get_object_or_404(Coalition, slug=slug)
    try:
        data = signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature:
        raise Http404 from None
    person = Person.objects.filter(coalition=coalition, pk=data.get("p")).first()
    if person is None or not role_at_least(person.role or None, "representative"):
        raise Http404
    meetings = Meeting.objects.filter(coalition=coalition)
    if not role_at_least(person.role, "core_team"):
        meetings = meetings.exclude(kind=Meeting.Kind.CORE_TEAM)
    body = ical.calendar(coalition, meetings, site_url=request.build_absolute_uri("/"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@coalition_view("host")
def meeting_schedule(request):
    if request.method == "POST":
        form = forms.ScheduleForm(request.POST)
        if form.is_valid():
            created = services.meeting_schedule_year(
                coalition=request.coalition, actor=request.user, **form.cleaned_data
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
    except (TypeError, ValueError):
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
            return _to_meeting(request, meeting)
    else:
        form = forms.MeetingForm(initial={"kind": Meeting.Kind.SPECIAL})
    return render(request, "governance/meeting_form.html", {"form": form})


@coalition_view("representative")
def meeting_detail(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    picture = selectors.voting_picture(meeting)
    items = selectors.agenda_items_for(meeting, role=request.role, person=request.person)
    motions = list(
        meeting.motions.select_related("subject_member", "subject_application", "subject_priority")
    )
    is_host = request.role == "host"
    context = {
        "meeting": meeting,
        "picture": picture,
        "items": items,
        "hidden_items": meeting.items.count() - len(items),
        "timing": _timing(meeting, picture.rules),
        "motions": motions,
        "my_member": request.person.member,
        "started": timezone.now() >= meeting.starts_at,
        "follow_ups": meeting.follow_ups.select_related("owner"),
        "is_host": is_host,
        "is_core": role_at_least(request.role, "core_team"),
    }
    if is_host:
        context["motion_form"] = forms.MotionForm(coalition=request.coalition)
        context["move_form"] = forms.MoveForm()
        context["cancel_form"] = forms.CancelForm()
    if context["is_core"]:
        context["followup_form"] = forms.FollowUpForm(coalition=request.coalition)
    return render(request, "governance/meeting_detail.html", context)


@coalition_view("representative")
def quorum_panel(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    return render(
        request,
        "governance/_quorum.html",
        {"meeting": meeting, "picture": selectors.voting_picture(meeting)},
    )


@coalition_view("host")
def meeting_edit(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    if request.method == "POST":
        form = forms.LogisticsForm(request.POST)
        if form.is_valid():
            services.meeting_update(meeting=meeting, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Logistics saved."))
            return _to_meeting(request, meeting)
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
        _form_errors(request, form)
    else:
        try:
            if action == "move":
                services.meeting_move(meeting=meeting, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Meeting moved."))
            else:
                services.meeting_cancel(meeting=meeting, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Meeting cancelled."))
        except GovernanceError as error:
            _refused(request, error)
    return _to_meeting(request, meeting)


# --- Agenda --------------------------------------------------------------------------------


def _item_data(form):
    data = dict(form.cleaned_data)
    named = data.pop("named_members")
    return data, named


@coalition_view("core_team")
def agenda_edit(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    if request.method == "POST":
        form = forms.AgendaItemForm(request.POST, coalition=request.coalition)
        if form.is_valid():
            data, named = _item_data(form)
            services.agenda_item_add(
                meeting=meeting, actor=request.user, named_members=named, **data
            )
            messages.success(request, _("Row added."))
            return redirect("governance:agenda", slug=request.coalition.slug, pk=meeting.pk)
    else:
        form = forms.AgendaItemForm(coalition=request.coalition)
    charter = selectors.rules_for(request.coalition, meeting.local_date)
    return render(
        request,
        "governance/agenda_edit.html",
        {
            "meeting": meeting,
            "items": meeting.items.prefetch_related("named_members"),
            "form": form,
            "template_form": forms.TemplateForm(),
            "timing": _timing(meeting, charter),
        },
    )


def _item_for(request, pk, item_pk) -> AgendaItem:
    meeting = selectors.get_meeting_for(request, pk)
    return get_object_or_404(AgendaItem, meeting=meeting, pk=item_pk)


@coalition_view("core_team")
def agenda_item_edit(request, pk, item_pk):
    item = _item_for(request, pk, item_pk)
    if request.method == "POST":
        form = forms.AgendaItemForm(request.POST, coalition=request.coalition)
        if form.is_valid():
            data, named = _item_data(form)
            services.agenda_item_update(item=item, actor=request.user, named_members=named, **data)
            messages.success(request, _("Row saved."))
            return redirect("governance:agenda", slug=request.coalition.slug, pk=pk)
    else:
        initial = {
            f: getattr(item, f) for f in forms.AgendaItemForm.base_fields if f != "named_members"
        }
        initial["named_members"] = list(item.named_members.all())
        form = forms.AgendaItemForm(initial=initial, coalition=request.coalition)
    return render(
        request,
        "governance/agenda_item_form.html",
        {"form": form, "item": item, "meeting": item.meeting},
    )


@require_POST
@coalition_view("core_team")
def agenda_item_remove(request, pk, item_pk):
    item = _item_for(request, pk, item_pk)
    services.agenda_item_remove(item=item, actor=request.user)
    messages.success(request, _("Row removed."))
    return redirect("governance:agenda", slug=request.coalition.slug, pk=pk)


@require_POST
@coalition_view("core_team")
def agenda_template(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    form = forms.TemplateForm(request.POST)
    if form.is_valid():
        rows = services.agenda_template_apply(
            meeting=meeting, actor=request.user, template=form.cleaned_data["template"]
        )
        messages.success(request, _("%(n)d rows added from the template.") % {"n": len(rows)})
    else:
        _form_errors(request, form)
    return redirect("governance:agenda", slug=request.coalition.slug, pk=meeting.pk)


@require_POST
@coalition_view("core_team")
def agenda_publish(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    try:
        timing = services.agenda_publish(meeting=meeting, actor=request.user)
    except GovernanceError as error:
        _refused(request, error)
        return redirect("governance:agenda", slug=request.coalition.slug, pk=meeting.pk)
    if timing.late:
        messages.warning(
            request,
            _("Agenda published and the members notified. It is late: %(rule)s")
            % {"rule": timing.rule},
        )
    else:
        messages.success(request, _("Agenda published and the members notified."))
    return _to_meeting(request, meeting)


@coalition_view("representative")
def agenda_print(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    if meeting.agenda_published_at is None and not role_at_least(request.role, "core_team"):
        raise Http404
    items = selectors.agenda_items_for(meeting, role=request.role, person=request.person)
    return render(request, "governance/agenda_print.html", {"meeting": meeting, "items": items})


# --- Attendance ----------------------------------------------------------------------------


@require_POST
@coalition_view("representative")
def absence_notify(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    form = forms.AbsenceForm(request.POST)
    if request.person.member is None:
        messages.error(request, _("Only a member's representative can notify an absence."))
    elif not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            services.absence_notify(
                meeting=meeting,
                member=request.person.member,
                person=request.person,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("The hosts know your organization will be absent."))
        except GovernanceError as error:
            _refused(request, error)
    return _to_meeting(request, meeting)


@coalition_view("representative")
def check_in(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    is_host = request.role == "host"
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "self":
                member = request.person.member
                if member is None:
                    raise GovernanceError(_("Only a member's representative can check in."))
                services.attendance_check_in(
                    meeting=meeting,
                    member=member,
                    person=request.person,
                    actor=request.user,
                    self_check_in=True,
                )
                messages.success(request, _("You are checked in."))
            elif action in ("mark", "unmark") and is_host:
                form = forms.CheckInForm(request.POST, coalition=request.coalition)
                if not form.is_valid():
                    _form_errors(request, form)
                elif action == "mark":
                    services.attendance_check_in(
                        meeting=meeting,
                        member=form.cleaned_data["member"],
                        person=form.cleaned_data["person"],
                        actor=request.user,
                    )
                else:
                    services.attendance_remove(
                        meeting=meeting, member=form.cleaned_data["member"], actor=request.user
                    )
            else:
                messages.error(request, _("Unknown action."))
        except GovernanceError as error:
            _refused(request, error)
        return redirect("governance:check_in", slug=request.coalition.slug, pk=meeting.pk)
    picture = selectors.voting_picture(meeting)
    rows = []
    if is_host:
        people = {}
        for p in Person.objects.filter(coalition=request.coalition, member__isnull=False):
            people.setdefault(p.member_id, []).append(p)
        rows = [
            {
                "member": m,
                "people": people.get(m.pk, []),
                "attendance": picture.present.get(m.pk),
                "notice": picture.notified.get(m.pk),
                "eligibility": picture.eligibility[m.pk],
            }
            for m in picture.members.values()
            if m.status == Member.Status.ACTIVE
        ]
    return render(
        request,
        "governance/check_in.html",
        {
            "meeting": meeting,
            "picture": picture,
            "rows": rows,
            "is_host": is_host,
            "mine": picture.present.get(request.person.member_id),
        },
    )


@require_POST
@coalition_view("host")
def attendance_close(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    try:
        reviews = services.attendance_close(meeting=meeting, actor=request.user)
    except GovernanceError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Attendance closed."))
        for review in reviews:
            messages.warning(
                request,
                _(
                    "%(member)s reached the count of absences without notice: a removal review "
                    "is on the next meeting's agenda."
                )
                % {"member": review.member},
            )
    return _to_meeting(request, meeting)


# --- Motions and ballots -------------------------------------------------------------------


@require_POST
@coalition_view("host")
def motion_open(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    form = forms.MotionForm(request.POST, coalition=request.coalition)
    if not form.is_valid():
        _form_errors(request, form)
        return _to_meeting(request, meeting)
    data = form.cleaned_data
    try:
        motion = services.motion_open(
            meeting=meeting,
            actor=request.user,
            kind=data["kind"],
            text=data["text"],
            subject_member=data["subject_member"],
            subject_application=data["subject_application"],
            subject_priority=data["subject_priority"],
            amendment=form.amendment(),
        )
    except GovernanceError as error:
        _refused(request, error)
        return _to_meeting(request, meeting)
    messages.success(request, _("Motion open for votes."))
    return redirect(
        "governance:motion", slug=request.coalition.slug, pk=meeting.pk, motion_pk=motion.pk
    )


def _motion_for(request, pk, motion_pk) -> Motion:
    meeting = selectors.get_meeting_for(request, pk)
    return get_object_or_404(
        Motion.objects.select_related("meeting__coalition", "subject_member"),
        meeting=meeting,
        pk=motion_pk,
    )


@coalition_view("representative")
def motion_detail(request, pk, motion_pk):
    motion = _motion_for(request, pk, motion_pk)
    picture = selectors.voting_picture(motion.meeting)
    ballots = list(motion.ballots.select_related("member").order_by("member__name"))
    allowed = None
    if request.person.member_id and motion.is_open:
        allowed = rules.ballot_allowed(
            member_id=request.person.member_id,
            voting_ids=picture.voting_ids,
            present_ids=picture.present,
            kind=motion.kind,
            subject_member_id=motion.subject_member_id,
            quorum=picture.quorum,
            rules=picture.rules,
        )
    threshold = picture.rules.threshold(motion.kind)
    eligible = rules.eligible_voters(
        voting_ids=picture.voting_ids,
        present_ids=picture.present,
        kind=motion.kind,
        subject_member_id=motion.subject_member_id,
    )
    voted = {b.member_id for b in ballots}
    return render(
        request,
        "governance/motion_detail.html",
        {
            "meeting": motion.meeting,
            "motion": motion,
            "picture": picture,
            "ballots": ballots,
            "mine": next((b for b in ballots if b.member_id == request.person.member_id), None),
            "allowed": allowed,
            "threshold": threshold,
            "waiting": [picture.members[i] for i in eligible - voted],
            "is_host": request.role == "host",
        },
    )


@require_POST
@coalition_view("representative")
def ballot_cast(request, pk, motion_pk):
    motion = _motion_for(request, pk, motion_pk)
    form = forms.BallotForm(request.POST, coalition=request.coalition)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        member = request.person.member
        if request.role == "host" and form.cleaned_data["member"] is not None:
            member = form.cleaned_data["member"]  # a host records a ballot called out in the room
        if member is None:
            messages.error(request, _("Only a member's representative can vote."))
        else:
            try:
                services.ballot_cast(
                    motion=motion,
                    member=member,
                    choice=form.cleaned_data["choice"],
                    actor=request.user,
                )
                messages.success(request, _("Ballot recorded for %(member)s.") % {"member": member})
            except GovernanceError as error:
                _refused(request, error)
    return redirect("governance:motion", slug=request.coalition.slug, pk=pk, motion_pk=motion.pk)


@require_POST
@coalition_view("host")
def motion_close(request, pk, motion_pk):
    motion = _motion_for(request, pk, motion_pk)
    try:
        closed = services.motion_close(motion=motion, actor=request.user)
    except GovernanceError as error:
        _refused(request, error)
    else:
        messages.success(request, closed.outcome)
    return redirect("governance:motion", slug=request.coalition.slug, pk=pk, motion_pk=motion.pk)


# --- Minutes and follow-ups ----------------------------------------------------------------


@coalition_view("representative")
def minutes(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    is_core = role_at_least(request.role, "core_team")
    if meeting.minutes_published_at is None and not is_core:
        raise Http404
    items = selectors.agenda_items_for(meeting, role=request.role, person=request.person)
    visible = {i.pk for i in items}
    motions = [
        m
        for m in meeting.motions.select_related("agenda_item")
        if m.agenda_item_id is None or m.agenda_item_id in visible
    ]
    return render(
        request,
        "governance/minutes.html",
        {
            "meeting": meeting,
            "items": items,
            "motions": motions,
            "present": selectors.voting_picture(meeting).present_members,
            "follow_ups": meeting.follow_ups.select_related("owner"),
            "is_core": is_core,
        },
    )


@coalition_view("core_team")
def minutes_edit(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    items = list(meeting.items.all())
    if request.method == "POST":
        form = forms.MinutesForm(request.POST)
        if form.is_valid():
            notes = {i.pk: request.POST.get(f"notes-{i.pk}", i.notes).strip() for i in items}
            services.minutes_update(
                meeting=meeting, actor=request.user, item_notes=notes, **form.cleaned_data
            )
            messages.success(request, _("Minutes saved."))
            return redirect("governance:minutes", slug=request.coalition.slug, pk=meeting.pk)
    else:
        form = forms.MinutesForm(
            initial={"parking_lot": meeting.parking_lot, "takeaways": meeting.takeaways}
        )
    return render(
        request, "governance/minutes_edit.html", {"meeting": meeting, "items": items, "form": form}
    )


@require_POST
@coalition_view("host")
def minutes_publish(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    try:
        services.minutes_publish(meeting=meeting, actor=request.user)
        messages.success(request, _("Minutes published and the members notified."))
    except GovernanceError as error:
        _refused(request, error)
    return redirect("governance:minutes", slug=request.coalition.slug, pk=meeting.pk)


@require_POST
@coalition_view("core_team")
def followup_add(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    form = forms.FollowUpForm(request.POST, coalition=request.coalition)
    if form.is_valid():
        try:
            services.followup_add(meeting=meeting, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Follow-up added."))
        except GovernanceError as error:
            _refused(request, error)
    else:
        _form_errors(request, form)
    return _to_meeting(request, meeting)


@coalition_view("supporter")
def my_followups(request):
    tasks = FollowUp.objects.filter(owner=request.person).select_related("meeting")
    return render(
        request,
        "governance/my_followups.html",
        {
            "open": tasks.filter(done_at__isnull=True),
            "done": tasks.filter(done_at__isnull=False).order_by("-done_at")[:20],
            "today": timezone.localdate(),
        },
    )


@require_POST
@coalition_view("supporter")
def followup_done(request, pk):
    follow_up = get_object_or_404(
        FollowUp.objects.select_related("meeting__coalition"),
        meeting__coalition=request.coalition,
        pk=pk,
    )
    if follow_up.owner_id != request.person.pk and not role_at_least(request.role, "core_team"):
        raise Http404
    services.followup_done(
        follow_up=follow_up, actor=request.user, done=request.POST.get("done", "1") == "1"
    )
    return redirect("governance:my_followups", slug=request.coalition.slug)


# --- Issue priorities and removal reviews --------------------------------------------------


@coalition_view("representative")
def priorities(request):
    if request.method == "POST":
        form = forms.PriorityForm(request.POST)
        if form.is_valid():
            services.priority_propose(
                coalition=request.coalition,
                actor=request.user,
                member=request.person.member,
                **form.cleaned_data,
            )
            messages.success(request, _("Issue priority proposed."))
            return redirect("governance:priorities", slug=request.coalition.slug)
    else:
        form = forms.PriorityForm()
    all_priorities = list(
        IssuePriority.objects.filter(coalition=request.coalition).select_related("proposed_by")
    )
    cap = services.priority_cap_for(request.coalition)
    return render(
        request,
        "governance/priorities.html",
        {
            "form": form,
            "active": [p for p in all_priorities if p.status == IssuePriority.Status.ACTIVE],
            "proposed": [p for p in all_priorities if p.status == IssuePriority.Status.PROPOSED],
            "other": [
                p
                for p in all_priorities
                if p.status not in (IssuePriority.Status.ACTIVE, IssuePriority.Status.PROPOSED)
            ],
            "cap": cap,
            "actionable_form": forms.ActionableForm(),
            "is_core": role_at_least(request.role, "core_team"),
        },
    )


@require_POST
@coalition_view("core_team")
def priority_actionable(request, pk):
    priority = get_object_or_404(IssuePriority, coalition=request.coalition, pk=pk)
    form = forms.ActionableForm(request.POST)
    if form.is_valid():
        services.priority_mark_actionable(
            priority=priority,
            actor=request.user,
            actionable=form.cleaned_data["actionable"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Guidance saved."))
    else:
        _form_errors(request, form)
    return redirect("governance:priorities", slug=request.coalition.slug)


@require_POST
@coalition_view("representative")
def priority_review(request, pk):
    priority = get_object_or_404(IssuePriority, coalition=request.coalition, pk=pk)
    try:
        item = services.priority_review_call(
            priority=priority, actor=request.user, person=request.person
        )
        messages.success(
            request,
            _("The review is on the agenda of %(meeting)s.") % {"meeting": item.meeting},
        )
    except GovernanceError as error:
        _refused(request, error)
    return redirect("governance:priorities", slug=request.coalition.slug)


@coalition_view("representative")
def reviews(request):
    form_kwargs = {"coalition": request.coalition, "exclude_member": request.person.member_id}
    if request.method == "POST":
        form = forms.ReviewForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                services.removal_review_raise(
                    member=form.cleaned_data["member"],
                    raised_by=request.person,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("The review goes on the next regular meeting."))
                return redirect("governance:reviews", slug=request.coalition.slug)
            except GovernanceError as error:
                _refused(request, error)
    else:
        form = forms.ReviewForm(**form_kwargs)
    open_reviews = RemovalReview.objects.filter(
        coalition=request.coalition, status=RemovalReview.Status.OPEN
    ).select_related("member", "agenda_item__meeting")
    return render(
        request,
        "governance/reviews.html",
        {
            "form": form,
            "open_reviews": open_reviews,
            "rule": rules.removal_rule_text(selectors.rules_for(request.coalition)),
        },
    )
