"""Who read what: note displays and exports of sensitive details during a request; the
middleware writes them in one bulk insert when the response is ready.

Nothing is noted when the reader is the person themselves, outside a request (mail,
commands) or for anonymous requests.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.utils import timezone

from juntos.privacy import state as request_state
from juntos.privacy.models import AccessKind, AccessRecord

__all__ = ["AccessKind", "flush", "note"]

# Only bench/access_log.py turns this off, to measure the log's cost in the same run.
ENABLED = True


def note(*, coalition_id: int, what: str, person_ids: Iterable[int] = (), ref: str = ""):
    """Record that the current request shows `what` about these people (or `ref`)."""
    state = request_state.current()
    if state is None or not ENABLED:
        return
    request = state.request
    user = _viewer(request)
    if user is None or not user.is_authenticated:
        return
    own = getattr(request, "person", None)
    own_id = own.pk if own is not None and own.coalition_id == coalition_id else None
    ids = [pid for pid in person_ids if pid != own_id]
    if ref and not ids:
        state.notes.append((coalition_id, what, None, ref))
    for pid in ids:
        state.notes.append((coalition_id, what, pid, ref))


def _viewer(request):
    """The reader: the token's owner for API requests, else the signed-in user."""
    token = getattr(request, "api_token", None)
    return token.user if token is not None else getattr(request, "user", None)


_COLUMNS = ("coalition_id", "viewer_id", "person_id", "what", "ref", "page", "token_id", "at")
_BATCH = 100  # rows per INSERT: 800 parameters, under every SQLite's limit


def flush(state) -> int:
    """Write the request's notes, one row per (coalition, what, person, ref), in plain
    multi-row INSERTs: a directory page notes fifty people on every reading, and building
    fifty model instances for bulk_create cost more than the rest of a kept page."""
    if not state.notes:
        return 0
    request = state.request
    token = getattr(request, "api_token", None)
    viewer_id = _viewer(request).pk
    page = request.path[:200]
    at = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = []
    for coalition_id, what, person_id, ref in dict.fromkeys(state.notes):
        rows.append((coalition_id, viewer_id, person_id, what, ref, page, token and token.pk, at))
    state.notes.clear()
    quote = connection.ops.quote_name
    head = "INSERT INTO {} ({}) VALUES ".format(
        quote(AccessRecord._meta.db_table), ", ".join(quote(c) for c in _COLUMNS)
    )
    one = "(" + ", ".join(["%s"] * len(_COLUMNS)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _BATCH):
            batch = rows[start : start + _BATCH]
            cursor.execute(head + ", ".join([one] * len(batch)), [v for r in batch for v in r])
    return len(rows)
