"""Synthetic coalitions at three sizes, written in bulk (see `juntos generate`).

Everything comes from one `random.Random(seed)` and from the day it runs: the same seed on
the same day gives the same rows. Nothing goes through services, signals or `save()`:
rows are written with `juntos.scale.writer`, ids assigned here.

Coalitions are not all alike: the work is spread by a long-tailed weight, so the first
state table (the benchmark's) holds about an eighth of everything, as a big state would.
"""

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from juntos.accounts.models import User
from juntos.audit.models import Action, AuditEntry
from juntos.campaigns import models as cm
from juntos.charter import rules as charter_rules
from juntos.charter.models import CharterVersion, Coalition
from juntos.communications import models as comm
from juntos.consent.models import ConsentEvent
from juntos.events import models as ev
from juntos.events import rules as event_rules
from juntos.governance import models as gov
from juntos.members import models as mem
from juntos.relationships import models as rel
from juntos.scale import names
from juntos.scale.writer import Writer, money

PASSWORD = "juntos-bench-password"  # noqa: S105 - synthetic logins on a throwaway database


@dataclass(frozen=True)
class Size:
    coalitions: int
    organizations: int
    individuals: int
    people: int
    years: int
    events: int
    signins: int
    contacts: int
    relationships: int
    deliveries: int
    campaigns_per_coalition: int


SIZES = {
    "small": Size(1, 12, 3, 150, 1, 12, 300, 120, 500, 300, 2),
    "state": Size(5, 200, 30, 20_000, 3, 1_000, 200_000, 20_000, 100_000, 10_000, 3),
    "national": Size(50, 2_000, 300, 200_000, 5, 10_000, 2_000_000, 200_000, 1_000_000, 100_000, 4),
}

STATES = [
    ("mo", "Missouri", "MO"),
    ("ca", "California", "CA"),
    ("tx", "Texas", "TX"),
    ("ny", "New York", "NY"),
    ("fl", "Florida", "FL"),
    ("il", "Illinois", "IL"),
    ("pa", "Pennsylvania", "PA"),
    ("oh", "Ohio", "OH"),
    ("ga", "Georgia", "GA"),
    ("nc", "North Carolina", "NC"),
    ("mi", "Michigan", "MI"),
    ("nj", "New Jersey", "NJ"),
    ("va", "Virginia", "VA"),
    ("wa", "Washington", "WA"),
    ("az", "Arizona", "AZ"),
    ("ma", "Massachusetts", "MA"),
    ("tn", "Tennessee", "TN"),
    ("in", "Indiana", "IN"),
    ("md", "Maryland", "MD"),
    ("wi", "Wisconsin", "WI"),
    ("co", "Colorado", "CO"),
    ("mn", "Minnesota", "MN"),
    ("sc", "South Carolina", "SC"),
    ("al", "Alabama", "AL"),
    ("la", "Louisiana", "LA"),
    ("ky", "Kentucky", "KY"),
    ("or", "Oregon", "OR"),
    ("ok", "Oklahoma", "OK"),
    ("ct", "Connecticut", "CT"),
    ("ut", "Utah", "UT"),
    ("ia", "Iowa", "IA"),
    ("nv", "Nevada", "NV"),
    ("ar", "Arkansas", "AR"),
    ("ms", "Mississippi", "MS"),
    ("ks", "Kansas", "KS"),
    ("nm", "New Mexico", "NM"),
    ("ne", "Nebraska", "NE"),
    ("id", "Idaho", "ID"),
    ("wv", "West Virginia", "WV"),
    ("hi", "Hawaii", "HI"),
    ("nh", "New Hampshire", "NH"),
    ("me", "Maine", "ME"),
    ("mt", "Montana", "MT"),
    ("ri", "Rhode Island", "RI"),
    ("de", "Delaware", "DE"),
    ("sd", "South Dakota", "SD"),
    ("nd", "North Dakota", "ND"),
    ("ak", "Alaska", "AK"),
    ("vt", "Vermont", "VT"),
]


