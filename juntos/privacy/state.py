"""Per-request privacy state: whether the coalition being served is locked down, and the
access records noted so far (flushed in one insert when the response is ready).

`coalition_view` and the API's token check call `bind()` with the coalition they resolved
(its privacy row comes in the same query), so asking "is this locked down?" costs nothing.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field

_request: ContextVar = ContextVar("juntos_privacy_request", default=None)


@dataclass
class RequestState:
    request: object
    locked: bool = False
    coalition_id: int | None = None
    notes: list = field(default_factory=list)


def start(request):
    return _request.set(RequestState(request))


def finish(token):
    _request.reset(token)


def current() -> RequestState | None:
    return _request.get()


def settings_of(coalition):
    """The coalition's PrivacySettings if it has one (select_related or cached), else None."""
    from juntos.privacy.models import PrivacySettings

    try:
        return coalition.privacy
    except PrivacySettings.DoesNotExist:
        return None


def bind(request, coalition) -> bool:
    """Note the request's coalition and whether it is locked down; return that."""
    row = settings_of(coalition)
    locked = bool(row and row.locked_at)
    request.locked_down = locked
    state = current()
    if state is not None and state.request is request:
        state.locked = locked
        state.coalition_id = coalition.pk
    return locked


def locked_down() -> bool:
    """Whether the coalition this request serves is locked down (False outside requests)."""
    state = current()
    return bool(state and state.locked)
