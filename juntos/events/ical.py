"""Events in iCalendar: the coalition's events feed and a single event's .ics file,
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
        entry=event,
    )


def feed_events(coalition, role: str | None):
    """The events feed's entries for a role: what the role sees of the coalition's events
    (selectors.events_for_role), drafts left out (not yet a date to keep) and cancelled
    ones kept, so calendars drop them."""
    from juntos.events.models import Event
    from juntos.events.selectors import events_for_role

    return events_for_role(coalition, role).exclude(status=Event.Status.DRAFT)


def calendar(coalition, events, *, site_url: str) -> str:
    site = site_url.rstrip("/")
    entries = [_entry(e, site) for e in events.select_related("coalition").order_by("starts_at")]
    return base.document(
        _("%(coalition)s: events") % {"coalition": coalition.name}, entries, prodid="Events"
    )


def event_ics(event, site: str) -> str:
    return base.document(event.title, [_entry(event, site.rstrip("/"))], prodid="Events")
