"""The most used pages of a coalition, as URLs, for the benchmark and the query-count tests.

`most_used_pages(slug)` picks the heaviest example of each page in the coalition: the
meeting with the most motions, the event with the longest sign-in list that is still
kept, the contact with the most relationships. "A person's page" is the relationship
map's contact page (there is no other page about one person); "search" is the member
directory with a query, the only search there is.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from juntos.campaigns.models import Campaign
from juntos.charter.models import Coalition
from juntos.communications.models import Statement
from juntos.events.models import Event
from juntos.governance.models import Meeting
from juntos.members.models import Member, Person
from juntos.relationships.models import Contact, Relationship


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    url: str


def host_user(slug: str):
    person = (
        Person.objects.filter(coalition__slug=slug, role="host", user__isnull=False)
        .select_related("user")
        .order_by("id")
        .first()
    )
    return person.user


def most_used_pages(slug: str) -> list[Page]:
    coalition = Coalition.objects.get(slug=slug)
    member = Member.objects.filter(coalition=coalition, status="active").order_by("id").first()
    meeting = (
        Meeting.objects.filter(coalition=coalition, starts_at__lt=timezone.now())
        .annotate(n=Count("motions"))
        .order_by("-n", "-starts_at")
        .first()
    )
    campaign = Campaign.objects.filter(coalition=coalition).order_by("id").first()
    event = (
        Event.objects.filter(
            coalition=coalition, signins_purged_at__isnull=True, starts_at__lt=timezone.now()
        )
        .annotate(n=Count("signins"))
        .order_by("-n", "-starts_at")
        .first()
    )
    statement = Statement.objects.filter(coalition=coalition).order_by("-requested_at").first()
    hub = (
        Relationship.objects.filter(coalition=coalition)
        .values("target_id")
        .annotate(n=Count("id"))
        .order_by("-n", "target_id")
        .first()
    )
    contact = (
        Contact.objects.get(pk=hub["target_id"])
        if hub
        else Contact.objects.filter(coalition=coalition).order_by("id").first()
    )
    s = coalition.slug
    pages = [
        Page("home", "Home", reverse("web:home", args=[s])),
        Page("directory", "Member directory", reverse("members:directory", args=[s])),
        Page("member", "A member's page", reverse("members:detail", args=[s, member.pk])),
        Page("meeting", "A meeting", reverse("governance:meeting", args=[s, meeting.pk])),
        Page("quorum", "Quorum panel", reverse("governance:quorum", args=[s, meeting.pk])),
        Page("campaign", "A campaign", reverse("campaigns:detail", args=[s, campaign.pk])),
        Page("timeline", "Its timeline", reverse("campaigns:timeline", args=[s, campaign.pk])),
        Page("signins", "An event's sign-in list", reverse("events:signins", args=[s, event.pk])),
        Page(
            "statement",
            "Statement sign-on dashboard",
            reverse("communications:statement", args=[s, statement.pk]),
        ),
        Page(
            "person",
            "A person's page (contact)",
            reverse("relationships:contact", args=[s, contact.pk]),
        ),
        Page("notices", "Notice archive", reverse("communications:notices", args=[s])),
        Page(
            "search",
            "Search (directory with a query)",
            reverse("members:directory", args=[s]) + "?q=" + member.name.split()[0],
        ),
    ]
    return pages
