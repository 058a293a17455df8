from datetime import datetime, time, timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from juntos.governance import services
from juntos.members.models import Application, Member, Person


def at(days=0, hour=23, minute=30):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def meeting(p, *, days=0, hour=23, minute=30, kind="regular", **extra):
    return services.meeting_add(
        coalition=p.coalition,
        actor=p.host,
        kind=kind,
        starts_at=at(days, hour, minute),
        place="Union Hall",
        **extra,
    )


def core_member(p) -> Member:
    return Member.objects.get(coalition=p.coalition, name="Core Org")


def person_of(p, user) -> Person:
    return Person.objects.get(coalition=p.coalition, user=user)


def on_meeting_day(m, minutes=0):
    """The clock at the meeting's start (plus minutes): acts that belong to its time."""
    return time_machine.travel(m.starts_at + timedelta(minutes=minutes), tick=False)


def check_in(p, m, *members):
    """Check-in happens on the meeting's day: at its start."""
    with on_meeting_day(m):
        for member in members:
            services.attendance_check_in(meeting=m, member=member, person=None, actor=p.host)


def close_attendance(p, m):
    """Closing attendance happens once the meeting has started."""
    with on_meeting_day(m, minutes=1):
        return services.attendance_close(meeting=m, actor=p.host)


def all_present(p, m):
    check_in(p, m, p.member, p.other_member, core_member(p))


def open_vote(p, text):
    """A regular meeting at six this evening with everyone checked in, and a motion open."""
    m = meeting(p, hour=18, minute=0)
    all_present(p, m)
    return m, services.motion_open(meeting=m, actor=p.host, kind="general", text=text)


def governance_url(p, name, **kwargs):
    return reverse(f"governance:{name}", kwargs={"slug": p.coalition.slug, **kwargs})


def application(p, **extra) -> Application:
    data = {
        "coalition": p.coalition,
        "organization_name": "Nueva Org",
        "city": "Kansas City",
        "state": "MO",
        "zip_code": "64101",
        "representative_name": "Nadia Nueva",
        "phone": "+18165550100",
        "email": "nadia@nueva.example",
        "description": "d",
        "engages_immigrants": "e",
        "policy_priorities": "p",
        "base_and_mobilization": "b",
        "why_join": "w",
        "benefit": "b",
        "fingerprint": "f",
        "status": Application.Status.READY,
    }
    return Application.objects.create(**{**data, **extra})
