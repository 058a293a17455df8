"""Benchmark: the event kiosk signs in 2,000 people in a row through the real view.

    uv run python bench/kiosk.py [--people 2000] [--doubles 200] [--database-url URL]

Sets up a throwaway database (a temporary SQLite file unless --database-url names a
scratch PostgreSQL database), plans an event, opens the guest kiosk with Django's test
client (CSRF checks on, as in a browser) and posts one signature after another the way
the kiosk's script does (Accept: application/json). Every tenth guest also sends a
postcard and endorses the principles. Then it double-submits --doubles signatures (the
same client id twice, as a double tap or a retry after a network drop) and checks that
each made exactly one signature. Reports signatures per second and latency percentiles.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--doubles", type=int, default=200)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="juntos-bench-kiosk-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("JUNTOS_VAR_DIR", tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "juntos.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from django.utils import timezone

    setup_test_environment()  # in-memory mail, testserver host
    call_command("migrate", verbosity=0)

    from juntos.charter.services import coalition_create
    from juntos.events import services
    from juntos.events.models import EventAction, SignIn
    from juntos.members.services import member_add
    from juntos.relationships.models import Contact

    slug = f"bench-{uuid.uuid4().hex[:8]}"
    coalition = coalition_create(
        slug=slug,
        name="Bench Coalition",
        host_name="Host",
        mission="Welcome all.",
        values=[],
        agreements=[],
        effective_from=timezone.localdate(),
        actor=None,
    )
    host_org = member_add(
        coalition=coalition, actor=None, data={"kind": "organization", "name": "Casa Bench"}
    )
    office = Contact.objects.create(
        coalition=coalition,
        name="Rep. Bench",
        level="federal",
        chamber="lower",
        state="MO",
        district="1",
        offices=[{"address": "1 Capitol"}],
    )
    start = timezone.now()
    event = services.event_plan(
        coalition=coalition,
        actor=None,
        hosts=[host_org],
        data={
            "kind": "community_forum",
            "title": "Bench forum",
            "starts_at": start,
            "ends_at": start + timezone.timedelta(hours=2),
        },
    )
    services.event_status_set(event=event, actor=None, status="published")
    token = services.kiosk_token(event, "guest")

    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("events_public:kiosk", args=[token]))
    assert page.status_code == 200, page.status_code
    csrf = client.cookies["csrftoken"].value
    url = reverse("events_public:kiosk_sign", args=[token])

    def post(data):
        return client.post(
            url, {**data, "csrfmiddlewaretoken": csrf}, HTTP_ACCEPT="application/json"
        )

    timings = []
    began = time.perf_counter()
    for i in range(args.people):
        data = {"client_id": uuid.uuid4().hex, "name": f"Guest {i:05d}"}
        if i % 3 == 0:
            data["email"] = f"guest{i}@example.org"
            data["may_contact"] = "on"
        if i % 10 == 0:
            data["office"] = str(office.pk)
            data["endorse"] = "on"
        t = time.perf_counter()
        response = post(data)
        timings.append(time.perf_counter() - t)
        if response.status_code != 201:
            print(f"signature {i} failed: {response.status_code} {response.content[:200]!r}")
            return 1
    elapsed = time.perf_counter() - began

    before = SignIn.objects.filter(event=event).count()
    duplicates_refused = 0
    for i in range(args.doubles):
        data = {"client_id": uuid.uuid4().hex, "name": f"Double {i:04d}"}
        first, second = post(data), post(data)
        if first.status_code == 201 and second.status_code == 200:
            duplicates_refused += 1
    after = SignIn.objects.filter(event=event).count()

    timings.sort()
    ms = [t * 1000 for t in timings]
    engine = django.db.connection.vendor
    print(f"database: {engine}")
    print(
        f"signed in {args.people} people in {elapsed:.2f} s: {args.people / elapsed:.0f} per second"
    )
    print(
        f"latency ms: median {statistics.median(ms):.1f}, p95 {ms[int(len(ms) * 0.95) - 1]:.1f}, "
        f"max {ms[-1]:.1f}"
    )
    print(
        f"postcards {EventAction.objects.filter(event=event, kind='postcard').count()}, "
        f"endorsements {EventAction.objects.filter(event=event, kind='endorse').count()}"
    )
    ok = after - before == args.doubles and duplicates_refused == args.doubles
    print(
        f"double submissions: {args.doubles} sent twice, {after - before} signatures made "
        f"({'one each' if ok else 'WRONG'})"
    )
    total = SignIn.objects.filter(event=event).count()
    print(f"signatures on the list: {total} (expected {args.people + args.doubles})")
    return 0 if ok and total == args.people + args.doubles else 1


if __name__ == "__main__":
    sys.exit(main())
