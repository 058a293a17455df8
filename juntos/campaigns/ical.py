"""A campaign's actions and key dates as an iCalendar feed: whole-day entries, written
with the governance calendar's helpers."""

from datetime import timedelta

from django.db.models import DateTimeField, F, Func, IntegerField, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from juntos.campaigns import rules
from juntos.campaigns.models import Campaign, KeyDate, Tactic
from juntos.campaigns.services import key_dates_for
from juntos.governance import ical as base


def feed_rows(campaign: Campaign, coalition):
    """What the feed shows, as the campaign's timeline does for this coalition: every
    action placed on the campaign (cancelled ones kept, so calendars drop them) and its key
    dates with the coalition-wide ones."""
    tactics = Tactic.objects.filter(campaign=campaign)
    return tactics, key_dates_for(campaign, coalition)


def _scalar(qs, function: str, field: str, output):
    # COUNT/MAX as a plain function: one row over the whole query, no GROUP BY.
    value = Func(F(field), function=function, output_field=output)
    return Subquery(qs.order_by().values(v=value)[:1])


def validator(campaign: Campaign, coalition) -> dict:
    """Counts, last changes and highest ids of both kinds of rows, and the campaign's own
    last change (its title, and actions or dates removed from it): one query."""
    tactics, key_dates = feed_rows(campaign, coalition)
    values = {}
    for prefix, qs in (("t", tactics), ("k", key_dates)):
        values[f"{prefix}_n"] = _scalar(qs, "COUNT", "pk", IntegerField())
        values[f"{prefix}_top"] = _scalar(qs, "MAX", "pk", IntegerField())
        values[f"{prefix}_last"] = _scalar(qs, "MAX", "calendar_changed_at", DateTimeField())
    return Campaign.objects.filter(pk=campaign.pk).values(updated=F("updated_at"), **values).get()


def _tactic(tactic: Tactic, campaign: Campaign, coalition, site: str) -> list[str]:
    url = site + reverse(
        "campaigns:tactic", kwargs={"slug": coalition.slug, "pk": campaign.pk, "t_pk": tactic.pk}
    )
    description = [rules.rung_labels().get(tactic.rung, "")]
    if tactic.coalition_id != campaign.coalition_id:
        description.append(tactic.coalition.name)
    if tactic.status == Tactic.Status.DONE:
        description.append(_("done"))
    description.append(url)
    return base.vevent(
        uid=f"action-{tactic.pk}@{campaign.coalition.slug}.juntos",
        starts_at=tactic.on,
        ends_at=tactic.on + timedelta(days=1),
        summary=f"{campaign.title}: {tactic.title}",
        location=tactic.place,
        description="\n".join(str(d) for d in description if d),
        cancelled=tactic.status == Tactic.Status.CANCELLED,
        entry=tactic,
    )


def _key_date(key_date: KeyDate, campaign: Campaign, coalition, site: str) -> list[str]:
    url = site + reverse("campaigns:timeline", kwargs={"slug": coalition.slug, "pk": campaign.pk})
    description = [str(key_date.get_category_display()), str(key_date.get_kind_display()), url]
    return base.vevent(
        uid=f"key-date-{key_date.pk}@{key_date.coalition.slug}.juntos",
        starts_at=key_date.starts_on,
        ends_at=(key_date.ends_on or key_date.starts_on) + timedelta(days=1),
        summary=f"{campaign.title}: {key_date.title}",
        location="",
        description="\n".join(description),
        cancelled=False,
        entry=key_date,
    )


def calendar(campaign: Campaign, coalition, *, site_url: str) -> str:
    site = site_url.rstrip("/")
    tactics, key_dates = feed_rows(campaign, coalition)
    entries = [_tactic(t, campaign, coalition, site) for t in tactics.select_related("coalition")]
    for k in key_dates.select_related("coalition"):
        entries.append(_key_date(k, campaign, coalition, site))
    return base.document(
        _("%(campaign)s: actions and key dates") % {"campaign": campaign.title},
        entries,
        prodid="Campaigns",
    )
