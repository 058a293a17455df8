"""`juntos sync`: people, tags, taggings, events and attendances both ways with an OSDI
server (Action Network, or another Juntos), incrementally by modified_date.

Pull: every remote event changed since the last pull is found here by identifier (its
`juntos:` or `action_network:` ids) and written through the events' services: what the
remote sends wins for the OSDI fields (title, description, times, location, status, kind);
hosts, checklist, invitations and sign-in stay Juntos' own. Then every remote person changed
since (filter=modified_date gt '…', following `next` links) is found here by identifier,
email or phone and written as the signup helper writes (person_sync): what the remote sends
wins, what it leaves empty stays, an unsubscribe or spam complaint is never undone, custom
fields merge key by key, tags are added (never removed by a sync); that person's attendances
are read and recorded here once each (recording attendance moves a person's modified_date).
Push: published and cancelled events changed here since the last push go to the remote
(PUT to the remote event already known, else POST with Juntos' id among its identifiers, which
another Juntos matches so it never makes a second); then every person changed here goes to the
remote's signup helper with Juntos' id among its identifiers, and every attendance recorded
here since to the event's record-attendance helper. The cursor (last pull, last push, the page
being pulled, which remote event is which) is kept in a small JSON file, so an interrupted sync
resumes where it stopped. Requests are spaced to stay under the remote's limit (Action Network
allows a few a second) and a 429 waits for its Retry-After.
"""

from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from juntos.api import osdi, person_sync
from juntos.members.models import Person, Tagging


class SyncError(RuntimeError):
    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


class DryRun(Exception):
    """Raised at the end of a dry run so the transaction rolls everything back."""


@dataclass
class Report:
    pulled_new: int = 0
    pulled_updated: int = 0
    pulled_unchanged: int = 0
    pushed: int = 0
    events_new: int = 0
    events_updated: int = 0
    attendances_new: int = 0
    events_pushed: int = 0
    attendances_pushed: int = 0
    changes: list[str] = field(default_factory=list)

    def line(self, text: str) -> None:
        self.changes.append(text)


class Remote:
    """A polite OSDI HTTP client: token header, spacing between requests, 429 waits."""

    def __init__(self, base: str, token: str, per_second: float = 4.0, opener=None):
        self.base = base.rstrip("/")
        self.token = token
        self.gap = 1.0 / per_second if per_second > 0 else 0
        self.last = 0.0
        self.opener = opener or urllib.request.urlopen
        self.requests = 0

    def url(self, path: str) -> str:
        return path if path.startswith("http") else f"{self.base}/{path.lstrip('/')}"

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        for _attempt in range(5):
            wait = self.last + self.gap - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self.last = time.monotonic()
            self.requests += 1
            request = urllib.request.Request(
                self.url(path),
                data=json.dumps(body).encode() if body is not None else None,
                method=method,
                headers={"OSDI-API-Token": self.token, "Content-Type": "application/json"},
            )
            try:
                with self.opener(request, timeout=30) as response:
                    return json.loads(response.read() or b"{}")
            except urllib.error.HTTPError as error:
                if error.code == 429:
                    time.sleep(min(60, int(error.headers.get("Retry-After") or 1)))
                    continue
                detail = error.read()[:300].decode(errors="replace")
                raise SyncError(
                    f"{method} {self.url(path)}: HTTP {error.code} {detail}", error.code
                ) from None
            except (urllib.error.URLError, OSError) as error:
                raise SyncError(f"{method} {self.url(path)}: {error}") from None
        raise SyncError(f"{method} {self.url(path)}: still rate limited after 5 tries")

    def entry(self) -> dict:
        return self.call("GET", "")


class Cursor:
    """Where the last sync stopped, in a JSON file per coalition and remote."""

    def __init__(self, coalition, remote: str, path: Path | None = None):
        name = urllib.parse.urlsplit(remote).netloc.replace(":", "_") or "remote"
        self.path = path or Path(settings.VAR_DIR) / "sync" / f"{coalition.slug}-{name}.json"
        try:
            self.data = json.loads(self.path.read_text())
        except (OSError, ValueError):
            self.data = {}

    def get(self, key, default=None):
        return self.data.get(key, default)

    def set(self, **values) -> None:
        self.data.update(values)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.data, indent=1))


