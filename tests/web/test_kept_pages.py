"""Kept pages (juntos/core/pagecache.py): a page is rendered once per reader and served
again until the data changes, whatever way the data changes."""

import datetime

import pytest
import time_machine
from django.db import connection, transaction
from django.urls import reverse
from django.utils import translation

from juntos.core import pagecache
from juntos.core.models import DataVersion
from juntos.members import services as members
from juntos.members.models import Member, Person
from juntos.privacy.models import AccessRecord

NOON = datetime.datetime(2026, 3, 10, 18, 0, tzinfo=datetime.UTC)


def directory_url(personas):
    return reverse("members:directory", args=[personas.coalition.slug])


def settle(client, url):
    """The first visit sets the CSRF cookie, the second keeps the page: the third is kept."""
    client.get(url)
    client.get(url)
    return client.get(url)


def kept(response) -> bool:
    return response.get("Juntos-Page") == "kept"


def rename_shows_at_once(personas, rename, name):
    """A kept directory, then `rename(member_pk, name)`: the next reading shows the name."""
    client = personas.client("host")
    url = directory_url(personas)
    assert kept(settle(client, url))
    rename(personas.other_member.pk, name)
    response = client.get(url)
    assert not kept(response)
    assert name in response.content.decode()


def test_a_page_read_again_is_kept_and_the_same(personas):
    client = personas.client("host")
    url = directory_url(personas)
    client.get(url)
    rendered = client.get(url)
    again = client.get(url)
    assert not kept(rendered) and kept(again)
    assert again.status_code == 200
    assert again.content == rendered.content
    assert again["Content-Type"] == rendered["Content-Type"]


def test_a_change_through_a_service_shows_at_once(personas):
    client = personas.client("host")
    url = directory_url(personas)
    assert kept(settle(client, url))
    members.member_add(
        coalition=personas.coalition,
        actor=personas.host,
        data={"kind": "organization", "name": "Nuevo Amanecer", "sectors": ["labor"]},
    )
    response = client.get(url)
    assert not kept(response)
    assert "Nuevo Amanecer" in response.content.decode()


def test_a_bulk_update_without_signals_shows_at_once(personas):
    def rename(pk, name):
        Member.objects.filter(pk=pk).update(name=name)

    rename_shows_at_once(personas, rename, "Renamed By Update")


def test_raw_sql_shows_at_once(personas):
    def rename(pk, name):
        with connection.cursor() as cursor:
            cursor.execute("UPDATE members_member SET name = %s WHERE id = %s", [name, pk])

    rename_shows_at_once(personas, rename, "Renamed By SQL")


def test_each_reader_has_their_own_page(personas):
    url = directory_url(personas)
    host, rep = personas.client("host"), personas.client("rep")
    assert "other@test.example" in settle(host, url).content.decode()
    rep_page = settle(rep, url)
    assert kept(rep_page)
    # The representative never gets the host's page, which shows contacts without consent.
    assert "other@test.example" not in rep_page.content.decode()
    assert "Contact not shared" in rep_page.content.decode()


def test_the_language_is_part_of_the_page(personas):
    client = personas.client("host")
    url = directory_url(personas)
    english = settle(client, url)
    client.cookies["django_language"] = "es"
    with translation.override("es"):
        spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
    assert spanish.content != english.content
    assert spanish["Content-Language"] == "es"


def test_a_removed_reader_is_refused_even_with_a_kept_page(personas):
    client = personas.client("rep")
    url = directory_url(personas)
    assert kept(settle(client, url))
    Person.objects.filter(user=personas.rep, coalition=personas.coalition).update(role="")
    assert client.get(url).status_code == 404


def test_reading_a_kept_page_is_recorded_like_any_reading(personas):
    client = personas.client("host")
    url = directory_url(personas)
    settle(client, url)
    before = AccessRecord.objects.filter(viewer=personas.host).count()
    assert kept(client.get(url))
    after = AccessRecord.objects.filter(viewer=personas.host).count()
    assert after > before  # who saw whose contact details, even from a kept page


def test_a_one_time_message_is_never_kept(personas):
    from django.contrib import messages
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest, HttpResponse

    client = personas.client("host")
    url = directory_url(personas)
    assert kept(settle(client, url))
    # A message waiting for the next page (as after a refused action that saved nothing).
    storage, carrier = CookieStorage(HttpRequest()), HttpResponse()
    storage.add(messages.INFO, "Nothing to change")
    storage.update(carrier)
    client.cookies["messages"] = carrier.cookies["messages"].value
    with_message = client.get(url)
    assert not kept(with_message)
    assert "Nothing to change" in with_message.content.decode()
    after = client.get(url)
    assert "Nothing to change" not in after.content.decode()
    assert kept(client.get(url))


def test_a_commit_elsewhere_makes_every_kept_page_stale(personas):
    client = personas.client("host")
    url = directory_url(personas)
    assert kept(settle(client, url))
    pagecache.publish()  # what another process does when its transaction commits
    assert not kept(client.get(url))


@pytest.mark.django_db(transaction=True)
def test_a_committed_transaction_publishes_the_change_once():
    from tests.conftest import make_personas

    personas = make_personas()
    DataVersion.objects.filter(id=1).update(n=1)
    with transaction.atomic():
        Member.objects.filter(pk=personas.member.pk).update(name="Committed")
        Member.objects.filter(pk=personas.other_member.pk).update(name="Also")
        assert pagecache._shared_version() == 1  # not before the commit
        assert len(connection.run_on_commit) == 1  # one publish for the transaction
    assert pagecache._shared_version() != 1


