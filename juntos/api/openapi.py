"""The OpenAPI 3 document, built from one table of the API's operations.

The request side says what the code accepts, no more and no less: a request outside these
schemas is answered 400, and one inside them that Juntos still refuses (a name or link to
something this coalition does not have, a phone number no country uses, an event that ends
before it starts) 422 with the reason. Schemathesis checks both ways in CI."""

from django.urls import reverse

from juntos.api.osdi import MAX_PAGE, MAX_PER_PAGE
from juntos.api.person_sync import CUSTOM_FIELDS_MAX, MAX_IDENTIFIERS

ERROR = {"$ref": "#/components/schemas/Error"}

# Text as osdi.clean_text takes it: no control characters but tab and line ends.
_TEXT_CHAR = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]"
_TEXT = f"^{_TEXT_CHAR}*$"
# ... and with something left once the spaces around it are trimmed (a required name).
_NONBLANK = (
    rf"^{_TEXT_CHAR}*[^\s\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]{_TEXT_CHAR}*$"
)


def text(max_length: int, *, nonblank: bool = False, nullable: bool = True) -> dict:
    """A string field as the code reads it: trimmed, at most `max_length` characters, no
    control characters; null (where the code reads null as not sent) allowed."""
    schema = {
        "type": "string",
        "maxLength": max_length,
        "pattern": _NONBLANK if nonblank else _TEXT,
    }
    if nullable and not nonblank:
        schema["nullable"] = True
    return schema


# ISO 8601 as the filter and the event fields read it (django.utils.dateparse): a date, or
# a date and time with an optional offset. Days up to the 28th keep every match a real day.
_DAY = "[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])"
_TIME = r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?"
_OFFSET = "(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
MOMENT = f"{_DAY}T{_TIME}{_OFFSET}?"
DATE_TIME = {"type": "string", "format": "date-time", "pattern": f"^{MOMENT}$"}

_DATE_CLAUSE = f"(modified_date|created_date) (eq|gt|ge|lt|le) '{_DAY}(T{_TIME}{_OFFSET}?)?'"
_PEOPLE_CLAUSE = (
    "(email_address|email|phone_number|given_name|family_name|identifier|identifiers) eq "
    r"'([^'\x00]|'')*'"
)
FILTER_GRAMMAR = (
    "OData style, as OSDI: clauses `field op 'value'` joined by ` and `. Every collection "
    "with a filter: modified_date and created_date with eq, gt, ge, lt or le and an ISO 8601 "
    "date or date and time, e.g. `modified_date gt '2026-01-01T00:00:00Z'` (no offset is "
    "UTC). People also: email_address (or email), phone_number (hosts only), given_name, "
    "family_name and identifier (juntos:<uuid> or another system's, e.g. "
    "action_network:<id>), with eq only; a quote inside a value is written twice (''). "
    "Field names and operators are also read in capitals. Anything else is 400."
)


def _filter_param(*, people: bool = False) -> dict:
    clause = f"({_DATE_CLAUSE}|{_PEOPLE_CLAUSE})" if people else f"({_DATE_CLAUSE})"
    return {
        "name": "filter",
        "in": "query",
        "description": FILTER_GRAMMAR,
        # Empty is no filter.
        "schema": {"type": "string", "pattern": f"^({clause}( and {clause})*)?$"},
    }


PAGING_PARAMS = [
    {
        "name": "page",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
    },
    {
        "name": "per_page",
        "in": "query",
        "description": f"Default 25; more than {MAX_PER_PAGE} is served as {MAX_PER_PAGE} "
        "(the page's per_page says how many were served), as Action Network does. Empty or "
        "None (a Python client's unset value) is the default.",
        "schema": {"type": "integer", "minimum": 1},
    },
]
COLLECTION_PARAMS = [*PAGING_PARAMS, _filter_param()]
PEOPLE_PARAMS = [*PAGING_PARAMS, _filter_param(people=True)]
AID_PARAM = {
    "name": "aid",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647},
}
TAGGING_PARAM = {
    "name": "tagging",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "format": "uuid"},
}
NOTICE = {
    "type": "object",
    "required": ["notice"],
    "properties": {"notice": {"type": "string"}},
}
ID_PARAM = {  # an event's id: a UUID, as people's
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "format": "uuid"},
}
UUID_PARAM = {
    "name": "uuid",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "format": "uuid"},
}


