"""The JSON API: OSDI resources (people, tags, taggings) and Juntos' own (members,
meetings, statements). Never more than the web pages would show the same person."""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from juntos.api import osdi
from juntos.api.auth import api_view, problem
from juntos.api.openapi import openapi_document
from juntos.api.webhooks import webhook_fire
from juntos.consent.rules import contact_visible
from juntos.consent.services import contact_consent_map
from juntos.core.access import public
from juntos.governance import phrases
from juntos.members.models import Member, Person, Tag, Tagging
from juntos.members.selectors import members_visible_to, people_visible_to
from juntos.privacy import accesslog

HAL = "application/hal+json"


def hal(data, status=200):
    return JsonResponse(
        data, status=status, content_type=HAL, json_dumps_params={"ensure_ascii": False}
    )


def listing(request, queryset, *, embed: str, serialize, url_name: str):
    """One page of a collection in OSDI's HAL shape."""
    return hal(
        osdi.collection(request, queryset, embed=embed, serialize=serialize, url_name=url_name)
    )


def visible_people(request):
    # The same selector as the pages: members see the people of active members and hosts.
    return people_visible_to(request).select_related("member").order_by("pk")


def serialize_people(request, people):
    consent = contact_consent_map(people)
    tags: dict[int, list[str]] = {}
    for person_id, name in Tagging.objects.filter(person__in=people).values_list(
        "person_id", "tag__name"
    ):
        tags.setdefault(person_id, []).append(name)
    visible = {
        p.pk: contact_visible(
            viewer_role=request.role,
            viewer_is_subject=p.pk == request.person.pk,
            consented=consent.get(p.pk, False),
        )
        for p in people
    }
    accesslog.note(
        coalition_id=request.coalition.pk,
        what=accesslog.AccessKind.CONTACT,
        person_ids=[p.pk for p in people if visible[p.pk] and (p.email or p.phone)],
    )
    return [
        osdi.person_resource(request, p, tags=tags.get(p.pk, ()), contact_visible=visible[p.pk])
        for p in people
    ]


@api_view()
def root(request):
    links = {
        "self": {"href": osdi.absolute(request, "api:root")},
        "curies": osdi.CURIES,
        "osdi:people": {"href": osdi.absolute(request, "api:people")},
        "osdi:tags": {"href": osdi.absolute(request, "api:tags")},
        "osdi:events": {"href": osdi.absolute(request, "api:events")},
        "osdi:person_signup_helper": {"href": osdi.absolute(request, "api:signup")},
        "juntos:members": {"href": osdi.absolute(request, "api:members")},
        "juntos:meetings": {"href": osdi.absolute(request, "api:meetings")},
        "juntos:statements": {"href": osdi.absolute(request, "api:statements")},
        "juntos:campaigns": {"href": osdi.absolute(request, "api:campaigns")},
    }
    return hal(
        {
            "motd": f"Juntos API for {request.coalition.name}",
            "vendor_name": "Juntos",
            "product_name": "Juntos",
            "osdi_version": "1.1",
            "_links": links,
        }
    )


def _people_filters(request) -> dict:
    """The filter fields OSDI clients search people by. Contact fields (email, phone) only
    for hosts, who see every contact: nobody else may learn whose an address is."""
    from juntos.api.person_sync import OWN_PREFIX, clean_phone

    def contact(build):
        def check(value):
            if request.role != "host":
                raise osdi.BadRequest("Only hosts may find people by email or phone.")
            return build(value)

        return check

    def identifier(value):
        if value.lower().startswith(OWN_PREFIX):
            own = value[len(OWN_PREFIX) :]
            try:
                import uuid as uuid_module

                return Q(uuid=uuid_module.UUID(own))
            except ValueError:
                return Q(pk__in=[])
        ids = [
            pk
            for pk, values in Person.objects.filter(coalition=request.coalition)
            .exclude(identifiers=[])
            .values_list("pk", "identifiers")
            if value in (values or [])
        ]
        return Q(pk__in=ids)

    def phone(value):
        try:
            return Q(phone=clean_phone(value, "phone_number"))
        except osdi.BadRequest:
            return Q(pk__in=[])

    email = contact(lambda v: Q(email__iexact=v.strip()))
    return {
        "email_address": email,
        "email": email,
        "phone_number": contact(phone),
        "given_name": lambda v: Q(given_name__iexact=v.strip()),
        "family_name": lambda v: Q(family_name__iexact=v.strip()),
        "identifier": identifier,
        "identifiers": identifier,
    }


