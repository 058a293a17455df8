"""The events' uuid migration, run for real: every existing event gets its own uuid."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("events", "0005_postcards_to_own_representative")]
AFTER = [("events", "0006_event_uuid_identifiers")]


@pytest.mark.django_db(transaction=True)
def test_existing_events_get_distinct_uuids_and_no_identifiers(migrated_back):
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    before = [n for n in leaves if n[0] != "events"] + BEFORE
    executor.migrate(BEFORE)
    old = executor.loader.project_state(before).apps
    Coalition = old.get_model("charter", "Coalition")
    Event = old.get_model("events", "Event")
    coalition = Coalition.objects.create(slug="old", name="Old", host_name="H")
    when = datetime(2026, 5, 1, 18, tzinfo=UTC)
    for n in range(3):
        Event.objects.create(
            coalition=coalition,
            kind="rally",
            title=f"E{n}",
            slug=f"e{n}",
            starts_at=when,
            ends_at=when,
        )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    rows = list(new.get_model("events", "Event").objects.values_list("uuid", "identifiers"))
    assert len(rows) == 3 and len({u for u, _i in rows}) == 3
    assert all(u is not None and i == [] for u, i in rows)
