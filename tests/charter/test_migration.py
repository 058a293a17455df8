"""The data migration, run for real: charters written before bases and seasons read the same."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from juntos.charter import rules as r

BEFORE = [("charter", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_existing_charters_migrate_without_change_of_meaning(migrated_back):
    executor = MigrationExecutor(connection)
    after = [(k, v) for k, v in executor.loader.graph.leaf_nodes() if k == "charter"]
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Coalition = old.get_model("charter", "Coalition")
    CharterVersion = old.get_model("charter", "CharterVersion")
    legacy = {**r.CharterRules().to_dict(), "unanimity_basis": "votes_cast"}
    legacy.pop("quorum_base")
    legacy.pop("seasons")
    for t in legacy["thresholds"].values():
        t.pop("base")
    coalition = Coalition.objects.create(slug="old", name="Old", host_name="H")
    CharterVersion.objects.create(
        coalition=coalition,
        number=1,
        effective_from=date(2024, 1, 1),
        mission="m",
        rules=legacy,
        summary="Charter adopted",
    )
    CharterVersion.objects.create(
        coalition=coalition,
        number=2,
        effective_from=date(2025, 1, 1),
        mission="m",
        rules={"quorum_numerator": 1, "quorum_denominator": 2},
        summary="Half",
    )

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    versions = {
        v.number: v
        for v in new.get_model("charter", "CharterVersion").objects.filter(coalition__slug="old")
    }
    migrated = new.get_model("charter", "Coalition").objects.get(slug="old")
    assert migrated.setup_finished_at is not None  # no set-up guide for a running coalition
    assert versions[1].adopted_how == "founding" and versions[2].adopted_how == "recorded"
    for number, before in ((1, legacy), (2, {"quorum_numerator": 1, "quorum_denominator": 2})):
        stored = versions[number].rules
        assert all(t["base"] for t in stored["thresholds"].values())
        assert stored["quorum_base"] == "voting"
        was, now = r.rules_from_dict(before), r.rules_from_dict(stored)
        for kind in r.DECISION_KINDS:
            assert was.threshold(kind) == now.threshold(kind)
        assert was.calendar_seasons() == now.calendar_seasons()
    # Unanimity among votes cast stays that: a removal is not blocked by abstentions.
    removal = r.rules_from_dict(versions[1].rules).threshold(r.REMOVE_MEMBER)
    assert (removal.rule, removal.base) == ("unanimous", "votes_cast")
