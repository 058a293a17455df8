"""Reads for events, with permission-checked fetches and a fixed number of queries."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from juntos.core.access import role_at_least
from juntos.events import rules
from juntos.events.models import (
    Event,
    EventAction,
    EventAttendance,
    EventFollowUp,
    SignIn,
)


def _host_ids(event: Event) -> set[int]:
    cached = getattr(event, "_host_ids", None)
    if cached is None:
        cached = {h.pk for h in event.hosts.all()}
        event._host_ids = cached
    return cached


def may_edit(request, event: Event) -> bool:
    """The Core Team and above plan any event; a host organization's representative plans
    its own."""
    if role_at_least(request.role, "core_team"):
        return True
    person = request.person
    return role_at_least(request.role, "representative") and person.member_id in _host_ids(event)


def may_see_signins(request, event: Event) -> bool:
    """Sign-in data: the coalition's hosts and the representatives of the event's host
    organizations, nobody else (not even the rest of the Core Team)."""
    if request.role == "host":
        return True
    person = request.person
    return role_at_least(request.role, "representative") and person.member_id in _host_ids(event)


def events_for_role(coalition, role: str | None):
    """The one rule for which events a role sees (pages, API, feeds): members see drafts,
    supporters published and cancelled ones."""
    qs = Event.objects.filter(coalition=coalition)
    if not role_at_least(role, "representative"):
        qs = qs.exclude(status=Event.Status.DRAFT)
    return qs


def events_visible_to(request):
    return events_for_role(request.coalition, request.role)


def get_event_for(request, pk: int) -> Event:
    """An event of the request's coalition; members see drafts, supporters published ones."""
    qs = events_visible_to(request).select_related("campaign").prefetch_related("hosts")
    return get_object_or_404(qs, pk=pk)


def get_event_to_edit(request, pk: int) -> Event:
    from django.core.exceptions import PermissionDenied

    event = get_event_for(request, pk)
    if not may_edit(request, event):
        raise PermissionDenied
    return event


def get_event_signins_for(request, pk: int) -> Event:
    from django.core.exceptions import PermissionDenied

    event = get_event_for(request, pk)
    if not may_see_signins(request, event):
        raise PermissionDenied
    return event


def public_event(coalition_slug: str, event_slug: str) -> Event:
    event = (
        Event.objects.select_related("coalition")
        .prefetch_related("hosts", "speakers")
        .filter(coalition__slug=coalition_slug, slug=event_slug)
        .first()
    )
    if event is None or not event.is_public:
        raise Http404
    return event


def events_for(request):
    qs = events_visible_to(request).select_related("campaign").prefetch_related("hosts")
    return qs.annotate(
        steps_done=Count("steps", filter=Q(steps__done_at__isnull=False), distinct=True),
        steps_total=Count("steps", distinct=True),
    )


@dataclass
class Counts:
    guests: int
    press: int
    postcards: int
    endorsements: int


def counts_for(event: Event) -> Counts:
    signins = dict(SignIn.objects.filter(event=event).values_list("list").annotate(n=Count("id")))
    actions = dict(
        EventAction.objects.filter(event=event).values_list("kind").annotate(n=Count("id"))
    )
    return Counts(
        guests=signins.get("guest", 0),
        press=signins.get("press", 0),
        postcards=actions.get(EventAction.Kind.POSTCARD, 0),
        endorsements=actions.get(EventAction.Kind.ENDORSE, 0),
    )


def postcards_by_office(event: Event) -> list[tuple[str, int]]:
    rows = Counter(
        EventAction.objects.filter(event=event, kind=EventAction.Kind.POSTCARD).values_list(
            "office_name", flat=True
        )
    )
    return sorted(rows.items(), key=lambda r: (-r[1], r[0]))


def checklist(event: Event, today=None):
    steps = list(event.steps.select_related("owner"))
    progress = rules.checklist_progress(
        [rules.StepState(s.position, bool(s.done_at), s.due_on) for s in steps],
        today or timezone.localdate(),
    )
    return steps, progress


def my_followups(person):
    return EventFollowUp.objects.filter(owner=person, done_at__isnull=True).select_related(
        "event", "contact"
    )


def congress_offices(coalition):
    """Members of Congress in the directory of decision makers, for the postcard."""
    from juntos.relationships.models import Contact

    return Contact.objects.filter(
        coalition=coalition, level="federal", chamber__in=["upper", "lower"], in_office=True
    ).order_by("state", "chamber", "district", "name")


# --- Standing -------------------------------------------------------------------------------


def educational_participations(coalition, year: int, members, *, now=None) -> dict[int, int]:
    """{member id: educational events hosted or joined in the year}, in two queries for any
    number of members. An event hosted and attended counts once."""
    now = now or timezone.now()
    ids = [m.pk for m in members]
    events: dict[int, set[int]] = defaultdict(set)
    if not ids:
        return {}
    base = Event.objects.filter(
        coalition=coalition,
        kind__in=rules.EDUCATIONAL_KINDS,
        status=Event.Status.PUBLISHED,
        starts_at__lte=now,
        starts_at__year=year,
    )
    hosted = Event.hosts.through.objects.filter(member_id__in=ids, event__in=base).values_list(
        "member_id", "event_id"
    )
    joined = EventAttendance.objects.filter(member_id__in=ids, event__in=base).values_list(
        "member_id", "event_id"
    )
    for member_id, event_id in list(hosted) + list(joined):
        events[member_id].add(event_id)
    return {i: len(events[i]) for i in ids}


def with_shown_hosts(coalition, events, *, viewer_role: str | None) -> list:
    """Set `shown_hosts` on each event: its host organizations a viewer may see named.
    Outside the members' own spaces only members with name consent (one query)."""
    from juntos.consent.rules import name_visible
    from juntos.consent.services import name_consents

    events = list(events)
    consents = None if role_at_least(viewer_role, "representative") else name_consents(coalition)
    for event in events:
        hosts = list(event.hosts.all())
        if consents is not None:
            hosts = [
                h
                for h in hosts
                if name_visible(viewer_role=viewer_role, consent=consents.get(h.pk))
            ]
        event.shown_hosts = hosts
    return events
