"""The version counter, the ETag check of polled fragments and the poll interval hint."""

import hashlib
import os
from datetime import timedelta
from functools import cache, wraps
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

POLL_HEADER = "Juntos-Poll-Seconds"


def bump(meeting_id: int | None) -> None:
    """One UPDATE in the caller's transaction; the row is made on the first change."""
    from juntos.live.models import MeetingVersion

    if meeting_id is None:
        return
    if MeetingVersion.objects.filter(pk=meeting_id).update(version=F("version") + 1):
        return
    try:
        with transaction.atomic():  # a savepoint: a racing first insert must not break ours
            MeetingVersion.objects.create(pk=meeting_id, version=1)
    except IntegrityError:
        MeetingVersion.objects.filter(pk=meeting_id).update(version=F("version") + 1)


def bump_coalition_today(coalition_id: int) -> None:
    """A member's change shows on the panels of the coalition's meetings around today."""
    from juntos.live.models import MeetingVersion

    now = timezone.now()
    MeetingVersion.objects.filter(
        meeting__coalition_id=coalition_id,
        meeting__starts_at__range=(now - timedelta(days=2), now + timedelta(days=2)),
    ).update(version=F("version") + 1)


def current(request, pk) -> int | None:
    """The version of a meeting this viewer may see (0 before any change), or None: one
    query, through the same visibility rule as the meeting's pages."""
    from juntos.governance.selectors import meetings_visible_to

    rows = list(meetings_visible_to(request).filter(pk=pk).values_list("live_version__version")[:1])
    if not rows:
        return None
    return rows[0][0] or 0


@cache
def build() -> str:
    """Changes when the code or the translations change, so a new release is never
    answered with a fragment rendered by the old one."""
    digest = hashlib.sha1()
    root = Path(__file__).resolve().parents[1]
    for path in sorted(root.glob("governance/templates/governance/_*.html")) + sorted(
        root.glob("locale/*/LC_MESSAGES/django.mo")
    ):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def poll_seconds(base: int) -> int:
    """How often a page should poll: the UI's interval, times JUNTOS_LIVE_POLL_FACTOR, and
    doubled while the machine's load per core is above JUNTOS_LIVE_BUSY_LOAD."""
    seconds = base * getattr(settings, "JUNTOS_LIVE_POLL_FACTOR", 1)
    try:
        per_core = os.getloadavg()[0] / (os.cpu_count() or 1)
    except OSError:
        per_core = 0.0
    if per_core > getattr(settings, "JUNTOS_LIVE_BUSY_LOAD", 1.5):
        seconds *= 2
    return int(seconds)


def etag_for(request, pk, version: int, kind: str, per_person: bool) -> str:
    who = f"p{request.person.pk}" if per_person else request.role
    return f'"{kind}-{pk}-{version}-{get_language()}-{who}-{build()}"'


def _matches(header: str, tag: str) -> bool:
    return any(part.strip() in (tag, "W/" + tag, "*") for part in header.split(","))


def live_fragment(kind: str, *, every: int, per_person: bool = False):
    """Put under @coalition_view on a polled fragment of a meeting (url argument `pk`).

    The access check has run; one query reads the version (and 404s a meeting this viewer
    may not see); an If-None-Match naming the current ETag gets 304 without rendering."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, pk, *args, **kwargs):
            version = current(request, pk)
            if version is None:
                raise Http404
            tag = etag_for(request, pk, version, kind, per_person)
            if _matches(request.headers.get("If-None-Match", ""), tag):
                response = HttpResponseNotModified()
            else:
                response = view(request, pk, *args, **kwargs)
            if response.status_code in (200, 304):
                response["ETag"] = tag
                # The browser asks again every time (no-cache) and keeps it to itself.
                response["Cache-Control"] = "private, no-cache"
                patch_vary_headers(response, ("Cookie", "Accept-Language"))
            response[POLL_HEADER] = str(poll_seconds(every))
            return response

        return wrapper

    return decorator
