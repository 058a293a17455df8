"""OSDI shapes: HAL+JSON collections with paging, people, tags and taggings.

Field names follow the Open Supporter Data Interface so that tools like Action Network
read and write them without mapping.
"""

import re
from datetime import datetime

from django.urls import reverse
from django.utils.dateparse import parse_datetime

from juntos.core.forms import BIDI_CONTROL_RE

CURIES = [
    {"name": "osdi", "href": "https://opensupporter.github.io/osdi-docs/{rel}", "templated": True},
    {"name": "juntos", "href": "/api/docs/#{rel}", "templated": True},
]
DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000


class BadRequest(ValueError):
    """A request outside what the OpenAPI document allows: 400."""

    status = 400


class Unprocessable(BadRequest):
    """A request the OpenAPI document allows that Juntos still refuses, for a reason no
    schema can say: a name or link to something this coalition does not have, a phone
    number no country uses, an event that ends before it starts. 422."""

    status = 422


def iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def absolute(request, name: str, **kwargs) -> str:
    return request.build_absolute_uri(reverse(name, kwargs=kwargs))


_CLAUSE = re.compile(
    r"\s*([a-z_]+)\s+(gt|ge|lt|le|eq)\s+'((?:[^']|'')*)'\s*(?:(and)(?=[\s\w]|$)|$)",
    re.IGNORECASE,
)
_FIELDS = {"modified_date": "updated_at", "created_date": "created_at"}
_OPS = {"gt": "gt", "ge": "gte", "lt": "lt", "le": "lte", "eq": "exact"}
FILTER_HELP = (
    "filter must look like: modified_date gt '2026-01-01T00:00:00Z' "
    "(clauses joined by 'and'; fields: modified_date, created_date{extra})"
)


def filter_clauses(raw: str) -> list[tuple[str, str, str]]:
    """OData-style `field op 'value' and …` as (field, op, value) triples.

    Tolerant of what real clients send: 'and' glued to a quote, '' for a quote inside."""
    clauses, position, raw = [], 0, raw.strip()
    while position < len(raw):
        match = _CLAUSE.match(raw, position)
        if not match:
            return []
        clauses.append(
            (match.group(1).lower(), match.group(2).lower(), match.group(3).replace("''", "'"))
        )
        position = match.end()
        if not match.group(4):
            break
    return clauses if position >= len(raw.rstrip()) else []


def parse_filter(raw: str | None, fields=_FIELDS, text_fields=None) -> dict | object:
    """OData-style `modified_date gt '2026-01-01T00:00:00Z'` to ORM lookups.

    `text_fields` maps other field names to a function (value) -> Q for `eq` only; when
    given, the answer is a Q object instead of a dict of lookups."""
    from django.db.models import Q

    text_fields = text_fields or {}
    if not raw:
        return Q() if text_fields else {}
    if "\x00" in raw:
        raise BadRequest("filter contains characters that are not text.")
    clauses = filter_clauses(raw)
    extra = "".join(f", {name}" for name in text_fields)
    if not clauses:
        raise BadRequest(FILTER_HELP.format(extra=extra))
    lookups, query = {}, Q()
    for field, op, value in clauses:
        if field in text_fields:
            if op != "eq":
                raise BadRequest(f"{field} can only be compared with eq.")
            query &= text_fields[field](value)
            continue
        if field not in fields:
            raise BadRequest(FILTER_HELP.format(extra=extra))
        try:
            when = parse_datetime(value)
        except ValueError:  # well formed but impossible: a +99:00 offset, a 25th hour
            when = None
        if when is None:
            raise BadRequest(f"{value!r} is not a date and time (use ISO 8601).")
        from datetime import UTC

        try:
            # In UTC: PostgreSQL refuses offsets past ±15:59 that ISO 8601 allows (+21:20).
            when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
        except OverflowError:  # 0001-01-01T00:00+05:00 is before the year 1 in UTC
            raise BadRequest(f"{value!r} is out of range.") from None
        lookups[f"{fields[field]}__{_OPS[op]}"] = when
    if text_fields:
        return query & Q(**lookups)
    return lookups


def _whole(raw, default: int) -> int:
    """A paging number as real clients send it: missing, empty or `None` (a Python client's
    unset value) is the default; `25filter=None` (a client that forgot an &) is 25."""
    if raw is None or raw.strip() in ("", "None"):
        return default
    match = re.fullmatch(r"\s*(-?[0-9]+)\s*(?:filter=.*)?", raw, re.DOTALL)
    if not match:
        raise BadRequest("page and per_page are whole numbers.")
    return int(match.group(1))