UNPROCESSABLE = (
    "422",
    "Well formed, and refused for a reason the schema cannot say (the message names it): "
    "a name or link to something this coalition does not have, a phone number no country "
    "uses, an email address that cannot receive mail, an event that ends before it starts",
)


def _responses(ok_schema, ok_code="200", extra=()):
    responses = {
        ok_code: {"description": "OK", "content": {"application/hal+json": {"schema": ok_schema}}}
    }
    for code, text in (
        ("400", "Outside what this document allows (the message says what)"),
        ("401", "No valid token"),
        ("403", "Not allowed for this role or token"),
        ("404", "Not found"),
        ("423", "The coalition is in lockdown: API tokens are suspended"),
        ("429", "Rate limited"),
        *extra,
    ):
        responses[code] = {"description": text, "content": {"application/json": {"schema": ERROR}}}
    return responses


def _collection(item_ref, embed):
    return {
        "type": "object",
        "required": ["total_records", "page", "_embedded", "_links"],
        "properties": {
            "total_pages": {"type": "integer"},
            "per_page": {"type": "integer"},
            "page": {"type": "integer"},
            "total_records": {"type": "integer"},
            "_links": {"type": "object"},
            "_embedded": {
                "type": "object",
                "properties": {embed: {"type": "array", "items": {"$ref": item_ref}}},
            },
        },
    }


def _writes(ok_schema, *, created=None, extra=()):
    """A write's answers: 200 (or 201 with `created`), and 422 besides the usual."""
    responses = _responses(ok_schema, extra=(UNPROCESSABLE, *extra))
    if created:
        responses["201"] = _created(created)
    return responses


def _body(ref):
    return {"required": True, "content": {"application/json": {"schema": {"$ref": ref}}}}


def _created(ref):
    return {
        "description": "Created",
        "content": {"application/hal+json": {"schema": {"$ref": ref}}},
    }


STATUS = {"type": "string", "enum": ["subscribed", "unsubscribed", "bouncing", "spam complaint"]}


def _list(items: dict, **more) -> dict:
    return {"type": "array", "items": items, "nullable": True, **more}


def _one_of(values) -> dict:
    """One of these words; empty or null is the same as not sent."""
    return {"type": "string", "enum": [*values, "", None], "nullable": True}


STATUS_IN = _one_of(["subscribed", "unsubscribed", "bouncing", "spam complaint"])
PRIMARY = {"description": "Marks the entry to use (any JSON value; a true one counts)."}
TAG_NAMES = _list(text(100, nonblank=True))