def test_a_lost_version_never_starts_again_from_zero(personas):
    client = personas.client("host")
    url = directory_url(personas)
    assert kept(settle(client, url))
    DataVersion.objects.all().delete()  # emptied, as a test database's flush does
    assert not kept(client.get(url))
    assert kept(client.get(url))


def test_kept_at_most_the_configured_seconds(personas, settings):
    settings.JUNTOS_PAGE_CACHE_SECONDS = 60
    client = personas.client("host")
    url = directory_url(personas)
    with time_machine.travel(NOON, tick=False) as clock:
        assert kept(settle(client, url))
        clock.shift(datetime.timedelta(seconds=61))
        assert not kept(client.get(url))


def test_a_new_day_renders_again(personas):
    client = personas.client("host")
    url = directory_url(personas)
    with time_machine.travel(NOON, tick=False) as clock:
        assert kept(settle(client, url))
        clock.shift(datetime.timedelta(days=1))
        assert not kept(client.get(url))


def test_turned_off_every_page_is_rendered(personas, settings):
    settings.JUNTOS_PAGE_CACHE_SECONDS = 0
    client = personas.client("host")
    assert not kept(settle(client, directory_url(personas)))


@pytest.mark.parametrize(
    ("sql", "writes"),
    [
        ("SELECT 1", False),
        ('  select * from "members_member" for update', False),
        ("SAVEPOINT s1", False),
        ('INSERT INTO "members_member" ("name") VALUES (%s)', True),
        ('UPDATE "members_member" SET "name" = %s', True),
        ('DELETE FROM "members_member"', True),
        ("WITH x AS (SELECT 1) UPDATE members_member SET name = 'a'", True),
        ('INSERT INTO "juntos_cache" ("cache_key") VALUES (%s)', False),
        ('DELETE FROM "juntos_cache" WHERE "expires" < %s', False),
        ('INSERT INTO "juntos_pages" ("cache_key") VALUES (%s)', False),
        ('DELETE FROM "juntos_pages" WHERE "cache_key" < %s', False),
        ('INSERT INTO "privacy_accessrecord" ("at") VALUES (%s)', False),
        ('UPDATE "django_tasks_database_dbtaskresult" SET "status" = %s', False),
        ('INSERT INTO "django_session" ("session_key") VALUES (%s)', True),
    ],
)
def test_what_counts_as_a_change(sql, writes):
    assert pagecache._is_write(sql) is writes


@pytest.mark.django_db(transaction=True)
def test_writes_outside_a_transaction_are_published_before_the_next_read():
    from tests.conftest import make_personas

    def rename(pk, name):
        Member.objects.filter(pk=pk).update(name=name)

    rename_shows_at_once(make_personas(), rename, "Autocommitted")


def test_another_worker_serves_the_page_kept_in_the_shared_cache(personas):
    client = personas.client("host")
    url = directory_url(personas)
    rendered = settle(client, url)
    pagecache._here.clear()  # a worker that has never served this page
    again = client.get(url)
    assert kept(again) and again.content == rendered.content


def test_a_page_taken_from_the_shared_copy_is_kept_no_longer_than_from_its_rendering(
    personas, settings
):
    settings.JUNTOS_PAGE_CACHE_SECONDS = 60
    client = personas.client("host")
    url = directory_url(personas)
    with time_machine.travel(NOON, tick=False) as clock:
        assert kept(settle(client, url))  # rendered at noon
        clock.shift(datetime.timedelta(seconds=50))
        pagecache._here.clear()  # another worker, which takes the shared copy
        assert kept(client.get(url))
        clock.shift(datetime.timedelta(seconds=20))  # 70 s after the rendering
        assert not kept(client.get(url))


def test_a_page_kept_by_the_previous_release_is_rendered_again(personas, monkeypatch):
    keys = []
    key_of = pagecache._key
    monkeypatch.setattr(pagecache, "_key", lambda request: keys.append(key_of(request)) or keys[-1])
    client = personas.client("host")
    url = directory_url(personas)
    assert kept(settle(client, url))
    pagecache._here.clear()
    # What the release before this one kept: four parts, without the time of the rendering.
    pagecache.pages.set(keys[-1], pagecache.pages.get(keys[-1])[:4], 60)
    response = client.get(url)
    assert response.status_code == 200 and not kept(response)


def test_kept_pages_never_push_rate_limits_or_the_version_out_of_the_shared_cache(personas):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from juntos.core import ratelimit
    from juntos.core.pagecache import cached_page

    ratelimit.hit("apply:1:203.0.113.9", window=3600)  # the public form's rate limit
    version = pagecache._version()
    person = Person.objects.get(user=personas.host, coalition=personas.coalition)
    page = cached_page(lambda request: HttpResponse("a page"))
    for n in range(400):  # 400 readers' pages, or one reader's 400 searches
        request = RequestFactory().get(f"/c/x/members/?q={n}")
        request.META["CSRF_COOKIE"] = "s" * 32
        request.user, request.person, request.role = personas.host, person, "host"
        page(request)
    assert ratelimit.count("apply:1:203.0.113.9") == 1
    assert pagecache._version() == version


def test_a_new_release_renders_pages_again(personas, monkeypatch):
    client = personas.client("host")
    url = directory_url(personas)
    assert kept(settle(client, url))
    monkeypatch.setattr(pagecache, "build", lambda: "next-release")
    assert not kept(client.get(url))


def test_the_build_is_stable_within_a_release():
    assert pagecache.build() == pagecache.build()
    assert len(pagecache.build()) == 12
