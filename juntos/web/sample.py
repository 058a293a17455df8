"""The demo: a coalition modelled on seed 000, with fictional members, and a second,
small coalition to show that one installation keeps coalitions apart."""

from datetime import date, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from juntos.accounts.models import User
from juntos.charter.models import Coalition
from juntos.charter.services import coalition_create, coalition_texts_set
from juntos.consent.services import consent_set
from juntos.members import services as members
from juntos.members.models import Member, Person, Team

PASSWORD = "juntos-demo-2026"
MO_SLUG = "mo-immigration"
KC_SLUG = "kc-welcoming"
# Missouri's members of Congress ship with the package (data/README.md); the state
# legislature and its districts come from the public data beside the project when present.
PACKAGE_DATA = Path(__file__).resolve().parent / "data"
PUBLIC_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
LOGINS = [
    ("host@juntos.example", "host, Missouri Immigration Policy Coalition"),
    ("core@juntos.example", "Core Team, Missouri"),
    ("rep@juntos.example", "member representative in Missouri and in Kansas City"),
    ("supporter@juntos.example", "supporter, Missouri"),
    ("kc-host@juntos.example", "host, Kansas City Welcoming Table only"),
    ("operator@juntos.example", "operator: starts coalitions (/operator/coalitions/)"),
]

MISSION = (
    "A coalition of state-wide organizations and individuals advocating for issues that "
    "affect immigrants in Missouri, building a proactive policy platform that works toward "
    "cultural and legislative change. A forum to share information and analysis, to develop "
    "and coordinate plans of action, and to support immigrant communities in Missouri."
)
VALUES = [
    {
        "name": "Collaboration",
        "text": "With relationships at the center, we work together: "
        "through connection and shared power we achieve more.",
    },
    {
        "name": "Community",
        "text": "We celebrate the diverse identities of all immigrants and "
        "their allies, whatever their status or economic impact.",
    },
    {
        "name": "Dignity",
        "text": "With a multicultural perspective we honour the feelings, "
        "wishes, rights and traditions of others.",
    },
    {
        "name": "Justice",
        "text": "Beyond basic human rights, toward full participation, "
        "inclusion and equity for all immigrants and refugees.",
    },
]
AGREEMENTS = [
    {
        "name": "Respect diverse identities",
        "text": "Make no assumptions about identities; "
        "use people's stated pronouns, and ask respectfully when unsure.",
    },
    {
        "name": "Assume good faith",
        "text": "Speak from experience, listen actively, and call each other in rather than out.",
    },
    {
        "name": "Step up or step back",
        "text": "Notice how often you speak; leave space for "
        "others, and speak up if you usually do not.",
    },
    {
        "name": "Why am I talking? (WAIT)",
        "text": "Before speaking, ask whether it has been "
        "said, is on topic, or fits better elsewhere.",
    },
    {
        "name": "Respect feelings, backgrounds and cultures",
        "text": "Everyone has a piece of the truth; avoid acronyms and language that excludes.",
    },
    {"name": "One mic", "text": "Do not interrupt; wait for your turn to disagree."},
    {
        "name": "Confidentiality",
        "text": "What is shared in coalition spaces stays there unless "
        "all members consent, on a need-to-know basis.",
    },
]

