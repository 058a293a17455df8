"""Reads for the member pages, shaped for templates, with a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from juntos.consent.rules import contact_visible
from juntos.consent.services import contact_consent_map
from juntos.core.access import role_at_least
from juntos.core.forms import format_phone
from juntos.members.models import Member, MemberKind, Person, Sector, Team, TeamSeat
from juntos.members.rules import Standing, member_standing, standing_visible
from juntos.privacy import accesslog


@dataclass
class ContactView:
    person: Person
    visible: bool
    email: str
    phone: str


def contacts_for(people: list[Person], *, viewer: Person) -> list[ContactView]:
    consent = contact_consent_map(people)
    rows = []
    seen = []
    for p in people:
        visible = contact_visible(
            viewer_role=viewer.role,
            viewer_is_subject=viewer.pk == p.pk,
            consented=consent.get(p.pk, False),
        )
        if visible and p.pk != viewer.pk and (p.email or p.phone):
            seen.append(p.pk)
        rows.append(
            ContactView(
                person=p,
                visible=visible,
                email=p.email if visible else "",
                phone=format_phone(p.phone) if visible and p.phone else "",
            )
        )
    if seen:
        accesslog.note(
            coalition_id=viewer.coalition_id, what=accesslog.AccessKind.CONTACT, person_ids=seen
        )
    return rows


def attendance_for_year(coalition, members, year=None) -> dict:
    """{member id: AttendanceCounts} for the calendar year, in three queries for all members."""
    from django.utils import timezone

    from juntos.governance.selectors import attendance_summary

    return attendance_summary(coalition, year or timezone.localdate().year, members)


def events_for_year(coalition, members, year=None) -> dict:
    """{member id: educational events hosted or joined} this calendar year, in two queries."""
    from django.utils import timezone

    from juntos.events.selectors import educational_participations

    return educational_participations(coalition, year or timezone.localdate().year, members)


def standing_for(member: Member, rules, counts=None, events=None) -> Standing:
    """Standing for the calendar year: attendance from meetings whose attendance is closed;
    participation from committees and from educational events hosted or joined."""
    if counts is None:
        counts = attendance_for_year(member.coalition_id, [member])[member.pk]
    if events is None:
        events = events_for_year(member.coalition_id, [member]).get(member.pk, 0)
    # member_detail prefetched these; the directory groups them itself (people_and_teams).
    people = list(member.people.all())
    teams = {s.team for s in member.seats.all()} | {s.team for p in people for s in p.seats.all()}
    return _standing(member, rules, counts, events, people, teams)


DIRECTORY_PERSON = (
    *("id", "coalition_id", "member_id", "role", "is_primary_contact"),
    *("full_name", "title", "email", "phone"),
)


def people_and_teams(member_ids) -> tuple[dict, dict]:
    """{member id: its people} and {member id: the teams where it or one of its people has
    a seat}, in two queries. Grouped here rather than with prefetch_related, which builds
    a queryset per row: on a page of 50 members that was most of the directory's time."""
    people = defaultdict(list)
    # The columns the directory shows and its standing counts (a person has thirty).
    for person in Person.objects.filter(member_id__in=member_ids).only(*DIRECTORY_PERSON):
        people[person.member_id].append(person)
    member_of = {p.pk: p.member_id for ps in people.values() for p in ps}
    teams = defaultdict(set)
    seats = TeamSeat.objects.filter(
        Q(member_id__in=member_ids) | Q(person_id__in=member_of)
    ).select_related("team")
    for seat in seats:
        teams[seat.member_id or member_of[seat.person_id]].add(seat.team)
    return people, teams


def _standing(member, rules, counts, events: int, people, teams) -> Standing:
    committees = {t.pk for t in teams if t.counts_as_committee}
    return member_standing(
        attended=counts.attended,
        notified_absences=counts.notified_absences,
        unnotified_absences=counts.unnotified_absences,
        participations=len(committees) + events,
        has_primary_contact=any(p.is_primary_contact for p in people),
        agreed_to_charter=member.agreed_to_charter_at is not None,
        rules=rules,
    )


def _member_queryset(coalition):
    seats = TeamSeat.objects.select_related("team")
    return (
        Member.objects.filter(coalition=coalition)
        .prefetch_related(
            Prefetch(
                "people",
                queryset=Person.objects.prefetch_related(Prefetch("seats", queryset=seats)),
            ),
            Prefetch("seats", queryset=seats),
        )
        .order_by("name")
    )


