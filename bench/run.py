"""The benchmark suite: one command, every timing beside a reference from the same run.

    uv run python bench/run.py --size small|national [--database sqlite|postgres] [--reuse]
                               [--only queries,pages,load,import,delivery,messengers,kiosk]

Sets up a throwaway database (a SQLite file under /tmp/juntos-bench/, or the PostgreSQL
database juntos_bench_<size> on 127.0.0.1, dropped and created again; JUNTOS_BENCH_NAME
names it instead when several people share the server), fills it with
`juntos generate`, starts the production server (gunicorn, whitenoise, manifest static
files, DEBUG off) on loopback, and measures:

- page latency p50/p95 of the 12 most used pages (juntos.scale.pages) beside /healthz,
  requested in turn from the same server;
- queries per page (Django's test client, in this process);
- CSV import (juntos.api.imports: job_create, preview, run) beside a plain bulk_create of
  the same rows into the same table;
- notice delivery (juntos.communications.tasks.deliver_notice) to a local SMTP sink
  beside smtplib sending the same messages to the same sink;
- messenger search (bench/messengers.py's graph and plain BFS);
- kiosk sign-ins (bench/kiosk.py) beside the trivial view through the same test client;
- a load test: 50 concurrent users for 60 seconds against the server.

Results are merged into bench/results.json (one entry per size and database) and
bench/RESULTS.md is written from all entries. The machine is shared and noisy: read the
ratios to the references, not the absolute numbers.
"""

import argparse
import csv
import datetime
import http.client
import importlib.util
import json
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))

PARAMS = {
    "small": dict(
        page_requests=20,
        import_rows=2_000,
        deliveries=1_000,
        graph_nodes=2_000,
        graph_edges=10_000,
        graph_ours=50,
        messenger_queries=50,
        kiosk_people=300,
        load_seconds=20,
    ),
    "state": dict(
        page_requests=30,
        import_rows=20_000,
        deliveries=10_000,
        graph_nodes=20_000,
        graph_edges=100_000,
        graph_ours=300,
        messenger_queries=50,
        kiosk_people=1_000,
        load_seconds=60,
    ),
    "national": dict(
        page_requests=100,  # p95 of 30 is the second slowest: one hiccup decides it
        import_rows=200_000,
        deliveries=100_000,
        graph_nodes=200_000,
        graph_edges=1_000_000,
        graph_ours=2_000,
        messenger_queries=50,
        kiosk_people=2_000,
        load_seconds=60,
    ),
}
STEPS = ["queries", "pages", "load", "import", "delivery", "messengers", "kiosk"]


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def juntos(env, *args, timeout=3600):
    return subprocess.run(
        [sys.executable, "-m", "juntos.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )


# --- setup ---------------------------------------------------------------------------------


def bench_name(size: str) -> str:
    """The database's name: juntos_bench_<size>, or $JUNTOS_BENCH_NAME on a shared machine."""
    return os.environ.get("JUNTOS_BENCH_NAME") or f"juntos_bench_{size}"


def work_dir(size: str, database: str) -> Path:
    """The benchmark's folder (the SQLite file, static files, the generated marker)."""
    return Path(f"/tmp/juntos-bench/{bench_name(size)}-{database}")


def database_url(size: str, database: str) -> str:
    """Where the benchmark keeps a size's data (bench/profile_page.py reads it too)."""
    if database == "postgres":
        return f"postgres://postgres@127.0.0.1:5432/{bench_name(size)}"
    return f"sqlite:///{work_dir(size, database) / 'bench.sqlite3'}"


def prepare(args) -> tuple[dict, dict]:
    work = work_dir(args.size, args.database)
    marker = work / "generated.json"
    db = bench_name(args.size)
    url = database_url(args.size, args.database)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "JUNTOS_VAR_DIR": str(work),
        "JUNTOS_SECRET_KEY": "bench-" + "x" * 50,
        "JUNTOS_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "JUNTOS_MANIFEST_STATIC": "1",
        "JUNTOS_TASKS": "database",
        "DJANGO_SETTINGS_MODULE": "juntos.settings",
    }
    env.pop("JUNTOS_DEBUG", None)
    info = {}
    if args.reuse and marker.exists():
        info = json.loads(marker.read_text())
        log(f"reusing the {args.size} database in {work}")
        juntos(env, "migrate", "-v0")  # what the code since needs (tables, cache tables)
    else:
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True)
        if args.database == "postgres":
            pg = ["-h", "127.0.0.1", "-U", "postgres"]
            subprocess.run(["dropdb", *pg, "--if-exists", db], check=True)
            subprocess.run(["createdb", *pg, db], check=True)
        log("migrate")
        juntos(env, "migrate", "-v0")
        log(f"generate --size {args.size} (progress below)")
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "juntos.cli", "generate", "--size", args.size, "--seed", "1"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
        info = {
            "generate_seconds": round(time.monotonic() - started, 1),
            "rows": int(re.search(r"([\d,]+) rows in", proc.stdout).group(1).replace(",", "")),
        }
        marker.write_text(json.dumps(info))
        log(f"generated {info['rows']:,} rows in {info['generate_seconds']} s")
    juntos(env, "collectstatic", "--noinput", "-v0")
    os.environ.update(env)
    import django

    django.setup()
    return env, info


