"""The event page flags follow-ups past their date (in the coalition's own day)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from juntos.events import services
from juntos.events.models import EventFollowUp

pytestmark = pytest.mark.django_db


def test_event_page_flags_overdue_follow_ups(personas, event, time_machine):
    time_machine.move_to(datetime(2027, 3, 10, 22, tzinfo=ZoneInfo("America/Chicago")))
    owner = personas.host.people.get(coalition=personas.coalition)
    late = EventFollowUp.objects.create(
        event=event, text="Send the thank-you", owner=owner, due_on=date(2027, 3, 9)
    )
    EventFollowUp.objects.create(
        event=event, text="Call the office", owner=owner, due_on=date(2027, 3, 10)
    )
    page = personas.client("host").get(
        reverse("events:event", args=[personas.coalition.slug, event.pk])
    )
    body = page.content.decode()
    section = body.split('id="follow-ups"', 1)[1]
    assert section.count("overdue") == 1
    assert section.index("Send the thank-you") < section.index("overdue")
    services.followup_done(follow_up=late, actor=personas.host)
    again = personas.client("host").get(
        reverse("events:event", args=[personas.coalition.slug, event.pk])
    )
    assert "overdue" not in again.content.decode().split('id="follow-ups"', 1)[1]