@api_view(methods=("GET", "POST"))
def people(request):
    """The people; a POST is the person signup helper, as on Action Network."""
    if request.method == "POST":
        if request.role != "host":
            return problem(403, "Your role in this coalition does not allow this.")
        return _signup(request)
    query = osdi.parse_filter(request.GET.get("filter"), text_fields=_people_filters(request))
    queryset = visible_people(request).filter(query)
    return listing(
        request,
        queryset,
        embed="osdi:people",
        serialize=lambda rows: serialize_people(request, rows),
        url_name="api:people",
    )


@api_view(methods=("GET", "PUT", "DELETE"))
def person(request, uuid):
    found = person_by_id(request, uuid)
    if found is None:
        return problem(404, "No such person.")
    return _person_detail(request, found)


@api_view(methods=("GET", "PUT", "DELETE"))
def person_by_identifier(request, ref):
    """A person by another system's id, e.g. /api/people/<Action Network id>: clients that
    build URLs from the `action_network:` identifier find people synced from there."""
    found = _by_foreign_id(visible_people(request), ref)
    if found is None:
        return problem(404, "No such person.")
    return _person_detail(request, found)


def _by_foreign_id(queryset, ref):
    """The one row of `queryset` that carries `<system>:<ref>` among its identifiers."""
    ref = str(ref)
    if ":" in ref or not ref.strip():
        return None
    suffix = f":{ref}"
    ids = [
        pk
        for pk, values in queryset.exclude(identifiers=[]).values_list("pk", "identifiers")
        if any(isinstance(v, str) and v.endswith(suffix) for v in values or [])
    ]
    return queryset.get(pk=ids[0]) if len(ids) == 1 else None


def person_by_id(request, uuid):
    """A person by Juntos' id, else by another system's: Action Network's ids are UUIDs
    too, and clients build URLs from the `action_network:` identifier."""
    people = visible_people(request)
    return people.filter(uuid=uuid).first() or _by_foreign_id(people, uuid)


def event_by_id(request, uuid):
    """An event by Juntos' id, else by another system's (events synced from Action Network
    are addressed by their `action_network:` id as people are)."""
    events = _events(request)
    return events.filter(uuid=uuid).first() or _by_foreign_id(events, uuid)


def _person_detail(request, found):
    from juntos.api import person_sync

    if request.method == "GET":
        return hal(serialize_people(request, [found])[0])
    if request.role != "host":
        return problem(403, "Only hosts change people through the API.")
    if request.method == "DELETE":
        allowed, reason = person_sync.may_delete(found)
        if not allowed:
            return problem(403, reason)
        person_sync.person_delete(person=found, actor=request.api_token.user)
        return hal({"notice": "This person was deleted."})
    body = request.json.get("person", request.json)
    parsed = person_sync.parse_person(body)
    parsed.own_uuid = ""
    updated, _created = person_sync.person_upsert(
        coalition=request.coalition,
        parsed=parsed,
        actor=request.api_token.user,
        person=found,
        add_tags=person_sync.tag_names(request.json.get("add_tags"), "add_tags"),
        remove_tags=person_sync.tag_names(request.json.get("remove_tags"), "remove_tags"),
    )
    _fire_person(request, updated, "person.updated")
    return hal(serialize_people(request, [updated])[0])


