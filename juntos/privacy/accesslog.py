"""Who read what: note displays and exports of sensitive details during a request; the
middleware writes them in one bulk insert when the response is ready.

Nothing is noted when the reader is the person themselves, outside a request (mail,
commands) or for anonymous requests.
"""

from __future__ import annotations

from collections.abc import Iterable

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


def flush(state) -> int:
    if not state.notes:
        return 0
    request = state.request
    token = getattr(request, "api_token", None)
    now = timezone.now()
    page = request.path[:200]
    seen = set()
    rows = []
    for coalition_id, what, person_id, ref in state.notes:
        key = (coalition_id, what, person_id, ref)
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            AccessRecord(
                coalition_id=coalition_id,
                viewer_id=_viewer(request).pk,
                person_id=person_id,
                what=what,
                ref=ref,
                page=page,
                token=token,
                at=now,
            )
        )
    state.notes.clear()
    AccessRecord.objects.bulk_create(rows, batch_size=500)
    return len(rows)