def _progress(stream, label: str, done: int, total: int | None) -> None:
    if stream is None:
        return
    if total:
        filled = int(20 * min(done, total) / total)
        stream.write(f"\r{label} [{'#' * filled}{'.' * (20 - filled)}] {done}/{total}")
    else:
        stream.write(f"\r{label} {done}")
    stream.flush()


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _href(data: dict, rel: str) -> str | None:
    return (((data or {}).get("_links") or {}).get(rel) or {}).get("href")


def _since_query(since: str | None) -> str:
    query = {"per_page": "25"}
    if since:
        query["filter"] = f"modified_date gt '{since}'"
    return urllib.parse.urlencode(query)


class _Pulled:
    """What one pull fetched and wrote: remote events by their address, and the local
    event each became (so an attendance finds its event without asking again)."""

    def __init__(self, remote: Remote):
        self.remote = remote
        self.events: dict[str, dict | None] = {}
        self.local: dict[str, object] = {}
        self.attendances_refused = False

    def event_data(self, href: str, report: Report) -> dict | None:
        if href not in self.events:
            try:
                self.events[href] = self.remote.call("GET", href)
            except SyncError as error:
                if error.status not in (403, 404):
                    raise
                report.line(f"skipped the event {href}: HTTP {error.status}")
                self.events[href] = None
        return self.events[href]


def pull(
    *,
    coalition,
    remote: Remote,
    cursor: Cursor,
    report: Report,
    progress=None,
    dry_run=False,
    event_host=None,
) -> None:
    """Remote events, then people with their tags and attendances, changed since the cursor.

    Every request is made before anything is written for that page, so no transaction is
    held open across the network; a dry run reads everything, then writes it all inside a
    transaction that it rolls back."""
    since = cursor.get("pulled_until")
    started = _stamp(timezone.now())
    if not dry_run:
        if (cursor.get("pull_next") or cursor.get("pull_events_next")) and cursor.get(
            "pull_started"
        ):
            # Resuming: the next pull starts from when this one began, so nothing changed
            # on the pages already read while it was interrupted is missed.
            started = cursor.get("pull_started")
        else:
            cursor.set(pull_started=started)
    entry: dict = {}

    def first_page(rel: str, key: str) -> str | None:
        url = None if dry_run else cursor.get(key)
        if url:
            return url
        if not entry:
            entry.update(remote.entry())
        href = _href(entry, rel)
        return f"{href}?{_since_query(since)}" if href else None

    pulled = _Pulled(remote)
    fetched_events: list[tuple[str, dict]] = []
    url = first_page("osdi:events", "pull_events_next")
    done = 0
    while url:
        page = remote.call("GET", url)
        batch = []
        for data in (page.get("_embedded") or {}).get("osdi:events") or []:
            href = _href(data, "self") or ""
            pulled.events[href] = data
            batch.append((href, data))
            done += 1
            _progress(progress, "pull events", done, page.get("total_records"))
        url = _href(page, "next")
        if dry_run:
            fetched_events += batch
            continue
        for href, data in batch:
            _pull_event(coalition, href, data, report, pulled, cursor, event_host)
        cursor.set(pull_events_next=url)
    if progress and done:
        progress.write("\n")

    tag_names: dict[str, str] = {}
    fetched = []
    url = first_page("osdi:people", "pull_next")
    done = 0
    while url:
        page = remote.call("GET", url)
        batch = []
        for data in (page.get("_embedded") or {}).get("osdi:people") or []:
            attended = _remote_attendances(remote, data, pulled, report)
            batch.append((data, _remote_tags(remote, data, tag_names), attended))
            done += 1
            _progress(progress, "pull people", done, page.get("total_records"))
        url = _href(page, "next")
        if dry_run:
            fetched += batch
            continue
        for data, names, attended in batch:
            _pull_person(coalition, data, names, attended, report, pulled, cursor, event_host)
        cursor.set(pull_next=url)
    if dry_run:
        try:
            with transaction.atomic():
                for href, data in fetched_events:
                    _pull_event(coalition, href, data, report, pulled, None, event_host)
                for data, names, attended in fetched:
                    _pull_person(coalition, data, names, attended, report, pulled, None, event_host)
                raise DryRun
        except DryRun:
            pass
    else:
        cursor.set(pulled_until=started, pull_next=None, pull_events_next=None, pull_started=None)
    if progress and done:
        progress.write("\n")