def _fire_person(request, person, event):
    """Webhooks get the OSDI person as a host would read it."""
    payload = osdi.person_resource(
        request,
        person,
        contact_visible=True,
        tags=list(person.taggings.values_list("tag__name", flat=True)),
    )
    coalition = request.coalition
    transaction.on_commit(lambda: webhook_fire(coalition=coalition, event=event, payload=payload))


@api_view()
def person_taggings(request, uuid):
    found = person_by_id(request, uuid)
    if found is None:
        return problem(404, "No such person.")
    taggings = Tagging.objects.filter(person=found).select_related("tag", "person")
    return listing(
        request,
        taggings.order_by("pk"),
        embed="osdi:taggings",
        serialize=lambda rows: [osdi.tagging_resource(request, t) for t in rows],
        url_name="api:person_taggings",
    )


@api_view(minimum_role="host", write=True, methods=("POST",))
def signup(request):
    """OSDI person signup helper: find by identifier, email or phone, create or update with
    only what was sent, then add (and remove) tags."""
    return _signup(request)


def _signup(request):
    from juntos.api import person_sync

    data = request.json.get("person")
    if not isinstance(data, dict):
        raise osdi.BadRequest("Send the person under the key 'person'.")
    parsed = person_sync.parse_person(data)
    found, created = person_sync.person_upsert(
        coalition=request.coalition,
        parsed=parsed,
        actor=request.api_token.user,
        add_tags=person_sync.tag_names(request.json.get("add_tags"), "add_tags"),
        remove_tags=person_sync.tag_names(request.json.get("remove_tags"), "remove_tags"),
    )
    _fire_person(request, found, "person.created" if created else "person.updated")
    return hal(serialize_people(request, [found])[0], status=201 if created else 200)


@api_view(methods=("GET", "POST"))
def tags(request):
    if request.method == "POST":
        if request.role != "host":
            return problem(403, "Only hosts create tags.")
        name = osdi.clean_text(request.json.get("name"), "name", 100)
        if not name:
            return problem(400, "name is required (at most 100 characters).")
        tag, created = Tag.objects.get_or_create(coalition=request.coalition, name=name)
        return hal(osdi.tag_resource(request, tag), status=201 if created else 200)
    queryset = Tag.objects.filter(
        coalition=request.coalition, **osdi.parse_filter(request.GET.get("filter"))
    )
    return listing(
        request,
        queryset.order_by("pk"),
        embed="osdi:tags",
        serialize=lambda rows: [osdi.tag_resource(request, t) for t in rows],
        url_name="api:tags",
    )


@api_view()
def tag(request, uuid):
    found = Tag.objects.filter(coalition=request.coalition, uuid=uuid).first()
    if found is None:
        return problem(404, "No such tag.")
    return hal(osdi.tag_resource(request, found))


def _person_from_links(request, body) -> Person | None:
    """The person a tagging or attendance names: `_links.osdi:person.href`, or identifiers.
    Of another shape than the OpenAPI document's PersonLink is 400."""
    links = body.get("_links") or {}
    person_link = (links.get("osdi:person") or {}) if isinstance(links, dict) else None
    href = (person_link.get("href") or "") if isinstance(person_link, dict) else None
    identifiers = body.get("identifiers") or []
    if not isinstance(href, str) or not isinstance(identifiers, list):
        raise osdi.BadRequest(
            "Name the person in _links.osdi:person.href (a string) or identifiers (a list)."
        )
    if href:
        person_uuid = href.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        try:
            return visible_people(request).filter(uuid=person_uuid).first()
        except ValidationError:
            return None
    for value in identifiers:
        if isinstance(value, str):
            query = _people_filters(request)["identifier"](value)
            found = visible_people(request).filter(query).first()
            if found:
                return found
    return None


