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
