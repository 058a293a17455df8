"""Pages rendered once per reader until the data changes (issue 21).

The most used pages (home, directory, a meeting, a campaign, a sign-in list, ...) are read
far more often than anything they show changes. `@cached_page` keeps a page's rendered
response in the shared cache, per reader, and serves it again while the data is the same.

Invalidation is explicit and global, and nothing has to remember to do it: every statement
that writes to the database (through the ORM, `bulk_create`, `QuerySet.update()` or raw
SQL) is seen by a database execute wrapper, and the commit that makes it visible moves the
*data version* (one row, `core.DataVersion`, set to the time of the commit in one plain
UPDATE after it: a job that commits thousands of small transactions, like notice
delivery, pays one round trip for each). A page kept under an
older version is never served. A writer's own uncommitted changes count too: until its
transaction commits, the process keeps a local count of writes that is part of the version
it reads, so it never serves itself a page from before its own change.

Reading a kept page is still a reading: the access records its rendering noted (who saw
whose contact details, juntos/privacy/accesslog.py) are kept with it and noted again.

The key names everything else a page depends on: the URL with its query, the person and
their role, the language, the CSRF secret of the browser session (a kept form carries a
token for it), htmx or not, and the day in the coalition's time zone. Pages that change
with the clock within a day (check-in opening at six) are kept at most
`JUNTOS_PAGE_CACHE_SECONDS` (60 s); 0 turns the cache off. A page is not kept when it
carries a one-time message, sets a cookie or answers other than 200.

Pages are kept in a store of their own (the `pages` cache: the table `juntos_pages` or
Redis), so they never push rate limits or form tokens out of the default cache. The caches
themselves, the data version's row and sign-in attempts do not count as data: writing a kept
page must not invalidate it.
"""

import hashlib
import threading
import time
import zlib
from collections import OrderedDict
from functools import lru_cache, wraps
from pathlib import Path

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import DatabaseError, connections, transaction
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.connection import ConnectionProxy

from juntos.privacy import state as privacy_state

