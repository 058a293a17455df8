"""The assembly benchmark (issue 21): delegates following a live vote, one command.

    uv run python bench/assembly.py [--delegates 100,500,2000] [--vote-seconds 60]
                                    [--workers 5] [--database juntos_assembly] [--keep]

For each size N it generates a coalition of N voting members with one delegate each (a
user, a representative, a primary contact), a regular meeting that started ten minutes ago
with every member checked in, and a host. Sessions are written straight into the database
(no password hasher). The production server is started as documented (gunicorn with
gunicorn.conf.py, manifest static files, DEBUG off) against the PostgreSQL database
`--database` on 127.0.0.1, created for the run and dropped after (unless --keep).

A separate process (this file with `drive`) plays the room on loopback, bounded in time
and in count (N delegates, one host, one probe; at most 512 connections open at once):

- every delegate polls the quorum panel at the UI's interval (10 s), as the meeting page
  does, sending the ETag it has (If-None-Match), as a browser does for htmx's requests;
- after 45 s the host opens a motion; each delegate follows the link within 10 s (loads the
  motion page), then polls the motion's live card as the page does (`?card=1`, first after
  the interval its hx-trigger names: 3 s, longer in a large room) besides the quorum
  panel; every delegate casts a ballot at a random moment within --vote-seconds of the
  opening with the page's buttons, which post with htmx (HX-Request, as are the polls) and
  get back the delegate's own part of the card, not a new page, and the live card asks
  once more after the delay its hx-trigger names (ballot-recorded), as the page's does;
- once every ballot is in (or the window is over) the host closes the vote; each delegate
  stops when its live card shows the result (bounded: 30 s after closing, or the longest
  card interval the server told plus 5 s if longer);
- both intervals follow the server's `Juntos-Poll-Seconds`, as static/live/poll.js does;
- a probe requests /healthz every 0.5 s throughout: the trivial view in the same run.

Before the room, each kind of request is timed alone (sequential, 200 each): /healthz, an
unchanged poll (304), a changed poll (200, rendered), so the costs compare without load.

Reported per size: poll p50/p95 and the 304 share, ballot p50/p95, page loads, /healthz
under the same load, errors (must be 0), ballots recorded (must be N, each exactly once),
time from the last ballot and from closing to the last delegate seeing the result, and CPU
used (gunicorn's processes; PostgreSQL's backends of this database, and every backend that
ended meanwhile, which on an idle machine are this run's; the driver). Results
go into bench/results.json ("assembly") and bench/RESULTS.md (written by bench/run.py's
render). The machine is shared and noisy: read the ratios to /healthz.
"""

import argparse
import asyncio
import contextlib
import datetime
import importlib.util
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))

WARM_SECONDS = 45
QUORUM_EVERY = 10  # the intervals of the templates (_quorum.html, _motion_live.html)
MOTION_EVERY = 3
AFTER_CLOSE_SECONDS = 30
MAX_CONNECTIONS = 512
PG = ["-h", "127.0.0.1", "-U", "postgres"]


def _run_module():
    spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def pct(values, p):
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def ms(value):
    return None if value is None else round(value * 1000, 1)


# --- the room's data ------------------------------------------------------------------------


