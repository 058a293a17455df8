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
        "description": "OData style, as OSDI: modified_date gt '2026-01-01T00:00:00Z'",
        "schema": {"type": "string"},
    },
]
ID_PARAM = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647},
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


def openapi_document(request) -> dict:
    base = request.build_absolute_uri(reverse("api:root")).rstrip("/")
    person = "#/components/schemas/Person"
    tag = "#/components/schemas/Tag"
    tagging = "#/components/schemas/Tagging"
    generic = "#/components/schemas/Resource"
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
            }
        },
        "/people/{uuid}": {
            "get": {
                "summary": "A person",
                "operationId": "getPerson",
                "parameters": [UUID_PARAM],
                "responses": _responses({"$ref": person}),
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
                "responses": _responses(_collection(generic, "osdi:events")),
            }
        },
        "/events/{id}": {
            "get": {
                "summary": "An event",
                "operationId": "getEvent",
                "parameters": [ID_PARAM],
                "responses": _responses({"$ref": generic}),
            }
        },
        "/events/{id}/attendances": {
            "get": {
                "summary": "Attendances at an event (hosts)",
                "operationId": "listAttendances",
                "parameters": [ID_PARAM, *COLLECTION_PARAMS[:2]],
                "responses": _responses(_collection(generic, "osdi:attendances")),
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
            "only where the person consented and your role may see them.",
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
                            "required": ["email_addresses"],
                            "properties": {
                                "given_name": {"type": "string"},
                                "family_name": {"type": "string"},
                                "email_addresses": {
                                    "type": "array",
                                    "minItems": 1,
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
