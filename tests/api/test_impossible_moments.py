"""A date and time that is well formed but impossible (a +99:00 offset, a 25th hour) is a
400 with the rule, not a 500: Django's parse_datetime raises ValueError for those."""

import json

import pytest

from juntos.api.models import ApiToken

IMPOSSIBLE = ["2026-01-01T00:00:00+99:00", "2026-01-01T25:00:00Z"]


@pytest.fixture
def raw(personas):
    return ApiToken.issue(
        user=personas.host, name="test", scope="read_write", coalition=personas.coalition
    )[1]


@pytest.mark.parametrize("moment", IMPOSSIBLE)
@pytest.mark.parametrize("collection", ["people", "events", "meetings", "tags"])
def test_filter_with_an_impossible_moment_is_a_400(client, raw, collection, moment):
    response = client.get(
        f"/api/{collection}", {"filter": f"modified_date gt '{moment}'"}, HTTP_OSDI_API_TOKEN=raw
    )
    assert response.status_code == 400
    assert "ISO 8601" in response.content.decode()


@pytest.mark.parametrize("moment", IMPOSSIBLE)
def test_event_with_an_impossible_start_is_a_400(client, raw, moment):
    response = client.post(
        "/api/events",
        json.dumps({"title": "Know your rights", "start_date": moment}),
        content_type="application/json",
        HTTP_OSDI_API_TOKEN=raw,
    )
    assert response.status_code == 400
    assert "start_date" in response.content.decode()