VERSION_TABLE = "core_dataversion"  # one row (id 1): the data version
pages = ConnectionProxy(caches, "pages")
# Statements that cannot change data (first word); anything else counts as a write.
_READS = frozenset(
    {"SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "SET", "SHOW", "EXPLAIN"}
    | {"PRAGMA", "DECLARE", "FETCH", "CLOSE"}
)
# Tables whose writes are not data a kept page shows: the cache's own table, sign-in attempts
# and the privacy log of who read what (written on reading; replayed for kept pages).
_CACHE_TABLES = [
    c["LOCATION"] for c in settings.CACHES.values() if c["BACKEND"].endswith(".DatabaseCache")
]
_IGNORED = (
    f'"{VERSION_TABLE}"',
    *(f'"{table}"' for table in _CACHE_TABLES),
    *(f"{table} " for table in _CACHE_TABLES),
    '"axes_',
    '"privacy_accessrecord"',
    '"django_tasks_database_',  # the queue's own rows: the worker claims them every second
)

# Pages this process served last, so a page read again costs one small read of the version
# rather than fetching the page from the shared cache (each worker keeps its own).
_here: OrderedDict = OrderedDict()
_here_lock = threading.Lock()
HERE_MAX = 200

# Writes this process made that no commit has published yet (see the module's docstring),
# and whether some were made outside a transaction (published at the next safe moment).
_unpublished = 0
_pending = False

# The *access version* (row 2) moves only with writes to the tables of what a worker
# remembers about who is asking (core/remembered.py: sessions, users, people, members,
# coalitions, the charter): a ballot moves the data version, not this one. `access_writes`
# counts this process's writes to those tables and never goes back, so a remembered answer
# is never served to the process that changed it, committed or not.
ACCESS_ROW = 2
access_tables: set = set()
access_writes = 0
_access_unpublished = False


def _is_write(sql) -> bool:
    if not isinstance(sql, str):
        return True
    head = sql.lstrip()[:80]
    word = head.split(None, 1)[0].upper() if head else ""
    if word in _READS:
        return False
    return not any(name in head for name in _IGNORED)


def publish() -> None:
    """Move the data version: every kept page from before is stale (and the access version
    with it, when the writes touched what workers remember)."""
    global _unpublished, _pending, _access_unpublished
    _pending = False
    connection = connections["default"]
    table = connection.ops.quote_name(VERSION_TABLE)
    now = time.time_ns()  # never an earlier value again, even after a restore
    rows = (1, ACCESS_ROW) if _access_unpublished else (1,)
    try:
        with connection.cursor() as cursor:
            # Always forward, even when the clock stands still (a frozen test) or goes back.
            cursor.execute(
                f"UPDATE {table} SET n = CASE WHEN n >= %s THEN n + 1 ELSE %s END"  # noqa: S608
                f" WHERE id IN ({', '.join(map(str, rows))})",
                [now, now],
            )
            if cursor.rowcount < len(rows):  # emptied (a test database's flush)
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608
                cursor.executemany(
                    f"INSERT INTO {table} (id, n) VALUES (%s, %s)",  # noqa: S608
                    [(1, now), (ACCESS_ROW, now)],
                )
    except DatabaseError:  # no table yet (the first migration): nothing kept either
        return
    _unpublished = 0
    _access_unpublished = False


def _shared_version(row: int = 1):
    connection = connections["default"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT n FROM {connection.ops.quote_name(VERSION_TABLE)} WHERE id = %s",  # noqa: S608
            [row],
        )
        found = cursor.fetchone()
    return found[0] if found else None


def shared_access_version():
    """The access version as committed (made on first use; None without the table)."""
    global _access_unpublished
    try:
        version = _shared_version(ACCESS_ROW)
        if version is None:
            _access_unpublished = True
            publish()
            version = _shared_version(ACCESS_ROW)
        return version
    except DatabaseError:
        return None


def publish_pending(**kwargs) -> None:
    """Publish writes made outside a transaction (request_finished, a command's exit)."""
    if _pending:
        publish()


def _touches_access(sql) -> bool:
    """A write naming a table of what workers remember (anywhere: a cascade's subquery
    counts too; raw SQL unquoted as well). Unsure is yes."""
    return not isinstance(sql, str) or any(table in sql for table in access_tables)


def _watch(execute, sql, params, many, context):
    global _unpublished, _pending, access_writes, _access_unpublished
    connection = context["connection"]
    if _pending and not connection.in_atomic_block:
        # A write made outside a transaction is committed: publish it now, between two
        # statements (never between a statement and the reading of its rows).
        publish()
    result = execute(sql, params, many, context)
    if _is_write(sql):
        _unpublished += 1
        if _touches_access(sql):
            access_writes += 1
            _access_unpublished = True
        if not connection.in_atomic_block:
            _pending = True
        # One publish per transaction, when it commits: Django replaces run_on_commit with a
        # new list when a transaction commits or rolls back, or a savepoint rolls back.
        elif connection.run_on_commit is not getattr(connection, "_juntos_publish_for", None):
            transaction.on_commit(publish, using=connection.alias)
            connection._juntos_publish_for = connection.run_on_commit
    return result


def watch_connection(sender=None, connection=None, **kwargs) -> None:
    """Install the write watcher on a database connection (connection_created)."""
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def watch_all() -> None:
    for connection in connections.all(initialized_only=True):
        watch_connection(connection=connection)


def settings_changed(**kwargs) -> None:
    """A changed setting (tests override them) may change any page: nothing kept stands,
    nothing remembered either."""
    global _unpublished, access_writes
    _unpublished += 1
    access_writes += 1


def _version() -> tuple:
    """The data version as this process must read it: the shared one, and the count of its
    own writes no commit has published yet."""
    if _unpublished and not any(c.in_atomic_block for c in connections.all(True)):
        # Writes outside any transaction are already committed: publish them now, so this
        # process shares kept pages again.
        publish()
    shared = _shared_version()
    if shared is None:
        publish()
        shared = _shared_version()
    return (shared, _unpublished)


@lru_cache(maxsize=1)
def build() -> str:
    """Changes with the code, templates and translations on disk (their sizes and times), so
    a new release never serves a page the one before rendered."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parents[1]
    for path in sorted(root.rglob("*")):
        if path.suffix in {".py", ".html", ".mo", ".jinja", ".txt"}:
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:12]


def _key(request) -> str | None:
    csrf = request.META.get("CSRF_COOKIE")
    person = getattr(request, "person", None)
    if not csrf or person is None:
        return None  # a page rendered now would set a new CSRF cookie: nothing to share
    parts = (
        request.get_host(),
        request.is_secure(),
        request.get_full_path(),
        request.user.pk,
        person.pk,
        getattr(request, "role", ""),
        translation.get_language(),
        csrf,
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
        timezone.localdate().isoformat(),
        build(),
    )
    return "juntos:page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def has_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(get_messages(request)) > 0


def _serve(entry, state) -> HttpResponse:
    _version_kept, headers, content, notes = entry
    if state is not None:  # a kept page is read again: so is what it shows
        state.notes.extend(notes)
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["Juntos-Page"] = "kept"
    return response


def _keep_here(key, entry, rendered_at) -> None:
    # The time of the rendering, not of this keeping: a page another worker rendered is
    # kept here only for what is left of its seconds.
    with _here_lock:  # a threaded server (runserver) shares this dict between requests
        _here[key] = (rendered_at, entry)
        _here.move_to_end(key)
        while len(_here) > HERE_MAX:
            _here.popitem(last=False)


def cached_page(view):
    """Serve the page kept for this reader while the data version stands.

    Goes inside the access decorator (`@coalition_view`), which checks who may see the page
    on every request, kept or not."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = getattr(settings, "JUNTOS_PAGE_CACHE_SECONDS", 60)
        key = _key(request) if seconds and request.method == "GET" else None
        if key is None or has_messages(request):
            return view(request, *args, **kwargs)
        state = privacy_state.current()
        version = _version()
        here = _here.get(key)
        if here is not None and time.time() - here[0] < seconds and here[1][0] == version:
            return _serve(here[1], state)  # kept in this process: one small read in all
        shared = pages.get(key)
        if shared is not None and len(shared) == 5 and shared[0] == version:
            entry = (version, shared[1], zlib.decompress(shared[2]), shared[3])
            _keep_here(key, entry, shared[4])
            return _serve(entry, state)
        noted = len(state.notes) if state is not None else 0
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not has_messages(request)
        ):
            headers = [(k, v) for k, v in response.items() if k.lower() != "content-length"]
            notes = state.notes[noted:] if state is not None else []
            content = response.content
            now = time.time()
            pages.set(key, (version, headers, zlib.compress(content, 1), notes, now), seconds)
            _keep_here(key, (version, headers, content, notes), now)
        return response

    return wrapper
