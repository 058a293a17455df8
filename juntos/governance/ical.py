"""The coalition's meetings as an iCalendar (RFC 5545) feed, written by hand: no dependency;
and what every Juntos feed shares: the personal token that stands in for a login, and the
validators (ETag, Last-Modified) that answer an unchanged feed with 304 Not Modified."""

import hashlib
from datetime import UTC, datetime

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation import override

from juntos.core.access import role_at_least

FEED_SALT = "juntos.meetings-feed"


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


def _when(name: str, moment) -> str:
    """DTSTART/DTEND: a moment in UTC, or a whole day (a date) as VALUE=DATE."""
    if isinstance(moment, datetime):
        return f"{name}:{_stamp(moment)}"
    return f"{name};VALUE=DATE:{moment:%Y%m%d}"


def vevent(
    *,
    uid: str,
    starts_at,
    ends_at,
    summary: str,
    location: str,
    description: str,
    cancelled: bool,
    entry,
) -> list[str]:
    """One VEVENT as unfolded lines; `document` folds and joins them. `entry` is the
    CalendarEntryModel row: DTSTAMP and LAST-MODIFIED are when what the feed shows of it
    last changed (the same on every request until it changes), SEQUENCE how many times a
    calendar had to be told. Dates (not moments) make an all-day entry; `ends_at` is then
    the first day after it, as RFC 5545 counts."""
    changed = _stamp(entry.calendar_changed_at)
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{changed}",
        _when("DTSTART", starts_at),
        _when("DTEND", ends_at),
        f"SEQUENCE:{entry.sequence}",
        f"SUMMARY:{_escape(summary)}",
        f"LOCATION:{_escape(location)}",
        f"DESCRIPTION:{_escape(description)}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        f"LAST-MODIFIED:{changed}",
        "END:VEVENT",
    ]


def document(name: str, events: list[list[str]], *, prodid: str = "Meetings") -> str:
    """The VCALENDAR around the entries, folded, with CRLF line ends."""
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
    """The meetings feed (the coalition's governance meetings; events and campaign actions
    have feeds of their own)."""
    site = site_url.rstrip("/")
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
                entry=m,
            )
        )
    return document(coalition.name, entries)


# --- Personal feed addresses and conditional responses -------------------------------------


def feed_token(person) -> str:
    """The person's feed token: one for every feed of their coalition (meetings, events,
    campaign actions). Each feed checks the person's role when it is read, so a token
    gives no more than the person's role gives today.

    The address is the same every time it is shown: a calendar subscription is pasted
    once and kept, so the token carries no time of signing."""
    return signing.Signer(salt=FEED_SALT).sign_object({"p": person.pk})


def _feed_token_data(token: str):
    # Addresses given before the token lost its time of signing have three parts; a
    # subscription already pasted keeps working.
    if token.count(":") == 2:
        return signing.loads(token, salt=FEED_SALT)
    return signing.Signer(salt=FEED_SALT).unsign_object(token)


def feed_reader(coalition, token: str, minimum_role: str):
    """The person a feed token names, or 404 (forged token, someone of another coalition,
    or a role below the feed's)."""
    from juntos.members.models import Person

    try:
        data = _feed_token_data(token)
    except signing.BadSignature:
        raise Http404 from None
    person_pk = data.get("p") if isinstance(data, dict) else None
    person = Person.objects.filter(coalition=coalition, pk=person_pk).select_related("user").first()
    if person is None or not role_at_least(person.role or None, minimum_role):
        raise Http404
    return person


def feed_response(
    request, *, language: str, validator: dict, moments, parts, render
) -> HttpResponse:
    """An iCalendar response, or 304 Not Modified when the reader's copy is current.

    `validator` is one aggregate query's result over the entries the reader sees (their
    count, last change and highest id: a new, changed or vanished entry changes it);
    `moments` the other times that change what the feed shows (the reader's role, the
    coalition's name); `parts` anything else the text depends on. ETag and Last-Modified
    come from these before anything is rendered; `render()` runs only for a 200.

    `language` is the token's person's own (`person.language`): a calendar app sends no
    Accept-Language, so the feed never follows the request's; it is part of the ETag."""
    language = language or settings.LANGUAGE_CODE
    key = repr((sorted(validator.items()), [str(m) for m in moments], parts, language))
    etag = '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'
    times = [m for m in [*validator.values(), *moments] if isinstance(m, datetime)]
    last_modified = int(max(times).timestamp()) if times else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        with override(language):
            body = render()
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    # A personal address: no shared cache keeps it, and every read asks whether it changed.
    response["Cache-Control"] = "private, no-cache"
    # Not Vary: Accept-Language of our own (the text does not follow it); LocaleMiddleware
    # still adds that header to every response, which costs a private cache nothing.
    response["Content-Language"] = language
    return response