ORGANIZATIONS = [
    # name, city, zip, tax, sectors, representative, title, language, teams
    (
        "Casa de la Esperanza MO",
        "St. Louis",
        "63118",
        "c3",
        ["immigrant_rights", "grassroots"],
        "Lucía Ramírez",
        "Executive Director",
        "es",
        ["core", "licenses"],
    ),
    (
        "Ozark Workers Center",
        "Springfield",
        "65802",
        "c3",
        ["labor", "grassroots"],
        "Daniel Okafor",
        "Organizer",
        "en",
        ["core"],
    ),
    (
        "Heartland Refugee Partners",
        "Kansas City",
        "64108",
        "c3",
        ["immigrant_rights"],
        "Amina Hassan",
        "Policy Manager",
        "en",
        ["research"],
    ),
    (
        "St. Louis Interfaith Sanctuary Network",
        "St. Louis",
        "63103",
        "c3",
        ["religious_rights"],
        "Rev. Thomas Greene",
        "Coordinator",
        "en",
        ["core"],
    ),
    (
        "Show-Me Dreamers Alliance",
        "Columbia",
        "65201",
        "c4",
        ["education", "grassroots"],
        "Ximena Torres",
        "Co-founder",
        "es",
        ["tuition"],
    ),
    (
        "Clínica Comunitaria del Valle",
        "Kansas City",
        "64105",
        "c3",
        ["healthcare"],
        "Dr. Rosa Méndez",
        "Medical Director",
        "es",
        [],
    ),
    (
        "Missouri Civil Liberties Project",
        "Jefferson City",
        "65101",
        "c3",
        ["civil_rights"],
        "Marcus Bell",
        "Staff Attorney",
        "en",
        ["licenses"],
    ),
    (
        "Mid-Missouri Teachers for Equity",
        "Columbia",
        "65203",
        "c6",
        ["education", "labor"],
        "Hannah Park",
        "President",
        "en",
        [],
    ),
    (
        "Bootheel Farmworker Network",
        "Sikeston",
        "63801",
        "c3",
        ["immigrant_rights", "labor"],
        "José Luis Herrera",
        "Coordinator",
        "es",
        [],
    ),
    (
        "Gateway Vietnamese Community Association",
        "St. Louis",
        "63116",
        "c3",
        ["immigrant_rights"],
        "Linh Nguyen",
        "Board Chair",
        "en",
        ["research"],
    ),
    (
        "Joplin Welcoming Churches",
        "Joplin",
        "64801",
        "none",
        ["religious_rights"],
        "Pastor Ruth Alvarez",
        "Convener",
        "en",
        [],
    ),
]
INDIVIDUALS = [
    ("Prof. Elena Vargas", "Columbia", "65211", ["education"], "es", ["research"]),
]


def load(public_data: Path | None = None) -> bool:
    """Create the sample coalitions once; return False if they are already there."""
    if Coalition.objects.filter(slug=MO_SLUG).exists():
        return False
    with transaction.atomic():
        missouri = _load_missouri()
        load_officials(missouri, PUBLIC_DATA if public_data is None else public_data)
        _load_kansas_city()
        User.objects.create_superuser(
            email="operator@juntos.example", password=PASSWORD, full_name="Olga Operator"
        )
    return True


def load_officials(coalition, public_data: Path) -> list[str]:
    """Missouri's officials, so a Missouri ZIP at the demo's kiosk names a real
    representative: its members of Congress from the package, and where the public data is
    at hand (../shared/data) its state legislators (Open States) and the ZIP → state
    legislative district crosswalk. Returns what was loaded, for the command to say."""
    from juntos.districts.services import import_districts
    from juntos.relationships.importer import read_path
    from juntos.relationships.services import officials_import

    congress = read_path(
        PACKAGE_DATA / "mo-legislators-current.yaml",
        offices=PACKAGE_DATA / "mo-legislators-district-offices.yaml",
    )
    officials_import(coalition=coalition, batch=congress)
    loaded = [f"{len(congress.officials)} members of Congress from Missouri"]
    legislature = public_data / "openstates-people" / "mo" / "legislature"
    crosswalk = public_data / "districts" / "zcta-mo-legislature-2024.csv"
    if legislature.is_dir() and crosswalk.is_file():
        state = read_path(legislature)
        officials_import(coalition=coalition, batch=state)
        import_districts(crosswalk, plan="2024")
        loaded.append(f"{len(state.officials)} Missouri state legislators and their districts")
    return loaded


def _user(email, name, language="en"):
    return User.objects.create_user(
        email=email, password=PASSWORD, full_name=name, preferred_language=language
    )


