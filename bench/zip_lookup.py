"""Benchmark: ZIP → congressional district lookups per second, beside a plain dict lookup.

    uv run python bench/zip_lookup.py [--lookups 200000] [--db-lookups 2000] [--seed 7]

Three measures, in the same run on the same machine, over the same random ZIP codes
(real ZCTAs of the package crosswalk, plus one in ten that is in no district):
- reference: a plain `dict.get` on a {zip: district} dict built here;
- Juntos, package data: `rules.normalize_zip` + `selectors.national_crosswalk().get`
  (what every lookup does first; no database);
- Juntos, full: `selectors.districts_for(zip)`, which also reads the imported plans
  (state legislative crosswalks, replaced congressional plans) from a fresh SQLite
  database in a temporary folder with Missouri's legislative crosswalk imported.
Also the time to load the package crosswalk once (the first lookup of a process).
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "districts"


def rate(n, seconds):
    return f"{n / seconds:,.0f}/s ({seconds * 1e6 / n:.2f} µs each)"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lookups", type=int, default=200_000)
    parser.add_argument("--db-lookups", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="juntos-bench-zip-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "juntos.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from juntos.districts import rules, selectors

    started = time.perf_counter()
    table = selectors.national_crosswalk()
    load = time.perf_counter() - started

    rnd = random.Random(args.seed)
    zips = sorted(table)
    sample = [
        rnd.choice(zips) if rnd.random() > 0.1 else f"{rnd.randrange(100000):05d}"
        for _ in range(args.lookups)
    ]
    plain = {z: pairs[0][1] for z, pairs in table.items()}

    started = time.perf_counter()
    for z in sample:
        plain.get(z)
    reference = time.perf_counter() - started

    started = time.perf_counter()
    for z in sample:
        table.get(rules.normalize_zip(z))
    package = time.perf_counter() - started

    call_command("migrate", verbosity=0)
    if DATA.is_dir():
        call_command(
            "import-districts",
            str(DATA / "zcta-mo-legislature-2024.csv"),
            "--plan",
            "2024",
            verbosity=0,
        )
    db_sample = sample[: args.db_lookups]
    started = time.perf_counter()
    for z in db_sample:
        selectors.districts_for(z)
    full = time.perf_counter() - started

    print(f"package crosswalk loaded in {load * 1000:.0f} ms ({len(table):,} ZCTAs)")
    print(f"plain dict.get:                      {rate(len(sample), reference)}")
    print(f"normalize + package crosswalk:       {rate(len(sample), package)}")
    print(f"districts_for (with imported plans): {rate(len(db_sample), full)}")
    print(f"ratio package / plain dict: {package / reference:.1f}x slower")


if __name__ == "__main__":
    main()
