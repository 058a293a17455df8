"""Events in iCalendar: entries for the coalition's feed and a single event's .ics file,
written with the governance calendar's helpers."""

from django.urls import reverse
from django.utils.translation import gettext as _

from juntos.governance import ical as base


def _entry(event, site: str) -> list[str]:
    url = site + reverse(
        "events_public:page", kwargs={"slug": event.coalition.slug, "event_slug": event.slug}
    )
    description = [event.get_kind_display()]
    if event.description:
        description.append(event.description)
    if event.accessibility_notes:
        description.append(_("Accessibility") + ": " + event.accessibility_notes)
    description.append(url)
    return base.vevent(
        uid=f"event-{event.pk}@{event.coalition.slug}.juntos",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=f"{event.coalition.name}: {event.title}",
        location=", ".join(x for x in (event.venue_name, event.venue_address) if x),
        description="\n".join(str(d) for d in description),
        cancelled=event.is_cancelled,
        modified=event.updated_at,
        # DTSTAMP is when this version of the entry was made: stable while nothing changes,
        # so an unchanged event gives the same file (and ETag) every time.
        now=base._stamp(event.updated_at),
    )


def feed_entries(coalition, site: str) -> list[list[str]]:
    """Published events (and cancelled ones, so calendars drop them) for the coalition feed."""
    from juntos.events.models import Event

    events = Event.objects.filter(
        coalition=coalition, status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED]
    ).select_related("coalition")
    return [_entry(e, site) for e in events]


def event_ics(event, site: str) -> str:
    return base.document(event.title, [_entry(event, site.rstrip("/"))], prodid="Events")


def register() -> None:
    if feed_entries not in base.EXTRA_SOURCES:
        base.EXTRA_SOURCES.append(feed_entries)
