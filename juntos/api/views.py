"""The JSON API: OSDI resources (people, tags, taggings) and Juntos' own (members,
meetings, statements). Never more than the web pages would show the same person."""

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
from juntos.core.forms import PhoneField
from juntos.governance import phrases
from juntos.members.models import Member, Person, Tag, Tagging

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
    people = Person.objects.filter(coalition=request.coalition)
    if request.role != "host":
        # Members see the coalition's representatives and hosts, as in the directory.
        people = people.filter(Q(member__status=Member.Status.ACTIVE) | Q(role="host"))
    return people.select_related("member").order_by("pk")


def serialize_people(request, people):
    consent = contact_consent_map(people)
    tags: dict[int, list[str]] = {}
    for person_id, name in Tagging.objects.filter(person__in=people).values_list(
        "person_id", "tag__name"
    ):
        tags.setdefault(person_id, []).append(name)
    return [
        osdi.person_resource(
            request,
            p,
            tags=tags.get(p.pk, ()),
            contact_visible=contact_visible(
                viewer_role=request.role,
                viewer_is_subject=p.pk == request.person.pk,
                consented=consent.get(p.pk, False),
            ),
        )
        for p in people
    ]


@api_view()
def root(request):
    links = {
        "self": {"href": osdi.absolute(request, "api:root")},
        "curies": osdi.CURIES,
        "osdi:people": {"href": osdi.absolute(request, "api:people")},
        "osdi:tags": {"href": osdi.absolute(request, "api:tags")},
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


@api_view()
def people(request):
    queryset = visible_people(request).filter(**osdi.parse_filter(request.GET.get("filter")))
    return listing(
        request,
        queryset,
        embed="osdi:people",
        serialize=lambda rows: serialize_people(request, rows),
        url_name="api:people",
    )


@api_view()
def person(request, uuid):
    found = visible_people(request).filter(uuid=uuid).first()
    if found is None:
        return problem(404, "No such person.")
    return hal(serialize_people(request, [found])[0])


@api_view()
def person_taggings(request, uuid):
    found = visible_people(request).filter(uuid=uuid).first()
    if found is None:
        return problem(404, "No such person.")
    taggings = Tagging.objects.filter(person=found).select_related("tag", "person")
    return listing(
        request,
        taggings.order_by("pk"),
        embed="osdi:taggings",
        serialize=lambda rows: [osdi.tagging_resource(request, t) for t in rows],
        url_name="api:people",
    )


def _first(items, key, field):
    if items is None:
        return ""
    if not isinstance(items, list):
        raise osdi.BadRequest(f"{field} must be a list.")
    for item in items:
        if not isinstance(item, dict):
            raise osdi.BadRequest(f"{field} must be a list of objects.")
        if item.get(key):
            return osdi.clean_text(item[key], f"{field}[].{key}")
    return ""


@api_view(minimum_role="host", write=True, methods=("POST",))
def signup(request):
    """OSDI person signup helper: create or update by email, then add tags."""
    from django.core.validators import validate_email
    from django.forms import ValidationError

    body = request.json
    data = body.get("person")
    if not isinstance(data, dict):
        raise osdi.BadRequest("Send the person under the key 'person'.")
    email = _first(data.get("email_addresses"), "address", "person.email_addresses").lower()
    try:
        validate_email(email)
    except ValidationError:
        raise osdi.BadRequest("person.email_addresses[0].address must be a valid email.") from None
    phone = _first(data.get("phone_numbers"), "number", "person.phone_numbers")
    if phone:
        try:
            phone = PhoneField().clean(phone)
        except ValidationError:
            raise osdi.BadRequest(
                "person.phone_numbers[0].number is not a valid phone number."
            ) from None
    add_tags = body.get("add_tags", [])
    if not isinstance(add_tags, list):
        raise osdi.BadRequest("add_tags must be a list of tag names.")
    add_tags = [osdi.clean_text(t, "add_tags[]", 100) for t in add_tags]
    if not all(add_tags):
        raise osdi.BadRequest("add_tags must not contain empty names.")
    given = osdi.clean_text(data.get("given_name"), "person.given_name", 100)
    family = osdi.clean_text(data.get("family_name"), "person.family_name", 100)
    addresses = data.get("postal_addresses") or [{}]
    if not isinstance(addresses, list) or not isinstance(addresses[0], dict):
        raise osdi.BadRequest("person.postal_addresses must be a list of objects.")
    address = addresses[0]
    lines = address.get("address_lines") or []
    if not isinstance(lines, list):
        raise osdi.BadRequest("postal_addresses[0].address_lines must be a list.")
    state = osdi.clean_text(address.get("region"), "postal_addresses[0].region", 2).upper()
    zip_code = osdi.clean_text(address.get("postal_code"), "postal_addresses[0].postal_code", 10)
    fields = {
        "full_name": " ".join(x for x in (given, family) if x) or email,
        "phone": phone,
        "city": osdi.clean_text(address.get("locality"), "postal_addresses[0].locality", 100),
        "state": state,
        "zip_code": zip_code,
        "address": " ".join(osdi.clean_text(x, "address_lines[]") for x in lines)[:200],
    }
    languages = data.get("languages_spoken") or []
    if isinstance(languages, list) and languages and languages[0] in ("en", "es"):
        fields["preferred_language"] = languages[0]
    with transaction.atomic():
        found = (
            Person.objects.select_for_update()
            .filter(coalition=request.coalition, email=email)
            .first()
        )
        created = found is None
        if created:
            found = Person.objects.create(
                coalition=request.coalition, email=email, role="supporter", **fields
            )
        else:
            for key, value in fields.items():
                if value:
                    setattr(found, key, value)
            found.save()
        for name in add_tags:
            tag, _ = Tag.objects.get_or_create(coalition=request.coalition, name=name)
            Tagging.objects.get_or_create(tag=tag, person=found)
        if created:
            transaction.on_commit(
                lambda: webhook_fire(
                    coalition=request.coalition,
                    event="person.created",
                    payload={"identifiers": [f"juntos:{found.uuid}"], "email": email},
                )
            )
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


@api_view(methods=("GET", "POST"))
def tag_taggings(request, uuid):
    found = Tag.objects.filter(coalition=request.coalition, uuid=uuid).first()
    if found is None:
        return problem(404, "No such tag.")
    if request.method == "POST":
        if request.role != "host":
            return problem(403, "Only hosts tag people.")
        href = ((request.json.get("_links") or {}).get("osdi:person") or {}).get("href") or ""
        person_uuid = href.rstrip("/").rsplit("/", 1)[-1]
        target = visible_people(request).filter(uuid=person_uuid).first() if person_uuid else None
        if target is None:
            return problem(400, "_links.osdi:person.href must name a person of this coalition.")
        try:
            tagging, created = Tagging.objects.get_or_create(tag=found, person=target)
        except IntegrityError:
            return problem(409, "Already tagged.")
        return hal(osdi.tagging_resource(request, tagging), status=201 if created else 200)
    taggings = Tagging.objects.filter(tag=found).select_related("tag", "person")
    if request.role != "host":
        taggings = taggings.filter(person__in=visible_people(request))
    return listing(
        request,
        taggings.order_by("pk"),
        embed="osdi:taggings",
        serialize=lambda rows: [osdi.tagging_resource(request, t) for t in rows],
        url_name="api:tags",
    )


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
    queryset = Member.objects.filter(
        coalition=request.coalition, **osdi.parse_filter(request.GET.get("filter"))
    )
    return listing(
        request,
        queryset.order_by("pk"),
        embed="juntos:members",
        serialize=lambda rows: [member_resource(request, m) for m in rows],
        url_name="api:members",
    )


@api_view()
def meetings(request):
    from juntos.governance.models import Meeting

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
        Meeting.objects.filter(
            coalition=request.coalition, **osdi.parse_filter(request.GET.get("filter"))
        )
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
        Statement.objects.filter(
            coalition=request.coalition, **osdi.parse_filter(request.GET.get("filter"))
        )
        .exclude(status=Statement.Status.DRAFT)
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
        "identifiers": [f"juntos:event:{event.pk}"],
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
        "_links": {
            "self": {"href": osdi.absolute(request, "api:event", pk=event.pk)},
            "osdi:attendances": {"href": osdi.absolute(request, "api:attendances", pk=event.pk)},
        },
    }