def spread(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """`total` split by weight, each share at least `minimum`, summing exactly to total."""
    s = sum(weights) or 1
    shares = [max(minimum, int(total * w / s)) for w in weights]
    top = weights.index(max(weights))
    shares[top] += total - sum(shares)  # the rounding goes to the heaviest
    return shares


@dataclass
class CoalitionData:
    id: int
    slug: str
    name: str
    state: str
    weight: float
    host_user: int = 0
    host_person: int = 0
    members: list = None  # [(member id, name, primary person id, user id)]
    people: list = None  # person ids of the members' staff
    supporters: list = None
    teams: list = None  # team ids; [0] is the Core Team
    contacts: list = None
    officials: list = None


class Generator:
    def __init__(self, size: str, seed: int, *, progress=None, slug_prefix: str = ""):
        self.size_name = size
        self.size = SIZES[size]
        self.rnd = random.Random(seed)
        self.seed = seed
        self.w = Writer(progress=progress)
        self.now = self.w.now
        self.today = timezone.localdate(self.now)
        self.prefix = slug_prefix
        self.password = make_password(PASSWORD, salt="juntosbench")

    # ---- helpers -------------------------------------------------------------------------
    def at(self, day: date, hour: int = 18, minute: int = 0) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(hour, minute)))

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rnd.getrandbits(128), version=4)

    def person_name(self) -> str:
        r = self.rnd
        return f"{r.choice(names.FIRST)} {r.choice(names.LAST)}"

    def email_for(self, name: str, n: int) -> str:
        local = name.lower().replace(" ", ".")
        return f"{local}.{n}@{self.prefix}example.org"

    def phone(self) -> str:
        return f"+1314555{self.rnd.randrange(10000):04d}"

    def past_day(self, days_back: int) -> date:
        return self.today - timedelta(days=self.rnd.randrange(1, max(2, days_back)))

    # ---- the run -------------------------------------------------------------------------
    def run(self) -> dict:
        stages = [
            self.coalitions,
            self.members,
            self.people,
            self.teams,
            self.consents,
            self.governance,
            self.communications,
            self.contacts,
            self.relationships,
            self.events,
            self.campaigns,
        ]
        for stage in stages:
            with transaction.atomic():
                stage()
                self.w.flush()
            self.w.say(f"{stage.__name__} done")
        self.w.finish()
        counts = {t.model._meta.label: 0 for t in self.w.tables}
        for t in self.w.tables:
            counts[t.model._meta.label] += t.count
        return counts

    def coalitions(self):
        size = self.size
        w = self.w
        coalition_t = w.table(Coalition, ["slug", "name", "host_name", "parent_id"])
        version_t = w.table(
            CharterVersion,
            [
                "coalition_id",
                "number",
                "effective_from",
                "mission",
                "values",
                "agreements",
                "rules",
                "summary",
                "recorded_at",
            ],
        )
        self.coalition_data: list[CoalitionData] = []
        rules = charter_rules.rules_from_dict({}).to_dict()
        start = self.today.replace(month=1, day=1) - timedelta(days=365 * size.years)
        network = None
        slots = []
        if size.coalitions > 1:
            network = coalition_t.add(
                f"{self.prefix}national", "National Network for Immigrant Justice", "Juntos", None
            )
            slots.append((network, f"{self.prefix}national", "National Network", "", 0.3))
        for i in range(size.coalitions - len(slots)):
            key, state_name, code = STATES[i % len(STATES)]
            slug = f"{self.prefix}{key}" if i < len(STATES) else f"{self.prefix}{key}{i}"
            cid = coalition_t.add(
                slug, f"{state_name} Immigrant Coalition", f"{state_name} Welcome", network
            )
            slots.append((cid, slug, f"{state_name} Immigrant Coalition", code, (i + 1) ** -0.7))
        for cid, slug, name, code, weight in slots:
            version_t.add(
                cid,
                1,
                start,
                "Make our state a place where every family can live without fear.",
                [{"name": "Dignity", "text": "Everyone counts."}],
                [{"name": "One mic", "text": "One person speaks at a time."}],
                rules,
                "Charter adopted",
                self.at(start, 12),
            )
            self.coalition_data.append(CoalitionData(cid, slug, name, code or "MO", weight))
        self.weights = [c.weight for c in self.coalition_data]
        w.say(f"coalitions {len(slots)}")

    def members(self):
        size = self.size
        rnd = self.rnd
        member_t = self.w.table(
            mem.Member,
            [
                "coalition_id",
                "kind",
                "name",
                "tax_status",
                "city",
                "state",
                "zip_code",
                "description",
                "sectors",
                "admitted_on",
                "agreed_to_charter_at",
                "created_at",
            ],
        )
        audit_t = self.w.table(
            AuditEntry,
            ["coalition_id", "action", "target_type", "target_id", "target_label", "changes", "at"],
        )
        orgs = spread(size.organizations, self.weights, 3)
        indiv = spread(size.individuals, self.weights, 1)
        sectors = [s for s, _ in mem.Sector.choices if s != "individuals"]
        self._member_specs = []
        for c, n_org, n_ind in zip(self.coalition_data, orgs, indiv, strict=True):
            c.members = []
            for k in range(n_org + n_ind):
                is_org = k < n_org
                if is_org:
                    name = f"{rnd.choice(names.ORG_PREFIX)} {rnd.choice(names.ORG_NOUN)} {k + 1}"
                    kind, chosen = "organization", rnd.sample(sectors, rnd.randint(1, 3))
                else:
                    name, kind, chosen = self.person_name(), "individual", ["individuals"]
                admitted = self.past_day(365 * size.years)
                mid = member_t.add(
                    c.id,
                    kind,
                    name,
                    rnd.choice(["c3", "c3", "c4", "none"]),
                    rnd.choice(names.CITIES),
                    c.state,
                    f"{rnd.randrange(10000, 99999)}",
                    "Organizes immigrant families for dignity and fair policy.",
                    chosen,
                    admitted,
                    self.at(admitted, 10),
                    self.at(admitted, 10),
                )
                audit_t.add(
                    c.id,
                    Action.MEMBER_ADDED,
                    "members.member",
                    str(mid),
                    name,
                    {"name": [None, name]},
                    self.at(admitted, 10),
                )
                c.members.append([mid, name, None, None, kind])
        self.w.say(f"members {size.organizations + size.individuals}")

    def people(self):
        size = self.size
        rnd = self.rnd
        user_t = self.w.table(
            User, ["email", "full_name", "preferred_language", "password", "date_joined"]
        )
        person_t = self.w.table(
            mem.Person,
            [
                "coalition_id",
                "user_id",
                "member_id",
                "full_name",
                "title",
                "email",
                "phone",
                "preferred_language",
                "role",
                "is_primary_contact",
                "city",
                "state",
                "zip_code",
                "uuid",
                "created_at",
            ],
        )
        staff_total = 0
        n = 0
        for c in self.coalition_data:
            c.people = []
            host_email = f"host@{c.slug}.example.org"
            c.host_user = user_t.add(host_email, "Hana Host", "en", self.password, self.now)
            c.host_person = person_t.add(
                c.id,
                c.host_user,
                None,
                "Hana Host",
                "Coordinator",
                host_email,
                self.phone(),
                "en",
                "host",
                False,
                "",
                c.state,
                "",
                self.uuid(),
                self.now,
            )
            for i, m in enumerate(c.members):
                mid, mname, _, _, kind = m
                staff = 1 if kind == "individual" else rnd.choice([1, 2, 2, 3, 4])
                for k in range(staff):
                    n += 1
                    name = mname if kind == "individual" else self.person_name()
                    email = self.email_for(name, n)
                    primary = k == 0
                    role = "core_team" if i < 5 else "representative"
                    user = None
                    lang = rnd.choice(["en", "en", "es"])
                    if primary:
                        user = user_t.add(email, name, lang, self.password, self.now)
                    pid = person_t.add(
                        c.id,
                        user,
                        mid,
                        name,
                        rnd.choice(names.TITLES),
                        email,
                        self.phone(),
                        lang,
                        role,
                        primary,
                        "",
                        c.state,
                        "",
                        self.uuid(),
                        self.now,
                    )
                    if primary:
                        m[2], m[3] = pid, user
                    c.people.append(pid)
            staff_total += len(c.people) + 1
        supporters = spread(max(0, size.people - staff_total), self.weights)
        for c, count in zip(self.coalition_data, supporters, strict=True):
            c.supporters = []
            for _ in range(count):
                n += 1
                name = self.person_name()
                pid = person_t.add(
                    c.id,
                    None,
                    None,
                    name,
                    "",
                    self.email_for(name, n),
                    self.phone() if rnd.random() < 0.5 else "",
                    rnd.choice(["en", "es"]),
                    "supporter",
                    False,
                    rnd.choice(names.CITIES),
                    c.state,
                    f"{rnd.randrange(10000, 99999)}",
                    self.uuid(),
                    self.now,
                )
                c.supporters.append(pid)
        self.w.say(f"people {n + len(self.coalition_data)}")

    def teams(self):
        rnd = self.rnd
        team_t = self.w.table(mem.Team, ["coalition_id", "kind", "name", "purpose"])
        seat_t = self.w.table(mem.TeamSeat, ["team_id", "member_id", "person_id", "joined_on"])
        for c in self.coalition_data:
            c.teams = []
            specs = [("core_team", "Core Team")]
            specs += [("support_pod", f"{t} Pod") for t in ("Data", "Research")]
            specs += [("issue_team", f"{t} Team") for t in names.ISSUES[:3]]
            for kind, name in specs:
                tid = team_t.add(c.id, kind, name, "Carries the coalition's work on this.")
                c.teams.append(tid)
                if kind == "core_team":
                    chosen = c.members[:5]
                else:
                    chosen = rnd.sample(c.members, min(len(c.members), rnd.randint(3, 8)))
                for m in chosen:
                    seat_t.add(tid, m[0], None, self.past_day(700))
                if kind != "core_team" and c.supporters:
                    picks = rnd.sample(c.supporters, min(len(c.supporters), rnd.randint(3, 12)))
                    for p in picks:
                        seat_t.add(tid, None, p, self.past_day(700))

    def consents(self):
        rnd = self.rnd
        consent_t = self.w.table(
            ConsentEvent, ["coalition_id", "person_id", "member_id", "kind", "granted", "at"]
        )
        tag_t = self.w.table(mem.Tag, ["coalition_id", "name", "uuid"])
        tagging_t = self.w.table(mem.Tagging, ["tag_id", "person_id", "uuid"])
        total = 0
        for c in self.coalition_data:
            for pid in c.people:
                if rnd.random() < 0.6:
                    consent_t.add(
                        c.id, pid, None, "contact_sharing", True, self.at(self.past_day(900), 9)
                    )
                    total += 1
            for m in c.members:
                if rnd.random() < 0.7:
                    for kind in ("name", "logo"):
                        consent_t.add(c.id, None, m[0], kind, True, self.at(self.past_day(900), 9))
                        total += 1
            for pid in c.supporters:
                if rnd.random() < 0.1:
                    consent_t.add(
                        c.id, pid, None, "contact_sharing", True, self.at(self.past_day(900), 9)
                    )
                    total += 1
            tags = [tag_t.add(c.id, t, self.uuid()) for t in names.TAGS]
            for pid in c.supporters:
                if rnd.random() < 0.1:
                    tagging_t.add(rnd.choice(tags), pid, self.uuid())
        self.w.say(f"consents {total}")

    def governance(self):
        size = self.size
        rnd = self.rnd
        w = self.w
        meeting_t = w.table(
            gov.Meeting,
            [
                "coalition_id",
                "kind",
                "title",
                "topic",
                "starts_at",
                "place",
                "calendar_slot",
                "agenda_published_at",
                "attendance_closed_at",
                "takeaways",
                "minutes_published_at",
                "created_at",
            ],
        )
        item_t = w.table(
            gov.AgendaItem, ["meeting_id", "position", "time", "goal", "process", "kind"]
        )
        att_t = w.table(gov.Attendance, ["meeting_id", "member_id", "person_id", "at"])
        absence_t = w.table(gov.AbsenceNotice, ["meeting_id", "member_id", "reason", "at"])
        prio_t = w.table(
            gov.IssuePriority, ["coalition_id", "title", "status", "actionable", "adopted_on"]
        )
        motion_t = w.table(
            gov.Motion,
            [
                "meeting_id",
                "kind",
                "text",
                "status",
                "result",
                "tally",
                "rule_cited",
                "closed_at",
                "created_at",
            ],
        )
        ballot_t = w.table(gov.Ballot, ["motion_id", "member_id", "choice", "cast_by_id", "at"])
        follow_t = w.table(gov.FollowUp, ["meeting_id", "text", "owner_id", "due_on", "done_at"])
        first = (self.today.replace(day=1) - timedelta(days=365 * size.years)).replace(day=1)
        months = []
        d = first
        while d <= self.today + timedelta(days=62):
            months.append(d)
            d = (d + timedelta(days=32)).replace(day=1)
        n_meetings = n_ballots = 0
        self.big_meetings = {}
        for c in self.coalition_data:
            for title in names.ISSUES:
                prio_t.add(c.id, title, "active", True, self.past_day(900))
            past = [m for m in months if m.replace(day=10) < self.today]
            last_past = past[-1] if past else None
            for month in months:
                day = month.replace(day=10)
                starts = self.at(day, 18)
                held = day < self.today
                big = month == last_past
                mid = meeting_t.add(
                    c.id,
                    "regular",
                    "",
                    rnd.choice(["legislative", "educational", "other"]),
                    starts,
                    "Community Center, 100 Main St",
                    f"{month:%Y-%m}",
                    starts - timedelta(days=10),
                    starts + timedelta(hours=2) if held else None,
                    "We agreed the next steps." if held else "",
                    starts + timedelta(days=3) if held else None,
                    starts - timedelta(days=30),
                )
                n_meetings += 1
                for pos, goal in enumerate(names.AGENDA, start=1):
                    item_t.add(
                        mid, pos, f"{5 * pos} min", goal, "Go around the room.", "discussion"
                    )
                if not held:
                    continue
                active = c.members
                k = min(len(active), 40 if big else rnd.randint(20, 60))
                present = rnd.sample(active, k)
                for m in present:
                    att_t.add(mid, m[0], m[2], starts + timedelta(minutes=rnd.randrange(30)))
                present_ids = {m[0] for m in present}
                absent = [m for m in active if m[0] not in present_ids]
                for m in rnd.sample(absent, min(len(absent), rnd.randint(0, 4))):
                    absence_t.add(mid, m[0], "Travelling for work.", starts - timedelta(days=2))
                n_motions = 10 if big else rnd.choice([0, 1, 1, 2, 3])
                if big:
                    self.big_meetings[c.id] = mid
                for j in range(n_motions):
                    choices = [rnd.choice("yyyyynna") for _ in present]
                    yes, no = choices.count("y"), choices.count("n")
                    abstain = len(choices) - yes - no
                    passed = yes > no
                    # Facts only; governance.phrases writes the words per reader.
                    tally = {
                        "kind": "general",
                        "passed": passed,
                        "yes": yes,
                        "no": no,
                        "abstain": abstain,
                        "eligible": len(present),
                        "needed": (yes + no) // 2 + 1,
                        "vote_rule": "majority",
                        "unanimity_basis": "present",
                        "quorum": {
                            "numerator": 1,
                            "denominator": 2,
                            "needed": len(active) // 2 + 1,
                            "total": len(active),
                            "present": len(present),
                            "met": True,
                        },
                        "outcome": {},
                    }
                    closed = starts + timedelta(minutes=40 + 5 * j)
                    motion_id = motion_t.add(
                        mid,
                        "general",
                        f"Motion {j + 1}: endorse the {rnd.choice(names.ISSUES).lower()} platform",
                        "closed",
                        "passed" if passed else "failed",
                        tally,
                        "",
                        closed,
                        starts + timedelta(minutes=30 + 5 * j),
                    )
                    choice_word = {"y": "yes", "n": "no", "a": "abstain"}
                    for m, ch in zip(present, choices, strict=True):
                        ballot_t.add(motion_id, m[0], choice_word[ch], m[3], closed)
                    n_ballots += len(present)
                staff = c.people
                for _ in range(2):
                    follow_t.add(
                        mid,
                        "Share the notes with your organization",
                        rnd.choice(staff),
                        day + timedelta(days=14),
                        starts + timedelta(days=7) if rnd.random() < 0.8 else None,
                    )
        w.say(f"meetings {n_meetings}, ballots {n_ballots}")

    def communications(self):
        size = self.size
        rnd = self.rnd
        w = self.w
        notice_t = w.table(
            comm.Notice,
            [
                "coalition_id",
                "audience",
                "subject_en",
                "body_en",
                "subject_es",
                "body_es",
                "status",
                "sent_at",
                "created_at",
                "created_by_id",
            ],
        )
        delivery_t = w.table(
            comm.Delivery, ["notice_id", "person_id", "email", "language", "status", "sent_at"]
        )
        update_t = w.table(comm.Update, ["coalition_id", "body", "public", "created_at"])
        statement_t = w.table(
            comm.Statement,
            [
                "coalition_id",
                "title",
                "body",
                "status",
                "requested_at",
                "deadline",
                "published_at",
                "created_at",
                "author_id",
            ],
        )
        invite_t = w.table(comm.SignOnInvite, ["statement_id", "member_id", "person_id", "nonce"])
        answer_t = w.table(
            comm.SignOnAnswer,
            ["statement_id", "member_id", "signed", "answered_by", "via", "answered_at"],
        )
        consent_t = w.table(
            ConsentEvent,
            ["coalition_id", "person_id", "member_id", "kind", "granted", "at", "reference"],
        )
        per_coalition = spread(size.deliveries, self.weights)
        self.statements = {}
        for c, budget in zip(self.coalition_data, per_coalition, strict=True):
            n_notices = 12 * size.years
            reach = c.people + c.supporters
            per_notice = spread(budget, [1.0] * n_notices)
            for k in range(n_notices):
                sent = self.at(self.today - timedelta(days=30 * (n_notices - k)), 9)
                nid = notice_t.add(
                    c.id,
                    rnd.choice(["full_coalition", "supporters"]),
                    f"Coalition news #{k + 1}",
                    "What happened this month and what comes next.",
                    f"Noticias de la coalición #{k + 1}",
                    "Lo que pasó este mes y lo que viene.",
                    "sent",
                    sent,
                    sent - timedelta(hours=2),
                    c.host_user,
                )
                for pid in rnd.sample(reach, min(len(reach), per_notice[k])):
                    delivery_t.add(
                        nid, pid, f"p{pid}@example.org", rnd.choice(["en", "es"]), "sent", sent
                    )
            for k in range(30):
                update_t.add(
                    c.id,
                    f"Update {k + 1}: thank you to everyone who came out this week.",
                    rnd.random() < 0.5,
                    self.at(self.past_day(365), 12),
                )
            n_statements = 4 * size.years
            for k in range(n_statements):
                is_last = k == n_statements - 1
                requested = self.at(self.today - timedelta(days=90 * (n_statements - k)), 9)
                if is_last:
                    requested = self.at(self.today - timedelta(days=3), 9)
                deadline = requested + timedelta(days=7)
                sid = statement_t.add(
                    c.id,
                    f"Statement on {rnd.choice(names.ISSUES).lower()} #{k + 1}",
                    "We, the undersigned organizations, stand together.",
                    "requested" if is_last else "published",
                    requested,
                    deadline,
                    None if is_last else deadline + timedelta(days=1),
                    requested - timedelta(days=1),
                    c.host_user,
                )
                if is_last:
                    self.statements[c.id] = sid
                for m in c.members:
                    if m[2] is None:
                        continue
                    invite_t.add(sid, m[0], m[2], f"{rnd.getrandbits(128):032x}")
                    if rnd.random() < (0.5 if is_last else 0.8):
                        signed = rnd.random() < 0.85
                        at = requested + timedelta(hours=rnd.randrange(1, 160))
                        answer_t.add(sid, m[0], signed, m[1], "email", at)
                        consent_t.add(c.id, None, m[0], "sign_on", signed, at, f"statement:{sid}")
        w.say(f"notices with {size.deliveries} deliveries, statements")

    def contacts(self):
        size = self.size
        rnd = self.rnd
        contact_t = self.w.table(
            rel.Contact,
            [
                "coalition_id",
                "kind",
                "category",
                "name",
                "title",
                "organization_name",
                "member_id",
                "person_id",
                "email",
                "level",
                "chamber",
                "state",
                "district",
                "party",
                "interests",
                "source",
            ],
        )
        placement_t = self.w.table(
            rel.PowerPlacement,
            ["coalition_id", "contact_id", "issue", "power", "stance", "placed_on"],
        )
        shares = spread(size.contacts, self.weights, 20)
        categories = [c for c, _ in rel.Category.choices if c not in ("decision_maker", "staff")]
        for c, count in zip(self.coalition_data, shares, strict=True):
            c.contacts, c.officials = [], []
            for m in c.members:
                c.contacts.append(
                    contact_t.add(
                        c.id,
                        "organization",
                        "community",
                        m[1],
                        "",
                        "",
                        m[0],
                        None,
                        "",
                        "",
                        "",
                        c.state,
                        "",
                        "",
                        [],
                        "",
                    )
                )
            for pid in c.people[: max(0, count // 10)]:
                c.contacts.append(
                    contact_t.add(
                        c.id,
                        "person",
                        "community",
                        self.person_name(),
                        "",
                        "",
                        None,
                        pid,
                        "",
                        "",
                        "",
                        c.state,
                        "",
                        "",
                        [],
                        "",
                    )
                )
            n_officials = max(5, count // 50)
            for k in range(n_officials):
                chamber = rnd.choice(["upper", "lower"])
                cid = contact_t.add(
                    c.id,
                    "person",
                    "decision_maker",
                    self.person_name(),
                    "Senator" if chamber == "upper" else "Representative",
                    "",
                    None,
                    None,
                    "",
                    "state",
                    chamber,
                    c.state,
                    str(k + 1),
                    rnd.choice(["D", "R"]),
                    [rnd.choice(names.ISSUES)],
                    "synthetic",
                )
                c.officials.append(cid)
                c.contacts.append(cid)
                placement_t.add(
                    c.id, cid, "", rnd.randint(1, 5), rnd.randint(-2, 2), self.past_day(400)
                )
            while len(c.contacts) < count:
                is_org = rnd.random() < 0.2
                name = (
                    f"{rnd.choice(names.ORG_PREFIX)} {rnd.choice(names.ORG_NOUN)}"
                    if is_org
                    else self.person_name()
                )
                c.contacts.append(
                    contact_t.add(
                        c.id,
                        "organization" if is_org else "person",
                        rnd.choice(categories),
                        name,
                        "",
                        "",
                        None,
                        None,
                        "",
                        "",
                        "",
                        c.state,
                        "",
                        "",
                        [],
                        "",
                    )
                )
        self.w.say(f"contacts {size.contacts}")

    def relationships(self):
        size = self.size
        rnd = self.rnd
        rel_t = self.w.table(
            rel.Relationship,
            [
                "coalition_id",
                "source_id",
                "target_id",
                "kind",
                "mutual",
                "strength",
                "started_on",
                "created_at",
            ],
        )
        kinds = [k for k, _ in rel.RelationshipKind.choices]
        mutual = {"family", "social", "professional"}
        shares = spread(size.relationships, self.weights)
        done = 0
        for c, count in zip(self.coalition_data, shares, strict=True):
            contacts = c.contacts
            n = len(contacts)
            hubs = contacts[: max(1, n // 100)] + c.officials
            created = self.now
            for _ in range(count):
                a = contacts[rnd.randrange(n)]
                b = rnd.choice(hubs) if rnd.random() < 0.3 else contacts[rnd.randrange(n)]
                if a == b:
                    b = contacts[(contacts.index(a) + 1) % n]
                kind = kinds[rnd.randrange(len(kinds))]
                rel_t.add(c.id, a, b, kind, kind in mutual, rnd.randint(1, 5), None, created)
            done += count
            if count > 50_000:
                self.w.say(f"relationships {done:,}")
        self.w.say(f"relationships {size.relationships:,}")

    def events(self):
        size = self.size
        rnd = self.rnd
        w = self.w
        event_t = w.table(
            ev.Event,
            [
                "coalition_id",
                "kind",
                "title",
                "slug",
                "description",
                "starts_at",
                "ends_at",
                "venue_name",
                "venue_address",
                "status",
                "principles",
                "retention_days",
                "signins_purged_at",
                "kiosk_key",
                "created_at",
                "uuid",
            ],
        )
        hosts_t = w.table(ev.Event.hosts.through, ["event_id", "member_id"])
        step_t = w.table(
            ev.ChecklistStep, ["event_id", "position", "key", "title", "due_on", "done_at"]
        )
        signin_t = w.table(
            ev.SignIn,
            [
                "event_id",
                "list",
                "client_id",
                "name",
                "email",
                "phone",
                "organization",
                "may_contact",
                "member_id",
                "person_id",
                "source",
                "signed_at",
                "purged_at",
            ],
        )
        attendance_t = w.table(
            ev.EventAttendance, ["event_id", "member_id", "person_id", "recorded_at"]
        )
        action_t = w.table(ev.EventAction, ["event_id", "kind", "signin_id", "name", "created_at"])
        playbook = [(s.key, str(s.title), s.days_before) for s in event_rules.playbook()]
        kinds = [k for k, _ in ev.EventKind.choices]
        per_coalition = spread(size.events, self.weights, 2)
        span = 365 * size.years
        self.big_events = {}
        total_signins = 0
        signin_shares = spread(size.signins, per_coalition)
        for c, n_events, n_signins in zip(
            self.coalition_data, per_coalition, signin_shares, strict=True
        ):
            # The most recent past event is the big one (the benchmark's sign-in list).
            days = sorted((rnd.randrange(-60, span) for _ in range(n_events)), reverse=True)
            recent = [i for i, d in enumerate(days) if d > 0]
            big = recent[-1] if recent else None
            weights = [rnd.paretovariate(2.0) if d > 0 else 0.0 for d in days]
            if big is not None:
                weights[big] = max(weights) * 2
            counts = spread(n_signins, weights)
            for i, (days_ago, n_sign) in enumerate(zip(days, counts, strict=True)):
                day = self.today - timedelta(days=days_ago)
                starts = self.at(day, 18)
                ends = starts + timedelta(hours=2)
                purged = days_ago > 95
                kind = kinds[rnd.randrange(len(kinds))]
                slug = f"{kind.replace('_', '-')}-{day:%Y-%m-%d}-{i}"
                eid = event_t.add(
                    c.id,
                    kind,
                    f"{kind.replace('_', ' ').title()} in {rnd.choice(names.CITIES)}",
                    slug,
                    "Come learn, share a meal and take action together.",
                    starts,
                    ends,
                    "Community Center",
                    "100 Main St",
                    "published",
                    "Every family belongs here.",
                    90,
                    ends + timedelta(days=91) if purged else None,
                    f"{rnd.getrandbits(64):016x}",
                    starts - timedelta(days=40),
                    # One per event, from its address, so the random stream stays as it was.
                    uuid.uuid5(uuid.NAMESPACE_URL, f"juntos-scale/{c.id}/events/{slug}"),
                )
                if i == big:
                    self.big_events[c.id] = eid
                host_members = rnd.sample(c.members, min(len(c.members), rnd.randint(1, 3)))
                for m in host_members:
                    hosts_t.add(eid, m[0])
                    attendance_t.add(eid, m[0], None, ends)
                for pos, (key, _title, before) in enumerate(playbook, start=1):
                    due = day - timedelta(days=before)
                    step_t.add(
                        eid, pos, key, "", due, self.at(due, 12) if due < self.today else None
                    )
                if days_ago < 0:
                    continue
                for k in range(n_sign):
                    press = rnd.random() < 0.05
                    m = c.members[rnd.randrange(len(c.members))] if rnd.random() < 0.1 else None
                    signed = starts + timedelta(seconds=rnd.randrange(5400))
                    if purged:
                        sid = signin_t.add(
                            eid,
                            "press" if press else "guest",
                            f"{eid:x}-{k:x}",
                            "",
                            "",
                            "",
                            "",
                            False,
                            m[0] if m else None,
                            None,
                            "kiosk",
                            signed,
                            ends + timedelta(days=91),
                        )
                    else:
                        name = self.person_name()
                        sid = signin_t.add(
                            eid,
                            "press" if press else "guest",
                            f"{eid:x}-{k:x}",
                            name,
                            self.email_for(name, k),
                            self.phone() if k % 2 else "",
                            m[1] if m else rnd.choice(names.OUTLETS) if press else "",
                            rnd.random() < 0.6,
                            m[0] if m else None,
                            m[2] if m else None,
                            "kiosk" if k % 10 else "paper",
                            signed,
                            None,
                        )
                    if k % 40 == 0:
                        action_t.add(eid, "postcard" if k % 80 else "endorse", sid, "", signed)
                total_signins += n_sign
            w.say(f"events of {c.slug}: {n_events:,} ({total_signins:,} sign-ins so far)")

    def campaigns(self):
        size = self.size
        rnd = self.rnd
        w = self.w
        campaign_t = w.table(
            cm.Campaign,
            [
                "coalition_id",
                "team_id",
                "title",
                "issue",
                "playbook",
                "status",
                "state",
                "shared_with_network",
                "case",
                "messaging",
                "created_at",
            ],
        )
        goal_t = w.table(
            cm.Goal,
            [
                "campaign_id",
                "term",
                "text",
                "measure",
                "baseline",
                "target_value",
                "due_on",
                "checklist",
            ],
        )
        progress_t = w.table(cm.GoalProgress, ["goal_id", "on", "value", "note"])
        target_t = w.table(cm.Target, ["campaign_id", "level", "name", "title", "contact_id"])
        stake_t = w.table(
            cm.Stakeholder, ["campaign_id", "side", "name", "contact_id", "outreach_plan"]
        )
        tactic_t = w.table(
            cm.Tactic, ["campaign_id", "coalition_id", "rung", "title", "on", "place", "status"]
        )
        keydate_t = w.table(
            cm.KeyDate,
            [
                "coalition_id",
                "campaign_id",
                "kind",
                "category",
                "title",
                "starts_on",
                "ends_on",
                "blackout",
            ],
        )
        deliv_t = w.table(
            cm.Deliverable,
            [
                "campaign_id",
                "coalition_id",
                "kind",
                "title",
                "owner_member_id",
                "owner_person_id",
                "due_on",
                "status",
            ],
        )
        checkin_t = w.table(cm.CheckIn, ["deliverable_id", "by_id", "status", "note"])
        dm_t = w.table(
            cm.DecisionMakerMeeting,
            ["campaign_id", "target_id", "decision_maker", "purpose", "on", "requests", "stage"],
        )
        bill_t = w.table(
            cm.Bill,
            [
                "coalition_id",
                "jurisdiction",
                "session",
                "identifier",
                "title",
                "position",
                "status",
                "status_on",
            ],
        )
        bill_action_t = w.table(cm.BillAction, ["bill_id", "on", "description", "organization"])
        playbooks = [p for p, _ in cm.Playbook.choices]
        self.big_campaigns = {}
        shared = None
        n = 0
        for ci, c in enumerate(self.coalition_data):
            for k in range(size.campaigns_per_coalition):
                is_shared = ci == 0 and k == 0 and len(self.coalition_data) > 1
                started = self.today - timedelta(days=rnd.randrange(60, 700))
                camp = campaign_t.add(
                    c.id,
                    c.teams[3 + k % 3],
                    f"{names.ISSUES[k % len(names.ISSUES)]} campaign",
                    names.ISSUES[k % len(names.ISSUES)],
                    playbooks[k % len(playbooks)],
                    "active",
                    c.state if ci else "",
                    is_shared,
                    "It keeps families together and makes everyone safer.",
                    "Our neighbors, our state.",
                    self.at(started, 9),
                )
                n += 1
                if is_shared:
                    shared = camp
                if k == 0:
                    self.big_campaigns[c.id] = camp
                for term, months in (("long", 24), ("medium", 12), ("short", 3)):
                    gid = goal_t.add(
                        camp,
                        term,
                        f"Win the {term}-term goal",
                        "signatures",
                        money(0),
                        money(1000 * months),
                        started + timedelta(days=30 * months),
                        {},
                    )
                    for p in range(5):
                        progress_t.add(
                            gid, started + timedelta(days=20 * (p + 1)), money(150 * (p + 1)), ""
                        )
                officials = c.officials
                targets = []
                for lvl in ("primary", "secondary", "secondary"):
                    contact = rnd.choice(officials)
                    targets.append(
                        target_t.add(camp, lvl, f"Official {contact}", "Senator", contact)
                    )
                for side in ("ally", "ally", "unlikely", "opponent", "opponent"):
                    stake_t.add(
                        camp,
                        side,
                        f"{rnd.choice(names.ORG_PREFIX)} {rnd.choice(names.ORG_NOUN)}",
                        rnd.choice(c.contacts),
                        "Call and meet.",
                    )
                for t in range(20):
                    on = started + timedelta(days=15 * t)
                    tactic_t.add(
                        camp,
                        c.id,
                        rnd.randint(1, 5),
                        f"Action {t + 1}",
                        on,
                        "Capitol",
                        "done" if on < self.today else "planned",
                    )
                for kd in range(5):
                    s = started + timedelta(days=60 * kd)
                    keydate_t.add(
                        c.id,
                        camp,
                        "external",
                        "session",
                        f"Session week {kd + 1}",
                        s,
                        s + timedelta(days=4),
                        kd % 2 == 0,
                    )
                for d in range(3):
                    dm_t.add(
                        camp,
                        targets[d],
                        f"Official {d}",
                        "Ask for a yes vote.",
                        started + timedelta(days=40 * d),
                        "Vote yes.",
                        "held",
                    )
                for d in range(30):
                    owner_member = rnd.choice(c.members)
                    status = rnd.choice(["open", "underway", "done", "done"])
                    did = deliv_t.add(
                        camp,
                        c.id,
                        "task",
                        f"Deliverable {d + 1}: bring 10 people",
                        owner_member[0] if d % 2 else None,
                        None if d % 2 else owner_member[2],
                        started + timedelta(days=10 * d),
                        status,
                    )
                    if status != "open":
                        checkin_t.add(did, owner_member[2], status, "On track.")
            for b in range(10):
                day = self.past_day(700)
                bid = bill_t.add(
                    c.id,
                    c.state or "US",
                    "2025",
                    f"HB {100 + b}",
                    "An act relating to immigrant families",
                    rnd.choice(["support", "oppose", "watch"]),
                    "In committee",
                    day,
                )
                for a in range(4):
                    bill_action_t.add(bid, day + timedelta(days=a), f"Step {a + 1}", "House")
        if shared is not None:
            for c in self.coalition_data[1:]:
                for t in range(10):
                    on = self.today - timedelta(days=rnd.randrange(-60, 300))
                    tactic_t.add(
                        shared,
                        c.id,
                        rnd.randint(1, 5),
                        f"{c.state} action {t + 1}",
                        on,
                        "State capitol",
                        "done" if on < self.today else "planned",
                    )
        w.say(f"campaigns {n}")
