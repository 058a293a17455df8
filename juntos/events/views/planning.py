"""Planning pages: the list, a new event, the plan with its checklist, speakers, guests,
invitations and the press release."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_POST

from juntos.core.access import coalition_view
from juntos.events import forms, rules, selectors, services
from juntos.events.models import EventFollowUp, Guest
from juntos.events.services import EventError
from juntos.events.views.common import form_errors, refused, to_event, to_guests
from juntos.governance.ical import feed_token


@coalition_view("supporter")
def event_list(request):
    now = timezone.now()
    events = selectors.events_for(request)
    upcoming = selectors.with_shown_hosts(
        request.coalition,
        events.filter(ends_at__gte=now).order_by("starts_at"),
        viewer_role=request.role,
    )
    past = list(events.filter(ends_at__lt=now).order_by("-starts_at")[:30])
    return render(
        request,
        "events/event_list.html",
        {
            "upcoming": upcoming,
            "past": past,
            "may_plan": request.role in ("core_team", "host"),
            "follow_ups": selectors.my_followups(request.person).count(),
            "feed_url": request.build_absolute_uri(
                reverse(
                    "events:feed",
                    kwargs={"slug": request.coalition.slug, "token": feed_token(request.person)},
                )
            ),
        },
    )


def _event_data(cleaned):
    return {k: v for k, v in cleaned.items() if k != "hosts"}


@coalition_view("core_team")
def event_add(request):
    if request.method == "POST":
        form = forms.EventForm(request.POST, coalition=request.coalition)
        if form.is_valid():
            try:
                event = services.event_plan(
                    coalition=request.coalition,
                    actor=request.user,
                    hosts=form.cleaned_data["hosts"],
                    data=_event_data(form.cleaned_data),
                )
            except EventError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Event planned. The 15 steps are on its checklist."))
                return to_event(request, event)
    else:
        start = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0)
        start += timezone.timedelta(days=42)
        form = forms.EventForm(
            coalition=request.coalition,
            initial={
                "kind": "community_forum",
                "starts_at": start,
                "ends_at": start + timezone.timedelta(hours=2),
            },
        )
        # From a campaign's timeline: the campaign chosen already, when it is one of ours.
        campaign = request.GET.get("campaign", "")
        if campaign.isdigit():
            form.initial["campaign"] = (
                form.fields["campaign"].queryset.filter(pk=int(campaign)).first()
            )
    return render(request, "events/event_form.html", {"form": form, "event": None})


@coalition_view("representative")
def event_detail(request, pk):
    event = selectors.get_event_for(request, pk)
    steps, progress = selectors.checklist(event)
    may_edit = selectors.may_edit(request, event)
    context = {
        "event": event,
        "steps": steps,
        "progress": progress,
        "playbook_rule": rules.PLAYBOOK_RULE,
        "speakers": list(event.speakers.all()),
        "counts": selectors.counts_for(event),
        "by_office": selectors.postcards_by_office(event),
        "follow_ups": list(event.follow_ups.select_related("owner", "contact")),
        "today": timezone.localdate(),
        "attendance": list(event.attendance.select_related("member", "person")),
        "guests": list(event.guests.all()),
        "may_edit": may_edit,
        "may_see_signins": selectors.may_see_signins(request, event),
        "public_url": services.public_url(event),
        "educational": event.kind in rules.EDUCATIONAL_KINDS,
    }
    if may_edit:
        context["step_form"] = forms.StepForm(coalition=request.coalition)
        for step in steps:
            step.owner_box = context["step_form"].owner_box(step)
        context["speaker_form"] = forms.SpeakerForm()
        context["followup_form"] = forms.FollowUpForm(coalition=request.coalition)
        context["attendance_form"] = forms.AttendanceForm(coalition=request.coalition)
    return render(request, "events/event_detail.html", context)


@coalition_view("representative")
def event_edit(request, pk):
    event = selectors.get_event_to_edit(request, pk)
    if request.method == "POST":
        form = forms.EventForm(request.POST, coalition=request.coalition, instance=event)
        if form.is_valid():
            try:
                services.event_update(
                    event=event,
                    actor=request.user,
                    data=_event_data(form.cleaned_data),
                    hosts=form.cleaned_data["hosts"],
                )
            except EventError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Event saved."))
                return to_event(request, event)
    else:
        initial = {f: getattr(event, f) for f in services.planning.EVENT_FIELDS}
        initial["starts_at"] = timezone.localtime(event.starts_at)
        initial["ends_at"] = timezone.localtime(event.ends_at)
        initial["hosts"] = list(event.hosts.all())
        form = forms.EventForm(coalition=request.coalition, initial=initial, instance=event)
    return render(request, "events/event_form.html", {"form": form, "event": event})


@require_POST
@coalition_view("representative")
def event_status(request, pk):
    event = selectors.get_event_to_edit(request, pk)
    status = request.POST.get("status", "")
    try:
        services.event_status_set(event=event, actor=request.user, status=status)
    except EventError as error:
        refused(request, error)
    else:
        messages.success(request, _("Status: %(s)s.") % {"s": event.get_status_display()})
    return to_event(request, event)


@require_POST
@coalition_view("representative")
def step_edit(request, pk, step_pk):
    event = selectors.get_event_to_edit(request, pk)
    step = get_object_or_404(event.steps.select_related("owner"), pk=step_pk)
    form = forms.StepForm(request.POST, coalition=request.coalition)
    if form.is_valid():
        try:
            services.step_update(step=step, actor=request.user, **form.cleaned_data)
        except EventError as error:
            refused(request, error)
    else:
        form_errors(request, form)
    if request.htmx and form.is_valid():
        _, progress = selectors.checklist(event)
        step.owner_box = forms.StepForm(coalition=request.coalition).owner_box(step)
        return render(
            request,
            "events/_step.html",
            {
                "event": event,
                "step": step,
                "may_edit": True,
                "overdue": progress.overdue,
                "today": timezone.localdate(),
            },
        )
    return to_event(request, event, f"step-{step.position}")


@require_POST
@coalition_view("representative")
def speaker_add(request, pk):
    event = selectors.get_event_to_edit(request, pk)
    form = forms.SpeakerForm(request.POST)
    if form.is_valid():
        services.speaker_add(event=event, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Speaker added."))
    else:
        form_errors(request, form)
    return to_event(request, event, "speakers")


@require_POST
@coalition_view("representative")
def speaker_remove(request, pk, speaker_pk):
    event = selectors.get_event_to_edit(request, pk)
    speaker = get_object_or_404(event.speakers, pk=speaker_pk)
    services.speaker_remove(speaker=speaker, actor=request.user)
    return to_event(request, event, "speakers")


@coalition_view("representative")
def guests(request, pk):
    event = selectors.get_event_to_edit(request, pk)
    if request.method == "POST":
        form = forms.GuestForm(request.POST, coalition=request.coalition)
        if form.is_valid():
            data = dict(form.cleaned_data)
            contact = data.pop("contact")
            try:
                services.guest_add(event=event, actor=request.user, data=data, contact=contact)
            except EventError as error:
                refused(request, error)
            else:
                messages.success(request, _("Guest added."))
                return to_guests(request, event)
    else:
        form = forms.GuestForm(coalition=request.coalition)
    subject, body = services.invitation_texts(event)
    template_form = forms.InvitationTemplateForm(
        initial={"invitation_subject": subject, "invitation_body": body}
    )
    guest_list = list(event.guests.select_related("contact"))
    return render(
        request,
        "events/guests.html",
        {
            "event": event,
            "form": form,
            "template_form": template_form,
            "guests": guest_list,
            "merge_fields": rules.MERGE_FIELDS,
            "uninvited": sum(1 for g in guest_list if not g.invited_at and g.email),
            "rsvp_choices": Guest.Rsvp.choices,
        },
    )


@require_POST
@coalition_view("representative")
def invitation_template(request, pk):
    event = selectors.get_event_to_edit(request, pk)
    form = forms.InvitationTemplateForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_template_save(
                event=event,
                actor=request.user,
                subject=form.cleaned_data["invitation_subject"],
                body=form.cleaned_data["invitation_body"],
            )
        except EventError as error:
            refused(request, error)
        else:
            messages.success(request, _("Invitation saved."))
    else:
        form_errors(request, form)
    return to_guests(request, event)


@require_POST
@coalition_view("representative")
def guests_invite(request, pk):
    event = selectors.get_event_to_edit(request, pk)
    chosen = event.guests.filter(invited_at__isnull=True)
    if request.POST.get("guest"):
        chosen = event.guests.filter(pk=request.POST["guest"])
    n = services.invitations_send(event=event, actor=request.user, guests=list(chosen))
    messages.success(request, _("%(n)d invitations sent.") % {"n": n})
    return to_guests(request, event)


@require_POST
@coalition_view("representative")
def guests_remind(request, pk):
    event = selectors.get_event_to_edit(request, pk)
    n = services.guests_remind(event=event, actor=request.user)
    messages.success(request, _("%(n)d reminders sent.") % {"n": n})
    return to_guests(request, event)


@require_POST
@coalition_view("representative")
def guest_update(request, pk, guest_pk):
    """An answer taken by phone, or a printed invitation handed over."""
    event = selectors.get_event_to_edit(request, pk)
    guest = get_object_or_404(event.guests, pk=guest_pk)
    try:
        if request.POST.get("invited_by_hand"):
            services.invited_by_hand(guest=guest, actor=request.user)
        if request.POST.get("rsvp"):
            services.guest_rsvp(guest=guest, answer=request.POST["rsvp"], actor=request.user)
    except EventError as error:
        refused(request, error)
    return to_guests(request, event)


@coalition_view("representative")
def invitation_letter(request, pk, guest_pk):
    event = selectors.get_event_to_edit(request, pk)
    guest = get_object_or_404(event.guests, pk=guest_pk)
    subject, body = services.invitation_for(event, guest)
    with override(guest.language):
        address = services.invitation_address(event, guest)
    return render(
        request,
        "events/invitation_letter.html",
        {
            "event": event,
            "guest": guest,
            "subject": subject,
            "body": body,
            "address": address,
            # Paragraphs, so the closing and signature print together on one page.
            "paragraphs": [p for p in body.split("\n\n") if p.strip()],
        },
    )


@coalition_view("representative")
def press_release(request, pk):
    event = selectors.get_event_to_edit(request, pk)
    if request.method == "POST":
        form = forms.PressReleaseForm(request.POST)
        if form.is_valid():
            services.press_release_save(
                event=event, actor=request.user, text=form.cleaned_data["press_release"]
            )
            services.planning.step_done(event=event, key="press_release", actor=request.user)
            messages.success(request, _("Press release saved with the event."))
            return to_event(request, event, "press")
    else:
        text = event.press_release or services.press_release_draft(
            event, language=request.LANGUAGE_CODE
        )
        form = forms.PressReleaseForm(initial={"press_release": text})
    return render(
        request,
        "events/press_release.html",
        {"event": event, "form": form, "drafted": not event.press_release},
    )


@require_POST
@coalition_view("representative")
def attendance_add(request, pk):
    event = selectors.get_event_to_edit(request, pk)
    form = forms.AttendanceForm(request.POST, coalition=request.coalition)
    if form.is_valid():
        services.attendance_record(
            event=event, actor=request.user, member=form.cleaned_data["member"]
        )
        messages.success(request, _("Attendance recorded."))
    else:
        form_errors(request, form)
    return to_event(request, event, "attendance")


@require_POST
@coalition_view("representative")
def followup_add(request, pk):
    event = selectors.get_event_to_edit(request, pk)
    form = forms.FollowUpForm(request.POST, coalition=request.coalition)
    if form.is_valid():
        try:
            services.followup_add(event=event, actor=request.user, **form.cleaned_data)
        except EventError as error:
            refused(request, error)
        else:
            messages.success(request, _("Follow-up added; it is on its owner's task list."))
    else:
        form_errors(request, form)
    return to_event(request, event, "follow-ups")


@require_POST
@coalition_view("supporter")
def followup_done(request, pk):
    """The owner ticks their own follow-up; the event's planners may tick any. Anyone else
    learns nothing about it (404)."""
    follow_up = get_object_or_404(
        EventFollowUp.objects.select_related("event__coalition"),
        pk=pk,
        event__coalition=request.coalition,
    )
    event = follow_up.event
    planner = selectors.may_edit(request, event)
    if follow_up.owner_id != request.person.pk and not planner:
        raise Http404
    services.followup_done(
        follow_up=follow_up, actor=request.user, done=request.POST.get("undo") != "1"
    )
    from juntos.governance.views.mywork import back_to_my_work

    if (back := back_to_my_work(request)) is not None:
        return back
    if planner and request.POST.get("next") != "list":
        return to_event(request, event, "follow-ups")
    return redirect("governance:my_work", slug=request.coalition.slug)
