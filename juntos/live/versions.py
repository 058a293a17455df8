"""The version counters, the ETag check of polled fragments and the poll interval hint."""

import hashlib
import math
import os
import time
from datetime import timedelta
from functools import cache, wraps
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

PARTS = ("attendance", "votes", "agenda", "motions")
POLL_HEADER = "Juntos-Poll-Seconds"
PLACING = ("HX-Retarget", "HX-Reswap")


def bump(meeting_id: int | None, *parts: str, create: bool = True) -> None:
    """One UPDATE in the caller's transaction; the row is made on the first change (not
    when rows are being deleted: the meeting itself may be going)."""
    from juntos.live.models import MeetingVersion

    if meeting_id is None:
        return
    parts = parts or PARTS
    increments = {part: F(part) + 1 for part in parts}
    if _bumped(meeting_id, parts) or not create:
        return
    try:
        with transaction.atomic():  # a savepoint: a racing first insert must not break ours
            MeetingVersion.objects.create(pk=meeting_id, **dict.fromkeys(parts, 1))
    except IntegrityError:
        MeetingVersion.objects.filter(pk=meeting_id).update(**increments)


def _bumped(meeting_id: int, parts: tuple) -> bool:
    """One plain UPDATE (every ballot makes one: the ORM's building of it cost more than
    running it); whether the meeting had its row."""
    from juntos.live.models import MeetingVersion

    table = connection.ops.quote_name(MeetingVersion._meta.db_table)
    if not set(parts) <= set(PARTS):
        raise ValueError(f"unknown counters: {set(parts) - set(PARTS)}")
    sets = ", ".join(f"{p} = {p} + 1" for p in parts)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {sets} WHERE meeting_id = %s", [meeting_id])  # noqa: S608
        return cursor.rowcount > 0


def bump_coalition_today(coalition_id: int) -> None:
    """A member's change shows on the quorum panels of the coalition's meetings around
    today."""
    from juntos.live.models import MeetingVersion

    now = timezone.now()
    MeetingVersion.objects.filter(
        meeting__coalition_id=coalition_id,
        meeting__starts_at__range=(now - timedelta(days=2), now + timedelta(days=2)),
    ).update(attendance=F("attendance") + 1)


_statements: dict = {}


def current(request, pk, parts=PARTS, *, language: bool = False) -> tuple | None:
    """The counters of a meeting this viewer may see (0 before any change), or None: one
    query, through the same visibility rule as the meeting's pages. With `language` the
    meeting's language follows the counters (read in the same query)."""
    from juntos.governance.selectors import meetings_visible_to

    # Building the query costs more than running it: its SQL is kept per worker for what
    # meetings_visible_to reads (the request's coalition and role) and the columns asked.
    key = (request.coalition.pk, request.role, pk, parts, language)
    statement = _statements.get(key)
    if statement is None:
        fields = [f"live_version__{part}" for part in parts]
        if language:
            fields.append("language")
        query = meetings_visible_to(request).filter(pk=pk).order_by().values_list(*fields)[:1]
        query = query.query
        statement = query.sql_with_params()
        if len(_statements) > 2000:
            _statements.clear()
        _statements[key] = statement
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        rows = cursor.fetchall()
    if not rows:
        return None
    if language:
        *counters, code = rows[0]
        return (*(v or 0 for v in counters), code)
    return tuple(v or 0 for v in rows[0])


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


# How many polls a second one person following a vote sends at the UI's pace: the motion's
# live card every 3 s and the quorum panel every 10 s (_motion_live.html, _quorum_body.html).
POLLS_PER_PERSON = 1 / 3 + 1 / 10

# The number present at each meeting, as this worker last counted it: (count, attendance
# counter, when). Counted again when the counter moves, at most every ROOM_RECOUNT_SECONDS
# while check-ins pour in.
_present: dict = {}
ROOM_RECOUNT_SECONDS = 10


def present_count(meeting_id: int, attendance: int | None) -> int:
    from juntos.governance.models import Attendance

    def count():
        return Attendance.objects.filter(meeting_id=meeting_id).count()

    return kept(_present, meeting_id, attendance, count, ROOM_RECOUNT_SECONDS)


def kept(store: dict, key, version, render, fresh: float):
    """What `render()` gave for `key` at `version`, or less than `fresh` seconds ago, kept
    per worker in `store` (at most 500 keys)."""
    now = time.monotonic()
    cached = store.get(key)
    if cached is not None and (cached[0] == version or now - cached[2] < fresh):
        return cached[1]
    value = render()
    if len(store) > 500:
        store.clear()
    store[key] = (version, value, now)
    return value


def room_factor(present: int) -> int:
    """How many times the UI's intervals a room of `present` members polls: 1 while the
    room at the UI's pace (POLLS_PER_PERSON each) stays within JUNTOS_LIVE_POLL_BUDGET polls
    a second, else the whole number that brings it back within (120 a second: 1 up to 276
    present, 2 at 500, 4 at 1,000, 8 at 2,000)."""
    budget = settings.JUNTOS_LIVE_POLL_BUDGET
    if budget <= 0:
        return 1
    return max(1, math.ceil(present * POLLS_PER_PERSON / budget - 1e-9))


