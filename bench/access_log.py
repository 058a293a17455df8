"""Benchmark: what the access log (who read what) costs the pages that show contact details.

    uv run python bench/access_log.py [--members 50] [--requests 200] [--database-url URL]

Sets up a throwaway database (a temporary SQLite file unless --database-url names a scratch
PostgreSQL database) with one coalition of --members member organizations, each with a
representative who consented to share contact details. A host then requests the pages that
show contact details (a member's page and the API's people list, 25 people a page), with the
access log on and off in alternating rounds of the same run, and the report gives the median
and p95 of each and the difference. Each request with the log on writes its records in one
insert.
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
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="juntos-bench-access-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("JUNTOS_VAR_DIR", tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "juntos.settings")
    import django

    django.setup()
    from datetime import date

    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()
    call_command("migrate", verbosity=0)

    from juntos.accounts.models import User
    from juntos.api.models import ApiToken
    from juntos.charter.services import coalition_create
    from juntos.consent.services import consent_set
    from juntos.members.services import member_add, person_add
    from juntos.privacy import accesslog
    from juntos.privacy.models import AccessRecord

    host = User.objects.create_user(email=f"host-{uuid.uuid4().hex[:6]}@bench.example",
                                    password="x" * 20, full_name="Host")  # fmt: skip
    coalition = coalition_create(
        slug=f"bench-{uuid.uuid4().hex[:8]}",
        name="Bench Coalition",
        host_name="Host",
        mission="Welcome all.",
        values=[],
        agreements=[],
        effective_from=date(2020, 1, 1),
        actor=host,
    )
    person_add(coalition=coalition, actor=host, full_name="Host", email=host.email,
               role="host", user=host)  # fmt: skip
    first = None
    for i in range(args.members):
        member = member_add(coalition=coalition, actor=host,
                            data={"kind": "organization", "name": f"Org {i:03}"})  # fmt: skip
        first = first or member
        rep = person_add(coalition=coalition, actor=host, full_name=f"Rep {i:03}",
                         email=f"rep{i}@bench.example", phone="+13145550100", member=member,
                         role="representative", is_primary_contact=True)  # fmt: skip
        consent_set(coalition=coalition, kind="contact_sharing", granted=True, actor=host,
                    person=rep)  # fmt: skip
    _t, raw = ApiToken.issue(user=host, coalition=coalition, name="bench", scope="read")
    client = Client()
    client.force_login(host)
    pages = {
        "member page": (reverse("members:detail", args=[coalition.slug, first.pk]), {}),
        "API people (25)": (reverse("api:people"), {"HTTP_OSDI_API_TOKEN": raw}),
    }
    timings = {(name, on): [] for name in pages for on in (True, False)}
    for name, (url, headers) in pages.items():
        for _ in range(10):  # warm up
            client.get(url, **headers)
        for i in range(args.requests):
            on = i % 2 == 0
            accesslog.ENABLED = on
            started = time.perf_counter()
            response = client.get(url, **headers)
            timings[(name, on)].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
    accesslog.ENABLED = True

    def p95(values):
        return sorted(values)[int(len(values) * 0.95) - 1]

    print(f"{args.members} members, {args.requests} requests a page, log on/off alternating")
    for name in pages:
        on, off = timings[(name, True)], timings[(name, False)]
        m_on, m_off = statistics.median(on), statistics.median(off)
        print(
            f"{name}: with the access log median {m_on:.2f} ms (p95 {p95(on):.2f}), "
            f"without {m_off:.2f} ms (p95 {p95(off):.2f}); cost {m_on - m_off:+.2f} ms"
        )
    print(f"{AccessRecord.objects.count()} access records written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