def _remote_tags(remote, data, tag_names) -> list[str]:
    names = []
    next_url = _href(data, "osdi:taggings")
    while next_url:
        page = remote.call("GET", next_url)
        for tagging in (page.get("_embedded") or {}).get("osdi:taggings") or []:
            tag_href = _href(tagging, "osdi:tag")
            if tag_href and tag_href not in tag_names:
                tag_names[tag_href] = remote.call("GET", tag_href).get("name", "")
            if tag_href and tag_names[tag_href]:
                names.append(tag_names[tag_href])
        next_url = _href(page, "next")
    return names


def _remote_attendances(remote, data, pulled: _Pulled, report) -> list[tuple[str, str | None]]:
    """(event address, when) for each of this remote person's attendances; the events they
    name are read once each. A token that may not read attendances reads none."""
    out = []
    next_url = None if pulled.attendances_refused else _href(data, "osdi:attendances")
    while next_url:
        try:
            page = remote.call("GET", next_url)
        except SyncError as error:
            if error.status == 403:
                # Said once: this token may not read attendances (only hosts may, on Juntos).
                pulled.attendances_refused = True
                report.line("attendances not read: the remote refuses this token (HTTP 403)")
                return out
            if error.status != 404:
                raise
            return out
        for row in (page.get("_embedded") or {}).get("osdi:attendances") or []:
            if row.get("status") in ("declined", "cancelled") or row.get("attended") is False:
                continue
            href = _href(row, "osdi:event")
            if href and pulled.event_data(href, report) is not None:
                out.append((href, row.get("action_date") or row.get("created_date")))
        next_url = _href(page, "next")
    return out


def _clean_identifiers(values) -> list[str]:
    from juntos.api.views import event_identifiers

    good = []
    for value in values if isinstance(values, list) else []:
        try:
            good += event_identifiers([value])
        except osdi.BadRequest:
            continue
    return good


def _event_facts(event) -> dict:
    return {k: getattr(event, k) for k in EVENT_SYNCED} | {"status": event.status}


# The OSDI event fields a sync carries; everything else on an event is Juntos' own.
EVENT_SYNCED = ("title", "description", "starts_at", "ends_at", "venue_name", "venue_address")


