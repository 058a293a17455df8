import pytest

from juntos.campaigns import services


def make_campaign(p, **overrides):
    values = {
        "coalition": p.coalition,
        "actor": p.host,
        "team": p.core_team,
        "title": "IDs for every resident",
        "playbook": "municipal_id",
        "state": "MO",
    }
    values.update(overrides)
    return services.campaign_start(**values)


@pytest.fixture
def campaign(personas):
    return make_campaign(personas)
