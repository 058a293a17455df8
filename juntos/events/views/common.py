"""Helpers shared by the event views."""

from django.contrib import messages
from django.shortcuts import redirect

from juntos.events.services import EventError


def refused(request, error: EventError) -> None:
    messages.error(request, error.message)


def form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))


def to_event(request, event, anchor: str = ""):
    response = redirect("events:event", slug=request.coalition.slug, pk=event.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def to_signins(request, event):
    return redirect("events:signins", slug=request.coalition.slug, pk=event.pk)


def to_guests(request, event):
    return redirect("events:guests", slug=request.coalition.slug, pk=event.pk)