def machine(args) -> dict:
    from django.db import connection

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    except OSError:
        mem_kb = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = "PostgreSQL " + cursor.fetchone()[0].split()[0]
        else:
            cursor.execute("select sqlite_version()")
            version = "SQLite " + cursor.fetchone()[0]
    import django

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": version,
        "load_average_at_start": [round(x, 1) for x in os.getloadavg()],
    }


# --- pages and queries ---------------------------------------------------------------------


def bench_slug(size: str) -> str:
    return "mo"


def session_cookie(user) -> str:
    """The cookies a signed-in browser sends: its session and the CSRF cookie it was given
    on its first page (kept pages are per browser session, juntos/core/pagecache.py)."""
    from django.conf import settings
    from django.test import Client
    from django.utils.crypto import get_random_string

    client = Client()
    client.force_login(user)
    csrf = get_random_string(32)
    return f"sessionid={client.cookies['sessionid'].value}; {settings.CSRF_COOKIE_NAME}={csrf}"


def queries_per_page(pages, user) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client()
    client.force_login(user)
    out = {}
    for page in pages:
        # The queries of rendering the page (a kept page makes a handful, whatever it shows),
        # who is asking read again too (core/remembered.py), as the tests count them.
        with override_settings(JUNTOS_PAGE_CACHE_SECONDS=0, JUNTOS_REMEMBER_ACCESS=False):
            client.get(page.url)  # warm caches (translations, templates) first
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(page.url)
        out[page.key] = {"queries": len(ctx), "status": response.status_code}
        log(f"  {page.key}: {len(ctx)} queries ({response.status_code})")
    return out