@api_view(methods=("GET", "POST"))
def tag_taggings(request, uuid):
    found = Tag.objects.filter(coalition=request.coalition, uuid=uuid).first()
    if found is None:
        return problem(404, "No such tag.")
    if request.method == "POST":
        if request.role != "host":
            return problem(403, "Only hosts tag people.")
        target = _person_from_links(request, request.json)
        if target is None:
            return problem(422, "_links.osdi:person.href must name a person of this coalition.")
        with transaction.atomic():
            tagging = Tagging.objects.filter(tag=found, person=target).first()
            created = tagging is None
            if created:
                try:
                    with transaction.atomic():
                        tagging = Tagging.objects.create(tag=found, person=target)
                except IntegrityError:
                    tagging = Tagging.objects.get(tag=found, person=target)
                    created = False
        return hal(osdi.tagging_resource(request, tagging), status=201 if created else 200)
    taggings = Tagging.objects.filter(tag=found).select_related("tag", "person")
    if request.role != "host":
        taggings = taggings.filter(person__in=visible_people(request))
    return listing(
        request,
        taggings.order_by("pk"),
        embed="osdi:taggings",
        serialize=lambda rows: [osdi.tagging_resource(request, t) for t in rows],
        url_name="api:tag_taggings",
    )


@api_view(methods=("GET", "DELETE"))
def tagging(request, uuid, tagging):
    """One tagging: read it, or (hosts) remove it. The person's modified_date moves."""
    found = (
        Tagging.objects.filter(tag__coalition=request.coalition, tag__uuid=uuid, uuid=tagging)
        .filter(person__in=visible_people(request))
        .select_related("tag", "person")
        .first()
    )
    if found is None:
        return problem(404, "No such tagging.")
    if request.method == "DELETE":
        if request.role != "host":
            return problem(403, "Only hosts remove tags from people.")
        found.delete()
        return hal({"notice": "This tagging was successfully deleted."})
    return hal(osdi.tagging_resource(request, found))


# --- Juntos' own resources -------------------------------------------------------------


def member_resource(request, m):
    return {
        "identifiers": [f"juntos:member:{m.pk}"],
        "name": m.name,
        "kind": m.kind,
        "city": m.city,
        "state": m.state,
        "sectors": m.sectors,
        "status": m.status,
        "admitted_on": m.admitted_on.isoformat(),
        "created_date": osdi.iso(m.created_at),
        "modified_date": osdi.iso(m.updated_at),
        "_links": {"self": {"href": osdi.absolute(request, "api:members") + f"#{m.pk}"}},
    }


@api_view()
def members(request):
    queryset = members_visible_to(request).filter(**osdi.parse_filter(request.GET.get("filter")))
    return listing(
        request,
        queryset.order_by("pk"),
        embed="juntos:members",
        serialize=lambda rows: [member_resource(request, m) for m in rows],
        url_name="api:members",
    )


@api_view()
def meetings(request):
    from juntos.governance.selectors import meetings_visible_to

    def serialize(rows):
        return [
            {
                "identifiers": [f"juntos:meeting:{m.pk}"],
                "title": str(m),
                "start_date": osdi.iso(m.starts_at),
                "status": m.status,
                "kind": m.kind,
                "format": m.format,
                "location": {"venue": m.place} if m.place else None,
                "created_date": osdi.iso(m.created_at),
                "modified_date": osdi.iso(m.updated_at),
                "motions": [
                    {
                        "kind": mo.kind,
                        "text": mo.text,
                        "status": mo.status,
                        "result": mo.result,
                        "tally": mo.tally,
                        "rule": phrases.motion_rule(mo),
                    }
                    for mo in m.motions.all()
                ],
                "_links": {"self": {"href": osdi.absolute(request, "api:meetings") + f"#{m.pk}"}},
            }
            for m in rows
        ]

    queryset = (
        meetings_visible_to(request)
        .filter(**osdi.parse_filter(request.GET.get("filter")))
        .prefetch_related("motions")
        .order_by("starts_at", "pk")
    )
    return listing(
        request,
        queryset,
        embed="juntos:meetings",
        serialize=serialize,
        url_name="api:meetings",
    )