def page_params(request) -> tuple[int, int]:
    # A parameter sent twice counts as its last value, but every value must be a number.
    pages = [_whole(raw, 1) for raw in request.GET.getlist("page")] or [1]
    sizes = [_whole(raw, DEFAULT_PER_PAGE) for raw in request.GET.getlist("per_page")]
    page, per_page = pages[-1], (sizes or [DEFAULT_PER_PAGE])[-1]
    if page < 1 or per_page < 1:
        raise BadRequest("page and per_page start at 1.")
    if page > MAX_PAGE:
        raise BadRequest("page is too large.")
    return page, min(per_page, MAX_PER_PAGE)


def collection(request, queryset, *, embed: str, serialize, url_name: str) -> dict:
    page, per_page = page_params(request)
    total = queryset.count()
    pages = max(1, -(-total // per_page))
    items = list(queryset[(page - 1) * per_page : page * per_page])
    rows = serialize(items)
    # The collection's own address, nested ones included (a person's taggings page 2 is
    # on the person's taggings, not on /api/people).
    base = request.build_absolute_uri(request.path)

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
    if BIDI_CONTROL_RE.search(value):
        raise BadRequest(
            f"{field} contains invisible text-direction characters (U+202A-U+202E, "
            "U+2066-U+2069); remove them."
        )
    value = value.strip()
    if len(value) > max_length:
        raise BadRequest(f"{field} is longer than {max_length} characters.")
    return value


def e164(value: str) -> str:
    """A stored phone number in E.164 (+13145550123), as OSDI asks."""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def person_resource(request, person, *, contact_visible: bool, tags=()) -> dict:
    from juntos.members.rules import split_full_name

    given, family = person.given_name, person.family_name
    if not (given or family):
        given, family = split_full_name(person.full_name)
    data = {
        "identifiers": [f"juntos:{person.uuid}", *(person.identifiers or [])],
        "created_date": iso(person.created_at),
        "modified_date": iso(person.updated_at),
        "given_name": given,
        "family_name": family,
        "languages_spoken": [person.preferred_language],
        "email_addresses": [],
        "phone_numbers": [],
        "postal_addresses": [],
        # Only user-defined strings, as OSDI means them; Juntos' own facts are below.
        "custom_fields": dict(person.custom_fields or {}),
        "juntos:role": person.role or "contact",
        "juntos:member": person.member.name if person.member_id else None,
        "juntos:tags": sorted(tags),
        "_links": {
            "self": {"href": absolute(request, "api:person", uuid=person.uuid)},
            "osdi:taggings": {"href": absolute(request, "api:person_taggings", uuid=person.uuid)},
            "osdi:attendances": {
                "href": absolute(request, "api:person_attendances", uuid=person.uuid)
            },
        },
    }
    if contact_visible:
        if person.email:
            data["email_addresses"] = [
                {
                    "address": person.email,
                    "primary": True,
                    "address_type": "personal",
                    "status": person.email_status
                    or ("unsubscribed" if person.unsubscribed_at else "subscribed"),
                }
            ]
        if person.phone:
            phone = {"number": e164(person.phone), "primary": True, "number_type": "Mobile"}
            if person.sms_status:
                phone["status"] = person.sms_status
            data["phone_numbers"] = [phone]
        if person.zip_code or person.city or person.address or person.state:
            data["postal_addresses"] = [
                {
                    "primary": True,
                    "address_type": "Home",
                    "address_lines": [person.address] if person.address else [],
                    "locality": person.city,
                    "region": person.state,
                    "postal_code": person.zip_code,
                    "country": person.country or "US",
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
        "item_type": "osdi:person",
        "_links": {
            "self": {
                "href": absolute(
                    request, "api:tagging", uuid=tagging.tag.uuid, tagging=tagging.uuid
                )
            },
            "osdi:tag": {"href": absolute(request, "api:tag", uuid=tagging.tag.uuid)},
            "osdi:person": {"href": absolute(request, "api:person", uuid=tagging.person.uuid)},
        },
    }


class SiteRequest:
    """Enough of a request to build absolute links outside one (webhooks, sync)."""

    def __init__(self, base: str | None = None):
        from django.conf import settings

        self.base = (base or settings.SITE_URL).rstrip("/")

    def build_absolute_uri(self, path: str) -> str:
        return self.base + path


def attendance_resource(request, attendance) -> dict:
    """An OSDI attendance: who came to which event."""
    event_uuid = attendance.event.uuid
    links = {
        "self": {"href": absolute(request, "api:attendance", uuid=event_uuid, aid=attendance.pk)},
        "osdi:event": {"href": absolute(request, "api:event", uuid=event_uuid)},
    }
    if attendance.person_id:
        links["osdi:person"] = {
            "href": absolute(request, "api:person", uuid=attendance.person.uuid)
        }
    return {
        "identifiers": [f"juntos:attendance:{attendance.pk}"],
        "status": "accepted",
        "attended": True,
        "action_date": iso(attendance.recorded_at),
        "created_date": iso(attendance.recorded_at),
        "modified_date": iso(attendance.recorded_at),
        "juntos:member": attendance.member.name if attendance.member_id else None,
        "_links": links,
    }