class Server:
    """gunicorn as in production (README, "Production"), on loopback."""

    def __init__(self, env, workers: int):
        self.port = free_port()
        self.env = env
        self.workers = workers

    def __enter__(self):
        cmd = [
            sys.executable,
            "-m",
            "gunicorn",
            "juntos.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--timeout",
            "120",
            "--backlog",
            "2048",
        ]
        self.log = open(Path(self.env["JUNTOS_VAR_DIR"]) / "gunicorn.log", "w")  # noqa: SIM115
        self.proc = subprocess.Popen(cmd, env=self.env, cwd=ROOT, stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if get(self.port, "/healthz", "")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not start; see gunicorn.log")

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.log.close()


def get(port: int, path: str, cookie: str, timeout: float = 60) -> tuple[int, float, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    started = time.perf_counter()
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        body = response.read()
        return response.status, time.perf_counter() - started, len(body)
    finally:
        conn.close()


def page_latency(port, pages, cookie, n: int, workers: int) -> dict:
    out = {}
    for page in pages:
        # Steady state, as a server in use: every worker has served the page (and the
        # trivial view) before the timing starts. First requests are a start-up cost.
        for _ in range(2 * workers):
            get(port, page.url, cookie)
            get(port, "/healthz", "")
        mine, ref, statuses = [], [], set()
        size = 0
        for _ in range(n):
            status, seconds, _ = get(port, "/healthz", "")
            ref.append(seconds * 1000)
            status, seconds, size = get(port, page.url, cookie)
            statuses.add(status)
            mine.append(seconds * 1000)
        row = {
            "label": page.label,
            "url": page.url,
            "p50_ms": round(statistics.median(mine), 1),
            "p95_ms": round(pct(mine, 95), 1),
            "ref_p50_ms": round(statistics.median(ref), 1),
            "ref_p95_ms": round(pct(ref, 95), 1),
            "bytes": size,
            "statuses": sorted(statuses),
        }
        row["p95_vs_ref"] = round(row["p95_ms"] / row["ref_p95_ms"], 1)
        out[page.key] = row
        log(
            f"  {page.key}: p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms "
            f"(trivial view p95 {row['ref_p95_ms']} ms) {row['statuses']}"
        )
    return out


def load_test(port, pages, cookie, users: int, seconds: int) -> dict:
    stop = time.monotonic() + seconds
    lock = threading.Lock()
    results = {"requests": 0, "errors": 0, "latencies": [], "error_kinds": {}}

    def user(i):
        rnd = random.Random(i)
        while time.monotonic() < stop:
            page = pages[rnd.randrange(len(pages))]
            try:
                status, elapsed, _ = get(port, page.url, cookie)
                error = None if status == 200 else f"HTTP {status}"
            except OSError as exc:
                error, elapsed = type(exc).__name__, 0.0
            with lock:
                results["requests"] += 1
                if error:
                    results["errors"] += 1
                    results["error_kinds"][error] = results["error_kinds"].get(error, 0) + 1
                else:
                    results["latencies"].append(elapsed * 1000)

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    lat = results.pop("latencies") or [0.0]
    out = {
        "users": users,
        "seconds": round(elapsed, 1),
        "requests": results["requests"],
        "errors": results["errors"],
        "error_kinds": results["error_kinds"],
        "throughput_rps": round(results["requests"] / elapsed, 1),
        "p50_ms": round(statistics.median(lat), 1),
        "p95_ms": round(pct(lat, 95), 1),
    }
    log(f"  load: {out}")
    return out


# --- import ------------------------------------------------------------------------------


def fresh_coalition(slug: str):
    from juntos.charter.services import coalition_create

    return coalition_create(
        slug=slug,
        name=slug,
        host_name="Bench",
        mission="m",
        values=[{"name": "v", "text": "t"}],
        agreements=[],
        effective_from=datetime.date(2020, 1, 1),
    )


def write_csv(path: Path, rows: int) -> None:
    rnd = random.Random(3)
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["first_name", "last_name", "email", "phone", "city", "state", "zip_code"])
        for i in range(rows):
            w.writerow(
                [
                    f"Ana{i}",
                    rnd.choice(["Garcia", "Smith", "Nguyen", "Okafor"]),
                    f"import{i}@example.org",
                    f"+1314{rnd.randrange(2000000, 9999999)}",
                    "Springfield",
                    "MO",
                    f"{rnd.randrange(10000, 99999)}",
                ]
            )


def bench_import(rows: int, work: Path) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from juntos.api import imports
    from juntos.members.models import Person

    path = work / "people.csv"
    write_csv(path, rows)
    data = path.read_bytes()
    tag = f"{int(time.time())}"
    log(f"  import of {rows:,} rows through job_create, preview, run")
    coalition = fresh_coalition(f"bench-import-{tag}")
    started = time.perf_counter()
    job = imports.job_create(
        coalition=coalition,
        actor=None,
        upload=SimpleUploadedFile("people.csv", data, content_type="text/csv"),
    )
    summary = imports.preview(job)
    after_preview = time.perf_counter()
    job = imports.run(job)
    ours = time.perf_counter() - started
    assert Person.objects.filter(coalition=coalition).count() == rows, summary

    log("  plain bulk insert of the same rows")
    plain_coalition = fresh_coalition(f"bench-plain-{tag}")
    plain_started = time.perf_counter()
    with path.open(newline="") as f, transaction.atomic():
        people = [
            Person(
                coalition=plain_coalition,
                full_name=f"{r['first_name']} {r['last_name']}",
                email=r["email"],
                phone=r["phone"],
                city=r["city"],
                state=r["state"],
                zip_code=r["zip_code"],
                role="supporter",
            )
            for r in csv.DictReader(f)
        ]
        Person.objects.bulk_create(people, batch_size=2000)
    plain = time.perf_counter() - plain_started
    out = {
        "rows": rows,
        "seconds": round(ours, 2),
        "preview_seconds": round(after_preview - started, 2),
        "rows_per_s": round(rows / ours),
        "plain_seconds": round(plain, 2),
        "plain_rows_per_s": round(rows / plain),
    }
    out["ratio"] = round(out["rows_per_s"] / out["plain_rows_per_s"], 2)
    log(f"  import: {out}")
    return out


# --- delivery ------------------------------------------------------------------------------


class Sink:
    """An SMTP server on loopback that counts messages (as tests/communications does)."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.count = 0
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                sink.count += len(envelope.rcpt_tos)
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def bench_delivery(recipients: int) -> dict:
    import smtplib
    from email.message import EmailMessage

    from django.test.utils import override_settings

    from juntos.communications import services
    from juntos.communications.models import Delivery, Notice
    from juntos.communications.tasks import deliver_notice
    from juntos.members.models import Person

    coalition = fresh_coalition(f"bench-mail-{int(time.time())}")
    Person.objects.bulk_create(
        [
            Person(
                coalition=coalition,
                full_name=f"Supporter {i}",
                email=f"s{i}@example.org",
                role="supporter",
            )
            for i in range(recipients)
        ],
        batch_size=2000,
    )
    notice = Notice.objects.create(
        coalition=coalition,
        audience="supporters",
        subject_en="Coalition news",
        body_en="What happened this month and what comes next. " * 10,
    )
    services.notice_send(notice=notice, actor=None)  # queues the deliveries (a database task)
    queued = Delivery.objects.filter(notice=notice, status="queued").count()
    log(f"  delivery of {queued:,} messages through deliver_notice to a local SMTP sink")
    with Sink() as sink:
        smtp = {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": sink.port,
        }
        with override_settings(**smtp):
            started = time.perf_counter()
            sent = deliver_notice.func(notice.pk)
            ours = time.perf_counter() - started
        received = sink.count
        sample = Delivery.objects.filter(notice=notice).select_related("person").first()
        message = services.notice_message(sample, notice).message()
        text = message.as_string()
        log(f"  plain smtplib: the same {sent:,} messages ({len(text):,} bytes each)")
        sink.count = 0
        started = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", sink.port) as client:
            for i in range(sent):
                m = EmailMessage()
                m["Subject"] = message["Subject"]
                m["From"] = message["From"]
                m["To"] = f"s{i}@example.org"
                m.set_content(text)
                client.send_message(m)
        plain = time.perf_counter() - started
        plain_received = sink.count
    out = {
        "recipients": recipients,
        "sent": sent,
        "received": received,
        "seconds": round(ours, 2),
        "messages_per_s": round(sent / ours),
        "plain_seconds": round(plain, 2),
        "plain_messages_per_s": round(plain_received / plain),
    }
    out["ratio"] = round(out["messages_per_s"] / out["plain_messages_per_s"], 2)
    log(f"  delivery: {out}")
    return out


# --- messengers and kiosk -------------------------------------------------------------------


def bench_messengers(p) -> dict:
    spec = importlib.util.spec_from_file_location("bench_messengers", BENCH / "messengers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    started = time.perf_counter()
    graph = module.build(p["graph_nodes"], p["graph_edges"], p["graph_ours"], 7)
    built = time.perf_counter() - started
    rnd = random.Random(8)
    targets = []
    while len(targets) < p["messenger_queries"]:
        t = rnd.randrange(p["graph_nodes"])
        if not graph.is_ours(t):
            targets.append(t)
    ours, plain, ball = [], [], []
    for t in targets:
        t0 = time.perf_counter()
        module.find_messengers(graph, t, limit=10)
        t1 = time.perf_counter()
        module.plain_bfs(graph.adj, graph.is_ours, t)
        t2 = time.perf_counter()
        module.plain_bfs_ball(graph.adj, t)
        t3 = time.perf_counter()
        ours.append((t1 - t0) * 1000)
        plain.append((t2 - t1) * 1000)
        ball.append((t3 - t2) * 1000)
    out = {
        "nodes": p["graph_nodes"],
        "relationships": p["graph_edges"],
        "queries": len(targets),
        "graph_built_s": round(built, 1),
        "p50_ms": round(statistics.median(ours), 2),
        "mean_ms": round(statistics.fmean(ours), 2),
        "plain_p50_ms": round(statistics.median(plain), 2),
        "plain_mean_ms": round(statistics.fmean(plain), 2),
        "ball_p50_ms": round(statistics.median(ball), 2),
        "ball_mean_ms": round(statistics.fmean(ball), 2),
    }
    # Two references: a BFS that stops at the first of ours (a different, smaller job:
    # one chain, unranked), and a BFS of the whole 4-step neighbourhood, the ground that
    # ranking the 10 best chains must cover.
    out["ratio_first_hit"] = round(out["mean_ms"] / max(out["plain_mean_ms"], 0.001), 2)
    out["ratio"] = round(out["mean_ms"] / max(out["ball_mean_ms"], 0.001), 2)
    log(f"  messengers: {out}")
    return out


def bench_kiosk(p, env, args) -> dict:
    from django.test import Client

    cmd = [sys.executable, str(BENCH / "kiosk.py"), "--people", str(p["kiosk_people"])]
    if args.database == "postgres":
        scratch = f"juntos_bench_kiosk_{args.size}"
        pg = ["-h", "127.0.0.1", "-U", "postgres"]
        subprocess.run(["dropdb", *pg, "--if-exists", scratch], check=True)
        subprocess.run(["createdb", *pg, scratch], check=True)
        cmd += ["--database-url", f"postgres://postgres@127.0.0.1:5432/{scratch}"]
    drop = ("DATABASE_URL", "JUNTOS_VAR_DIR", "JUNTOS_MANIFEST_STATIC")
    kiosk_env = {k: v for k, v in env.items() if k not in drop}
    kiosk_env["JUNTOS_TASKS"] = "immediate"
    proc = subprocess.run(cmd, env=kiosk_env, cwd=ROOT, capture_output=True, text=True, check=False)
    output = proc.stdout
    rate = re.search(r"(\d+) per second", output)
    latency = re.search(r"median ([\d.]+), p95 ([\d.]+)", output)
    # The reference: the trivial view through the same kind of test client, in this process.
    client = Client()
    n = 500
    started = time.perf_counter()
    for _ in range(n):
        client.get("/healthz")
    ref = n / (time.perf_counter() - started)
    out = {
        "people": p["kiosk_people"],
        "ok": proc.returncode == 0,
        "signins_per_s": int(rate.group(1)) if rate else None,
        "p50_ms": float(latency.group(1)) if latency else None,
        "p95_ms": float(latency.group(2)) if latency else None,
        "trivial_view_per_s": round(ref),
        "output": output.strip().splitlines(),
    }
    if out["signins_per_s"]:
        out["ratio"] = round(out["signins_per_s"] / out["trivial_view_per_s"], 2)
    log(f"  kiosk: { ({k: v for k, v in out.items() if k != 'output'}) }")
    return out


# --- report --------------------------------------------------------------------------------


def targets(run: dict, small: dict | None) -> dict:
    out = {}
    pages = run.get("pages") or {}
    if pages:
        worst = max(pages.values(), key=lambda r: r["p95_ms"])
        out["pages_p95_under_150ms"] = all(r["p95_ms"] < 150 for r in pages.values())
        out["pages_p95_within_10x_trivial"] = all(r["p95_vs_ref"] <= 10 for r in pages.values())
        out["slowest_page"] = f"{worst['label']} p95 {worst['p95_ms']} ms"
    if small and run.get("queries") and small.get("queries"):
        out["queries_constant_vs_small"] = all(
            run["queries"][k]["queries"] == small["queries"][k]["queries"]
            for k in run["queries"]
            if k in small["queries"]
        )
    if run.get("import"):
        out["import_at_least_25pct_of_plain"] = run["import"]["ratio"] >= 0.25
    if run.get("delivery"):
        out["delivery_at_least_50pct_of_plain"] = run["delivery"]["ratio"] >= 0.5
    if run.get("messengers"):
        out["messengers_at_most_2x_plain"] = run["messengers"]["ratio"] <= 2
    if run.get("load"):
        out["zero_errors_under_load"] = run["load"]["errors"] == 0
        load = run["load"]
        out["load_100_rps_p95_under_500ms"] = (
            load["throughput_rps"] >= 100 and load["p95_ms"] < 500 and load["errors"] == 0
        )
    return out


def render(results: dict) -> str:
    lines = [
        "# Benchmark results",
        "",
        "Written by `uv run python bench/run.py` (see its docstring). Every timing stands "
        "beside a reference measured in the same run on the same machine; the machines are "
        "shared and noisy, so read the ratios. Sizes are those of `juntos generate`; the "
        "pages are those of the benchmark coalition (`mo`, the largest state table, about "
        "an eighth of the national data).",
        "",
    ]
    runs = results["runs"]
    for key in sorted(runs, key=lambda k: (k.split("-")[1], k)):
        run = runs[key]
        m = run["machine"]
        lines += [
            f"## {run['size']} on {m['database']} ({run['date']})",
            "",
            "| machine | date | database | size |",
            "|---|---|---|---|",
            f"| {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, {m['os']}, "
            f"Python {m['python']}, Django {m['django']}; load average at start "
            f"{m['load_average_at_start']} | {run['date']} | {m['database']} | {run['size']}"
            f" ({run.get('generate', {}).get('rows', 0):,} rows generated in "
            f"{run.get('generate', {}).get('generate_seconds', '?')} s) |",
            "",
        ]
        if run.get("pages") or run.get("queries"):
            rendered = run.get("pages_rendered") or {}
            lines += [
                "| page | p50 ms | p95 ms | trivial view p50 / p95 ms | p95 ÷ trivial | queries "
                "| rendered every time: p50 / p95 ms | ÷ trivial |",
                "|---|---|---|---|---|---|---|---|",
            ]
            for k, q in (run.get("queries") or {}).items():
                p = (run.get("pages") or {}).get(k)
                r = rendered.get(k)
                cold = f"{r['p50_ms']} / {r['p95_ms']} | {r['p95_vs_ref']}" if r else " | "
                if p:
                    lines.append(
                        f"| {p['label']} | {p['p50_ms']} | {p['p95_ms']} | "
                        f"{p['ref_p50_ms']} / {p['ref_p95_ms']} | {p['p95_vs_ref']} | "
                        f"{q['queries']} | {cold} |"
                    )
                else:
                    lines.append(f"| {k} | | | | | {q['queries']} | {cold} |")
            lines.append("")
        rows = []
        if run.get("import"):
            i = run["import"]
            rows.append(
                f"| CSV import, {i['rows']:,} people | {i['rows_per_s']:,} rows/s "
                f"({i['seconds']} s, preview included) | plain bulk_create: "
                f"{i['plain_rows_per_s']:,} rows/s | {i['ratio']} |"
            )
        if run.get("delivery"):
            d = run["delivery"]
            rows.append(
                f"| notice delivery, {d['sent']:,} messages to a local SMTP sink | "
                f"{d['messages_per_s']:,} msg/s | plain smtplib: {d['plain_messages_per_s']:,} "
                f"msg/s | {d['ratio']} |"
            )
        if run.get("messengers") and "ball_mean_ms" in run["messengers"]:
            g = run["messengers"]
            rows.append(
                f"| messenger search (10 best chains), {g['relationships']:,} relationships | "
                f"mean {g['mean_ms']} ms, p50 {g['p50_ms']} ms | plain BFS of the 4-step "
                f"neighbourhood: mean {g['ball_mean_ms']} ms, p50 {g['ball_p50_ms']} ms | "
                f"{g['ratio']} |"
            )
            rows.append(
                f"| (same) | | plain BFS stopping at the first of ours: mean "
                f"{g['plain_mean_ms']} ms, p50 {g['plain_p50_ms']} ms | {g['ratio_first_hit']} |"
            )
        if run.get("kiosk"):
            k = run["kiosk"]
            rows.append(
                f"| kiosk sign-in, {k['people']:,} guests | {k['signins_per_s']} sign-ins/s "
                f"(p50 {k['p50_ms']} ms, p95 {k['p95_ms']} ms) | trivial view, same client: "
                f"{k['trivial_view_per_s']} req/s | {k.get('ratio')} |"
            )
        for name, how in (("load", ""), ("load_rendered", ", every page rendered")):
            if run.get(name):
                load = run[name]
                rows.append(
                    f"| load: {load['users']} users, {load['seconds']} s, gunicorn "
                    f"{run.get('workers')} workers{how} | {load['throughput_rps']} req/s, "
                    f"{load['errors']} errors, p50 {load['p50_ms']} ms, p95 {load['p95_ms']} ms "
                    f"| {load['requests']:,} requests | |"
                )
        if rows:
            lines += ["| measure | Juntos | reference | ratio |", "|---|---|---|---|", *rows, ""]
        if run.get("targets"):
            lines += ["Targets: " + "; ".join(f"{k}: {v}" for k, v in run["targets"].items()), ""]
    if results.get("assembly"):  # bench/assembly.py's runs
        spec = importlib.util.spec_from_file_location("bench_assembly", BENCH / "assembly.py")
        assembly = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(assembly)
        lines.append(assembly.render(results["assembly"]))
    notes = results.get("notes", [])
    if notes:
        lines += ["## Notes", "", *notes, ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=["small", "state", "national"], default="small")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--reuse", action="store_true", help="Keep a database generated before.")
    parser.add_argument("--only", default=",".join(STEPS))
    parser.add_argument("--load-seconds", type=int, default=0)
    parser.add_argument("--deliveries", type=int, default=0, help="Override the size's count.")
    parser.add_argument("--import-rows", type=int, default=0, help="Override the size's count.")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    args = parser.parse_args()
    steps = [s for s in args.only.split(",") if s]
    p = dict(PARAMS[args.size])
    p["deliveries"] = args.deliveries or p["deliveries"]
    p["import_rows"] = args.import_rows or p["import_rows"]
    env, generated = prepare(args)
    work = Path(env["JUNTOS_VAR_DIR"])

    from juntos.scale.pages import host_user, most_used_pages

    key = f"{args.size}-{args.database}"
    results_path = BENCH / "results.json"
    results = json.loads(results_path.read_text()) if results_path.exists() else {"runs": {}}
    run = {
        "size": args.size,
        "database": args.database,
        "date": datetime.date.today().isoformat(),
        "machine": machine(args),
        "generate": generated,
        "workers": args.workers,
    }
    previous = results["runs"].get(key, {})
    for step in STEPS:  # steps not run this time keep their last figures
        for name in (step, step + "_rendered"):
            if step not in steps and name in previous:
                run[name] = previous[name]

    slug = bench_slug(args.size)
    pages = most_used_pages(slug)
    user = host_user(slug)
    if "queries" in steps:
        log("queries per page")
        run["queries"] = queries_per_page(pages, user)
    if "pages" in steps or "load" in steps:
        cookie = session_cookie(user)
        seconds = args.load_seconds or p["load_seconds"]
        # As configured (pages kept per reader until the data changes), then with every
        # page rendered on every request (JUNTOS_PAGE_CACHE_SECONDS=0): the first is what a
        # reader coming back gets, the second what the first reader after a change gets.
        for suffix, server_env in (
            ("", env),
            ("_rendered", {**env, "JUNTOS_PAGE_CACHE_SECONDS": "0"}),
        ):
            with Server(server_env, args.workers) as server:
                if "pages" in steps:
                    log(
                        f"page latency{suffix}, {p['page_requests']} requests each, beside /healthz"
                    )
                    run["pages" + suffix] = page_latency(
                        server.port, pages, cookie, p["page_requests"], args.workers
                    )
                if "load" in steps:
                    log(f"load test{suffix}: 50 users for {seconds} s")
                    run["load" + suffix] = load_test(server.port, pages, cookie, 50, seconds)
    if "import" in steps:
        run["import"] = bench_import(p["import_rows"], work)
    if "delivery" in steps:
        run["delivery"] = bench_delivery(p["deliveries"])
    if "messengers" in steps:
        run["messengers"] = bench_messengers(p)
    if "kiosk" in steps:
        run["kiosk"] = bench_kiosk(p, env, args)
    small = results["runs"].get(f"small-{args.database}") if args.size != "small" else None
    run["targets"] = targets(run, small)
    results["runs"][key] = run
    results_path.write_text(json.dumps(results, indent=2) + "\n")
    (BENCH / "RESULTS.md").write_text(render(results))
    log(f"wrote {results_path} and bench/RESULTS.md: {run['targets']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