@dataclass
class DirectoryRow:
    member: Member
    teams: list[Team]
    primary: ContactView | None
    standing: Standing | None  # None where the viewer may not see it (members.rules)


def directory_labels() -> dict:
    """The directory's kind and sector labels in the current language, translated once a
    page rather than once a row (get_kind_display rebuilds its choices on every call)."""
    return {
        "kind": {k: str(v) for k, v in MemberKind.choices},
        "sector": {k: str(v) for k, v in Sector.choices},
    }


def directory_members(coalition, *, include_removed=False, q: str = ""):
    """The directory's members, unevaluated, so the view can take one page of them."""
    members = Member.objects.filter(coalition=coalition).order_by("name", "id")
    if not include_removed:
        members = members.filter(status=Member.Status.ACTIVE)
    if q:
        members = members.filter(Q(name__icontains=q) | Q(city__icontains=q))
    return members


def directory(
    coalition, *, viewer: Person, rules, include_removed=False, members=None
) -> list[DirectoryRow]:
    """Rows for `members` (one page of directory_members), or for every member."""
    if members is None:
        members = directory_members(coalition, include_removed=include_removed)
    members = list(members)
    people, teams = people_and_teams([m.pk for m in members])
    primaries = [p for m in members for p in people[m.pk] if p.is_primary_contact]
    contacts = {c.person.member_id: c for c in contacts_for(primaries, viewer=viewer)}
    attendance = attendance_for_year(coalition, members)
    events = events_for_year(coalition, members)
    return [
        DirectoryRow(
            member=m,
            teams=sorted(teams[m.pk], key=lambda t: (t.kind, t.name)),
            primary=contacts.get(m.pk),
            standing=_standing(
                m, rules, attendance[m.pk], events.get(m.pk, 0), people[m.pk], teams[m.pk]
            )
            if standing_visible(
                viewer_role=viewer.role, viewer_member_id=viewer.member_id, member_id=m.pk
            )
            else None,
        )
        for m in members
    ]


def member_detail(coalition, pk: int):
    return _member_queryset(coalition).get(pk=pk)


@dataclass
class StructureGroup:
    key: str
    label: str
    description: str
    names: list[str]
    teams: list[tuple[Team, list[str]]]
    count: int
    more: int = 0  # names not listed: a national network's layers run to thousands


NAMES_SHOWN = 60


def structure(coalition, *, viewer_role: str | None) -> list[StructureGroup]:
    """The nested structure of seed 000 with who is in each layer, in three queries.
    Outside the members' own spaces (supporters) a member is named only with its name
    consent (consent.rules.name_visible); the counts stay whole."""
    from django.utils.translation import gettext as _

    from juntos.consent.rules import name_visible
    from juntos.consent.services import name_consents

    consents = None if role_at_least(viewer_role, "representative") else name_consents(coalition)

    def named(member_id) -> bool:
        if consents is None:
            return True
        return name_visible(viewer_role=viewer_role, consent=consents.get(member_id))

    teams = list(Team.objects.filter(coalition=coalition))
    names = defaultdict(list)  # names, not seat rows: home shows this to everyone
    seat_count = defaultdict(int)
    for team_id, member, person, member_id, person_member_id in TeamSeat.objects.filter(
        team__coalition=coalition
    ).values_list("team_id", "member__name", "person__full_name", "member_id", "person__member_id"):
        seat_count[team_id] += 1
        if named(member_id or person_member_id):
            names[team_id].append(member or person or "")

    def seat_names(team):
        return sorted(names[team.pk])

    core = [t for t in teams if t.kind == Team.Kind.CORE_TEAM]
    pods = [(t, seat_names(t)) for t in teams if t.kind == Team.Kind.SUPPORT_POD]
    issue_teams = [(t, seat_names(t)) for t in teams if t.kind == Team.Kind.ISSUE_TEAM]
    active = Member.objects.filter(coalition=coalition, status=Member.Status.ACTIVE)
    member_count = active.count()
    if consents is not None:
        active = active.filter(pk__in=[pk for pk in consents if named(pk)])
    members = list(active.order_by("name").values_list("name", flat=True)[:NAMES_SHOWN])
    supporter_names = list(
        supporters(coalition)
        .order_by("full_name")
        .values_list("full_name", flat=True)[:NAMES_SHOWN]
    )
    supporter_count = supporters(coalition).count()
    core_names = seat_names(core[0]) if core else []
    return [
        StructureGroup(
            "core_team",
            _("Core Team"),
            _("The smaller group of members that fleshes out the plan for the platform."),
            core_names,
            [],
            seat_count[core[0].pk] if core else 0,
            (seat_count[core[0].pk] - len(core_names)) if core else 0,
        ),
        StructureGroup(
            "full_coalition",
            _("Full Coalition"),
            _("The organizations and individuals that are members of the coalition."),
            members,
            [],
            member_count,
            member_count - len(members),
        ),
        StructureGroup(
            "supporter_network",
            _("Supporter Network"),
            _("Friends who cannot join but cheer the coalition on and help spread its work."),
            supporter_names,
            [],
            supporter_count,
            supporter_count - len(supporter_names),
        ),
        StructureGroup(
            "support_pods",
            _("Support Pods"),
            _("Small, policy-focused groups giving as-needed support (data, research...)."),
            [],
            pods,
            len(pods),
        ),
        StructureGroup(
            "issue_teams",
            _("Issue Organizing Teams"),
            _("Small, issue-focused groups that craft and carry out strategy for one issue."),
            [],
            issue_teams,
            len(issue_teams),
        ),
    ]