def input_schemas() -> dict:
    """What the writes accept, field by field as the code reads them (osdi.clean_text,
    person_sync.parse_person, views._event_input): longer, of another type or with control
    characters is 400; a field not sent, null or empty leaves the value as it is."""
    from juntos.events.models import EventKind

    # Other systems' ids (`action_network:…`), matched on; Juntos' own id is not sent back.
    identifiers = _list(
        {
            "type": "string",
            "maxLength": 140,
            "pattern": r"^[A-Za-z0-9_-]{1,40}:[^\s\x00-\x1f\x7f]{1,100}$",
        },
        maxItems=MAX_IDENTIFIERS,
    )
    person_in = {
        "type": "object",
        "description": "An OSDI person; a field not sent (or sent empty) is left as it is. "
        "Of each list the primary entry with a value (else the first with one) is read. "
        "Unsubscribed and spam complaint are never turned back. A new person needs an "
        "email address or a phone number (422 otherwise).",
        "properties": {
            "identifiers": identifiers,
            "given_name": text(100),
            "family_name": text(100),
            "email_addresses": _list(
                {
                    "type": "object",
                    "properties": {
                        "address": {**text(254), "format": "email"},
                        "primary": PRIMARY,
                        "address_type": {"description": "Read and ignored."},
                        "status": STATUS_IN,
                    },
                }
            ),
            "phone_numbers": _list(
                {
                    "type": "object",
                    "properties": {
                        "number": {
                            **text(32),
                            "description": "Any way of writing it (E.164 is kept); read in "
                            "the country of the postal address, else the US. A number no "
                            "country uses is 422.",
                        },
                        "primary": PRIMARY,
                        "number_type": {"description": "Read and ignored."},
                        "status": STATUS_IN,
                    },
                }
            ),
            "postal_addresses": _list(
                {
                    "type": "object",
                    "properties": {
                        "primary": PRIMARY,
                        "address_lines": _list(text(200)),
                        "locality": text(100),
                        "region": text(50),
                        "postal_code": text(16),
                        "country": {
                            "type": "string",
                            "pattern": "^([A-Za-z]{2})?$",
                            "nullable": True,
                            "description": "ISO 3166 two letters; empty is the US.",
                        },
                    },
                }
            ),
            "languages_spoken": _list(
                {"description": "The first one, when it starts with en or es, is the language."}
            ),
            "custom_fields": {
                "type": "object",
                "nullable": True,
                "maxProperties": CUSTOM_FIELDS_MAX,
                "description": "Your own fields, strings (numbers and booleans are kept as "
                "text). A name that looks like immigration or citizenship status is 422: "
                "Juntos never stores one.",
                "additionalProperties": {
                    "anyOf": [text(1000), {"type": "number"}, {"type": "boolean"}]
                },
            },
        },
    }
    location = {
        "type": "object",
        "nullable": True,
        "properties": {
            "venue": text(200),
            "address_lines": _list(text(200)),
            "locality": text(100),
            "region": text(100),
            "postal_code": text(100),
        },
    }
    moment = {
        "type": "string",
        "pattern": f"^({MOMENT})?$",
        "nullable": True,
        "description": "ISO 8601; without an offset, UTC.",
    }
    # How a tagging or an attendance names someone already here.
    person_link = {
        "_links": {
            "type": "object",
            "properties": {
                "osdi:person": {"type": "object", "properties": {"href": {"type": "string"}}}
            },
        },
        "identifiers": {"type": "array", "items": {"type": "string"}},
    }
    event_fields = {
        "identifiers": identifiers,
        "title": text(200),
        "name": {**text(200), "description": "Read as the title when there is none."},
        "description": text(20000),
        "start_date": moment,
        "end_date": {**moment, "description": "ISO 8601; without it, two hours after start."},
        "status": {
            **_one_of(["confirmed", "tentative", "cancelled"]),
            "description": "tentative is a draft (not on the public page).",
        },
        "location": location,
        "juntos:kind": _one_of(EventKind.values),
        "juntos:hosts": _list(
            {"type": "string"},
            description="Names of this coalition's active member organizations (a name it "
            "does not have is 422). Creating without it: the token owner's organization.",
        ),
    }
    return {
        "PersonInput": person_in,
        "PersonUpdate": {
            "type": "object",
            "description": "The person's fields, at the top or under `person`, and tags to "
            "add or remove.",
            "properties": {
                **person_in["properties"],
                "person": person_in,
                "add_tags": TAG_NAMES,
                "remove_tags": TAG_NAMES,
            },
        },
        "Signup": {
            "type": "object",
            "required": ["person"],
            "properties": {
                "person": person_in,
                "add_tags": TAG_NAMES,
                "remove_tags": TAG_NAMES,
            },
        },
        "TagInput": {
            "type": "object",
            "required": ["name"],
            "properties": {"name": text(100, nonblank=True)},
        },
        "PersonLink": {
            "type": "object",
            "description": "Names a person of this coalition by `_links.osdi:person.href` "
            "(its URL, or anything ending in its uuid) or by one of its `identifiers`. No "
            "such person is 422.",
            "properties": person_link,
        },
        "AttendanceInput": {
            "type": "object",
            "description": "The record attendance helper: a `person` found or added as the "
            "signup helper does (with `add_tags`), or a link to someone already here.",
            "properties": {
                "person": person_in,
                "add_tags": TAG_NAMES,
                **person_link,
            },
        },
        "EventInput": {
            "type": "object",
            "description": "OSDI event fields; only what is sent changes.",
            "properties": event_fields,
        },
        "EventCreate": {
            "type": "object",
            "description": "OSDI event fields; a new event needs a title and a start_date.",
            "required": ["title", "start_date"],
            "properties": {
                **event_fields,
                "title": text(200, nonblank=True),
                "start_date": {**moment, "pattern": f"^{MOMENT}$", "nullable": False},
            },
        },
        "WebhookDelivery": {
            "type": "object",
            "description": "What Juntos POSTs to a webhook's URL.",
            "required": ["event", "coalition", "data", "sent_at"],
            "properties": {
                "event": {
                    "type": "string",
                    "enum": [
                        "person.created",
                        "person.updated",
                        "attendance.created",
                        "signon.answered",
                    ],
                },
                "coalition": {"type": "string", "description": "The coalition's slug."},
                "data": {
                    "type": "object",
                    "description": "The OSDI person (person.*), the OSDI attendance "
                    "(attendance.created) or the sign-on answer (signon.answered).",
                },
                "sent_at": {"type": "string", "format": "date-time"},
            },
        },
    }