def _load_missouri():
    today = timezone.localdate()
    host_user = _user("host@juntos.example", "Ana Morales")
    coalition = coalition_create(
        slug=MO_SLUG,
        name="Missouri Immigration Policy Coalition",
        host_name="IFCLA",
        mission=MISSION,
        values=VALUES,
        agreements=AGREEMENTS,
        effective_from=date(today.year - 1, 1, 1),
        actor=host_user,
    )
    # Letters and invitations print the host's address in their letterhead.
    coalition = coalition_texts_set(
        coalition=coalition,
        actor=host_user,
        name=coalition.name,
        host_name=coalition.host_name,
        languages=coalition.languages or ["en", "es"],
        postal_address="IFCLA\n100 Sample Street, Suite 2\nSt. Louis, MO 63103",
    )
    members.person_add(
        coalition=coalition,
        actor=host_user,
        full_name="Ana Morales",
        title="Coalition facilitator, IFCLA",
        email="host@juntos.example",
        phone="+13145550100",
        role="host",
        user=host_user,
    )
    teams = {
        "core": Team.objects.create(
            coalition=coalition, kind=Team.Kind.CORE_TEAM, name="Core Team"
        ),
        "research": Team.objects.create(
            coalition=coalition, kind=Team.Kind.SUPPORT_POD, name="Data & Research Pod"
        ),
        "licenses": Team.objects.create(
            coalition=coalition, kind=Team.Kind.ISSUE_TEAM, name="Driver's Licenses for All"
        ),
        "tuition": Team.objects.create(
            coalition=coalition, kind=Team.Kind.ISSUE_TEAM, name="Tuition Equity"
        ),
    }
    admitted = today - timedelta(days=400)
    created = []
    for i, (name, city, zip_code, tax, sectors, rep, title, lang, team_keys) in enumerate(
        ORGANIZATIONS
    ):
        member = members.member_add(
            coalition=coalition,
            actor=host_user,
            admitted_on=admitted,
            data={
                "kind": "organization",
                "name": name,
                "tax_status": tax,
                "city": city,
                "state": "MO",
                "zip_code": zip_code,
                "sectors": sectors,
                "description": f"{name} serves communities in and around {city}.",
            },
            representative={
                "full_name": rep,
                "title": title,
                "email": f"contact{i + 1}@members.example",
                "phone": f"+1314555{1000 + i:04d}",
                "preferred_language": lang,
            },
        )
        created.append(member)
        for key in team_keys:
            members.team_seat_add(team=teams[key], actor=host_user, member=member)
    for name, city, zip_code, sectors, lang, team_keys in INDIVIDUALS:
        member = members.member_add(
            coalition=coalition,
            actor=host_user,
            admitted_on=admitted,
            data={
                "kind": "individual",
                "name": name,
                "city": city,
                "state": "MO",
                "zip_code": zip_code,
                "sectors": [*sectors, "individuals"],
            },
            representative={
                "full_name": name,
                "email": "evargas@members.example",
                "phone": "+15735550199",
                "preferred_language": lang,
            },
        )
        for key in team_keys:
            members.team_seat_add(team=teams[key], actor=host_user, member=member)

    # Logins for the other roles, attached to people of the sample members.
    casa, ozark = created[0], created[1]
    core_person = casa.people.get()
    core_person.user = _user("core@juntos.example", core_person.full_name, "es")
    core_person.role = "core_team"
    core_person.email = "core@juntos.example"
    core_person.save()
    rep_person = ozark.people.get()
    rep_person.user = _user("rep@juntos.example", rep_person.full_name)
    rep_person.email = "rep@juntos.example"
    rep_person.save()
    supporter = _user("supporter@juntos.example", "Sam Whitfield")
    members.person_add(
        coalition=coalition,
        actor=host_user,
        full_name="Sam Whitfield",
        email="supporter@juntos.example",
        role="supporter",
        user=supporter,
    )
    for name in ("Carmen Ortiz", "Bill Andersen", "Fatima Noor"):
        members.person_add(coalition=coalition, actor=host_user, full_name=name, role="supporter")

    # Consent: some representatives share their contact details with other members.
    for member in created[:6]:
        person = member.people.first()
        consent_set(
            coalition=coalition,
            kind="contact_sharing",
            granted=True,
            actor=person.user or host_user,
            person=person,
            note="Given on the membership form",
        )

    # Updates, a notice, a statement waiting for sign-on, and a few shared documents.
    from juntos.communications import services as comms
    from juntos.communications.models import Notice

    comms.update_post(
        coalition=coalition,
        actor=host_user,
        public=True,
        body="The driver's license bill had its first hearing. Thank you to "
        "everyone who called their senator!",
        language="en",
        translations={
            "es": {
                "body": "El proyecto de ley de licencias de conducir tuvo su primera "
                "audiencia. ¡Gracias a todos los que llamaron a su senador!"
            }
        },
    )
    comms.update_post(
        coalition=coalition,
        actor=host_user,
        public=False,
        body="Core Team notes from the retreat are in the documents library.",
    )
    notice = Notice.objects.create(
        coalition=coalition,
        audience="full_coalition",
        created_by=host_user,
        subject_en="Agenda for our next meeting",
        subject_es="Agenda de nuestra próxima reunión",
        body_en="The agenda is ready. Please tell us if your organization cannot attend.",
        body_es="La agenda está lista. Avísennos si su organización no puede asistir.",
    )
    comms.notice_send(notice=notice, actor=host_user)
    statement = comms.statement_create(
        coalition=coalition,
        actor=host_user,
        title="Driver's licenses for all Missourians",
        body="We, the undersigned organizations, support driver's licenses for every resident "
        "of Missouri. Safe roads need licensed, insured drivers.",
    )
    comms.signon_request(statement=statement, actor=host_user)
    comms.document_add(
        coalition=coalition,
        actor=host_user,
        title="Know your rights (flyer)",
        visibility="public",
        url="https://example.org/know-your-rights",
    )
    comms.document_add(
        coalition=coalition,
        actor=host_user,
        title="Legislative tracker",
        visibility="members",
        url="https://example.org/tracker",
    )
    comms.document_add(
        coalition=coalition,
        actor=host_user,
        title="Core Team retreat notes",
        visibility="core_team",
        url="https://example.org/retreat",
    )

    _load_missouri_work(coalition, host_user, created, teams)
    # Two pending applications.
    members.application_submit(
        coalition=coalition,
        language="es",
        data={
            "kind": "organization",
            "organization_name": "Unidos en Cape Girardeau",
            "tax_status": "c3",
            "city": "Cape Girardeau",
            "state": "MO",
            "zip_code": "63701",
            "representative_name": "Gabriela Soto",
            "representative_title": "Directora",
            "phone": "+15735550142",
            "email": "gabriela@unidos.example",
            "description": "Centro comunitario para familias inmigrantes del sureste de Missouri.",
            "engages_immigrants": "Clases de inglés, clínicas legales mensuales y acompañamiento.",
            "policy_priorities": "Licencias de conducir para todos; acceso a la salud.",
            "base_and_mobilization": "300 familias; llamadas a legisladores y eventos.",
            "why_join": "Para coordinar con organizaciones de todo el estado.",
            "participation": ["full_coalition", "issue_teams"],
            "benefit": "Una voz del sureste rural del estado.",
        },
    )
    members.application_submit(
        coalition=coalition,
        data={
            "kind": "organization",
            "organization_name": "KC Nurses for Immigrant Health",
            "tax_status": "c6",
            "city": "Kansas City",
            "state": "MO",
            "zip_code": "64111",
            "representative_name": "Grace Liu",
            "representative_title": "Chair",
            "phone": "+18165550177",
            "email": "grace@kcnurses.example",
            "description": "A professional network of nurses caring for immigrant patients.",
            "engages_immigrants": "Free health screenings at community events.",
            "policy_priorities": "Language access in hospitals; coverage for all children.",
            "base_and_mobilization": "120 nurses; testimony at hearings, event turnout.",
            "why_join": "To bring health expertise to the coalition's policy work.",
            "participation": ["support_pods", "full_coalition"],
            "benefit": "Data and stories from the clinics; a health perspective.",
        },
    )
    return coalition


