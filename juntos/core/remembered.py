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

Each gunicorn worker would otherwise read each delegate once, and an assembly's delegate
makes only a few requests, spread over the workers: what one worker read for a browser
session (its session and people; never the user, whose row carries the password's hash)
is also left in the shared `people` cache (the table `juntos_people`, or Redis) under the
access version, and another worker's first request for that session reads it there in one
small read.
"""

import pickle
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.utils.connection import ConnectionProxy

from juntos.core import pagecache

people = ConnectionProxy(caches, "people")
SHARED_SECONDS = 3600

_scope = threading.local()  # per thread: runserver serves requests in threads
_UNREAD = object()
# A session, a user and a person for each delegate of a 2,000-member assembly, and room to
# spare (about 2 KB each): past that the oldest go first.
_kept: OrderedDict = OrderedDict()
_lock = threading.Lock()
KEPT_MAX = 20000


def _begin(**kwargs) -> None:
    _scope.version = _UNREAD
    _scope.session_key = None
    _scope.bundle = _UNREAD  # what the shared cache holds for this browser session
    _scope.added = {}


def _end(**kwargs) -> None:
    """Leave what this request read for its browser session in the shared cache."""
    added, key = getattr(_scope, "added", None), getattr(_scope, "session_key", None)
    version = getattr(_scope, "version", None)
    _scope.version, _scope.added, _scope.session_key = None, {}, None
    if not added or key is None or version in (None, _UNREAD) or not _shareable():
        return
    bundle = getattr(_scope, "bundle", None)
    items = dict(bundle[1]) if isinstance(bundle, tuple) and bundle[0] == version else {}
    items.update(added)
    try:
        people.set(f"who:{key}", (version, items), SHARED_SECONDS)
    except Exception:  # noqa: BLE001 (a cache that cannot be written costs speed only)
        return


def _shareable() -> bool:
    # Only what the database holds as committed at this version may be shared: not while
    # this process has written to those tables and not yet published it.
    return not pagecache._access_unpublished


def _shared(kind, ident):
    key = getattr(_scope, "session_key", None)
    if key is None or not _shareable():
        return None
    bundle = _scope.bundle
    if bundle is _UNREAD:
        try:
            bundle = people.get(f"who:{key}")
        except Exception:  # noqa: BLE001
            bundle = None
        _scope.bundle = bundle
    if not isinstance(bundle, tuple) or bundle[0] != _scope.version:
        return None
    return bundle[1].get((kind, ident))


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


def recall(kind: str, ident, load, *, session: bool = False, shared: bool = False):
    """`load()`'s answer for (kind, ident), remembered while the access version stands.
    `load` returns None for "nothing there", which is never remembered. `session` names the
    browser session's own row (its key is `ident`); `shared` rows are left for the other
    workers with that session's."""
    if session:
        _scope.session_key = ident
        shared = True
    version = _version()
    if version is None:
        return load()
    key = (kind, ident)
    found = _kept.get(key)
    if found is not None and found[0] == version:
        return pickle.loads(found[1])  # noqa: S301 (this process's own bytes)
    data = _shared(kind, ident) if shared else None
    if data is not None:
        value = pickle.loads(data)  # noqa: S301 (written by this installation's workers)
    else:
        value = load()
        if value is None:
            return None
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        if shared:
            _scope.added[key] = data
    with _lock:  # a threaded server (runserver) shares this between requests
        _kept[key] = (version, data)
        _kept.move_to_end(key)
        while len(_kept) > KEPT_MAX:
            _kept.popitem(last=False)
    return value
