"""The coalition's meetings as an iCalendar (RFC 5545) feed, written by hand: no dependency."""

from datetime import UTC

from django.utils import timezone
from django.utils.translation import gettext as _


def _escape(text: str) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start = [], 0
    while start < len(data):
        end = min(start + (75 if not parts else 74), len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # do not split a character
            end -= 1
        parts.append(data[start:end].decode())
        start = end
    return "\r\n ".join(parts)


def _stamp(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


# Other apps add their own entries to the coalition's feed (events does, in its ready()).
# Each source is called as source(coalition, site_url) and returns lists of VEVENT lines.
EXTRA_SOURCES: list = []


def vevent(
    *,
    uid: str,
    starts_at,
    ends_at,
    summary: str,
    location: str,
    description: str,
    cancelled: bool,
    modified,
    now: str | None = None,
) -> list[str]:
    """One VEVENT as unfolded lines; `document` folds and joins them."""
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{now or _stamp(timezone.now())}",
        f"DTSTART:{_stamp(starts_at)}",
        f"DTEND:{_stamp(ends_at)}",
        f"SUMMARY:{_escape(summary)}",
        f"LOCATION:{_escape(location)}",
        f"DESCRIPTION:{_escape(description)}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        f"LAST-MODIFIED:{_stamp(modified)}",
        "END:VEVENT",
    ]


def document(name: str, events: list[list[str]], *, prodid: str = "Meetings") -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Juntos//{prodid}//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for event in events:
        lines += event
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def calendar(coalition, meetings, *, site_url: str) -> str:
    site = site_url.rstrip("/")
    now = _stamp(timezone.now())
    entries = []
    for m in meetings:
        where = m.call_link if m.format == "call" else m.place
        description = [m.get_topic_display()]
        if m.accessibility_notes:
            description.append(_("Accessibility") + ": " + m.accessibility_notes)
        if m.change_reason:
            description.append(m.change_reason)
        description.append(f"{site}/c/{coalition.slug}/meetings/{m.pk}/")
        entries.append(
            vevent(
                uid=f"meeting-{m.pk}@{coalition.slug}.juntos",
                starts_at=m.starts_at,
                ends_at=m.ends_at,
                summary=f"{coalition.name}: {m.display_title}",
                location=where,
                description=chr(10).join(description),
                cancelled=m.is_cancelled,
                modified=m.updated_at,
                now=now,
            )
        )
    for source in EXTRA_SOURCES:
        entries += source(coalition, site)
    return document(coalition.name, entries)