def _load_kansas_city():
    today = timezone.localdate()
    kc_host = _user("kc-host@juntos.example", "Jordan Blake")
    coalition = coalition_create(
        slug=KC_SLUG,
        name="Kansas City Welcoming Table",
        host_name="KC Welcoming Table",
        mission="Neighbours in Kansas City making the region a welcoming place for immigrants "
        "and refugees.",
        values=[{"name": "Welcome", "text": "Everyone belongs here."}],
        agreements=[{"name": "Listen first", "text": "Understand before answering."}],
        effective_from=date(today.year - 1, 6, 1),
        actor=kc_host,
    )
    members.person_add(
        coalition=coalition,
        actor=kc_host,
        full_name="Jordan Blake",
        email="kc-host@juntos.example",
        role="host",
        user=kc_host,
    )
    for name, sectors in (
        ("Northland Neighbors United", ["grassroots"]),
        ("Westside Parents Collective", ["education"]),
    ):
        members.member_add(
            coalition=coalition,
            actor=kc_host,
            data={
                "kind": "organization",
                "name": name,
                "city": "Kansas City",
                "state": "MO",
                "zip_code": "64116",
                "sectors": sectors,
            },
            representative={"full_name": f"{name} contact", "preferred_language": "en"},
        )
    ozark_rep = User.objects.get(email="rep@juntos.example")
    kc_ozark = members.member_add(
        coalition=coalition,
        actor=kc_host,
        data={
            "kind": "organization",
            "name": "Ozark Workers Center (KC chapter)",
            "city": "Kansas City",
            "state": "MO",
            "zip_code": "64108",
            "sectors": ["labor"],
        },
    )
    members.person_add(
        coalition=coalition,
        actor=kc_host,
        full_name=ozark_rep.full_name,
        email=ozark_rep.email,
        member=kc_ozark,
        role="representative",
        is_primary_contact=True,
        user=ozark_rep,
    )
    Member.objects.filter(coalition=coalition).update(admitted_on=today - timedelta(days=90))
    assert not Person.objects.filter(coalition=coalition, user__email="host@juntos.example")


