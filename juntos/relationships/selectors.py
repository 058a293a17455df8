"""Reads for the relationships pages, with the confidentiality rule applied in one place:
a confidential relationship or one-to-one is seen only by its author and the hosts."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from juntos.members.models import Person, TeamSeat
from juntos.relationships import messengers, rules
from juntos.relationships.models import (
    Contact,
    EngagementStep,
    OneToOne,
    PipelineEntry,
    PowerPlacement,
    Relationship,
)


def _confidential_filter(user, role) -> Q:
    if role == "host":
        return Q()
    return Q(confidential=False) | Q(author=user)


def visible_relationships(coalition, user, role):
    return Relationship.objects.filter(coalition=coalition).filter(_confidential_filter(user, role))


def visible_one_to_ones(coalition, user, role):
    return OneToOne.objects.filter(coalition=coalition).filter(_confidential_filter(user, role))


def get_contact_for(coalition, pk) -> Contact:
    contact = get_object_or_404(Contact, coalition=coalition, pk=pk)
    contact.coalition = coalition  # the caller's object: not fetched again
    return contact


def get_relationship_for(coalition, user, role, pk) -> Relationship:
    rel = visible_relationships(coalition, user, role).filter(pk=pk).first()
    if rel is None:
        raise Http404
    return rel


def contacts_search(
    coalition,
    *,
    q="",
    category="",
    state="",
    chamber="",
    district="",
    in_office=None,
    ours=False,
):
    qs = Contact.objects.filter(coalition=coalition).select_related("member", "person")
    if q:
        qs = qs.filter(
            Q(name__icontains=q) | Q(organization_name__icontains=q) | Q(title__icontains=q)
        )
    if category:
        qs = qs.filter(category=category)
    if state:
        qs = qs.filter(state=state.upper())
    if chamber:
        qs = qs.filter(chamber=chamber)
    if district:
        qs = qs.filter(district__iexact=district.strip().lstrip("0") or "0")
    if in_office is not None:
        qs = qs.filter(in_office=in_office)
    if ours:
        qs = qs.filter(Q(member__isnull=False) | Q(person__isnull=False))
    return qs


# A relationship's two ends as its list and picture show them (name, ours or not): the
# contact's other 24 columns, JSON among them, were read and decoded for every row.
ENDS = tuple(
    f"{end}__{field}" for end in ("source", "target") for field in ("name", "member", "person")
)


def with_ends(relationships):
    return relationships.select_related("source", "target").only(
        *(f.name for f in Relationship._meta.concrete_fields), *ENDS
    )


def relationships_of(contact, user, role):
    return with_ends(
        visible_relationships(contact.coalition, user, role).filter(
            Q(source=contact) | Q(target=contact)
        )
    )


def neighbourhood(contact, user, role, *, on=None, max_first=16, max_second=12):
    """The contact, its strongest direct relationships (at most `max_first`) and their
    other relationships (at most `max_second` new people): what the picture draws. A hub
    with thousands of relationships still gets a picture one can read."""
    on = on or timezone.localdate()
    current = Q(ended_on__isnull=True) | Q(ended_on__gte=on)
    first = list(
        relationships_of(contact, user, role)
        .filter(current)
        .order_by("-strength", "id")[:max_first]
    )
    ids = {contact.pk} | {r.source_id for r in first} | {r.target_id for r in first}
    second = list(
        with_ends(
            visible_relationships(contact.coalition, user, role)
            .filter(current)
            .filter(Q(source_id__in=ids) | Q(target_id__in=ids))
            .exclude(Q(source=contact) | Q(target=contact))
        ).order_by("-strength", "id")[: max_second * 3]
    )
    kept = []
    for r in second:
        outer = {r.source_id, r.target_id} - ids
        if outer and len(kept) >= max_second:
            continue
        kept.append(r)
    return first, kept


def graph_for(coalition, user, role, *, on=None) -> messengers.Graph:
    """The coalition's relationship graph as this user may see it, current relationships
    only, as plain values for messengers.find_messengers."""
    on = on or timezone.localdate()
    nodes = [
        messengers.Node(pk, name, ours=bool(member_id or person_id), category=category)
        for pk, name, member_id, person_id, category in Contact.objects.filter(
            coalition=coalition
        ).values_list("pk", "name", "member_id", "person_id", "category")
    ]
    edges = [
        messengers.Edge(pk, s, t, kind, strength, role_text)
        for pk, s, t, kind, strength, role_text in visible_relationships(coalition, user, role)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .values_list("pk", "source_id", "target_id", "kind", "strength", "role")
    ]
    return messengers.Graph(nodes, edges)


def power_map(coalition, *, issue="", campaign=None, on=None):
    """[(contact, current placement, [earlier placements])] for one map, as it stood on
    `on` (today by default): placements after that date are left out. A campaign's map
    when `campaign` is given; otherwise the map on its own named `issue` (a campaign's
    placements never mix into those, whatever their decision text)."""
    qs = PowerPlacement.objects.filter(coalition=coalition)
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    else:
        qs = qs.filter(campaign__isnull=True, issue=issue)
    if on is not None:
        qs = qs.filter(placed_on__lte=on)
    placements = list(qs.select_related("contact").order_by("placed_on", "id"))
    current = rules.latest_by(placements, key=lambda p: p.contact_id, when=lambda p: p.placed_on)
    history = {}
    for p in placements:
        if p is not current[p.contact_id]:
            history.setdefault(p.contact_id, []).append(p)
    rows = [(p.contact, p, history.get(cid, [])) for cid, p in current.items()]
    rows.sort(key=lambda r: (-r[1].power, -r[1].stance, r[0].name))
    return rows


def power_issues(coalition) -> list[str]:
    """The names of the maps on their own (campaigns' maps are chosen by campaign)."""
    return sorted(
        set(
            PowerPlacement.objects.filter(coalition=coalition, campaign__isnull=True).values_list(
                "issue", flat=True
            )
        )
    )


def power_campaigns(coalition):
    """The coalition's own campaigns, for choosing a campaign's power map."""
    from juntos.campaigns.models import Campaign

    return Campaign.objects.filter(coalition=coalition).order_by("title", "id")


def power_campaign(coalition, value: str):
    """The campaign named by the page's `campaign` parameter, or None; 404 when it is not
    one of the coalition's own."""
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    campaign = power_campaigns(coalition).filter(pk=int(value)).first()
    if campaign is None:
        raise Http404
    return campaign


def pipeline_board(coalition):
    entries = PipelineEntry.objects.filter(coalition=coalition).select_related("organization")
    return rules.pipeline_columns(entries)


def leaders(coalition, user, role, *, team=None):
    """People with their place on the ladder, last one-to-one and history; those in
    development first."""
    people = Person.objects.filter(coalition=coalition).select_related("member")
    if team is not None:
        seats = TeamSeat.objects.filter(team=team)
        people = people.filter(
            Q(pk__in=seats.values("person_id")) | Q(member_id__in=seats.values("member_id"))
        )
    steps = {}
    for s in EngagementStep.objects.filter(coalition=coalition).order_by("on", "id"):
        steps.setdefault(s.person_id, []).append((s.level, s.on))
    last_meeting = {}
    for m in visible_one_to_ones(coalition, user, role).order_by("met_on", "id"):
        last_meeting[m.person_id] = m
    rows = []
    for person in people:
        position = rules.ladder_position(steps.get(person.pk, []))
        if position.level is None:
            continue
        rows.append((person, position, last_meeting.get(person.pk)))
    order = {lvl: i for i, lvl in enumerate(rules.LADDER)}
    rows.sort(
        key=lambda r: (not r[1].in_development, -order[r[1].level], r[0].full_name.casefold())
    )
    return rows


def contacts_matching(
    coalition, text: str, limit: int = 20, *, outside: bool = False
) -> list[dict]:
    """Contacts whose name (or organization) holds `text`, accents and case aside; names
    that start with it first. For the pickers' suggestions as a person types. `outside`:
    only those of no member organization or person of the coalition."""
    from juntos.core.forms import best_matches

    contacts = Contact.objects.filter(coalition=coalition)
    if outside:
        contacts = contacts.filter(member__isnull=True, person__isnull=True)
    rows = contacts.values_list(
        "pk", "name", "organization_name", "state", "district", "member_id", "person_id"
    )
    return best_matches(
        text,
        (
            {
                "pk": pk,
                "name": name,
                "organization": organization,
                "where": f"{state}-{district}" if state and district else state,
                "ours": bool(member_id or person_id),
            }
            for pk, name, organization, state, district, member_id, person_id in rows.iterator()
        ),
        limit,
    )
