"""Rate limits that hold when deployed: counted in a store all processes share, per the
client address a trusted proxy reports, and the spam guard's start time single-use."""

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.db import connection
from django.urls import reverse

from juntos.core.forms import spam_token
from juntos.members.models import Application
from tests.members.test_apply import valid_data


@pytest.fixture
def url(personas):
    return reverse("members:apply", args=[personas.coalition.slug])


def test_the_cache_is_the_database_unless_redis_is_configured(db):
    backend = django_settings.CACHES["default"]["BACKEND"]
    assert backend == "django.core.cache.backends.db.DatabaseCache"
    assert "juntos_cache" in connection.introspection.table_names()  # made by migrate


def test_a_count_made_by_one_process_is_seen_by_another(db):
    from django.core.cache import CacheHandler

    from juntos.core import ratelimit

    ratelimit.hit("shared-test", window=60)
    ratelimit.hit("shared-test", window=60)
    other_worker = CacheHandler()["default"]  # a fresh backend, as in another process
    assert other_worker is not caches["default"]
    assert other_worker.get("shared-test") == 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM juntos_cache")
        assert cursor.fetchone()[0] >= 1


def test_per_address_limit_uses_the_trusted_proxy_header(client, url, settings):
    settings.JUNTOS_APPLY_PER_HOUR = 1
    settings.JUNTOS_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    proxy = {"REMOTE_ADDR": "10.0.0.2"}  # every request reaches us from the proxy
    first = client.post(
        url, valid_data(email="a@example.org"), HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy
    )
    other = client.post(
        url, valid_data(email="b@example.org"), HTTP_X_FORWARDED_FOR="203.0.113.6", **proxy
    )
    assert first.status_code == other.status_code == 302  # two clients, one each
    again = client.post(
        url,
        valid_data(email="c@example.org"),
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.5",  # a forged first entry
        **proxy,
    )
    assert again.status_code == 200 and "Too many applications" in again.content.decode()


def test_without_the_setting_a_forwarded_header_cannot_dodge_the_limit(client, url, settings):
    settings.JUNTOS_APPLY_PER_HOUR = 1
    assert client.post(url, valid_data(email="a@example.org"), HTTP_X_FORWARDED_FOR="1.1.1.1")
    response = client.post(url, valid_data(email="b@example.org"), HTTP_X_FORWARDED_FOR="2.2.2.2")
    assert "Too many applications" in response.content.decode()


def test_the_spam_guards_start_time_is_single_use(client, url):
    token = spam_token()
    assert client.post(url, valid_data(email="a@example.org", started=token)).status_code == 302
    replay = client.post(url, valid_data(email="b@example.org", started=token))
    assert replay.status_code == 200 and "already sent" in replay.content.decode()
    assert Application.objects.count() == 1