def poll_seconds(base: int, room: int = 1) -> int:
    """How often a page should poll: the UI's interval, times JUNTOS_LIVE_POLL_FACTOR, times
    the larger of the room's factor (room_factor) and the load's: while the machine's load
    per core is above JUNTOS_LIVE_BUSY_LOAD, 2, 3 or at most 4 as the load is 1, 2 or 3 times
    that. A large room already polls within the budget: a load that lags by a minute does
    not stretch its pace again (a room of 2,000 is told 24 s for the card, never 96)."""
    try:
        per_core = os.getloadavg()[0] / (os.cpu_count() or 1)
    except OSError:
        per_core = 0.0
    busy = settings.JUNTOS_LIVE_BUSY_LOAD
    load = min(4, 1 + int(per_core // busy)) if per_core > busy else 1
    return int(base * settings.JUNTOS_LIVE_POLL_FACTOR * max(1, room, load))


# The last fragment this worker rendered for each (part, meeting, language, viewer's role):
# while votes pour in every poll is a change, so a fragment rendered less than
# JUNTOS_LIVE_FRESH_SECONDS ago is answered again (with its own ETag) instead of rendering
# the same card for each of a thousand delegates.
_latest: dict = {}


def _remember(key, value) -> None:
    if len(_latest) > 2000:
        _latest.clear()
    _latest[key] = value


def _held(asked: str, head: str, tail: str, newest: tuple) -> tuple | None:
    """The newest counters among the ETags the client sent for this fragment (same part,
    meeting, language, viewer and build), if none is newer than the counters now."""
    best = None
    for part in asked.split(","):
        part = part.strip().removeprefix("W/")
        if not (part.startswith(head) and part.endswith(tail)):
            continue
        try:
            numbers = tuple(int(n) for n in part[len(head) : -len(tail)].split("."))
        except ValueError:
            continue
        if len(numbers) != len(newest) or any(n > c for n, c in zip(numbers, newest, strict=True)):
            continue
        if best is None or all(n >= b for n, b in zip(numbers, best, strict=True)):
            best = numbers
    return best


# Counters that move with every check-in and ballot: a shared fragment may be up to
# JUNTOS_LIVE_FRESH_SECONDS behind them. A motion opened or closed, or the agenda's row in
# progress, is never answered late: a card polled just after the close shows the result,
# not one more interval of the open vote.
LAGGING = ("attendance", "votes")


def _only_lagging_moved(parts, kept, now) -> bool:
    return all(k == n for part, k, n in zip(parts, kept, now, strict=True) if part not in LAGGING)


def live_fragment(
    kind: str, *, every: int, parts=PARTS, per_person: bool = False, meeting_language=False
):
    """Put under @coalition_view on a polled fragment of a meeting (url argument `pk`).

    With `meeting_language` (the projector) the fragment is rendered in the meeting's
    language, not the viewer's, and its ETag and shared copy are keyed by that language.

    The access check has run; one query reads the counters (and 404s a meeting this viewer
    may not see); an If-None-Match naming the current ETag gets 304 without rendering. A
    fragment for a role (not per person) is shared by the role's viewers in one language,
    and may be up to JUNTOS_LIVE_FRESH_SECONDS behind the counters; a client holding a card
    at least as new as the one a worker would share gets 304 (never an older card)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, pk, *args, **kwargs):
            version = current(request, pk, parts, language=meeting_language)
            if version is None:
                raise Http404
            language = get_language()
            if meeting_language:
                *version, language = version
                version = tuple(version)
            request.live_version = dict(zip(parts, version, strict=True))
            who = f"p{request.person.pk}" if per_person else request.role
            # The motion page's card asks with ?card=1 and may be answered differently.
            variant = f"{kind}-card" if request.GET.get("card") else kind
            key = (variant, pk, tuple(sorted(kwargs.items())), language, who)
            head, tail = f'"{variant}-{pk}-', f'-{key[3]}-{who}-{build()}"'
            serve = version
            fresh = settings.JUNTOS_LIVE_FRESH_SECONDS
            cached = _latest.get(key)
            if cached is not None and (
                cached[3] == version
                or (
                    not per_person
                    and time.monotonic() - cached[2] < fresh
                    and _only_lagging_moved(parts, cached[3], version)
                )
            ):
                serve = cached[3]
            held = _held(request.headers.get("If-None-Match", ""), head, tail, version)
            if held is not None and all(h >= v for h, v in zip(held, serve, strict=True)):
                serve = held
                response = HttpResponseNotModified()
            elif cached is not None and cached[3] == serve:
                response = HttpResponse(cached[1])
                for name, value in cached[0].items():  # a closed vote's card places itself
                    response[name] = value
            else:
                from juntos.charter.setup import charter_gate

                # The charter is checked when rendering: a poll answered 304 reads no rules.
                gate = charter_gate(request)
                if gate is not None:
                    return gate
                with translation.override(language):
                    response = view(request, pk, *args, **kwargs)
                # The shared copy keeps the headers that place a card retargeting its swap
                # (the closed vote, which every delegate asks for within one interval).
                if response.status_code == 200 and not response.streaming:
                    placing = {h: response[h] for h in PLACING if h in response}
                    _remember(key, (placing, response.content, time.monotonic(), serve))
            if response.status_code in (200, 304):
                response["ETag"] = head + ".".join(str(v) for v in serve) + tail
                # The browser asks again every time (no-cache) and keeps it to itself.
                response["Cache-Control"] = "private, no-cache"
                patch_vary_headers(response, ("Cookie", "Accept-Language"))
            present = present_count(pk, request.live_version.get("attendance"))
            response[POLL_HEADER] = str(poll_seconds(every, room_factor(present)))
            return response

        wrapper.charter_optional = True  # coalition_view leaves it to the render path above
        return wrapper

    return decorator


# Parts of a page every reader sees alike (the motion page's quorum panel, live card and
# first ballots), per worker: rendered again when their counters move, but while votes pour
# in (every ballot moves them) at most once per JUNTOS_LIVE_FRESH_SECONDS, as live cards.
_parts: dict = {}


def shared_part(key, version, render):
    """What `render()` gave for `key` at counters `version`, or less than
    JUNTOS_LIVE_FRESH_SECONDS ago; the key names everything else it depends on."""
    return kept(_parts, key, version, render, settings.JUNTOS_LIVE_FRESH_SECONDS)


# The voting picture (every member's standing, who is present, the quorum) costs a pass over
# all members. A worker keeps one per meeting, attendance counter (check-ins, notices,
# members, motions) and language (its rule and reasons are worded when it is computed), for
# the live panels and the ballots alike: when a vote opens, the first page a worker serves
# computes the picture its first ballot is checked against.
# - A panel reuses it for at most JUNTOS_LIVE_PICTURE_SECONDS (a change no counter follows,
#   such as a charter amendment, shows after that).
# - A ballot is checked under the motion's lock; at 2,000 members computing the picture
#   takes a few hundred milliseconds, so ballots one after another would wait on each other
#   for minutes. A ballot reuses it while the counter it reads inside its transaction stands,
#   for at most JUNTOS_LIVE_BALLOT_PICTURE_SECONDS (the bound for a change no counter
#   follows: an absence corrected at another meeting), and never one from another day.
_pictures: dict = {}


def attendance_counter(meeting_pk: int) -> int:
    """The meeting's attendance counter, in one small statement: every ballot reads it (the
    picture it is checked against), so the ORM's building of the query is left out."""
    from juntos.live.models import MeetingVersion

    table = connection.ops.quote_name(MeetingVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT attendance FROM {table} WHERE meeting_id = %s", [meeting_pk])  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else 0


def _picture(meeting, attendance: int, fresh: float):
    """The picture for `attendance` in the language in use, computed less than `fresh`
    seconds ago today, or computed now."""
    from juntos.governance import selectors

    key = (meeting.pk, attendance, get_language())
    now, today = time.monotonic(), timezone.localdate()
    cached = _pictures.get(key)
    if cached is not None and now - cached[1] < fresh and cached[2] == today:
        return cached[0]
    picture = selectors.voting_picture(meeting)
    if len(_pictures) > 200:
        _pictures.clear()
    _pictures[key] = (picture, now, today)
    return picture


def display_picture(request, meeting):
    attendance = getattr(request, "live_version", {}).get("attendance")
    if attendance is None:  # a page, not a polled fragment: one query for the counter
        attendance = attendance_counter(meeting.pk)
    return _picture(meeting, attendance, settings.JUNTOS_LIVE_PICTURE_SECONDS)


def ballot_picture(meeting, *, warm: bool = False):
    """The picture for the attendance counter now. With `warm` (before the ballot takes the
    motion's lock) only make sure this worker has it, fresh for at least another second, so
    the call under the lock finds it instead of computing it while every ballot waits."""
    from juntos.governance import selectors

    seconds = settings.JUNTOS_LIVE_BALLOT_PICTURE_SECONDS
    if seconds <= 0:
        return None if warm else selectors.voting_picture(meeting)
    if warm:
        now, today, language = time.monotonic(), timezone.localdate(), get_language()
        if any(
            key[0] == meeting.pk and key[2] == language and now - at < seconds - 1 and day == today
            for key, (_picture, at, day) in list(_pictures.items())
        ):
            return None  # one young enough (a check-in since is rare during a vote: then locked)
    return _picture(meeting, attendance_counter(meeting.pk), seconds - (1 if warm else 0))
