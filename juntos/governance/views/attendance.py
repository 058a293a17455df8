"""Undoing a closed attendance, notices of absence the hosts received, corrections."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.core.access import coalition_view
from juntos.governance import forms, rules, selectors, services
from juntos.governance.models import AbsenceNotice
from juntos.governance.services import GovernanceError
from juntos.governance.views.common import form_errors, refused, to_meeting


@require_POST
@coalition_view("host")
def attendance_reopen(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    try:
        withdrawn = services.attendance_reopen(meeting=meeting, actor=request.user)
    except GovernanceError as error:
        refused(request, error)
    else:
        messages.success(
            request, _("Attendance is open again; the absences it counted no longer count.")
        )
        if withdrawn:
            messages.info(
                request,
                _("Removal reviews withdrawn: %(n)d.") % {"n": withdrawn},
            )
    return to_meeting(request, meeting)


@coalition_view("host")
def absences(request, pk):
    """The notices of absence: record one the hosts received, or correct a counted absence."""
    meeting = selectors.get_meeting_for(request, pk)
    record_form = forms.AbsenceRecordForm(
        coalition=request.coalition, initial={"told_to": request.person}
    )
    correct_form = forms.AbsenceCorrectForm(coalition=request.coalition)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "record":
                record_form = forms.AbsenceRecordForm(request.POST, coalition=request.coalition)
                if record_form.is_valid():
                    data = record_form.cleaned_data
                    services.absence_record(
                        meeting=meeting,
                        member=data["member"],
                        actor=request.user,
                        recorded_by=request.person,
                        told_to=data["told_to"],
                        told_at=data["told_at"],
                        channel=data["channel"],
                        note=data["note"],
                    )
                    messages.success(request, _("The notice of absence is recorded."))
                    return redirect("governance:absences", slug=request.coalition.slug, pk=pk)
                form_errors(request, record_form)
            elif action == "correct":
                correct_form = forms.AbsenceCorrectForm(request.POST, coalition=request.coalition)
                if correct_form.is_valid():
                    services.absence_correct(
                        meeting=meeting,
                        member=correct_form.cleaned_data["member"],
                        actor=request.user,
                        recorded_by=request.person,
                        reason=correct_form.cleaned_data["reason"],
                    )
                    messages.success(
                        request, _("Corrected: this absence no longer counts as without notice.")
                    )
                    return redirect("governance:absences", slug=request.coalition.slug, pk=pk)
                form_errors(request, correct_form)
            else:
                messages.error(request, _("Unknown action."))
        except GovernanceError as error:
            refused(request, error)
    notices = AbsenceNotice.objects.filter(meeting=meeting).select_related(
        "member", "notified_by", "told_to", "recorded_by"
    )
    closed = meeting.attendance_closed_at
    return render(
        request,
        "governance/absences.html",
        {
            "meeting": meeting,
            "notices": notices.order_by("member__name"),
            "record_form": record_form,
            "correct_form": correct_form,
            "can_reopen": bool(
                rules.attendance_reopen_allowed(
                    closed_on=timezone.localtime(closed).date() if closed else None,
                    today=timezone.localdate(),
                )
            ),
        },
    )


@coalition_view("representative")
def alternates(request):
    """A member's representative names (or removes) alternate representatives."""
    from django.db.models import Q

    from juntos.governance.models import AlternateRepresentative
    from juntos.members.models import Person

    member = request.person.member
    if member is None:
        messages.error(request, _("Only a member's representative can name an alternate."))
        return redirect("governance:meetings", slug=request.coalition.slug)
    candidates = (
        Person.objects.filter(coalition=request.coalition)
        .filter(Q(member__isnull=True) | Q(member=member))
        .exclude(pk=request.person.pk)
        .exclude(role="")
    )
    form = forms.AlternateForm(coalition=request.coalition, candidates=candidates)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "remove":
                alternate = AlternateRepresentative.objects.filter(
                    member=member, pk=_posted_id(request, "alternate")
                ).first()
                if alternate is not None:
                    services.alternate_remove(alternate=alternate, actor=request.user)
                    messages.success(request, _("Alternate removed."))
                return redirect("governance:alternates", slug=request.coalition.slug)
            form = forms.AlternateForm(
                request.POST, coalition=request.coalition, candidates=candidates
            )
            if form.is_valid():
                services.alternate_name(
                    member=member,
                    person=form.cleaned_data["person"],
                    named_by=request.person,
                    actor=request.user,
                )
                messages.success(request, _("Alternate named."))
                return redirect("governance:alternates", slug=request.coalition.slug)
        except GovernanceError as error:
            refused(request, error)
            return redirect("governance:alternates", slug=request.coalition.slug)
    return render(
        request,
        "governance/alternates.html",
        {
            "member": member,
            "alternates": AlternateRepresentative.objects.filter(member=member).select_related(
                "person", "named_by"
            ),
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )


def _posted_id(request, name) -> int:
    """The id a form posted, or 0 (no row) for anything that is not a number."""
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() and value.isascii() else 0