def generate(n: int) -> dict:
    """A coalition of n voting members, a delegate each, all checked in at today's meeting."""
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from juntos.accounts.models import User
    from juntos.charter.services import coalition_create
    from juntos.governance import services
    from juntos.governance.models import Attendance
    from juntos.members.models import Member, Person

    started = time.monotonic()
    slug = f"assembly-{n}"
    host = User.objects.create(
        email=f"host@{slug}.example", full_name="Assembly Host", password=make_password(None)
    )
    coalition = coalition_create(
        slug=slug,
        name=f"Assembly of {n}",
        host_name="Assembly Host Org",
        mission="Hold a national assembly.",
        values=[{"name": "Dignity", "text": "Everyone counts."}],
        agreements=[{"name": "One mic", "text": "Do not interrupt."}],
        effective_from=datetime.date(2020, 1, 1),
        actor=host,
    )
    Person.objects.create(
        coalition=coalition, user=host, full_name="Assembly Host", email=host.email, role="host"
    )
    agreed = timezone.now() - datetime.timedelta(days=400)
    members = Member.objects.bulk_create(
        Member(
            coalition=coalition,
            kind="organization",
            name=f"Organization {i:04d}",
            admitted_on=datetime.date(2021, 1, 1),
            agreed_to_charter_at=agreed,
        )
        for i in range(n)
    )
    users = User.objects.bulk_create(
        User(
            email=f"delegate{i}@{slug}.example",
            full_name=f"Delegate {i:04d}",
            password=make_password(None),
            preferred_language="es" if i % 5 == 0 else "en",  # a fifth read Spanish
        )
        for i in range(n)
    )
    people = Person.objects.bulk_create(
        Person(
            coalition=coalition,
            user=user,
            member=member,
            full_name=user.full_name,
            email=user.email,
            role="representative",
            is_primary_contact=True,
        )
        for user, member in zip(users, members, strict=True)
    )
    meeting = services.meeting_add(
        coalition=coalition,
        actor=host,
        kind="regular",
        starts_at=timezone.now() - datetime.timedelta(minutes=10),
        place="Convention Center",
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, member=member, person=person, checked_in_by=host)
        for member, person in zip(members, people, strict=True)
    )
    from juntos.live.versions import bump

    bump(meeting.pk)
    # The backend a signed-in session names must be able to load its user (Axes, listed
    # first to throttle sign-ins, cannot): the one sign-in itself records.
    backend = "juntos.accounts.backends.EmailBackend"
    assert backend in settings.AUTHENTICATION_BACKENDS
    store = SessionStore()
    expire = timezone.now() + datetime.timedelta(hours=2)
    sessions = []
    for user in [host, *users]:
        data = {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": backend,
            "_auth_user_hash": user.get_session_auth_hash(),
        }
        sessions.append(
            Session(
                session_key=get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789"),
                session_data=store.encode(data),
                expire_date=expire,
            )
        )
    Session.objects.bulk_create(sessions)
    keys = [s.session_key for s in sessions]
    return {
        "slug": slug,
        "meeting": meeting.pk,
        "host_session": keys[0],
        "delegate_sessions": keys[1:],
        "generate_seconds": round(time.monotonic() - started, 1),
    }


def ballots_recorded(meeting_pk: int) -> dict:
    from django.db.models import Count

    from juntos.governance.models import Ballot, Motion

    motion = Motion.objects.filter(meeting_id=meeting_pk).order_by("-pk").first()
    if motion is None:
        return {"ballots": 0, "members_with_more_than_one": 0, "result": None}
    rows = Ballot.objects.filter(motion=motion)
    doubled = rows.values("member_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    return {
        "ballots": rows.count(),
        "members_with_more_than_one": doubled,
        "result": motion.result,
        "status": motion.status,
    }


# --- CPU -----------------------------------------------------------------------------------


TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int, children: bool = False):
    """(ppid, CPU seconds) of a process; with `children`, its exited children's too."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        spent = [fields[11], fields[12], *([fields[13], fields[14]] if children else [])]
        return int(fields[1]), sum(map(int, spent)) / TICK
    except (OSError, IndexError, ValueError):
        return None


def cpu_of(master: int, database: str) -> dict:
    """CPU seconds so far of gunicorn (master and workers) and of PostgreSQL: this database's
    backends, and every child of the postmaster that has ended (a worker's connection is
    opened again every CONN_MAX_AGE seconds; the postmaster counts its ended children's
    time, of any database and autovacuum's too: read it on an otherwise idle server)."""
    gunicorn = postgres = 0.0
    postmasters = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        stat = _stat(pid)
        if stat is None:
            continue
        ppid, seconds = stat
        if pid == master or ppid == master:
            gunicorn += seconds
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if cmdline.startswith(b"postgres:") and f" {database} ".encode() in cmdline:
            postgres += seconds
            postmasters.add(ppid)
    for pid in postmasters:
        whole, alone = _stat(pid, children=True), _stat(pid)
        if whole and alone:
            postgres += whole[1] - alone[1]
    return {"gunicorn": gunicorn, "postgres": postgres}


def machine_busy() -> float:
    parts = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    values = [int(x) for x in parts]
    return (sum(values) - values[3] - values[4]) / TICK  # all but idle and iowait


# --- the driver (a separate process) -------------------------------------------------------


async def http(port, method, path, cookie, csrf=None, etag=None, body=None, htmx=False):
    """One request on its own connection (gunicorn's sync workers close after each)."""
    headers = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    if htmx:  # as htmx sends its requests (polls, the ballot buttons)
        headers.append("HX-Request: true")
    cookies = [f"sessionid={cookie}"] if cookie else []
    if csrf:
        cookies.append(f"csrftoken={csrf}")
        headers.append(f"X-CSRFToken: {csrf}")
    if cookies:
        headers.append("Cookie: " + "; ".join(cookies))
    if etag:
        headers.append(f"If-None-Match: {etag}")
    data = b""
    if body is not None:
        data = body.encode()
        headers.append("Content-Type: application/x-www-form-urlencoded")
    headers.append(f"Content-Length: {len(data)}")
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(("\r\n".join(headers) + "\r\n\r\n").encode() + data)
        await writer.drain()
        raw = await reader.read()
    finally:
        writer.close()
    seconds = time.perf_counter() - started
    head, _sep, content = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    found = {}
    for line in lines[1:]:
        name, _c, value = line.partition(":")
        found[name.strip().lower()] = value.strip()
    return status, found, content, seconds


class Room:
    def __init__(self, plan):
        self.plan = plan
        self.port = plan["port"]
        self.slug = plan["slug"]
        self.meeting = plan["meeting"]
        self.vote_seconds = plan["vote_seconds"]
        self.gate = asyncio.Semaphore(MAX_CONNECTIONS)
        self.opened = asyncio.Event()
        self.closed = asyncio.Event()
        self.done = asyncio.Event()
        self.motion_path = None
        kinds = ("poll_304", "poll_200", "ballot", "page", "healthz", "host")
        self.samples = {k: [] for k in kinds}
        self.errors = []
        self.seen = []  # when each delegate saw the result
        self.ballots_at = []
        self.intervals = {"quorum": set(), "motion": set()}
        self.t_open = self.t_close = None
        self.phases = {"quiet": [0, 0], "vote": [0, 0]}  # [200s, 304s] before and after
        self.moments = []  # (when answered, kind, seconds): the timeline around the vote

    def url(self, tail=""):
        return f"/c/{self.slug}/meetings/{self.meeting}/{tail}"

    async def call(self, kind, method, path, cookie, **kw):
        async with self.gate:
            try:
                status, headers, content, seconds = await http(
                    self.port, method, path, cookie, **kw
                )
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as error:
                self.errors.append(f"{kind} {path}: {error!r}")
                return None, {}, b""
        ok = {"poll": (200, 304), "ballot": (200,), "host": (302,), "page": (200,)}
        base = kind.split("_")[0]
        if status not in ok.get(base, (200,)):
            self.errors.append(f"{kind} {path}: HTTP {status}")
        elif base == "poll":
            self.samples[f"poll_{status}"].append(seconds)
            phase = "vote" if self.opened.is_set() else "quiet"
            self.phases[phase][status == 304] += 1
        else:
            self.samples[base].append(seconds)
        self.moments.append((time.monotonic(), base, seconds))
        return status, headers, content

    def timeline(self, window=5) -> list:
        """Requests and their p95 in windows of `window` seconds from the opening: where in
        the vote the slow answers are (the page loads come in the first ten seconds)."""
        if self.t_open is None:
            return []
        rows = {}
        for when, kind, seconds in self.moments:
            start = int((when - self.t_open) // window) * window
            rows.setdefault(start, {}).setdefault(kind, []).append(seconds)
        return [
            {
                "from_s": start,
                **{f"{k}_n": len(v) for k, v in sorted(kinds.items())},
                **{f"{k}_p95_ms": ms(pct(v, 95)) for k, v in sorted(kinds.items())},
            }
            for start, kinds in sorted(rows.items())
            if start >= -window
        ]

    async def poller(
        self, cookie, path, every, stop, on_body=None, name="quorum", first=None, held=None
    ):
        held = {} if held is None else held  # the browser's copy: its ETag, shared with refresh
        # A part on a page just loaded first polls after the interval its hx-trigger names
        # (htmx's "every Ns"); the quorum panel's pages were loaded at random moments before.
        await asyncio.sleep(random.uniform(0, every) if first is None else first)
        while not stop.is_set() and not self.done.is_set():
            status, headers, content = await self.call(
                "poll", "GET", path, cookie, etag=held.get("etag"), htmx=True
            )
            if status == 200:
                held["etag"] = headers.get("etag")
                if on_body is not None and on_body(content):
                    return
            hint = headers.get("juntos-poll-seconds")
            interval = float(hint) if hint else every
            self.intervals[name].add(interval)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=interval)

    async def delegate(self, i, cookie):
        csrf = "".join(random.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=32))
        finished = asyncio.Event()
        quorum = asyncio.create_task(
            self.poller(cookie, self.url("quorum/"), QUORUM_EVERY, finished)
        )
        await self.opened.wait()
        await asyncio.sleep(random.uniform(0, 10))  # the host announces; people tap the link
        motion = self.motion_path
        _s, _h, page = await self.call("page", "GET", motion, cookie)
        # The live card on the page polls as its hx-trigger says (the room's pace).
        found = re.search(rb'id="motion-live-\d+"[^>]*hx-trigger="every (\d+)s', page or b"")
        first = int(found.group(1)) if found else MOTION_EVERY
        # After the delegate's ballot the card asks once more (ballot-recorded, with a delay).
        after = re.search(rb"ballot-recorded from:body delay:(\d+)ms", page or b"")
        card = {}
        vote_at = self.t_open + random.uniform(3, max(4, self.vote_seconds - 5))

        def shows_result(content: bytes) -> bool:
            if b"hx-trigger" in content:
                return False
            self.seen.append(time.monotonic())
            return True

        live = asyncio.create_task(
            self.poller(
                cookie,
                motion + "live/?card=1",
                MOTION_EVERY,
                finished,
                shows_result,
                name="motion",
                first=first,
                held=card,
            )
        )
        await asyncio.sleep(max(0, vote_at - time.monotonic()))
        choice = random.choice(["yes", "yes", "yes", "no", "abstain"])
        # The page's buttons post with htmx: the delegate's own part of the card comes back.
        status, _h, answer = await self.call(
            "ballot",
            "POST",
            motion + "ballot/",
            cookie,
            csrf=csrf,
            body=f"choice={choice}",
            htmx=True,
        )
        self.ballots_at.append(time.monotonic())
        if status == 200 and b'id="my-ballot-' not in answer:
            self.errors.append(f"ballot {motion}: no ballot part in the answer")
        if status == 200 and after and "ballot-recorded" in _h.get("hx-trigger", ""):
            await asyncio.sleep(int(after.group(1)) / 1000)
            if not live.done():  # the card asks once more, as the browser's would
                status, headers, content = await self.call(
                    "poll", "GET", motion + "live/?card=1", cookie, etag=card.get("etag"), htmx=True
                )
                if status == 200:
                    card["etag"] = headers.get("etag")
                    if shows_result(content):  # closed meanwhile: the card shows the result
                        live.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await live
        finished.set()
        await quorum

    async def host(self, cookie):
        csrf = "".join(random.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=32))
        await asyncio.sleep(WARM_SECONDS)
        self.t_open = time.monotonic()
        status, headers, _c = await self.call(
            "host",
            "POST",
            self.url("motions/"),
            cookie,
            csrf=csrf,
            body="kind=general&text=Adopt+the+national+platform",
        )
        location = headers.get("location", "")
        if status != 302 or not re.search(r"/motions/\d+/$", location):
            self.errors.append(f"opening the motion: HTTP {status} {location}")
            self.done.set()
            return
        self.motion_path = location
        self.opened.set()
        n = len(self.plan["delegate_sessions"])
        deadline = self.t_open + self.vote_seconds + 5
        while len(self.ballots_at) < n and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        self.t_close = time.monotonic()
        await self.call("host", "POST", location + "close/", cookie, csrf=csrf, body="")
        self.closed.set()
        # Bounded: 30 s, or longer when the server told a card's interval near that (the
        # target is one told interval and a second).
        told = max(self.intervals["motion"] or {MOTION_EVERY})
        end = self.t_close + max(AFTER_CLOSE_SECONDS, told + 5)
        while len(self.seen) < n and time.monotonic() < end:
            await asyncio.sleep(0.2)
        self.done.set()

    async def probe(self):
        while not self.done.is_set():
            await self.call("healthz", "GET", "/healthz", "")
            await asyncio.sleep(0.5)

    async def run(self):
        started = time.monotonic()
        tasks = [asyncio.create_task(self.host(self.plan["host_session"]))]
        tasks.append(asyncio.create_task(self.probe()))
        delegates = [
            asyncio.create_task(self.delegate(i, c))
            for i, c in enumerate(self.plan["delegate_sessions"])
        ]
        await tasks[0]
        for task in delegates:  # those who never saw the result are counted, not waited for
            task.cancel()
        await asyncio.gather(*delegates, tasks[1], return_exceptions=True)
        return time.monotonic() - started


