"""More of everything the most used pages show, added to one coalition (for the query-count
tests: a page must make as many queries after `grow` as before it)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from juntos.campaigns import models as cm
from juntos.charter.models import Coalition
from juntos.communications import models as comm
from juntos.consent.models import ConsentEvent
from juntos.events import models as ev
from juntos.governance import models as gov
from juntos.members import models as mem
from juntos.relationships import models as rel
from juntos.scale.pages import most_used_pages  # noqa: F401 - the pages this feeds


@transaction.atomic
def grow(slug: str, n: int = 30) -> None:
    """Add `n` members (each with a primary contact, a seat, attendance, ballots and a
    sign-on answer) and n-fold rows to the meeting, event, campaign, contact and notices
    the benchmark pages show."""
    now = timezone.now()
    c = Coalition.objects.get(slug=slug)
    teams = list(mem.Team.objects.filter(coalition=c).order_by("id"))
    members = mem.Member.objects.bulk_create(
        [mem.Member(coalition=c, name=f"Grown Org {i}", sectors=["labor"]) for i in range(n)]
    )
    people = mem.Person.objects.bulk_create(
        [
            mem.Person(
                coalition=c,
                member=m,
                full_name=f"Grown Rep {i}",
                email=f"grown{i}@example.org",
                role="representative",
                is_primary_contact=True,
            )
            for i, m in enumerate(members)
        ]
    )
    supporters = mem.Person.objects.bulk_create(
        [
            mem.Person(coalition=c, full_name=f"Grown Supporter {i}", role="supporter")
            for i in range(n * 5)
        ]
    )
    mem.TeamSeat.objects.bulk_create(
        [mem.TeamSeat(team=teams[i % len(teams)], member=m) for i, m in enumerate(members)]
        + [mem.TeamSeat(team=teams[1 + i % 3], person=p) for i, p in enumerate(supporters)]
    )
    ConsentEvent.objects.bulk_create(
        [ConsentEvent(coalition=c, person=p, kind="contact_sharing", granted=True) for p in people]
    )

    meetings = list(gov.Meeting.objects.filter(coalition=c, starts_at__lt=now))
    for meeting in meetings:
        gov.Attendance.objects.bulk_create(
            [
                gov.Attendance(meeting=meeting, member=m, person=p)
                for m, p in zip(members, people, strict=False)
            ]
        )
    meeting = max(meetings, key=lambda m: (m.motions.count(), m.starts_at))
    gov.Motion.objects.bulk_create(
        [
            gov.Motion(
                meeting=meeting,
                kind="general",
                text=f"Grown motion {i}",
                status="closed",
                result="passed",
                tally={"yes": 1, "no": 0, "abstain": 0, "summary": "1 yes"},
                closed_at=now,
            )
            for i in range(5)
        ]
    )
    gov.Ballot.objects.bulk_create(
        [
            gov.Ballot(motion=mo, member=m, choice="yes")
            for mo in meeting.motions.all()
            for m in members
        ]
    )
    owner = people[0]
    gov.FollowUp.objects.bulk_create(
        [
            gov.FollowUp(
                meeting=meeting, text=f"Grown {i}", owner=owner, due_on=timezone.localdate(now)
            )
            for i in range(n)
        ]
    )

    for statement in comm.Statement.objects.filter(coalition=c):
        comm.SignOnInvite.objects.bulk_create(
            [
                comm.SignOnInvite(
                    statement=statement, member=m, person=p, nonce=f"g{statement.pk}x{i}"
                )
                for i, (m, p) in enumerate(zip(members, people, strict=False))
            ]
        )
        comm.SignOnAnswer.objects.bulk_create(
            [
                comm.SignOnAnswer(
                    statement=statement, member=m, signed=True, answered_by="x", via="app"
                )
                for m in members[::2]
            ]
        )
    notices = comm.Notice.objects.bulk_create(
        [
            comm.Notice(
                coalition=c,
                audience="supporters",
                subject_en=f"Grown {i}",
                body_en="b",
                status="sent",
            )
            for i in range(n)
        ]
    )
    comm.Delivery.objects.bulk_create(
        [
            comm.Delivery(
                notice=notice, person=p, email="x@example.org", language="en", status="sent"
            )
            for notice in notices
            for p in supporters[:10]
        ]
    )
    comm.Update.objects.bulk_create(
        [comm.Update(coalition=c, body=f"Grown update {i}", public=True) for i in range(n)]
    )

    for event in ev.Event.objects.filter(coalition=c):
        ev.SignIn.objects.bulk_create(
            [
                ev.SignIn(
                    event=event,
                    list="press" if i % 10 == 0 else "guest",
                    client_id=f"grown-{i}",
                    name=f"Grown Guest {i}",
                    member=members[i % n] if i % 3 == 0 else None,
                    person=people[i % n] if i % 3 == 0 else None,
                )
                for i in range(n * 10)
            ]
        )
        ev.EventAttendance.objects.bulk_create(
            [ev.EventAttendance(event=event, member=m) for m in members[:5]]
        )
        event.hosts.add(*members[:3])

    contacts = rel.Contact.objects.bulk_create(
        [
            rel.Contact(coalition=c, name=f"Grown Contact {i}", member=m)
            for i, m in enumerate(members)
        ]
        + [rel.Contact(coalition=c, name=f"Grown Person {i}") for i in range(n)]
    )
    for hub in rel.Contact.objects.filter(coalition=c, category="decision_maker"):
        rel.Relationship.objects.bulk_create(
            [
                rel.Relationship(coalition=c, source=x, target=hub, kind="generic", strength=3)
                for x in contacts
            ]
            + [
                rel.Relationship(coalition=c, source=hub, target=x, kind="lobbies", strength=2)
                for x in contacts[:n]
            ]
        )
        rel.PowerPlacement.objects.create(coalition=c, contact=hub, power=3, stance=1)

    for campaign in cm.Campaign.objects.filter(coalition=c):
        cm.Tactic.objects.bulk_create(
            [
                cm.Tactic(
                    campaign=campaign,
                    coalition=c,
                    rung=1 + i % 5,
                    title=f"Grown action {i}",
                    on=timezone.localdate(now) + timedelta(days=i),
                )
                for i in range(n)
            ]
        )
        cm.Deliverable.objects.bulk_create(
            [
                cm.Deliverable(
                    campaign=campaign,
                    coalition=c,
                    title=f"Grown deliverable {i}",
                    owner_member=members[i % n] if i % 2 else None,
                    owner_person=None if i % 2 else people[i % n],
                    due_on=timezone.localdate(now) + timedelta(days=i),
                )
                for i in range(n)
            ]
        )
        cm.KeyDate.objects.bulk_create(
            [
                cm.KeyDate(
                    coalition=c,
                    campaign=campaign,
                    kind="external",
                    category="session",
                    title=f"Grown date {i}",
                    starts_on=timezone.localdate(now) + timedelta(days=3 * i),
                )
                for i in range(5)
            ]
        )
        for goal in campaign.goals.all():
            cm.GoalProgress.objects.bulk_create(
                [cm.GoalProgress(goal=goal, on=timezone.localdate(now), value=i) for i in range(5)]
            )
            goal.winners.add(*members[:5])