@api_view()
def statements(request):
    from juntos.communications.models import Statement
    from juntos.communications.selectors import statements_visible_to
    from juntos.communications.services import signers_by_statement

    def serialize(rows):
        published = [s for s in rows if s.status == Statement.Status.PUBLISHED]
        signers = signers_by_statement(published)
        return [
            {
                "identifiers": [f"juntos:statement:{s.pk}"],
                "title": s.title,
                "body": s.body,
                "status": s.status,
                "deadline": osdi.iso(s.deadline),
                "published_date": osdi.iso(s.published_at),
                "signers": [m.name for m in signers.get(s.pk, [])],
                "created_date": osdi.iso(s.created_at),
                "modified_date": osdi.iso(s.updated_at),
                "_links": {"self": {"href": osdi.absolute(request, "api:statements") + f"#{s.pk}"}},
            }
            for s in rows
        ]

    queryset = (
        statements_visible_to(request)
        .filter(**osdi.parse_filter(request.GET.get("filter")))
        .order_by("pk")
    )
    return listing(
        request,
        queryset,
        embed="juntos:statements",
        serialize=serialize,
        url_name="api:statements",
    )


@public
def openapi_json(request):
    return JsonResponse(openapi_document(request), json_dumps_params={"indent": 1})


@public
def docs(request):
    return render(request, "api/docs.html", {"spec": openapi_document(request)})


@csrf_exempt
@public
def not_found(request, rest=""):
    return problem(404, "No such API address. See /api/docs/.")


# --- OSDI events and attendances -------------------------------------------------------


def event_resource(request, event) -> dict:
    status = {"published": "confirmed", "cancelled": "cancelled"}.get(event.status, "tentative")
    location = None
    if event.venue_name or event.venue_address:
        location = {
            "venue": event.venue_name,
            "address_lines": [event.venue_address] if event.venue_address else [],
        }
    return {
        "identifiers": [f"juntos:{event.uuid}", *(event.identifiers or [])],
        "title": event.title,
        "name": event.title,
        "description": event.description,
        "start_date": osdi.iso(event.starts_at),
        "end_date": osdi.iso(event.ends_at),
        "status": status,
        "visibility": "public" if event.status == "published" else "private",
        "location": location,
        "created_date": osdi.iso(event.created_at),
        "modified_date": osdi.iso(event.updated_at),
        "juntos:kind": event.kind,
        "juntos:hosts": sorted(h.name for h in event.hosts.all()),
        "_links": {
            "self": {"href": osdi.absolute(request, "api:event", uuid=event.uuid)},
            "osdi:attendances": {
                "href": osdi.absolute(request, "api:attendances", uuid=event.uuid)
            },
            "osdi:record_attendance_helper": {
                "href": osdi.absolute(request, "api:attendances", uuid=event.uuid)
            },
        },
    }


def _events(request):
    from juntos.events.selectors import events_visible_to

    return events_visible_to(request)


def event_identifiers(value) -> list[str]:
    """Identifiers sent with an event, cleaned as a person's are (`system:id`)."""
    from juntos.api.person_sync import _IDENTIFIER, MAX_IDENTIFIERS

    if value is None:
        return []
    if not isinstance(value, list):
        raise osdi.BadRequest("identifiers must be a list of strings like 'action_network:…'.")
    if len(value) > MAX_IDENTIFIERS:
        raise osdi.BadRequest(f"identifiers holds at most {MAX_IDENTIFIERS}.")
    out = []
    for raw in value:
        text = osdi.clean_text(raw, "identifiers[]", 140)
        if not _IDENTIFIER.match(text):
            raise osdi.BadRequest("identifiers[] must look like 'system:id'.")
        if text not in out:
            out.append(text)
    return out