def supporters(coalition):
    return Person.objects.filter(coalition=coalition, member__isnull=True, role="supporter")


def members_visible_to(request):
    """Members as the API and exports list them: active ones, and for hosts the removed ones
    too (the directory with "removed" shown). The same rule as directory_members."""
    return directory_members(request.coalition, include_removed=request.role == "host")


def people_visible_to(request):
    """People of the coalition a role may list: hosts everyone; members the people of active
    members and the hosts, as in the directory and member pages."""
    people = Person.objects.filter(coalition=request.coalition)
    if request.role != "host":
        people = people.filter(Q(member__status=Member.Status.ACTIVE) | Q(role="host"))
    return people


def members_matching(request, text: str, limit: int = 20) -> list[dict]:
    """Active member organizations the viewer may see (members_visible_to) whose name holds
    `text`, accents and case aside, for the organization pickers' suggestions (an event's
    hosts), each with its congressional district (from its ZIP)."""
    from juntos.core.forms import best_matches
    from juntos.districts.selectors import national_crosswalk

    crosswalk = national_crosswalk()
    members = members_visible_to(request).filter(status=Member.Status.ACTIVE)
    rows = members.order_by().values_list("pk", "name", "zip_code")

    def where(zip_code) -> str:
        seats = crosswalk.get((zip_code or "")[:5], ())
        return "/".join(f"{state}-{district}" for state, district in seats)

    return best_matches(
        text,
        (
            {"pk": pk, "name": name, "organization": "", "where": where(zip_code)}
            for pk, name, zip_code in rows.iterator()
        ),
        limit,
    )


PICK_AMONG = ("", "anyone", "alternates", "emailed")


def people_matching(request, text: str, among: str = "", limit: int = 20) -> list[dict]:
    """People the viewer may see (people_visible_to) whose name or organization holds
    `text`, accents and case aside, for the person pickers' suggestions: those with a role
    in the coalition (`among="anyone"`: with or without one; `among="alternates"`: those
    the viewer's organization may name as alternates, of no member organization or of its
    own; `among="emailed"`: anyone with an email address, whom a notice can reach). Each
    with their organization and its congressional district (from its ZIP; never a
    person's home address)."""
    from juntos.core.forms import best_matches
    from juntos.districts.selectors import national_crosswalk

    people = people_visible_to(request)
    if among == "emailed":
        people = people.exclude(email="")
    elif among != "anyone":
        people = people.exclude(role="")
    if among == "alternates":
        own = getattr(request.person, "member_id", None)
        people = people.filter(Q(member__isnull=True) | Q(member_id=own)).exclude(
            pk=request.person.pk
        )
    crosswalk = national_crosswalk()
    rows = people.values_list("pk", "full_name", "member__name", "member__zip_code")

    def where(zip_code) -> str:
        seats = crosswalk.get((zip_code or "")[:5], ())
        return "/".join(f"{state}-{district}" for state, district in seats)

    return best_matches(
        text,
        (
            {"pk": pk, "name": name, "organization": org or "", "where": where(zip_code)}
            for pk, name, org, zip_code in rows.iterator()
        ),
        limit,
    )
