"""Test personas: one login per role in a small coalition, plus an outsider.

host, core, rep, other_rep (a second member's representative), supporter,
outsider (host of another coalition), and anonymous (the client without login).
"""

import contextlib
from dataclasses import dataclass
from datetime import date

import pytest
from django.test import Client

from juntos.accounts.models import User
from juntos.charter.services import coalition_create
from juntos.members import services as members
from juntos.members.models import Team

PASSWORD = "a-long-test-password-1"
pytest_plugins = ["tests.browser_support"]


@dataclass
class Personas:
    coalition: object
    other_coalition: object
    host: User
    core: User
    rep: User
    other_rep: User
    supporter: User
    outsider: User
    member: object  # rep's organization
    other_member: object  # other_rep's organization
    core_team: object

    def client(self, who: str | None) -> Client:
        client = Client()
        if who is not None:
            client.force_login(getattr(self, who))
        return client


def _user(email, name, language="en"):
    return User.objects.create_user(
        email=email, password=PASSWORD, full_name=name, preferred_language=language
    )


def make_coalition(slug="test-coalition", name="Test Coalition", actor=None):
    return coalition_create(
        slug=slug,
        name=name,
        host_name="Test Host Org",
        mission="Make the state welcoming.",
        values=[{"name": "Dignity", "text": "Everyone counts."}],
        agreements=[{"name": "One mic", "text": "Do not interrupt."}],
        effective_from=date(2020, 1, 1),
        actor=actor,
    )


def make_personas() -> Personas:
    host = _user("host@test.example", "Hana Host")
    coalition = make_coalition(actor=host)
    members.person_add(
        coalition=coalition,
        actor=host,
        full_name="Hana Host",
        email=host.email,
        role="host",
        user=host,
    )
    core = _user("core@test.example", "Cora Core", "es")
    rep = _user("rep@test.example", "Rene Rep")
    other_rep = _user("other@test.example", "Olga Other")
    supporter = _user("supporter@test.example", "Sol Supporter")
    member = members.member_add(
        coalition=coalition,
        actor=host,
        data={
            "kind": "organization",
            "name": "Casa Test",
            "sectors": ["immigrant_rights"],
            "city": "St. Louis",
            "state": "MO",
            "zip_code": "63101",
        },
    )
    other_member = members.member_add(
        coalition=coalition,
        actor=host,
        data={"kind": "organization", "name": "Labor Test", "sectors": ["labor"]},
    )
    core_member = members.member_add(
        coalition=coalition,
        actor=host,
        data={"kind": "organization", "name": "Core Org", "sectors": ["education"]},
    )
    members.person_add(
        coalition=coalition,
        actor=host,
        full_name="Cora Core",
        email=core.email,
        phone="+13145550111",
        member=core_member,
        role="core_team",
        user=core,
        is_primary_contact=True,
    )
    members.person_add(
        coalition=coalition,
        actor=host,
        full_name="Rene Rep",
        email=rep.email,
        phone="+13145550122",
        member=member,
        role="representative",
        user=rep,
        is_primary_contact=True,
    )
    members.person_add(
        coalition=coalition,
        actor=host,
        full_name="Olga Other",
        email=other_rep.email,
        phone="+13145550133",
        member=other_member,
        role="representative",
        user=other_rep,
        is_primary_contact=True,
    )
    members.person_add(
        coalition=coalition,
        actor=host,
        full_name="Sol Supporter",
        email=supporter.email,
        role="supporter",
        user=supporter,
    )
    core_team = Team.objects.create(coalition=coalition, kind="core_team", name="Core Team")
    members.team_seat_add(team=core_team, actor=host, member=core_member)

    outsider = _user("outsider@test.example", "Otto Outsider")
    other_coalition = make_coalition(slug="other-coalition", name="Other Coalition", actor=outsider)
    members.person_add(
        coalition=other_coalition,
        actor=outsider,
        full_name="Otto Outsider",
        email=outsider.email,
        role="host",
        user=outsider,
    )
    return Personas(
        coalition,
        other_coalition,
        host,
        core,
        rep,
        other_rep,
        supporter,
        outsider,
        member,
        other_member,
        core_team,
    )


@pytest.fixture
def personas(db) -> Personas:
    return make_personas()


@pytest.fixture(autouse=True)
def _quick_forms(settings, tmp_path, request):
    # Spam protection's minimum fill time would slow every form test down.
    settings.JUNTOS_FORM_MIN_SECONDS = 0
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Webhook tests post to a local http server; tests/api/test_webhook_ssrf.py turns it off.
    settings.JUNTOS_WEBHOOKS_ALLOW_INSECURE = True
    from django.core.cache import cache, caches

    # The cache is the database's (juntos_cache): a test's writes roll back with it, and
    # a test without the database cannot touch it.
    for name in ("transactional_db", "live_server", "db"):
        if name in request.fixturenames:
            request.getfixturevalue(name)
            break
    with contextlib.suppress(RuntimeError):  # a test without the database has no cache
        cache.clear()
        caches["pages"].clear()  # kept pages (juntos/core/pagecache.py)
    # Live fragments (juntos/live): every change shows at once, from an empty cache.
    from juntos.live import versions

    versions._latest.clear()
    from juntos.core import pagecache

    pagecache._here.clear()
    from juntos.core import remembered

    remembered._kept.clear()
    versions._statements.clear()
    from juntos.governance.views import votes

    votes._motions.clear()
    versions._pictures.clear()
    versions._parts.clear()
    versions._present.clear()
    from juntos.live import frames

    frames._frames.clear()
    settings.JUNTOS_LIVE_FRESH_SECONDS = 0
    settings.JUNTOS_LIVE_PICTURE_SECONDS = 0
    settings.JUNTOS_LIVE_BALLOT_PICTURE_SECONDS = 0
    # Every test starts in the default language: a test that activates Spanish in the thread
    # (a mail rendered for a Spanish reader, say) must not change the next test's words.
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def migrated_back():
    """For a test that runs migrations backwards: afterwards every app is at its latest
    migration again, or later tests in the process would meet tables without new columns."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def pytest_configure(config):
    from django.conf import settings

    # Real password hashing costs ~100 ms a user; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def rendered_every_time(settings):
    """Pages rendered on every request (no kept pages, juntos/core/pagecache.py) and who is
    asking read on every request (juntos/core/remembered.py): for tests that count the
    queries of a page's rendering."""
    settings.JUNTOS_PAGE_CACHE_SECONDS = 0
    settings.JUNTOS_REMEMBER_ACCESS = False
