"""An official's (or any contact's) history with the coalition, from what the coalition
recorded elsewhere: campaigns that target them, meetings with them, event invitations,
postcards sent to their office and follow-ups. Reads only; words rendered per request."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass
class Entry:
    on: date | None
    text: str
    url: str = ""


def history_with_coalition(contact, coalition) -> list[Entry]:
    from juntos.campaigns.models import DecisionMakerMeeting, Target
    from juntos.events.models import EventAction, EventFollowUp, Guest

    slug = coalition.slug
    out: list[Entry] = []
    for t in Target.objects.filter(contact=contact, campaign__coalition=coalition).select_related(
        "campaign"
    ):
        out.append(
            Entry(
                t.campaign.created_at.date() if t.campaign.created_at else None,
                _("Target of the campaign %(title)s (%(level)s)")
                % {"title": t.campaign.title, "level": t.get_level_display()},
                reverse("campaigns:detail", kwargs={"slug": slug, "pk": t.campaign_id}),
            )
        )
    meetings = DecisionMakerMeeting.objects.filter(
        target__contact=contact, campaign__coalition=coalition
    ).select_related("campaign")
    for m in meetings:
        out.append(
            Entry(
                m.on,
                _("Meeting for %(title)s: %(stage)s")
                % {"title": m.campaign.title, "stage": m.get_stage_display()},
                reverse(
                    "campaigns:dm_meeting",
                    kwargs={"slug": slug, "pk": m.campaign_id, "m_pk": m.pk},
                ),
            )
        )
    for g in Guest.objects.filter(contact=contact, event__coalition=coalition).select_related(
        "event"
    ):
        out.append(
            Entry(
                timezone.localtime(g.event.starts_at).date(),
                _("Invited to %(event)s: %(rsvp)s")
                % {"event": g.event.title, "rsvp": g.get_rsvp_display()},
                reverse("events:event", kwargs={"slug": slug, "pk": g.event_id}),
            )
        )
    cards = (
        EventAction.objects.filter(office=contact, kind="postcard", event__coalition=coalition)
        .values("event_id", "event__title")
        .annotate(n=Count("id"), first=Min("created_at"))
    )
    for row in cards:
        out.append(
            Entry(
                timezone.localtime(row["first"]).date(),
                _("%(n)d postcards from %(event)s") % {"n": row["n"], "event": row["event__title"]},
                reverse("events:event", kwargs={"slug": slug, "pk": row["event_id"]}),
            )
        )
    for f in EventFollowUp.objects.filter(contact=contact, event__coalition=coalition):
        state = _("done") if f.done_at else _("open")
        out.append(
            Entry(
                f.due_on,
                _("Follow-up: %(text)s (%(state)s)") % {"text": f.text, "state": state},
                reverse("events:event", kwargs={"slug": slug, "pk": f.event_id}),
            )
        )
    return sorted(out, key=lambda e: e.on or date.min, reverse=True)
