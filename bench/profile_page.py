"""Profile one of the most used pages in this process, against a benchmark database.

    uv run python bench/profile_page.py meeting [--size national] [--database sqlite] [-n 20]

Uses the database `bench/run.py` generated (run that first, or with --only queries) and
prints pyinstrument's call tree for the page's requests after a warm-up, plus the mean
time. The page keys are those of juntos.scale.pages (home, directory, meeting, ...) and
healthz (the trivial view). --no-profile also prints the median CPU time per request.
"""

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("page")
    parser.add_argument("--size", default="national")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("-n", type=int, default=20)
    parser.add_argument("--no-profile", action="store_true", help="Only time the requests.")
    parser.add_argument("--flat", action="store_true", help="Functions by own time, not a tree.")
    args = parser.parse_args()

    from bench.run import database_url, work_dir

    work = work_dir(args.size, args.database)
    os.environ.update(
        DATABASE_URL=database_url(args.size, args.database),
        JUNTOS_VAR_DIR=str(work),
        JUNTOS_SECRET_KEY="bench-" + "x" * 50,
        JUNTOS_ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="juntos.settings",
    )
    os.environ.pop("JUNTOS_DEBUG", None)
    import django

    django.setup()
    from django.test import Client

    import juntos.wsgi  # noqa: F401  (warms the holidays as a server process does)
    from bench.run import bench_slug
    from juntos.scale.pages import Page, host_user, most_used_pages

    slug = bench_slug(args.size)
    pages = {p.key: p for p in most_used_pages(slug)}
    pages["healthz"] = Page("healthz", "The trivial view", "/healthz")
    page = pages[args.page]
    client = Client()
    client.force_login(host_user(slug))
    for _ in range(3):
        assert client.get(page.url).status_code == 200
    gc.collect()
    gc.freeze()  # as juntos.wsgi's server hook does after warming up
    profiler = None
    if not args.no_profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
    started = time.perf_counter()
    cpu = []
    for _ in range(args.n):
        before = time.process_time()
        client.get(page.url)
        cpu.append(time.process_time() - before)
    elapsed = (time.perf_counter() - started) / args.n
    if profiler:
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, flat=args.flat))
    print(
        f"{page.label} ({page.url}): mean {elapsed * 1000:.1f} ms over {args.n} requests,"
        f" median CPU {statistics.median(cpu) * 1000:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
