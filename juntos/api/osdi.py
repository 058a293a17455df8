"""OSDI shapes: HAL+JSON collections with paging, people, tags and taggings.

Field names follow the Open Supporter Data Interface so that tools like Action Network
read and write them without mapping.
"""

import re
from datetime import datetime

from django.urls import reverse
from django.utils.dateparse import parse_datetime

from juntos.core.forms import format_phone

CURIES = [
    {"name": "osdi", "href": "https://opensupporter.github.io/osdi-docs/{rel}", "templated": True}
]
DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100


class BadRequest(ValueError):
    pass


def iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def absolute(request, name: str, **kwargs) -> str:
    return request.build_absolute_uri(reverse(name, kwargs=kwargs))


_FILTER = re.compile(
    r"^\s*(modified_date|created_date)\s+(gt|ge|lt|le|eq)\s+'([^']+)'\s*$", re.IGNORECASE
)
_FIELDS = {"modified_date": "updated_at", "created_date": "created_at"}
_OPS = {"gt": "gt", "ge": "gte", "lt": "lt", "le": "lte", "eq": "exact"}


def parse_filter(raw: str | None, fields=_FIELDS) -> dict:
    """OData-style `modified_date gt '2026-01-01T00:00:00Z'` to ORM lookups."""
    if not raw:
        return {}
    lookups = {}
    for clause in re.split(r"\s+and\s+", raw, flags=re.IGNORECASE):
        match = _FILTER.match(clause)
        if not match:
            raise BadRequest("filter must look like: modified_date gt '2026-01-01T00:00:00Z'")
        field, op, value = match.group(1).lower(), match.group(2).lower(), match.group(3)
        when = parse_datetime(value)
        if when is None:
            raise BadRequest(f"{value!r} is not a date and time (use ISO 8601).")
        if when.tzinfo is None:
            from datetime import UTC

            when = when.replace(tzinfo=UTC)
        lookups[f"{fields[field]}__{_OPS[op]}"] = when
    return lookups


def page_params(request) -> tuple[int, int]:
    try:
        page = int(request.GET.get("page", 1))
        per_page = int(request.GET.get("per_page", DEFAULT_PER_PAGE))
    except ValueError:
        raise BadRequest("page and per_page are whole numbers.") from None
    if page < 1 or per_page < 1:
        raise BadRequest("page and per_page start at 1.")
    if page > 1_000_000:
        raise BadRequest("page is too large.")
    return page, min(per_page, MAX_PER_PAGE)


def collection(request, queryset, *, embed: str, serialize, url_name: str) -> dict:
    page, per_page = page_params(request)
    total = queryset.count()
    pages = max(1, -(-total // per_page))
    items = list(queryset[(page - 1) * per_page : page * per_page])
    rows = serialize(items)
    base = absolute(request, url_name)

    def link(p):
        query = request.GET.copy()
        query["page"] = p
        query["per_page"] = per_page
        return {"href": f"{base}?{query.urlencode()}"}

    links = {
        "self": link(page),
        "curies": CURIES,
        embed: [{"href": r["_links"]["self"]["href"]} for r in rows],
    }
    if page < pages:
        links["next"] = link(page + 1)
    if page > 1:
        links["prev"] = link(page - 1)
    return {
        "total_pages": pages,
        "per_page": per_page,
        "page": page,
        "total_records": total,
        "_links": links,
        "_embedded": {embed: rows},
    }


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def clean_text(value, field: str, max_length: int = 200) -> str:
    """A plain string from JSON input, or BadRequest naming the field."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadRequest(f"{field} must be a string.")
    if _CONTROL.search(value):
        raise BadRequest(f"{field} contains characters that are not text.")
    value = value.strip()
    if len(value) > max_length:
        raise BadRequest(f"{field} is longer than {max_length} characters.")
    return value


def split_name(full_name: str) -> tuple[str, str]:
    parts = full_name.strip().rsplit(" ", 1)
    return (parts[0], parts[1]) if len(parts) == 2 else (parts[0], "")


def person_resource(request, person, *, contact_visible: bool, tags=()) -> dict:
    given, family = split_name(person.full_name)
    data = {
        "identifiers": [f"juntos:{person.uuid}"],
        "created_date": iso(person.created_at),
        "modified_date": iso(person.updated_at),
        "given_name": given,
        "family_name": family,
        "languages_spoken": [person.preferred_language],
        "email_addresses": [],
        "phone_numbers": [],
        "postal_addresses": [],
        "custom_fields": {
            "juntos_role": person.role or "contact",
            "juntos_member": person.member.name if person.member_id else None,
        },
        "_links": {
            "self": {"href": absolute(request, "api:person", uuid=person.uuid)},
            "osdi:taggings": {"href": absolute(request, "api:person_taggings", uuid=person.uuid)},
        },
    }
    if tags:
        data["custom_fields"]["tags"] = sorted(tags)
    if contact_visible:
        if person.email:
            data["email_addresses"] = [
                {
                    "address": person.email,
                    "primary": True,
                    "address_type": "personal",
                    "status": "unsubscribed" if person.unsubscribed_at else "subscribed",
                }
            ]
        if person.phone:
            data["phone_numbers"] = [
                {"number": format_phone(person.phone), "primary": True, "number_type": "Mobile"}
            ]
        if person.zip_code or person.city or person.address:
            data["postal_addresses"] = [
                {
                    "primary": True,
                    "address_lines": [person.address] if person.address else [],
                    "locality": person.city,
                    "region": person.state,
                    "postal_code": person.zip_code,
                    "country": "US",
                }
            ]
    return data


def tag_resource(request, tag) -> dict:
    return {
        "identifiers": [f"juntos:{tag.uuid}"],
        "name": tag.name,
        "created_date": iso(tag.created_at),
        "modified_date": iso(tag.updated_at),
        "_links": {
            "self": {"href": absolute(request, "api:tag", uuid=tag.uuid)},
            "osdi:taggings": {"href": absolute(request, "api:tag_taggings", uuid=tag.uuid)},
        },
    }


def tagging_resource(request, tagging) -> dict:
    return {
        "identifiers": [f"juntos:{tagging.uuid}"],
        "created_date": iso(tagging.created_at),
        "modified_date": iso(tagging.created_at),
        "_links": {
            "self": {
                "href": absolute(request, "api:tag_taggings", uuid=tagging.tag.uuid)
                + f"#{tagging.uuid}"
            },
            "osdi:tag": {"href": absolute(request, "api:tag", uuid=tagging.tag.uuid)},
            "osdi:person": {"href": absolute(request, "api:person", uuid=tagging.person.uuid)},
        },
    }
