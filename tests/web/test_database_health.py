"""A kept PostgreSQL connection is health-checked at most once a second (juntos/db): the
check is one more round trip on every request otherwise."""

import pytest
from django.db import connection, connections

from juntos.env import database_from_url

pytestmark = pytest.mark.django_db


def test_postgresql_addresses_use_the_backend_that_checks_once_a_second():
    settings = database_from_url("postgres://postgres@127.0.0.1:5432/test")
    assert settings["ENGINE"] == "juntos.db.postgresql"
    assert settings["CONN_HEALTH_CHECKS"] is True


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend")
def test_a_connection_checked_within_the_second_is_not_checked_again(monkeypatch):
    from juntos.db.postgresql import base

    db = connections["default"]
    clock = [1000.0]
    checks = []
    monkeypatch.setattr(base.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(type(db), "is_usable", lambda self: checks.append(clock[0]) or True)
    db.ensure_connection()
    enabled = db.health_check_enabled
    db.health_check_enabled = True
    db.checked_at = clock[0] - base.HEALTHY_FOR - 0.1

    def next_request():
        db.health_check_done = False  # as Django marks it when a request begins
        db.close_if_health_check_failed()
        assert db.health_check_done

    try:
        next_request()  # last checked over a second ago: checked
        clock[0] += 0.5
        next_request()  # half a second later: taken as healthy
        clock[0] += 0.6
        next_request()  # a second after the check: checked again
    finally:
        db.health_check_enabled = enabled
    assert checks == [1000.0, 1001.1]


def test_postgresql_statements_are_bound_and_prepared_by_the_server_unless_the_url_says():
    kept = database_from_url("postgres://postgres@127.0.0.1:5432/test")["OPTIONS"]
    assert kept == {"server_side_binding": True, "prepare_threshold": 5}
    pooled = database_from_url(
        "postgres://u@db/x?prepare_threshold=none&server_side_binding=off&sslmode=require"
    )["OPTIONS"]
    assert pooled == {"server_side_binding": False, "prepare_threshold": None, "sslmode": "require"}


@pytest.mark.parametrize(
    "query", ["prepare_threshold=soon", "prepare_threshold=-1", "server_side_binding=maybe"]
)
def test_a_database_option_nobody_meant_stops_the_program_with_its_name(query):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match=query.split("=")[0]):
        database_from_url(f"postgres://u@db/x?{query}")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend")
def test_a_query_run_again_on_the_connection_is_kept_prepared_by_postgresql():
    from juntos.live.models import MeetingVersion

    for _ in range(8):
        list(MeetingVersion.objects.filter(pk=1).values_list("votes"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE NOT from_sql")
        assert cursor.fetchone()[0] >= 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend")
def test_a_statement_with_more_parameters_than_postgresql_carries_still_runs(personas):
    from juntos.members.models import Member

    # An import that touched 70,000 people looks them up in one `__in`: bound by the server
    # that is more than the protocol's 65,535 parameters.
    member = Member.objects.first()
    wanted = [*range(10**9, 10**9 + 70_000), member.pk]
    assert list(Member.objects.filter(pk__in=wanted)) == [member]
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s = ANY(%s)", ["it's", ["a", "it's"]])  # quoted, still bound
        assert cursor.fetchone() == (True,)