async def alone(port, plan, n=200) -> dict:
    """Each kind of request timed on its own, one after another, before the room."""
    cookie = plan["delegate_sessions"][0]
    quorum = f"/c/{plan['slug']}/meetings/{plan['meeting']}/quorum/"
    out = {}
    for key, path, etag in (
        ("healthz", "/healthz", None),
        ("poll_unchanged", quorum, "current"),
        ("poll_changed", quorum, '"stale"'),
    ):
        if etag == "current":
            _s, headers, _c, _t = await http(port, "GET", quorum, cookie)
            etag = headers["etag"]
        times, statuses = [], set()
        for _ in range(n + 20):
            status, _h, _c, seconds = await http(port, "GET", path, cookie, etag=etag)
            times.append(seconds)
            statuses.add(status)
        times = times[20:]  # every worker warm
        out[key] = {
            "p50_ms": ms(pct(times, 50)),
            "p95_ms": ms(pct(times, 95)),
            "status": sorted(statuses),
        }
    return out


def share(counts) -> float | None:
    return round(counts[1] / sum(counts), 3) if sum(counts) else None


def drive(plan_path: str) -> int:
    plan = json.loads(Path(plan_path).read_text())
    sizes = asyncio.run(alone(plan["port"], plan))
    room = Room(plan)
    seconds = asyncio.run(room.run())
    n = len(plan["delegate_sessions"])
    s = room.samples
    polls = len(s["poll_304"]) + len(s["poll_200"])
    last_ballot = max(room.ballots_at) if room.ballots_at else None
    last_seen = max(room.seen) if len(room.seen) == n else None
    out = {
        "alone": sizes,
        "seconds": round(seconds, 1),
        "polls": polls,
        "poll_304_share": round(len(s["poll_304"]) / polls, 3) if polls else None,
        "poll_304_share_quiet": share(room.phases["quiet"]),
        "poll_304_share_vote": share(room.phases["vote"]),
        "poll_304_p50_ms": ms(pct(s["poll_304"], 50)),
        "poll_304_p95_ms": ms(pct(s["poll_304"], 95)),
        "poll_200_p50_ms": ms(pct(s["poll_200"], 50)),
        "poll_200_p95_ms": ms(pct(s["poll_200"], 95)),
        "poll_p50_ms": ms(pct(s["poll_304"] + s["poll_200"], 50)),
        "poll_p95_ms": ms(pct(s["poll_304"] + s["poll_200"], 95)),
        "ballots_sent": len(s["ballot"]),
        "ballot_p50_ms": ms(pct(s["ballot"], 50)),
        "ballot_p95_ms": ms(pct(s["ballot"], 95)),
        "pages": len(s["page"]),
        "page_p50_ms": ms(pct(s["page"], 50)),
        "page_p95_ms": ms(pct(s["page"], 95)),
        "healthz_p50_ms": ms(pct(s["healthz"], 50)),
        "healthz_p95_ms": ms(pct(s["healthz"], 95)),
        "errors": len(room.errors),
        "error_examples": room.errors[:5],
        "saw_result": len(room.seen),
        "vote_seconds": round(last_ballot - room.t_open, 1) if last_ballot else None,
        "last_ballot_to_last_seen_s": round(last_seen - last_ballot, 2) if last_seen else None,
        "close_to_last_seen_s": round(last_seen - room.t_close, 2) if last_seen else None,
        "poll_intervals_told": {k: sorted(v) for k, v in room.intervals.items()},
        "requests_per_s": round((polls + len(s["ballot"]) + len(s["page"])) / seconds, 1),
        "timeline": room.timeline(),
    }
    usage = resource.getrusage(resource.RUSAGE_SELF)
    out["driver_cpu_s"] = round(usage.ru_utime + usage.ru_stime, 1)
    Path(plan["out"]).write_text(json.dumps(out))
    return 0


