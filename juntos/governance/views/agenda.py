"""The agenda editor, templates, publishing and the printable agenda; minutes and follow-ups."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.core.access import coalition_view, role_at_least
from juntos.core.translatable import coalition_languages, split_versions
from juntos.governance import forms, phrases, selectors, services
from juntos.governance.models import (
    AgendaItem,
    FollowUp,
)
from juntos.governance.services import GovernanceError
from juntos.governance.views.common import (
    agenda_timing_for,
    form_errors,
    refused,
    to_meeting,
)
from juntos.governance.views.mywork import back_to_my_work

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
            "timing": agenda_timing_for(meeting, charter),
        },
    )


def _item_for(request, pk, item_pk) -> AgendaItem:
    meeting = selectors.get_meeting_for(request, pk)
    return get_object_or_404(AgendaItem, meeting=meeting, pk=item_pk)


@coalition_view("core_team")
def agenda_item_edit(request, pk, item_pk):
    item = _item_for(request, pk, item_pk)
    if request.method == "POST":
        form = forms.AgendaItemForm(request.POST, coalition=request.coalition, instance=item)
        if form.is_valid():
            data, named = _item_data(form)
            # A version left as the generated words stays generated (empty), in each language.
            versions = phrases.keep_generated_versions(item, form.versions)
            language, base, translations = split_versions(
                versions, prefer=[c for c in (item.language, data["language"]) if c]
            )
            data.update(base, language=language, translations=translations)
            services.agenda_item_update(item=item, actor=request.user, named_members=named, **data)
            messages.success(request, _("Row saved."))
            return redirect("governance:agenda", slug=request.coalition.slug, pk=pk)
    else:
        initial = {
            f: phrases.row_text(item, f) if f in phrases.TEXT_FIELDS else getattr(item, f)
            for f in forms.AgendaItemForm.base_fields
            if f != "named_members"
        }
        initial["named_members"] = list(item.named_members.all())
        initial.update(phrases.generated_versions(item, coalition_languages(request.coalition)))
        form = forms.AgendaItemForm(initial=initial, coalition=request.coalition, instance=item)
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
        form_errors(request, form)
    return redirect("governance:agenda", slug=request.coalition.slug, pk=meeting.pk)


@require_POST
@coalition_view("core_team")
def agenda_priorities(request, pk):
    """Put every proposed issue priority on this agenda: the yearly review."""
    meeting = selectors.get_meeting_for(request, pk)
    rows = services.priorities_review_add(meeting=meeting, actor=request.user)
    messages.success(
        request, _("%(n)d proposed issue priorities added to the agenda.") % {"n": len(rows)}
    )
    return redirect("governance:agenda", slug=request.coalition.slug, pk=meeting.pk)


@require_POST
@coalition_view("core_team")
def agenda_publish(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    try:
        timing = services.agenda_publish(meeting=meeting, actor=request.user)
    except GovernanceError as error:
        refused(request, error)
        return redirect("governance:agenda", slug=request.coalition.slug, pk=meeting.pk)
    if timing.late:
        messages.warning(
            request,
            _("Agenda published and the members notified. It is late: %(rule)s")
            % {"rule": timing.rule},
        )
    else:
        messages.success(request, _("Agenda published and the members notified."))
    return to_meeting(request, meeting)


@coalition_view("representative")
def agenda_print(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    if meeting.agenda_published_at is None and not role_at_least(request.role, "core_team"):
        raise Http404
    items = selectors.agenda_items_for(meeting, role=request.role, person=request.person)
    return render(request, "governance/agenda_print.html", {"meeting": meeting, "items": items})


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
        refused(request, error)
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
            refused(request, error)
    else:
        form_errors(request, form)
    return to_meeting(request, meeting)


@coalition_view("supporter")
def my_followups(request):
    """Follow-ups live on My work with every other task (the old address still works)."""
    return redirect("governance:my_work", slug=request.coalition.slug)


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
    return back_to_my_work(request) or redirect("governance:my_work", slug=request.coalition.slug)
