"""`juntos sync`: people, tags and taggings both ways with an OSDI server (Action Network,
or another Juntos), incrementally by modified_date.

Pull: every remote person changed since the last pull (filter=modified_date gt '…',
following `next` links) is found here by identifier, email or phone and written as the
signup helper writes (person_sync): what the remote sends wins, what it leaves empty stays,
an unsubscribe or spam complaint is never undone, custom fields merge key by key, tags are
added (never removed by a sync). Push: every person changed here since the last push goes
to the remote's signup helper with Juntos' id among its identifiers, so the remote finds
the same person again (and never makes a second). The cursor (last pull, last push, the
page being pulled) is kept in a small JSON file, so an interrupted sync resumes where it
stopped. Requests are spaced to stay under the remote's limit (Action Network allows a
few a second) and a 429 waits for its Retry-After.
"""

from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from juntos.api import osdi, person_sync
from juntos.members.models import Person, Tagging


class SyncError(RuntimeError):
    pass


class DryRun(Exception):
    """Raised at the end of a dry run so the transaction rolls everything back."""


@dataclass
class Report:
    pulled_new: int = 0
    pulled_updated: int = 0
    pulled_unchanged: int = 0
    pushed: int = 0
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
                raise SyncError(f"{method} {self.url(path)}: HTTP {error.code} {detail}") from None
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


def pull(
    *, coalition, remote: Remote, cursor: Cursor, report: Report, progress=None, dry_run=False
) -> None:
    """Remote people changed since the cursor, with their tags, into this coalition.

    Every request is made before anything is written for that page, so no transaction is
    held open across the network; a dry run reads everything, then writes it all inside a
    transaction that it rolls back."""
    since = cursor.get("pulled_until")
    started = timezone.now()
    url = None if dry_run else cursor.get("pull_next")
    if not url:
        entry = remote.entry()
        url = entry["_links"]["osdi:people"]["href"]
        query = {"per_page": "25"}
        if since:
            query["filter"] = f"modified_date gt '{since}'"
        url = f"{url}?{urllib.parse.urlencode(query)}"
    tag_names: dict[str, str] = {}
    fetched = []
    done = 0
    while url:
        page = remote.call("GET", url)
        batch = []
        for data in (page.get("_embedded") or {}).get("osdi:people") or []:
            batch.append((data, _remote_tags(remote, data, tag_names)))
            done += 1
            _progress(progress, "pull people", done, page.get("total_records"))
        url = ((page.get("_links") or {}).get("next") or {}).get("href")
        if dry_run:
            fetched += batch
            continue
        for data, names in batch:
            _pull_person(coalition, data, names, report)
        cursor.set(pull_next=url)
    if dry_run:
        try:
            with transaction.atomic():
                for data, names in fetched:
                    _pull_person(coalition, data, names, report)
                raise DryRun
        except DryRun:
            pass
    else:
        cursor.set(pulled_until=_stamp(started), pull_next=None)
    if progress:
        progress.write("\n")


def _remote_tags(remote, data, tag_names) -> list[str]:
    names = []
    next_url = ((data.get("_links") or {}).get("osdi:taggings") or {}).get("href")
    while next_url:
        page = remote.call("GET", next_url)
        for tagging in (page.get("_embedded") or {}).get("osdi:taggings") or []:
            tag_href = ((tagging.get("_links") or {}).get("osdi:tag") or {}).get("href")
            if tag_href and tag_href not in tag_names:
                tag_names[tag_href] = remote.call("GET", tag_href).get("name", "")
            if tag_href and tag_names[tag_href]:
                names.append(tag_names[tag_href])
        next_url = ((page.get("_links") or {}).get("next") or {}).get("href")
    return names


def _pull_person(coalition, data, names, report) -> None:
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
    with transaction.atomic():
        existing = person_sync.find_person(coalition, parsed)
        before = _facts(existing) if existing else None
        person, created = person_sync.person_upsert(
            coalition=coalition, parsed=parsed, actor=None, add_tags=names, person=existing
        )
        after = _facts(person)
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


def push(
    *, coalition, remote: Remote, cursor: Cursor, report: Report, dry_run: bool, progress=None
) -> None:
    """People changed here since the last push, to the remote's signup helper."""
    since = cursor.get("pushed_until")
    started = timezone.now()
    people = Person.objects.filter(coalition=coalition).exclude(email="", phone="")
    if since:
        people = people.filter(updated_at__gt=datetime.fromisoformat(since.replace("Z", "+00:00")))
    people = list(people.order_by("updated_at", "pk"))
    helper = None
    request = osdi.SiteRequest()
    tags: dict[int, list[str]] = {}
    for person_id, name in Tagging.objects.filter(person__in=people).values_list(
        "person_id", "tag__name"
    ):
        tags.setdefault(person_id, []).append(name)
    for done, person in enumerate(people, start=1):
        resource = osdi.person_resource(request, person, contact_visible=True)
        body = {
            "person": {
                k: resource[k]
                for k in (
                    "identifiers",
                    "given_name",
                    "family_name",
                    "email_addresses",
                    "phone_numbers",
                    "postal_addresses",
                    "languages_spoken",
                    "custom_fields",
                )
            },
            "add_tags": sorted(tags.get(person.pk, [])),
        }
        report.pushed += 1
        report.line(f"push: {person.email or person.phone}")
        if not dry_run:
            if helper is None:
                links = remote.entry()["_links"]
                helper = (links.get("osdi:person_signup_helper") or links["osdi:people"])["href"]
            remote.call("POST", helper, body)
        _progress(progress, "push people", done, len(people))
    if not dry_run:
        cursor.set(pushed_until=_stamp(started))
    if progress and people:
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