# --- one size --------------------------------------------------------------------------------


def one_size(n: int, args, env, runner) -> dict:
    from django.db import connection

    log(f"{n} delegates: generating")
    plan = generate(n)
    connection.close()
    work = Path(env["JUNTOS_VAR_DIR"])
    with runner.Server(env, args.workers) as server:
        plan.update(
            port=server.port, vote_seconds=args.vote_seconds, out=str(work / f"drive-{n}.json")
        )
        plan_path = work / f"plan-{n}.json"
        plan_path.write_text(json.dumps(plan))
        master = server.proc.pid
        cpu_before, busy_before = cpu_of(master, args.database), machine_busy()
        started = time.monotonic()
        log(f"{n} delegates: the room (warm {WARM_SECONDS} s, vote {args.vote_seconds} s)")
        subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "drive", str(plan_path)],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=WARM_SECONDS + args.vote_seconds + AFTER_CLOSE_SECONDS + 600,
        )
        wall = time.monotonic() - started
        cpu_after, busy_after = cpu_of(master, args.database), machine_busy()
    result = json.loads(Path(plan["out"]).read_text())
    result["cpu"] = {
        "wall_s": round(wall, 1),
        "gunicorn_s": round(cpu_after["gunicorn"] - cpu_before["gunicorn"], 1),
        "postgres_s": round(cpu_after["postgres"] - cpu_before["postgres"], 1),
        "driver_s": result.pop("driver_cpu_s"),
        "machine_busy_s": round(busy_after - busy_before, 1),
        "cores": os.cpu_count(),
    }
    result["recorded"] = ballots_recorded(plan["meeting"])
    result["delegates"] = n
    result["generate_seconds"] = plan["generate_seconds"]
    result["workers"] = args.workers
    log(
        f"{n} delegates: {result['errors']} errors, poll p95 {result['poll_p95_ms']} ms "
        f"({result['poll_304_share']} 304), ballot p95 {result['ballot_p95_ms']} ms, "
        f"closing to last seen {result['close_to_last_seen_s']} s, cpu {result['cpu']}"
    )
    return result