def find_event(events, identifiers: list[str]):
    """The event among `events` that one of these ids names: its own `juntos:<uuid>`, or a
    foreign id it was stored with."""
    import uuid as uuid_module

    from juntos.api.person_sync import OWN_PREFIX

    own = []
    for text in identifiers:
        if text.lower().startswith(OWN_PREFIX):
            try:
                own.append(uuid_module.UUID(text[len(OWN_PREFIX) :]))
            except ValueError:
                continue
    if own:
        found = events.filter(uuid__in=own).order_by("pk").first()
        if found:
            return found
    wanted = set(identifiers)
    for candidate in events.exclude(identifiers=[]).order_by("pk"):
        if wanted & set(candidate.identifiers or []):
            return candidate
    return None


def event_identifiers_add(event, identifiers: list[str]) -> None:
    """Keep other systems' ids for this event (never its own), without moving its
    modified_date: learning a foreign id is not a change to the event."""
    from juntos.events.models import Event

    own = f"juntos:{event.uuid}"
    new = [i for i in identifiers if i != own and i not in (event.identifiers or [])]
    if new:
        event.identifiers = [*(event.identifiers or []), *new]
        Event.objects.filter(pk=event.pk).update(identifiers=event.identifiers)


def event_input(coalition, body: dict, *, partial: bool) -> tuple[dict, list | None, str | None]:
    """OSDI event fields to Juntos' (data, hosts, status); only what was sent. Used by the
    API and by `juntos sync`."""
    from datetime import timedelta

    from django.utils.dateparse import parse_datetime

    from juntos.events.models import Event, EventKind

    data = {}
    title = osdi.clean_text(body.get("title") or body.get("name"), "title", 200)
    if title:
        data["title"] = title
    if "description" in body:
        data["description"] = osdi.clean_text(body.get("description"), "description", 20000)
    for key, field in (("start_date", "starts_at"), ("end_date", "ends_at")):
        raw = body.get(key)
        if raw in (None, ""):
            continue
        try:
            when = parse_datetime(raw) if isinstance(raw, str) else None
        except ValueError:  # well formed but impossible: a +99:00 offset, a 25th hour
            when = None
        if when is None:
            raise osdi.BadRequest(f"{key} must be a date and time in ISO 8601.")
        if when.tzinfo is None:
            from datetime import UTC

            when = when.replace(tzinfo=UTC)
        data[field] = when
    location = body.get("location")
    if location is not None and not isinstance(location, dict):
        raise osdi.BadRequest("location must be an object.")
    if isinstance(location, dict):
        if location.get("venue"):
            data["venue_name"] = osdi.clean_text(location["venue"], "location.venue", 200)
        lines = location.get("address_lines") or []
        if not isinstance(lines, list):
            raise osdi.BadRequest("location.address_lines must be a list.")
        parts = [osdi.clean_text(x, "location.address_lines[]") for x in lines if x]
        street = ", ".join(parts).lower()
        for key in ("locality", "region", "postal_code"):
            value = osdi.clean_text(location.get(key), f"location.{key}", 100)
            # Not again when the lines already hold it: an address Juntos sent out as one
            # line comes back from Action Network with its city split out too (a sync).
            if value and not re.search(rf"(^|[\s,]){re.escape(value.lower())}($|[\s,])", street):
                parts.append(value)
        if parts:
            data["venue_address"] = ", ".join(parts)[:300]
    kind = body.get("juntos:kind")
    if kind:
        if kind not in EventKind.values:
            raise osdi.BadRequest("juntos:kind must be one of " + ", ".join(EventKind.values))
        data["kind"] = kind
    if not partial:
        if "title" not in data or "starts_at" not in data:
            raise osdi.BadRequest("An event needs a title and a start_date.")
        data.setdefault("ends_at", data["starts_at"] + timedelta(hours=2))
        data.setdefault("kind", EventKind.COMMUNITY_FORUM)
    hosts = None
    if body.get("juntos:hosts") is not None:
        names = body["juntos:hosts"]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise osdi.BadRequest("juntos:hosts must be a list of member names.")
        hosts = list(
            Member.objects.filter(coalition=coalition, status=Member.Status.ACTIVE, name__in=names)
        )
        if len(hosts) != len(set(names)):
            raise osdi.Unprocessable("juntos:hosts names a member this coalition does not have.")
    raw_status = body.get("status")
    if raw_status not in (None, "", "confirmed", "tentative", "cancelled"):
        raise osdi.BadRequest("status must be confirmed, tentative or cancelled.")
    status = {
        "confirmed": Event.Status.PUBLISHED,
        "cancelled": Event.Status.CANCELLED,
        "tentative": Event.Status.DRAFT,
    }.get(raw_status or "")
    return data, hosts, status