WEBHOOK_SIGNATURE = (
    "Header X-Juntos-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of '<t>.' + body, keyed "
    "with the webhook's secret>. Refuse a t more than 300 seconds from your clock, so a "
    "captured delivery cannot be replayed. Answer 2xx; anything else (or no answer in 10 "
    "seconds) is retried after 1, 2, 4, 8 and 16 minutes."
)


def _webhook(event: str, summary: str) -> dict:
    return {
        "post": {
            "summary": summary,
            "operationId": f"webhook_{event.replace('.', '_')}",
            "description": WEBHOOK_SIGNATURE,
            "parameters": [
                {
                    "name": "X-Juntos-Signature",
                    "in": "header",
                    "required": True,
                    "schema": {"type": "string", "pattern": "^t=[0-9]+,v1=[0-9a-f]{64}$"},
                }
            ],
            "requestBody": _body("#/components/schemas/WebhookDelivery"),
            "responses": {"2XX": {"description": "Received"}},
        }
    }


def openapi_document(request) -> dict:
    base = request.build_absolute_uri(reverse("api:root")).rstrip("/")
    person = "#/components/schemas/Person"
    tag = "#/components/schemas/Tag"
    tagging = "#/components/schemas/Tagging"
    generic = "#/components/schemas/Resource"
    event = "#/components/schemas/Event"
    event_in = "#/components/schemas/EventInput"
    attendance = "#/components/schemas/Attendance"
    paths = {
        "/": {
            "get": {
                "summary": "Entry point",
                "operationId": "root",
                "responses": _responses({"type": "object"}),
            }
        },
        "/people": {
            "get": {
                "summary": "People",
                "operationId": "listPeople",
                "parameters": PEOPLE_PARAMS,
                "responses": _responses(_collection(person, "osdi:people")),
            },
            "post": {
                "summary": "Person signup helper (as Action Network): find by identifier, "
                "email or phone, create or update with only what was sent, add tags",
                "operationId": "personSignupPost",
                "requestBody": _body("#/components/schemas/Signup"),
                "responses": _writes({"$ref": person}, created=person),
            },
        },
        "/people/{uuid}": {
            "get": {
                "summary": "A person",
                "operationId": "getPerson",
                "parameters": [UUID_PARAM],
                "responses": _responses({"$ref": person}),
            },
            "put": {
                "summary": "Change a person (hosts): only the fields sent change",
                "operationId": "updatePerson",
                "parameters": [UUID_PARAM],
                "requestBody": _body("#/components/schemas/PersonUpdate"),
                "responses": _writes({"$ref": person}),
            },
            "delete": {
                "summary": "Delete a contact (hosts; never a login or a member's person)",
                "operationId": "deletePerson",
                "parameters": [UUID_PARAM],
                "responses": _responses(NOTICE),
            },
        },
        "/people/{uuid}/attendances": {
            "get": {
                "summary": "A person's attendances (hosts)",
                "operationId": "listPersonAttendances",
                "parameters": [UUID_PARAM, *PAGING_PARAMS],
                "responses": _responses(_collection(attendance, "osdi:attendances")),
            }
        },
        "/people/{uuid}/attendances/{aid}": {
            "get": {
                "summary": "One of a person's attendances (hosts)",
                "operationId": "getPersonAttendance",
                "parameters": [UUID_PARAM, AID_PARAM],
                "responses": _responses({"$ref": attendance}),
            }
        },
        "/people/{uuid}/taggings": {
            "get": {
                "summary": "A person's taggings",
                "operationId": "listPersonTaggings",
                "parameters": [UUID_PARAM, *PAGING_PARAMS],
                "responses": _responses(_collection(tagging, "osdi:taggings")),
            }
        },
        "/people/signup": {
            "post": {
                "summary": "Person signup helper: create or update by email, add tags",
                "operationId": "personSignup",
                "requestBody": _body("#/components/schemas/Signup"),
                "responses": _writes({"$ref": person}, created=person),
            }
        },
        "/tags": {
            "get": {
                "summary": "Tags",
                "operationId": "listTags",
                "parameters": COLLECTION_PARAMS,
                "responses": _responses(_collection(tag, "osdi:tags")),
            },
            "post": {
                "summary": "Create a tag",
                "operationId": "createTag",
                "requestBody": _body("#/components/schemas/TagInput"),
                "responses": _writes({"$ref": tag}, created=tag),
            },
        },
        "/tags/{uuid}": {
            "get": {
                "summary": "A tag",
                "operationId": "getTag",
                "parameters": [UUID_PARAM],
                "responses": _responses({"$ref": tag}),
            }
        },
        "/tags/{uuid}/taggings/{tagging}": {
            "get": {
                "summary": "A tagging",
                "operationId": "getTagging",
                "parameters": [UUID_PARAM, TAGGING_PARAM],
                "responses": _responses({"$ref": tagging}),
            },
            "delete": {
                "summary": "Remove a tag from a person (hosts); the person's modified_date moves",
                "operationId": "deleteTagging",
                "parameters": [UUID_PARAM, TAGGING_PARAM],
                "responses": _responses(NOTICE),
            },
        },
        "/tags/{uuid}/taggings": {
            "get": {
                "summary": "People with a tag",
                "operationId": "listTaggings",
                "parameters": [UUID_PARAM, *PAGING_PARAMS],
                "responses": _responses(_collection(tagging, "osdi:taggings")),
            },
            "post": {
                "summary": "Tag a person",
                "operationId": "createTagging",
                "parameters": [UUID_PARAM],
                "requestBody": _body("#/components/schemas/PersonLink"),
                "responses": _writes({"$ref": tagging}, created=tagging),
            },
        },
        "/events": {
            "get": {
                "summary": "Events",
                "operationId": "listEvents",
                "parameters": COLLECTION_PARAMS,
                "responses": _responses(_collection(event, "osdi:events")),
            },
            "post": {
                "summary": "Create an event (hosts)",
                "operationId": "createEvent",
                "requestBody": _body("#/components/schemas/EventCreate"),
                "responses": _writes({"$ref": event}, created=event),
            },
        },
        "/events/{id}": {
            "get": {
                "summary": "An event",
                "operationId": "getEvent",
                "parameters": [ID_PARAM],
                "responses": _responses({"$ref": event}),
            },
            "put": {
                "summary": "Change an event (hosts): only the fields sent change",
                "operationId": "updateEvent",
                "parameters": [ID_PARAM],
                "requestBody": _body(event_in),
                "responses": _writes({"$ref": event}),
            },
        },
        "/events/{id}/attendances": {
            "get": {
                "summary": "Attendances at an event (hosts)",
                "operationId": "listAttendances",
                "parameters": [ID_PARAM, *PAGING_PARAMS],
                "responses": _responses(_collection(attendance, "osdi:attendances")),
            },
            "post": {
                "summary": "Record attendance (hosts): a `person` (found or added as by the "
                "signup helper) or `_links.osdi:person`",
                "operationId": "recordAttendance",
                "parameters": [ID_PARAM],
                "requestBody": _body("#/components/schemas/AttendanceInput"),
                "responses": _writes({"$ref": attendance}, created=attendance),
            },
        },
        "/events/{id}/attendances/{aid}": {
            "get": {
                "summary": "An attendance (hosts)",
                "operationId": "getAttendance",
                "parameters": [ID_PARAM, AID_PARAM],
                "responses": _responses({"$ref": attendance}),
            }
        },
        "/members": {
            "get": {
                "summary": "Member organizations and individuals",
                "operationId": "listMembers",
                "parameters": COLLECTION_PARAMS,
                "responses": _responses(_collection(generic, "juntos:members")),
            }
        },
        "/meetings": {
            "get": {
                "summary": "Meetings with their motions",
                "operationId": "listMeetings",
                "parameters": COLLECTION_PARAMS,
                "responses": _responses(_collection(generic, "juntos:meetings")),
            }
        },
        "/campaigns": {
            "get": {
                "summary": "Campaigns and their goals",
                "operationId": "listCampaigns",
                "parameters": COLLECTION_PARAMS,
                "responses": _responses(_collection(generic, "juntos:campaigns")),
            }
        },
        "/statements": {
            "get": {
                "summary": "Statements and their signers",
                "operationId": "listStatements",
                "parameters": COLLECTION_PARAMS,
                "responses": _responses(_collection(generic, "juntos:statements")),
            }
        },
    }
    string_list = {"type": "array", "items": {"type": "string"}}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Juntos API",
            "version": "1.0",
            "description": "OSDI-compatible people, tags and taggings, and Juntos' own "
            "members, meetings and statements. Contact details appear "
            "only where the person consented and your role may see them. "
            "Every path answers with or without a trailing slash. "
            "Webhooks (set on the Webhooks page): POST of {event, coalition, data, sent_at} "
            "where data is the OSDI person (person.created, person.updated) or attendance "
            "(attendance.created); header X-Juntos-Signature: t=<unix time>,v1=<hex "
            "HMAC-SHA256 of '<t>.' + body with the webhook's secret>; refuse t more than "
            "300 seconds from your clock. Failed posts are retried after 1, 2, 4, 8, 16 "
            "minutes.",
        },
        "servers": [{"url": base}],
        # OpenAPI 3.1's `webhooks`, in this 3.0 document as an extension; set them up on
        # the coalition's Webhooks page.
        "x-webhooks": {
            "person.created": _webhook("person.created", "A new person"),
            "person.updated": _webhook("person.updated", "A person changed"),
            "attendance.created": _webhook("attendance.created", "A new attendance"),
            "signon.answered": _webhook("signon.answered", "A sign-on answer"),
        },
        "security": [{"osdiToken": []}, {"bearer": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "osdiToken": {"type": "apiKey", "in": "header", "name": "OSDI-API-Token"},
                "bearer": {"type": "http", "scheme": "bearer"},
            },
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error", "status"],
                    "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
                },
                "Resource": {
                    "type": "object",
                    "required": ["identifiers", "_links"],
                    "properties": {"identifiers": string_list, "_links": {"type": "object"}},
                },
                "Person": {
                    "type": "object",
                    "required": ["identifiers", "given_name", "email_addresses", "_links"],
                    "properties": {
                        "identifiers": string_list,
                        "created_date": {"type": "string", "format": "date-time"},
                        "modified_date": {"type": "string", "format": "date-time"},
                        "given_name": {"type": "string"},
                        "family_name": {"type": "string"},
                        "languages_spoken": string_list,
                        "email_addresses": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "address": {"type": "string"},
                                    "primary": {"type": "boolean"},
                                    "address_type": {"type": "string"},
                                    "status": {"type": "string"},
                                },
                            },
                        },
                        "phone_numbers": {"type": "array", "items": {"type": "object"}},
                        "postal_addresses": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "address_lines": string_list,
                                    "locality": {"type": "string"},
                                    "region": {"type": "string"},
                                    "postal_code": {"type": "string"},
                                    "country": {"type": "string"},
                                },
                            },
                        },
                        "custom_fields": {"type": "object"},
                        "_links": {"type": "object"},
                    },
                },
                "Event": {
                    "type": "object",
                    "required": ["identifiers", "title", "start_date", "_links"],
                    "properties": {
                        "identifiers": string_list,
                        "title": {"type": "string"},
                        "description": {"type": "string"},
                        "start_date": {"type": "string", "format": "date-time"},
                        "end_date": {"type": "string", "format": "date-time"},
                        "status": {
                            "type": "string",
                            "enum": ["confirmed", "tentative", "cancelled"],
                        },
                        "location": {"type": "object", "nullable": True},
                        "juntos:kind": {"type": "string"},
                        "juntos:hosts": string_list,
                        "_links": {"type": "object"},
                    },
                },
                "Attendance": {
                    "type": "object",
                    "required": ["identifiers", "attended", "_links"],
                    "properties": {
                        "identifiers": string_list,
                        "status": {"type": "string"},
                        "attended": {"type": "boolean"},
                        "action_date": {"type": "string", "format": "date-time"},
                        "_links": {"type": "object"},
                    },
                },
                "Tag": {
                    "type": "object",
                    "required": ["identifiers", "name", "_links"],
                    "properties": {
                        "identifiers": string_list,
                        "name": {"type": "string"},
                        "_links": {"type": "object"},
                    },
                },
                "Tagging": {
                    "type": "object",
                    "required": ["identifiers", "_links"],
                    "properties": {"identifiers": string_list, "_links": {"type": "object"}},
                },
                **input_schemas(),
            },
        },
    }
