"""Helpers shared by the governance views."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.governance import rules
from juntos.governance.services import GovernanceError


def refused(request, error: GovernanceError) -> None:
    text = error.message
    if error.rule:
        text = f"{text} {_('Rule')}: {error.rule}"
    messages.error(request, text)


def to_meeting(request, meeting):
    return redirect("governance:meeting", slug=request.coalition.slug, pk=meeting.pk)


def form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))


def agenda_timing_for(meeting, charter):
    published = meeting.agenda_published_at
    return rules.agenda_timing(
        meeting_on=meeting.local_date,
        published_on=timezone.localtime(published).date() if published else None,
        today=timezone.localdate(),
        rules=charter,
    )