def _pull_event(coalition, href, data, report, pulled: _Pulled, cursor, event_host):
    """One remote event here: found by identifier, else planned with the hosts it names (or
    `event_host`); the OSDI fields the remote sent win."""
    from juntos.api.views import event_identifiers_add, event_input, find_event
    from juntos.events.models import Event, EventKind
    from juntos.events.services.base import EventError
    from juntos.events.services.planning import event_plan, event_status_set, event_update
    from juntos.members.models import Member

    if href in pulled.local:
        return pulled.local[href]
    pulled.local[href] = None
    identifiers = _clean_identifiers(data.get("identifiers"))
    body = {k: v for k, v in data.items() if k not in ("juntos:hosts", "identifiers")}
    label = data.get("title") or data.get("name") or href
    try:
        fields, _hosts, status = event_input(coalition, body, partial=True)
    except osdi.BadRequest as error:
        report.line(f"skipped the event {label}: {error}")
        return None
    try:
        with transaction.atomic():
            events = Event.objects.select_for_update().filter(coalition=coalition)
            existing = find_event(events, identifiers) if identifiers else None
            if existing is None:
                if "title" not in fields or "starts_at" not in fields:
                    report.line(f"skipped the event {label}: no title or start_date")
                    return None
                names = data.get("juntos:hosts")
                hosts = list(
                    Member.objects.filter(
                        coalition=coalition,
                        status=Member.Status.ACTIVE,
                        name__in=[n for n in names if isinstance(n, str)]
                        if isinstance(names, list)
                        else [],
                    )
                )
                if not hosts and event_host is not None:
                    hosts = [event_host]
                if not hosts:
                    report.line(
                        f"skipped the event {label}: no host organization here (use --host)"
                    )
                    return None
                fields.setdefault("ends_at", fields["starts_at"] + timedelta(hours=2))
                fields.setdefault("kind", EventKind.COMMUNITY_FORUM)
                event = event_plan(coalition=coalition, actor=None, hosts=hosts, data=fields)
                if status:
                    event = event_status_set(event=event, actor=None, status=status)
                report.events_new += 1
                report.line(f"pull: new event {event.title}")
            else:
                before = _event_facts(existing)
                changed = {k: v for k, v in fields.items() if getattr(existing, k) != v}
                event = existing
                if changed:
                    event = event_update(event=event, actor=None, data=changed)
                if status and status != event.status:
                    event = event_status_set(event=event, actor=None, status=status)
                after = _event_facts(event)
                if before != after:
                    report.events_updated += 1
                    diff = sorted(k for k in after if before[k] != after[k])
                    report.line(f"pull: update event {event.title} ({', '.join(diff)})")
            event_identifiers_add(event, identifiers)
    except EventError as error:
        report.line(f"skipped the event {label}: {error}")
        return None
    pulled.local[href] = event
    if cursor is not None and href:
        _remember_event(cursor, event, data)
    return event


def _remember_event(cursor: Cursor, event, data: dict) -> None:
    """Which remote event is this one: its address and where attendance is recorded."""
    known = dict(cursor.get("events") or {})
    known[str(event.uuid)] = {
        "self": _href(data, "self"),
        "attendances": _href(data, "osdi:record_attendance_helper")
        or _href(data, "osdi:attendances"),
    }
    cursor.set(events=known)


def _pull_person(coalition, data, names, attended, report, pulled, cursor, event_host) -> None:
    try:
        parsed = person_sync.parse_person(
            {k: v for k, v in data.items() if k != "custom_fields" or isinstance(v, dict)},
            strict=False,
        )
    except osdi.BadRequest as error:
        report.line(f"skipped {data.get('identifiers')}: {error}")
        return
    if not (parsed.email or parsed.phone or parsed.identifiers):
        report.line(f"skipped a remote person with no email, phone or id: {data.get('_links')}")
        return
    try:
        with transaction.atomic():
            existing = person_sync.find_person(coalition, parsed)
            before = _facts(existing) if existing else None
            person, created = person_sync.person_upsert(
                coalition=coalition, parsed=parsed, actor=None, add_tags=names, person=existing
            )
            after = _facts(person)
    except osdi.BadRequest as error:
        # e.g. someone new here whose contact details this token may not read
        report.line(f"skipped {data.get('identifiers')}: {error}")
        return
    label = person.email or person.phone
    if created:
        report.pulled_new += 1
        report.line(f"pull: new {label}")
    elif before != after:
        report.pulled_updated += 1
        changed = sorted(k for k in after if before.get(k) != after.get(k))
        report.line(f"pull: update {label} ({', '.join(changed)})")
    else:
        report.pulled_unchanged += 1
    for href, when in attended:
        event = _pull_event(
            coalition, href, pulled.events[href], report, pulled, cursor, event_host
        )
        if event is not None:
            _pull_attendance(event, person, when, report)