def _events(request):
    from juntos.events.models import Event

    events = Event.objects.filter(coalition=request.coalition)
    if request.role not in ("host", "core_team"):
        events = events.exclude(status="draft")
    return events


@api_view()
def events(request):
    queryset = _events(request).filter(**osdi.parse_filter(request.GET.get("filter")))
    return listing(
        request,
        queryset.order_by("starts_at", "pk"),
        embed="osdi:events",
        serialize=lambda rows: [event_resource(request, e) for e in rows],
        url_name="api:events",
    )


@api_view()
def event(request, pk):
    found = _events(request).filter(pk=pk).first()
    if found is None:
        return problem(404, "No such event.")
    return hal(event_resource(request, found))


@api_view(minimum_role="host")
def attendances(request, pk):
    """Who came. Hosts only: attendance is personal data, as on the sign-in pages."""
    from juntos.events.models import EventAttendance

    found = _events(request).filter(pk=pk).first()
    if found is None:
        return problem(404, "No such event.")
    rows = EventAttendance.objects.filter(event=found).select_related("person", "member")

    def serialize(items):
        out = []
        for a in items:
            links = {
                "self": {"href": osdi.absolute(request, "api:attendances", pk=pk) + f"#{a.pk}"},
                "osdi:event": {"href": osdi.absolute(request, "api:event", pk=pk)},
            }
            if a.person_id:
                links["osdi:person"] = {
                    "href": osdi.absolute(request, "api:person", uuid=a.person.uuid)
                }
            out.append(
                {
                    "identifiers": [f"juntos:attendance:{a.pk}"],
                    "status": "accepted",
                    "attended": True,
                    "action_date": osdi.iso(a.recorded_at),
                    "created_date": osdi.iso(a.recorded_at),
                    "modified_date": osdi.iso(a.recorded_at),
                    "custom_fields": {"juntos_member": a.member.name if a.member_id else None},
                    "_links": links,
                }
            )
        return out

    return listing(
        request,
        rows.order_by("pk"),
        embed="osdi:attendances",
        serialize=serialize,
        url_name="api:events",
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
