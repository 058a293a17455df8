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


def calendar(coalition, meetings, *, site_url: str) -> str:
    site = site_url.rstrip("/")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Juntos//Meetings//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(coalition.name)}",
    ]
    now = _stamp(timezone.now())
    for m in meetings:
        where = m.call_link if m.format == "call" else m.place
        description = [m.get_topic_display()]
        if m.accessibility_notes:
            description.append(_("Accessibility") + ": " + m.accessibility_notes)
        if m.change_reason:
            description.append(m.change_reason)
        description.append(f"{site}/c/{coalition.slug}/meetings/{m.pk}/")
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{m.pk}@{coalition.slug}.juntos",
            f"DTSTAMP:{now}",
            f"DTSTART:{_stamp(m.starts_at)}",
            f"DTEND:{_stamp(m.ends_at)}",
            f"SUMMARY:{_escape(f'{coalition.name}: {m.display_title}')}",
            f"LOCATION:{_escape(where)}",
            f"DESCRIPTION:{_escape(chr(10).join(description))}",
            f"STATUS:{'CANCELLED' if m.is_cancelled else 'CONFIRMED'}",
            f"LAST-MODIFIED:{_stamp(m.updated_at)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