def _load_missouri_work(coalition, host, members, teams):
    """Meetings from the charter, an event, a campaign and a small relationship map, so
    every part of the demo has something to show."""
    from datetime import datetime, time

    from juntos.campaigns.services.campaigns import campaign_start
    from juntos.events.services.planning import event_plan
    from juntos.governance.services.meetings import (
        agenda_publish,
        agenda_template_apply,
        meeting_schedule_year,
    )
    from juntos.relationships.services import contact_add, relationship_add

    today = timezone.localdate()
    place = {
        "place": "IFCLA community room, 3543 Broadway, St. Louis",
        "accessibility_notes": "Step-free entrance on the side street; Spanish "
        "interpretation at every meeting.",
        # The charter's teleconferences need a link to be edited; a clearly example one.
        "call_link": "https://meet.example.org/mo-immigration-coalition",
    }
    for year in (today.year, today.year + 1):
        meeting_schedule_year(coalition=coalition, actor=host, year=year, **place)
    upcoming = coalition.meetings.filter(starts_at__date__gte=today).order_by("starts_at")
    first = upcoming.first()
    if first is not None:
        agenda_template_apply(meeting=first, actor=host, template="regular")
        agenda_publish(meeting=first, actor=host)

    start = timezone.make_aware(datetime.combine(today + timedelta(days=24), time(18, 30)))
    event_plan(
        coalition=coalition,
        actor=host,
        hosts=[members[0], members[3]],
        data={
            "kind": "community_forum",
            "title": "Community forum: driver's licenses for all",
            "description": "Neighbours, faith leaders and business owners talk about safe roads "
            "and licenses for every resident.",
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
            "venue_name": "Casa de la Esperanza community center",
            "venue_address": "2200 Cherokee St, St. Louis, MO 63118",
            "accessibility_notes": "Ground floor; childcare and interpretation provided.",
        },
    )

    campaign_start(
        coalition=coalition,
        actor=host,
        team=teams["licenses"],
        title="Driver's licenses for all Missourians",
        playbook="drivers_licenses",
        state="MO",
    )

    def person(name, title, category, **extra):
        return contact_add(
            coalition=coalition,
            actor=host,
            data={"kind": "person", "category": category, "name": name, "title": title, **extra},
        )

    senator = person(
        "Sen. Dana Whitaker (fictional)",
        "State senator, District 14",
        "decision_maker",
        interests=["business", "faith"],
    )
    chief = person("Marcus Lee (fictional)", "Chief of staff to Sen. Whitaker", "staff")
    chamber = contact_add(
        coalition=coalition,
        actor=host,
        data={
            "kind": "organization",
            "category": "business",
            "name": "Gateway Hispanic Chamber of Commerce (fictional)",
        },
    )
    vp = person("Rosa Ibarra (fictional)", "Vice president, government relations", "business")
    casa = person("Lucía Ramírez", "Executive Director", "community", member=members[0])
    relationship_add(
        coalition=coalition,
        actor=host,
        source=chief,
        target=senator,
        kind="works_for",
        strength=5,
        how_we_know="Public staff directory",
    )
    relationship_add(
        coalition=coalition, actor=host, source=vp, target=chamber, kind="works_for", strength=5
    )
    relationship_add(
        coalition=coalition,
        actor=host,
        source=vp,
        target=chief,
        kind="professional",
        strength=4,
        how_we_know="They meet monthly about small-business bills",
    )
    relationship_add(
        coalition=coalition,
        actor=host,
        source=casa,
        target=chamber,
        kind="board_member",
        strength=4,
    )