@api_view(methods=("GET", "POST"))
def events(request):
    if request.method == "POST":
        return _event_write(request, None)
    queryset = _events(request).filter(**osdi.parse_filter(request.GET.get("filter")))
    return listing(
        request,
        queryset.order_by("starts_at", "pk").prefetch_related("hosts"),
        embed="osdi:events",
        serialize=lambda rows: [event_resource(request, e) for e in rows],
        url_name="api:events",
    )


def _event_write(request, event):
    """Create (POST) or update (PUT) an event through the events' own audited services."""
    from juntos.events.services.base import EventError
    from juntos.events.services.planning import event_plan, event_status_set, event_update

    if request.role != "host":
        return problem(403, "Only hosts create and change events.")
    identifiers = event_identifiers(request.json.get("identifiers"))
    if event is None and identifiers:
        # Like the person signup helper: an event this coalition already has under one of
        # these ids is updated, never created twice (so a sync can push again safely).
        event = find_event(_events(request), identifiers)
    data, hosts, status = event_input(request.coalition, request.json, partial=event is not None)
    actor = request.api_token.user
    try:
        with transaction.atomic():
            if event is None:
                if hosts is None:
                    hosts = [request.person.member] if request.person.member_id else []
                if not hosts:
                    raise osdi.Unprocessable("Name the host organizations in juntos:hosts.")
                event = event_plan(coalition=request.coalition, actor=actor, hosts=hosts, data=data)
                created = True
            else:
                event = event_update(event=event, actor=actor, data=data, hosts=hosts)
                created = False
            event_identifiers_add(event, identifiers)
            if status:
                event = event_status_set(event=event, actor=actor, status=status)
    except EventError as error:
        raise osdi.Unprocessable(str(error)) from None
    return hal(event_resource(request, event), status=201 if created else 200)


@api_view(methods=("GET", "PUT"))
def event(request, uuid):
    found = event_by_id(request, uuid)
    if found is None:
        return problem(404, "No such event.")
    if request.method == "PUT":
        return _event_write(request, found)
    return hal(event_resource(request, found))


@api_view(minimum_role="host", methods=("GET", "POST"))
def attendances(request, uuid):
    """Who came. Hosts only: attendance is personal data, as on the sign-in pages.

    A POST records attendance: `_links.osdi:person` names someone already here, or a
    `person` (the record attendance helper) is found or added as the signup helper does."""
    from juntos.events.models import EventAttendance

    found = event_by_id(request, uuid)
    if found is None:
        return problem(404, "No such event.")
    if request.method == "POST":
        return _record_attendance(request, found)
    rows = EventAttendance.objects.filter(event=found).select_related("person", "member", "event")
    return listing(
        request,
        rows.order_by("pk"),
        embed="osdi:attendances",
        serialize=lambda items: [osdi.attendance_resource(request, a) for a in items],
        url_name="api:attendances",
    )