def targets(result: dict) -> dict:
    alone = result["alone"]
    every = max(result["poll_intervals_told"].get("motion") or [MOTION_EVERY])
    seen = result["close_to_last_seen_s"]
    return {
        "zero_errors": result["errors"] == 0,
        "every_ballot_once": result["recorded"]["ballots"] == result["delegates"]
        and result["recorded"]["members_with_more_than_one"] == 0,
        "unchanged_poll_at_most_2x_trivial_p95": alone["poll_unchanged"]["p95_ms"]
        <= 2 * alone["healthz"]["p95_ms"],
        "ballot_p95_under_500ms": (result["ballot_p95_ms"] or 1e9) < 500,
        "result_seen_within_one_interval_plus_1s": seen is not None and seen <= every + 1,
    }


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "drive":
        return drive(sys.argv[2])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", default="100,500,2000")
    parser.add_argument("--vote-seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--database", default="juntos_assembly")
    parser.add_argument("--keep", action="store_true", help="Do not drop the database after.")
    args = parser.parse_args()
    sizes = [int(x) for x in args.delegates.split(",") if x]
    runner = _run_module()
    work = Path("/tmp/juntos-bench/assembly")
    work.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
        "JUNTOS_VAR_DIR": str(work),
        "JUNTOS_SECRET_KEY": "bench-" + "x" * 50,
        "JUNTOS_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "JUNTOS_MANIFEST_STATIC": "1",
        "JUNTOS_TASKS": "database",
        "DJANGO_SETTINGS_MODULE": "juntos.settings",
    }
    env.pop("JUNTOS_DEBUG", None)
    subprocess.run(["dropdb", *PG, "--if-exists", args.database], check=True)
    subprocess.run(["createdb", *PG, args.database], check=True)
    try:
        log("migrate")
        runner.juntos(env, "migrate", "-v0")
        runner.juntos(env, "collectstatic", "--noinput", "-v0")
        os.environ.update(env)
        import django

        django.setup()
        machine = runner.machine(args)
        results_path = BENCH / "results.json"
        results = json.loads(results_path.read_text()) if results_path.exists() else {"runs": {}}
        assembly = results.setdefault("assembly", {})
        for n in sizes:
            result = one_size(n, args, env, runner)
            result["targets"] = targets(result)
            result["machine"] = machine
            result["date"] = datetime.date.today().isoformat()
            assembly[str(n)] = result
            results_path.write_text(json.dumps(results, indent=2) + "\n")
            (BENCH / "RESULTS.md").write_text(runner.render(results))
            log(f"{n} delegates: {result['targets']}")
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            subprocess.run(["dropdb", *PG, "--if-exists", "--force", args.database], check=False)
    log("wrote bench/results.json and bench/RESULTS.md")
    return 0


