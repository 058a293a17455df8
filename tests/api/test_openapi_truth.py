"""The OpenAPI document tells the truth about the request side: what its patterns allow,
the code takes (property tests, strings drawn from the document's own patterns); what the
code refuses for a reason no schema says is 422 and documented; webhooks are described as
they are sent. Schemathesis (.ci/schemathesis, --checks all) checks the same against a
running server."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from hypothesis import given, settings
from hypothesis import strategies as st

from juntos.api import openapi, osdi
from juntos.api.models import Webhook


def document() -> dict:
    return openapi.openapi_document(RequestFactory().get("/api/openapi.json"))


def _filter_pattern(path: str) -> str:
    params = document()["paths"][path]["get"]["parameters"]
    return next(p for p in params if p["name"] == "filter")["schema"]["pattern"]


PEOPLE_FILTER = _filter_pattern("/people")
EVENTS_FILTER = _filter_pattern("/events")


@settings(max_examples=60, deadline=None)
@given(st.from_regex(EVENTS_FILTER, fullmatch=True))
def test_every_filter_the_document_allows_is_read(raw):
    lookups = osdi.parse_filter(raw)
    assert len(lookups) <= raw.count(" and ") + 1


@settings(max_examples=60, deadline=None)
@given(st.from_regex(PEOPLE_FILTER, fullmatch=True))
def test_every_people_filter_the_document_allows_is_read(raw):
    from django.db.models import Q

    text_fields = {
        name: (lambda value: Q(pk__in=[]))
        for name in (
            "email_address",
            "email",
            "phone_number",
            "given_name",
            "family_name",
            "identifier",
            "identifiers",
        )
    }
    assert isinstance(osdi.parse_filter(raw, text_fields=text_fields), Q)


@pytest.mark.parametrize(
    "raw",
    ["modified_date gt yesterday", "name eq 'x'", "modified_date gt '2026-13-01'", "x"],
)
def test_filters_outside_the_grammar_are_refused_by_both(raw):
    assert not re.fullmatch(PEOPLE_FILTER, raw)
    with pytest.raises(osdi.BadRequest):
        osdi.parse_filter(raw)


@settings(max_examples=60, deadline=None)
@given(st.from_regex(openapi.DATE_TIME["pattern"], fullmatch=True))
def test_every_moment_the_document_allows_is_a_moment(raw):
    assert parse_datetime(raw.strip()) is not None


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_text_fields_take_what_their_pattern_allows(data):
    schema = openapi.text(100)
    value = data.draw(
        st.from_regex(schema["pattern"], fullmatch=True).filter(lambda v: len(v) <= 100)
    )
    assert osdi.clean_text(value, "field", 100) == value.strip()
    name = openapi.text(100, nonblank=True)
    value = data.draw(
        st.from_regex(name["pattern"], fullmatch=True).filter(lambda v: len(v) <= 100)
    )
    assert osdi.clean_text(value, "name", 100)


def test_text_patterns_refuse_what_the_code_refuses():
    assert not re.fullmatch(openapi.text(10)["pattern"], "a\x01b")
    with pytest.raises(osdi.BadRequest):
        osdi.clean_text("a\x01b", "field", 10)
    assert not re.fullmatch(openapi.text(10, nonblank=True)["pattern"], "  \t ")


def test_text_refuses_bidi_overrides_but_takes_arabic():
    spoof = "Org \u202eevil\u202c"
    assert not re.fullmatch(openapi.text(30)["pattern"], spoof)
    for control in ("\u202a", "\u202e", "\u2066", "\u2069"):
        with pytest.raises(osdi.BadRequest, match="text-direction"):
            osdi.clean_text(f"Org {control}evil", "name", 30)
    arabic = "جمعية المهاجرين"
    assert re.fullmatch(openapi.text(30)["pattern"], arabic)
    assert osdi.clean_text(arabic, "name", 30) == arabic


def test_paging_limits_are_the_codes():
    rf = RequestFactory()
    page, per_page = document()["paths"]["/people"]["get"]["parameters"][:2]
    assert page["schema"]["maximum"] == osdi.MAX_PAGE
    assert "maximum" not in per_page["schema"]  # more is served as the most, not refused
    assert osdi.page_params(rf.get("/", {"per_page": 500})) == (1, osdi.MAX_PER_PAGE)
    assert osdi.page_params(rf.get("/", {"page": osdi.MAX_PAGE})) == (osdi.MAX_PAGE, 25)
    for bad in ({"page": osdi.MAX_PAGE + 1}, {"page": "1.5"}, {"per_page": "null"}):
        with pytest.raises(osdi.BadRequest):
            osdi.page_params(rf.get("/", bad))


def test_writes_with_a_body_document_422_and_every_operation_the_lockdown():
    for path, operations in document()["paths"].items():
        for method, operation in operations.items():
            assert "423" in operation["responses"], (method, path)
            if "requestBody" in operation:
                assert "422" in operation["responses"], (method, path)


def test_webhooks_are_documented_as_sent():
    spec = document()
    assert set(spec["x-webhooks"]) == set(Webhook.Event.values)
    delivery = spec["components"]["schemas"]["WebhookDelivery"]
    assert delivery["properties"]["event"]["enum"] == list(Webhook.Event.values)
    signature = spec["x-webhooks"]["person.created"]["post"]["parameters"][0]
    assert signature["name"] == "X-Juntos-Signature"
    from juntos.api.webhooks import sign

    header = sign("secret", b"{}")
    assert re.fullmatch(signature["schema"]["pattern"], header)


@pytest.mark.django_db
def test_the_served_document_is_this_one(client):
    served = client.get(reverse("api:openapi")).json()
    assert served["components"]["schemas"]["EventCreate"]["required"] == ["title", "start_date"]
    assert "x-webhooks" in served