def _pull_attendance(event, person, when, report) -> None:
    """Recorded once: the same person at the same event is never counted twice. It keeps the
    remote's date, so the next push does not send it straight back."""
    from django.utils.dateparse import parse_datetime

    from juntos.events.models import EventAttendance
    from juntos.events.services.signin import _attendance_webhook

    try:
        recorded = parse_datetime(when) if isinstance(when, str) else None
    except ValueError:
        recorded = None
    with transaction.atomic():
        row, created = EventAttendance.objects.get_or_create(
            event=event,
            person=person,
            defaults={"member": person.member, "recorded_at": recorded or timezone.now()},
        )
        if created:
            _attendance_webhook(row)
    if created:
        report.attendances_new += 1
        report.line(f"pull: {person.email or person.phone} attended {event.title}")


def _facts(person: Person) -> dict:
    return {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "email": person.email,
        "phone": person.phone,
        "address": person.address,
        "city": person.city,
        "state": person.state,
        "zip_code": person.zip_code,
        "country": person.country,
        "email_status": person.email_status,
        "sms_status": person.sms_status,
        "custom_fields": dict(person.custom_fields or {}),
        "identifiers": list(person.identifiers or []),
        "tags": sorted(person.taggings.values_list("tag__name", flat=True)),
    }


PERSON_PUSHED = (
    "identifiers",
    "given_name",
    "family_name",
    "email_addresses",
    "phone_numbers",
    "postal_addresses",
    "languages_spoken",
    "custom_fields",
)


def push(
    *, coalition, remote: Remote, cursor: Cursor, report: Report, dry_run: bool, progress=None
) -> None:
    """Events, people and attendances changed here since the last push, to the remote."""
    since = cursor.get("pushed_until")
    started = timezone.now()
    after = datetime.fromisoformat(since.replace("Z", "+00:00")) if since else None
    links: dict = {}

    def link(rel: str) -> str:
        if not links:
            links.update(remote.entry()["_links"])
        return links[rel]["href"]

    _push_events(coalition, remote, cursor, report, dry_run, progress, after, link)
    people = Person.objects.filter(coalition=coalition).exclude(email="", phone="")
    if after:
        people = people.filter(updated_at__gt=after)
    people = list(people.order_by("updated_at", "pk"))
    request = osdi.SiteRequest()
    tags: dict[int, list[str]] = {}
    for person_id, name in Tagging.objects.filter(person__in=people).values_list(
        "person_id", "tag__name"
    ):
        tags.setdefault(person_id, []).append(name)
    for done, person in enumerate(people, start=1):
        resource = osdi.person_resource(request, person, contact_visible=True)
        body = {
            "person": {k: resource[k] for k in PERSON_PUSHED},
            "add_tags": sorted(tags.get(person.pk, [])),
        }
        report.pushed += 1
        report.line(f"push: {person.email or person.phone}")
        if not dry_run:
            if not links:
                links.update(remote.entry()["_links"])
            helper = (links.get("osdi:person_signup_helper") or links["osdi:people"])["href"]
            remote.call("POST", helper, body)
        _progress(progress, "push people", done, len(people))
    if progress and people:
        progress.write("\n")
    _push_attendances(coalition, remote, cursor, report, dry_run, progress, after, link)
    if not dry_run:
        cursor.set(pushed_until=_stamp(started))


def _event_body(event) -> dict:
    """The event as OSDI fields, with Juntos' id among its identifiers."""
    status = {"published": "confirmed", "cancelled": "cancelled"}.get(event.status, "tentative")
    body = {
        "identifiers": [f"juntos:{event.uuid}", *(event.identifiers or [])],
        "title": event.title,
        "name": event.title,
        "description": event.description,
        "start_date": osdi.iso(event.starts_at),
        "end_date": osdi.iso(event.ends_at),
        "status": status,
        "juntos:kind": event.kind,
    }
    if event.venue_name or event.venue_address:
        body["location"] = {
            "venue": event.venue_name,
            "address_lines": [event.venue_address] if event.venue_address else [],
        }
    return body


