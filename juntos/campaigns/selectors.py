"""Reads for the campaign pages, with the permission rule in one place.

Members (representatives and above) see the coalition's campaigns and those its network
shares with it. The campaign's team and the hosts edit it; a state coalition's Core Team
and hosts place their own actions on a campaign their network shares. Confidential
fields (organizational considerations, opponents' capacity, debrief notes) are for the
team only."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from juntos.campaigns.models import Campaign, Deliverable
from juntos.core.access import role_at_least
from juntos.members.models import Person, TeamSeat


def visible_campaigns(coalition):
    scope = Q(coalition=coalition)
    if coalition.parent_id:
        scope |= Q(coalition_id=coalition.parent_id, shared_with_network=True)
    return Campaign.objects.filter(scope)


def in_team(person: Person, team_id: int) -> bool:
    return TeamSeat.objects.filter(
        Q(person=person) | Q(member_id=person.member_id, member__isnull=False), team_id=team_id
    ).exists()


def can_edit(request, campaign: Campaign) -> bool:
    if campaign.coalition_id != request.coalition.pk:
        return False
    if request.role == "host":
        return True
    return in_team(request.person, campaign.team_id)


def can_place(request, campaign: Campaign) -> bool:
    """Place actions and deliverables on the timeline: the team, or a state coalition's
    Core Team on a campaign shared by its network."""
    if can_edit(request, campaign):
        return True
    return (
        campaign.coalition_id != request.coalition.pk
        and campaign.shared_with_network
        and role_at_least(request.role, "core_team")
    )


def get_campaign_for(request, pk, *, edit: bool = False, place: bool = False) -> Campaign:
    """The campaign, or 404 when the coalition cannot see it, or 403 when the person may
    see but not change it."""
    campaign = (
        visible_campaigns(request.coalition)
        .select_related("team", "coalition")
        .filter(pk=pk)
        .first()
    )
    if campaign is None:
        raise Http404
    if edit and not can_edit(request, campaign):
        raise PermissionDenied
    if place and not can_place(request, campaign):
        raise PermissionDenied
    campaign.editable = can_edit(request, campaign)
    return campaign


def teams_for(request):
    """The teams a person may start a campaign for: their own, or every team for hosts."""
    teams = request.coalition.teams.all()
    if request.role == "host":
        return teams
    person = request.person
    return teams.filter(
        Q(seats__person=person) | Q(seats__member_id=person.member_id, seats__member__isnull=False)
    ).distinct()


def deliverables_of(person: Person):
    """A person's own deliverables: theirs by name, or their organization's."""
    scope = Q(owner_person=person)
    if person.member_id:
        scope |= Q(owner_member_id=person.member_id, owner_person__isnull=True)
    return (
        Deliverable.objects.filter(scope, coalition_id=person.coalition_id)
        .select_related("campaign", "owner_member", "owner_person")
        .order_by("due_on", "id")
    )


def campaign_events(campaign: Campaign, coalition) -> list:
    """The campaign's own events (not the coalition's other events or its governance
    meetings), cancelled ones left out, soonest first. A coalition the campaign is shared
    with sees only the published ones, and gets no link to pages it cannot open
    (`event.own` is False)."""
    from juntos.events.models import Event

    events = campaign.events.exclude(status=Event.Status.CANCELLED).order_by("starts_at", "id")
    own = campaign.coalition_id == coalition.pk
    if not own:
        events = events.filter(status=Event.Status.PUBLISHED)
    events = list(events)
    for event in events:
        event.own = own
    return events