def render(assembly: dict) -> str:
    """The assembly's section of bench/RESULTS.md (called by bench/run.py's render)."""
    if not assembly:
        return ""
    rows = [assembly[k] for k in sorted(assembly, key=int)]
    first = rows[0]
    m = first["machine"]
    lines = [
        "## A live assembly (bench/assembly.py)",
        "",
        f"{m['cpu']}, {m['cores']} cores, {m['database']}, gunicorn {first['workers']} workers, "
        f"{rows[-1]['date']}. Delegates driven from a separate process on loopback; every "
        "delegate polls the quorum panel (10 s) and, once the motion is open, loads the "
        "motion page within 10 s and polls its live card (3 s), at the intervals the server "
        "tells, sending its ETag; every delegate votes within the window, and its card asks "
        "once more after its ballot; the host closes the vote when every ballot is in. "
        "Trivial view: /healthz, in the same run.",
        "",
        "Each request alone (sequential, no load):",
        "",
        "| delegates | /healthz p50 / p95 ms | unchanged poll (304) p50 / p95 ms | changed poll "
        "(200, the worker's last card) p50 / p95 ms | 304 ÷ trivial at p95 |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        a = r["alone"]
        ratio = a["poll_unchanged"]["p95_ms"] / a["healthz"]["p95_ms"]
        lines.append(
            f"| {r['delegates']:,} | {a['healthz']['p50_ms']} / {a['healthz']['p95_ms']} | "
            f"{a['poll_unchanged']['p50_ms']} / {a['poll_unchanged']['p95_ms']} | "
            f"{a['poll_changed']['p50_ms']} / {a['poll_changed']['p95_ms']} | {ratio:.1f} |"
        )
    lines += [
        "",
        "The room (all at once):",
        "",
        "| delegates | polls | 304 share (before the motion / during the vote) | "
        "poll p50 / p95 ms | ballot p50 / p95 ms | "
        "page loads p50 / p95 ms | /healthz p50 / p95 ms | errors | ballots recorded | "
        "last ballot → last saw result | closing → last saw result | poll interval told (s) "
        "| CPU s: gunicorn / PostgreSQL / driver / machine (wall s) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        c = r["cpu"]
        told = r["poll_intervals_told"]
        lines.append(
            f"| {r['delegates']:,} | {r['polls']:,} | {r['poll_304_share']} "
            f"({r.get('poll_304_share_quiet')} / {r.get('poll_304_share_vote')}) | "
            f"{r['poll_p50_ms']} / {r['poll_p95_ms']} | {r['ballot_p50_ms']} / "
            f"{r['ballot_p95_ms']} | {r['page_p50_ms']} / {r['page_p95_ms']} "
            f"({r['pages']:,}) | {r['healthz_p50_ms']} / {r['healthz_p95_ms']} | "
            f"{r['errors']} | {r['recorded']['ballots']:,} of {r['delegates']:,} | "
            f"{r['last_ballot_to_last_seen_s']} s | {r['close_to_last_seen_s']} s | "
            f"quorum {told.get('quorum')}, card {told.get('motion')} | "
            f"{c['gunicorn_s']} / {c['postgres_s']} / {c['driver_s']} / {c['machine_busy_s']} "
            f"({c['wall_s']}) |"
        )
    lines.append("")
    for r in rows:
        t = "; ".join(f"{k}: {v}" for k, v in r["targets"].items())
        lines.append(f"Targets at {r['delegates']:,}: {t}")
        lines.append("")
    largest = rows[-1]
    if largest.get("timeline"):
        kinds = ("page", "ballot", "poll", "healthz")
        lines += [
            f"The room of {largest['delegates']:,} in five-second windows from the opening "
            "(requests answered, p95 ms): the page loads come in the first ten seconds.",
            "",
            "| from s | " + " | ".join(kinds) + " |",
            "|---|" + "---|" * len(kinds),
        ]
        for w in largest["timeline"]:
            cells = [f"{w[k + '_n']} ({w[k + '_p95_ms']})" if f"{k}_n" in w else "" for k in kinds]
            lines.append(f"| {w['from_s']} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