def _push_event(event, remote, cursor, link) -> dict:
    """PUT to the remote event already known, else POST (another Juntos finds its own event
    again by the identifiers); the remote's ids and addresses are kept."""
    from juntos.api.views import event_identifiers_add

    known = (cursor.get("events") or {}).get(str(event.uuid)) or {}
    body = _event_body(event)
    if known.get("self"):
        answer = remote.call("PUT", known["self"], body)
    else:
        # A new event there needs its hosts (another Juntos matches them by name; Action
        # Network ignores the field). Hosts never change through a sync afterwards.
        body["juntos:hosts"] = sorted(h.name for h in event.hosts.all())
        answer = remote.call("POST", link("osdi:events"), body)
    event_identifiers_add(event, _clean_identifiers(answer.get("identifiers")))
    _remember_event(cursor, event, answer)
    return (cursor.get("events") or {})[str(event.uuid)]


def _push_events(coalition, remote, cursor, report, dry_run, progress, after, link) -> None:
    """Published and cancelled events (a draft is still being planned and stays here)."""
    from juntos.events.models import Event

    events = Event.objects.filter(
        coalition=coalition, status__in=(Event.Status.PUBLISHED, Event.Status.CANCELLED)
    )
    if after:
        events = events.filter(updated_at__gt=after)
    events = list(events.order_by("updated_at", "pk"))
    for done, event in enumerate(events, start=1):
        report.events_pushed += 1
        report.line(f"push: event {event.title}")
        if not dry_run:
            try:
                _push_event(event, remote, cursor, link)
            except SyncError as error:
                if error.status not in (400, 422):
                    raise
                report.events_pushed -= 1
                report.line(f"not pushed: event {event.title}: {error}")
        _progress(progress, "push events", done, len(events))
    if progress and events:
        progress.write("\n")


def _push_attendances(coalition, remote, cursor, report, dry_run, progress, after, link) -> None:
    """Each person's attendance recorded here since, to the event's record-attendance
    helper with the person (found there by identifier or email, never added twice)."""
    from juntos.events.models import Event, EventAttendance

    rows = (
        EventAttendance.objects.filter(
            event__coalition=coalition,
            person__isnull=False,
            event__status__in=(Event.Status.PUBLISHED, Event.Status.CANCELLED),
        )
        .exclude(person__email="", person__phone="")
        .select_related("event", "person", "person__member")
    )
    if after:
        rows = rows.filter(recorded_at__gt=after)
    rows = list(rows.order_by("recorded_at", "pk"))
    request = osdi.SiteRequest()
    for done, row in enumerate(rows, start=1):
        label = row.person.email or row.person.phone
        report.attendances_pushed += 1
        report.line(f"push: {label} attended {row.event.title}")
        if not dry_run:
            known = (cursor.get("events") or {}).get(str(row.event.uuid)) or {}
            if not known.get("attendances"):
                try:
                    known = _push_event(row.event, remote, cursor, link)
                except SyncError as error:
                    if error.status not in (400, 422):
                        raise
            if not known.get("attendances"):
                report.attendances_pushed -= 1
                report.line(f"not pushed: {label} at {row.event.title} (the event is not there)")
                continue
            resource = osdi.person_resource(request, row.person, contact_visible=True)
            person = {
                k: resource[k]
                for k in (
                    "identifiers",
                    "given_name",
                    "family_name",
                    "email_addresses",
                    "phone_numbers",
                )
            }
            remote.call("POST", known["attendances"], {"person": person})
        _progress(progress, "push attendances", done, len(rows))
    if progress and rows:
        progress.write("\n")


def run(
    *,
    coalition,
    remote: Remote,
    cursor: Cursor,
    pull_: bool = True,
    push_: bool = True,
    dry_run: bool = False,
    progress=sys.stderr,
    event_host=None,
) -> Report:
    """Pull then push. A dry run does the pull inside a transaction it rolls back, and
    sends nothing, so its report is exactly what a real run would change."""
    report = Report()
    if pull_:
        pull(
            coalition=coalition,
            remote=remote,
            cursor=cursor,
            report=report,
            progress=progress,
            dry_run=dry_run,
            event_host=event_host,
        )
    if push_:
        push(
            coalition=coalition,
            remote=remote,
            cursor=cursor,
            report=report,
            dry_run=dry_run,
            progress=progress,
        )
    return report
