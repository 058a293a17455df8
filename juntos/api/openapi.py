"""The OpenAPI 3 document, built from one table of the API's operations."""

from django.urls import reverse

ERROR = {"$ref": "#/components/schemas/Error"}
COLLECTION_PARAMS = [
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
    {
        "name": "per_page",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": 100},
    },
    {
        "name": "filter",
        "in": "query",
        "description": "OData style, as OSDI: `field op 'value'` clauses joined by `and`. "
        "Every collection: modified_date and created_date with eq, gt, ge, lt, le and an ISO "
        "8601 value, e.g. modified_date gt '2026-01-01T00:00:00Z'. People also: "
        "email_address (or email), phone_number (hosts only), given_name, family_name and "
        "identifier (juntos:<uuid> or another system's, e.g. action_network:<id>), with eq; "
        "a quote inside a value is written twice ('').",
        "schema": {"type": "string"},
    },
]
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


def _responses(ok_schema, ok_code="200", extra=()):
    responses = {
        ok_code: {"description": "OK", "content": {"application/hal+json": {"schema": ok_schema}}}
    }
    for code, text in (
        ("400", "Bad request"),
        ("401", "No valid token"),
        ("403", "Not allowed for this role or token"),
        ("404", "Not found"),
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


def _created(ref):
    return {
        "description": "Created",
        "content": {"application/hal+json": {"schema": {"$ref": ref}}},
    }


STATUS = {"type": "string", "enum": ["subscribed", "unsubscribed", "bouncing", "spam complaint"]}


def openapi_document(request) -> dict:
    base = request.build_absolute_uri(reverse("api:root")).rstrip("/")
    person = "#/components/schemas/Person"
    tag = "#/components/schemas/Tag"
    tagging = "#/components/schemas/Tagging"
    generic = "#/components/schemas/Resource"
    person_in = "#/components/schemas/PersonInput"
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
                "parameters": COLLECTION_PARAMS,
                "responses": _responses(_collection(person, "osdi:people")),
            },
            "post": {
                "summary": "Person signup helper (as Action Network): find by identifier, "
                "email or phone, create or update with only what was sent, add tags",
                "operationId": "personSignupPost",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Signup"}}
                    },
                },
                "responses": {**_responses({"$ref": person}), "201": _created(person)},
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
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": person_in}}},
                },
                "responses": _responses({"$ref": person}),
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
                "parameters": [UUID_PARAM, *COLLECTION_PARAMS[:2]],
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
                "parameters": [UUID_PARAM, *COLLECTION_PARAMS[:2]],
                "responses": _responses(_collection(tagging, "osdi:taggings")),
            }
        },
        "/people/signup": {
            "post": {
                "summary": "Person signup helper: create or update by email, add tags",
                "operationId": "personSignup",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Signup"}}
                    },
                },
                "responses": {
                    **_responses({"$ref": person}),
                    "201": {
                        "description": "Created",
                        "content": {"application/hal+json": {"schema": {"$ref": person}}},
                    },
                },
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
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {"name": {"type": "string", "maxLength": 100}},
                            }
                        }
                    },
                },
                "responses": {
                    **_responses({"$ref": tag}),
                    "201": {
                        "description": "Created",
                        "content": {"application/hal+json": {"schema": {"$ref": tag}}},
                    },
                },
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
                "parameters": [UUID_PARAM, *COLLECTION_PARAMS[:2]],
                "responses": _responses(_collection(tagging, "osdi:taggings")),
            },
            "post": {
                "summary": "Tag a person",
                "operationId": "createTagging",
                "parameters": [UUID_PARAM],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
                "responses": {
                    **_responses({"$ref": tagging}, extra=(("409", "Already tagged"),)),
                    "201": {
                        "description": "Created",
                        "content": {"application/hal+json": {"schema": {"$ref": tagging}}},
                    },
                },
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
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": event_in}}},
                },
                "responses": {**_responses({"$ref": event}), "201": _created(event)},
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
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": event_in}}},
                },
                "responses": _responses({"$ref": event}),
            },
        },
        "/events/{id}/attendances": {
            "get": {
                "summary": "Attendances at an event (hosts)",
                "operationId": "listAttendances",
                "parameters": [ID_PARAM, *COLLECTION_PARAMS[:2]],
                "responses": _responses(_collection(attendance, "osdi:attendances")),
            },
            "post": {
                "summary": "Record attendance (hosts): a `person` (found or added as by the "
                "signup helper) or `_links.osdi:person`",
                "operationId": "recordAttendance",
                "parameters": [ID_PARAM],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
                "responses": {**_responses({"$ref": attendance}), "201": _created(attendance)},
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
                "PersonInput": {
                    "type": "object",
                    "description": "An OSDI person; a field not sent (or sent empty) is left "
                    "as it is. Unsubscribed and spam complaint are never turned back.",
                    "properties": {
                        "identifiers": {**string_list, "maxItems": 20},
                        "given_name": {"type": "string", "maxLength": 100},
                        "family_name": {"type": "string", "maxLength": 100},
                        "email_addresses": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "address": {"type": "string", "format": "email"},
                                    "primary": {"type": "boolean"},
                                    "status": STATUS,
                                },
                            },
                        },
                        "phone_numbers": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "number": {"type": "string", "maxLength": 32},
                                    "status": STATUS,
                                },
                            },
                        },
                        "postal_addresses": {"type": "array", "items": {"type": "object"}},
                        "languages_spoken": string_list,
                        "custom_fields": {
                            "type": "object",
                            "additionalProperties": {"type": "string", "maxLength": 1000},
                            "maxProperties": 100,
                        },
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
                "EventInput": {
                    "type": "object",
                    "description": "OSDI event fields; title and start_date are needed to "
                    "create. juntos:hosts names the host member organizations.",
                    "properties": {
                        "title": {"type": "string", "maxLength": 200},
                        "description": {"type": "string"},
                        "start_date": {"type": "string", "format": "date-time"},
                        "end_date": {"type": "string", "format": "date-time"},
                        "status": {
                            "type": "string",
                            "enum": ["confirmed", "tentative", "cancelled"],
                        },
                        "location": {"type": "object"},
                        "juntos:kind": {"type": "string"},
                        "juntos:hosts": string_list,
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
                "Signup": {
                    "type": "object",
                    "required": ["person"],
                    "properties": {
                        "person": {
                            "type": "object",
                            "description": "Needs an email address or a phone number.",
                            "properties": {
                                "given_name": {"type": "string"},
                                "family_name": {"type": "string"},
                                "email_addresses": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["address"],
                                        "properties": {
                                            "address": {"type": "string", "format": "email"}
                                        },
                                    },
                                },
                                "phone_numbers": {"type": "array", "items": {"type": "object"}},
                                "postal_addresses": {"type": "array", "items": {"type": "object"}},
                                "languages_spoken": string_list,
                            },
                        },
                        "add_tags": string_list,
                    },
                },
            },
        },
    }
