"""What a worker remembers between requests about who is asking (issue 21).

Every signed-in request reads the same few rows before it does anything: the session, the
user, the person with their member, coalition and privacy settings, the coalition's charter.
At an assembly of 2,000 delegates that is most of the cost of an unchanged poll. A worker
keeps what it read, per row, and uses it again while the *access version* stands: one row
(core/pagecache.py, row 2 of `core_dataversion`) that every commit writing to one of those
tables moves. One small read of that row per request replaces the rest.

- Nothing is remembered outside a request (commands, the worker, tests calling services).
- A process that wrote to one of those tables, committed or not, never uses what it
  remembered before (pagecache.access_writes only grows).
- Each request gets its own copies (pickled), so nothing one request changes on an object
  reaches another.
- A session is used only until it expires, as the database would say.
- `JUNTOS_REMEMBER_ACCESS=0` turns it off (every request reads them again).
"""

import pickle
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.signals import request_finished, request_started

from juntos.core import pagecache

_scope = threading.local()  # per thread: runserver serves requests in threads
_UNREAD = object()
# A session, a user and a person for each delegate of a 2,000-member assembly, and room to
# spare (about 2 KB each): past that the oldest go first.
_kept: OrderedDict = OrderedDict()
_lock = threading.Lock()
KEPT_MAX = 20000


def _begin(**kwargs) -> None:
    _scope.version = _UNREAD


def _end(**kwargs) -> None:
    _scope.version = None


request_started.connect(_begin, dispatch_uid="juntos-remembered")
request_finished.connect(_end, dispatch_uid="juntos-remembered")


def watch(*models) -> None:
    """Writes to these models' tables move the access version (called where a kind of row
    is remembered, so the list cannot fall behind what is remembered)."""
    for model in models:
        pagecache.access_tables.add(model._meta.db_table)


def _version():
    version = getattr(_scope, "version", None)
    if version is _UNREAD and not settings.JUNTOS_REMEMBER_ACCESS:
        version = _scope.version = None
    if version is _UNREAD:
        version = pagecache.shared_access_version()
        _scope.version = version
    if version is None:
        return None
    return (version, pagecache.access_writes)


def recall(kind: str, ident, load):
    """`load()`'s answer for (kind, ident), remembered while the access version stands.
    `load` returns None for "nothing there", which is never remembered."""
    version = _version()
    if version is None:
        return load()
    key = (kind, ident)
    found = _kept.get(key)
    if found is not None and found[0] == version:
        return pickle.loads(found[1])  # noqa: S301 (this process's own bytes)
    value = load()
    if value is not None:
        entry = (version, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
        with _lock:  # a threaded server (runserver) shares this between requests
            _kept[key] = entry
            _kept.move_to_end(key)
            while len(_kept) > KEPT_MAX:
                _kept.popitem(last=False)
    return value


def forget() -> None:
    _kept.clear()