def _record_attendance(request, event):
    from juntos.api import person_sync
    from juntos.events.models import EventAttendance
    from juntos.events.services.signin import _attendance_webhook

    body = request.json
    created_person = False
    if isinstance(body.get("person"), dict):
        parsed = person_sync.parse_person(body["person"])
        target, created_person = person_sync.person_upsert(
            coalition=request.coalition,
            parsed=parsed,
            actor=request.api_token.user,
            add_tags=person_sync.tag_names(body.get("add_tags"), "add_tags"),
        )
    else:
        target = _person_from_links(request, body)
    if target is None:
        raise osdi.Unprocessable("Send a person, or _links.osdi:person.href naming one here.")
    with transaction.atomic():
        row, created = EventAttendance.objects.get_or_create(
            event=event, person=target, defaults={"member": target.member}
        )
        if created:
            _attendance_webhook(row)
            Person.objects.filter(pk=target.pk).update(updated_at=row.recorded_at)
    if created_person:
        _fire_person(request, target, "person.created")
    return hal(osdi.attendance_resource(request, row), status=201 if created else 200)


@api_view(minimum_role="host")
def attendance(request, uuid, aid):
    from juntos.events.models import EventAttendance

    found = event_by_id(request, uuid)
    row = (
        EventAttendance.objects.filter(event=found, pk=aid).select_related(
            "person", "member", "event"
        )
        if found
        else None
    )
    row = row.first() if row is not None else None
    if row is None:
        return problem(404, "No such attendance.")
    return hal(osdi.attendance_resource(request, row))


@api_view(minimum_role="host")
def person_attendance(request, uuid, aid):
    from juntos.events.models import EventAttendance

    person = person_by_id(request, uuid)
    if person is None:
        return problem(404, "No such attendance.")
    row = (
        EventAttendance.objects.filter(pk=aid, person=person)
        .filter(event__in=_events(request))
        .select_related("person", "member", "event")
        .first()
    )
    if row is None:
        return problem(404, "No such attendance.")
    return hal(osdi.attendance_resource(request, row))


@api_view(minimum_role="host")
def person_attendances(request, uuid):
    from juntos.events.models import EventAttendance

    found = person_by_id(request, uuid)
    if found is None:
        return problem(404, "No such person.")
    rows = EventAttendance.objects.filter(person=found, event__in=_events(request)).select_related(
        "person", "member", "event"
    )
    return listing(
        request,
        rows.order_by("pk"),
        embed="osdi:attendances",
        serialize=lambda items: [osdi.attendance_resource(request, a) for a in items],
        url_name="api:person_attendances",
    )


@api_view()
def campaigns(request):
    """Campaigns members may see; the team-only fields (staff, budget...) stay out."""
    from juntos.campaigns.phrases import campaign_text
    from juntos.campaigns.selectors import visible_campaigns

    def serialize(rows):
        return [
            {
                "identifiers": [f"juntos:campaign:{c.pk}"],
                "title": c.title,
                "issue": campaign_text(c, "issue"),
                "playbook": c.playbook,
                "status": c.status,
                "state": c.state,
                "team": c.team.name,
                "coalition": c.coalition.slug,
                "goals": [
                    {
                        "term": g.term,
                        "text": g.text,
                        "measure": g.measure,
                        "target": str(g.target_value),
                        "due": g.due_on.isoformat() if g.due_on else None,
                    }
                    for g in c.goals.all()
                ],
                "created_date": osdi.iso(c.created_at),
                "modified_date": osdi.iso(c.updated_at),
                "_links": {"self": {"href": osdi.absolute(request, "api:campaigns") + f"#{c.pk}"}},
            }
            for c in rows
        ]

    queryset = (
        visible_campaigns(request.coalition)
        .filter(**osdi.parse_filter(request.GET.get("filter")))
        .select_related("team", "coalition")
        .prefetch_related("goals")
        .order_by("pk")
    )
    return listing(
        request,
        queryset,
        embed="juntos:campaigns",
        serialize=serialize,
        url_name="api:campaigns",
    )
