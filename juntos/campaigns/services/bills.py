"""Bills the coalition supports or opposes: entered by hand or imported from Open States'
bill JSON; the campaign's team, the hosts and the bill's watchers hear about it when a
tracked bill's status changes."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.audit.models import Action
from juntos.campaigns.models import Bill, BillAction
from juntos.campaigns.services.base import CampaignError, audit, snapshot
from juntos.core import mail
from juntos.members.models import Person

BILL_FIELDS = ["jurisdiction", "session", "identifier", "title", "summary", "position", "status"]
MEMBER_ROLES = ("host", "core_team", "representative")


def bill_save(*, coalition, actor, data: dict, campaigns=None, bill: Bill | None = None) -> Bill:
    """Add or edit a bill. A change of status is recorded as an action and announced."""
    values = {k: (data.get(k) or "").strip() for k in BILL_FIELDS if k in data}
    for required in ("jurisdiction", "session", "identifier", "title", "position"):
        if bill is None and not values.get(required):
            raise CampaignError(
                _("Jurisdiction, session, identifier, title and position are needed.")
            )
    values["identifier"] = " ".join(
        values.get("identifier", bill.identifier if bill else "").upper().split()
    )
    if campaigns and any(c.coalition_id != coalition.pk for c in campaigns):
        raise CampaignError(_("Link only this coalition's campaigns."))
    with transaction.atomic():
        if bill is None:
            clash = Bill.objects.filter(
                coalition=coalition,
                jurisdiction=values["jurisdiction"],
                session=values["session"],
                identifier=values["identifier"],
            ).exists()
            if clash:
                raise CampaignError(_("That bill is already tracked for this session."))
            new_status = values.pop("status", "")
            bill = Bill.objects.create(coalition=coalition, **values)
            before = {}
            if new_status:  # a bill just added has no change of status to announce
                _status_change(bill, actor, new_status, timezone.localdate(), "", notify=False)
        else:
            before = snapshot(bill, BILL_FIELDS)
            new_status = values.pop("status", bill.status)
            for k, v in values.items():
                setattr(bill, k, v)
            bill.save()
            if new_status != bill.status:
                _status_change(bill, actor, new_status, timezone.localdate(), "")
        if campaigns is not None:
            bill.campaigns.set(campaigns)
        audit(
            coalition=coalition,
            actor=actor,
            action=Action.BILL_CHANGED,
            target=bill,
            before=before,
            after=snapshot(bill, BILL_FIELDS),
        )
    return bill


def _status_change(
    bill: Bill, actor, status: str, on: date, organization: str, notify: bool = True
) -> None:
    before = bill.status
    bill.status = status
    bill.status_on = on
    bill.save(update_fields=["status", "status_on", "updated_at"])
    BillAction.objects.get_or_create(
        bill=bill, on=on, description=status[:500], organization=organization[:100]
    )
    if notify and before != status:
        bill_id = bill.pk
        transaction.on_commit(lambda: bill_status_notify(bill_id, before))


def bill_status_set(
    *, bill: Bill, actor, status: str, on: date | None = None, organization: str = ""
) -> Bill:
    status = (status or "").strip()
    if not status:
        raise CampaignError(_("Say what happened to the bill."))
    on = on or timezone.localdate()
    with transaction.atomic():
        before = bill.status
        _status_change(bill, actor, status, on, organization)
        audit(
            coalition=bill.coalition,
            actor=actor,
            action=Action.BILL_CHANGED,
            target=bill,
            changes={"status": [before, status]},
        )
    return bill


def bill_watch(*, bill: Bill, person: Person, watch: bool, actor) -> bool:
    """Start or stop watching a bill: a watcher hears of its status changes. Returns
    whether the person now watches it."""
    if person.coalition_id != bill.coalition_id or person.role not in MEMBER_ROLES:
        raise CampaignError(_("Only the coalition's members can watch its bills."))
    with transaction.atomic():
        watching = bill.watchers.filter(pk=person.pk).exists()
        if watch == watching:
            return watching
        if watch:
            bill.watchers.add(person)
        else:
            bill.watchers.remove(person)
        audit(
            coalition=bill.coalition,
            actor=actor,
            action=Action.BILL_CHANGED,
            target=bill,
            changes={"watcher": [None, person.pk] if watch else [person.pk, None]},
        )
    return watch


def bill_recipients(bill: Bill):
    """Who hears about a bill's new status: the teams of its campaigns (people seated on
    the team, and the people of member organizations seated on it), the hosts and the
    people watching the bill; a bill linked to no campaign goes to the hosts, the Core
    Team and its watchers. Not every member; a watcher who has left (no role, or their
    organization no longer active) is not told."""
    from django.db.models import Q

    from juntos.members.models import Member, TeamSeat

    seats = TeamSeat.objects.filter(team__campaigns__bills=bill)
    person_ids = set(seats.exclude(person=None).values_list("person_id", flat=True))
    member_ids = set(seats.exclude(member=None).values_list("member_id", flat=True))
    watchers = Q(pk__in=bill.watchers.values("pk")) & (
        Q(member__isnull=True) | Q(member__status=Member.Status.ACTIVE)
    )
    if not person_ids and not member_ids:
        team = Q(role__in=("host", "core_team"))
    else:
        team = Q(pk__in=person_ids) | Q(member_id__in=member_ids) | Q(role="host")
    return (
        Person.objects.filter(coalition=bill.coalition, role__in=MEMBER_ROLES)
        .filter(team | watchers)
        .exclude(email="")
        .distinct()
    )


def bill_status_notify(bill_id: int, before: str) -> int:
    """Mail the campaign's team, the hosts and the bill's watchers (see bill_recipients),
    each in their own language."""
    bill = Bill.objects.select_related("coalition").get(pk=bill_id)
    people = bill_recipients(bill).select_related("user")
    sent = 0
    for person in people:
        mail.send(
            "campaigns_bill_status",
            person.email,
            {"bill": bill, "before": before, "person": person},
            language=person.language,
            coalition=bill.coalition,
        )
        sent += 1
    return sent


def _day(value) -> date | None:
    try:
        return date.fromisoformat(str(value or "")[:10])
    except ValueError:
        return None


def parse_openstates(payload: dict) -> dict:
    """The fields Juntos keeps from an Open States bill (API v3 or bulk scrape format)."""
    if not isinstance(payload, dict) or not payload.get("identifier"):
        raise CampaignError(_("This is not an Open States bill: it has no identifier."))
    jurisdiction = payload.get("jurisdiction") or ""
    if isinstance(jurisdiction, dict):
        jurisdiction = jurisdiction.get("name") or jurisdiction.get("id") or ""
    abstracts = payload.get("abstracts") or []
    actions = []
    for a in payload.get("actions") or []:
        on = _day(a.get("date"))
        if on is None or not a.get("description"):
            continue
        org = a.get("organization") or {}
        org_name = org.get("name", "") if isinstance(org, dict) else ""
        actions.append(
            {
                "on": on,
                "description": str(a["description"])[:500],
                "organization": (org_name or a.get("organization_id") or "")[:100],
            }
        )
    actions.sort(key=lambda a: a["on"])
    status = payload.get("latest_action_description") or (
        actions[-1]["description"] if actions else ""
    )
    status_on = _day(payload.get("latest_action_date")) or (actions[-1]["on"] if actions else None)
    sponsors = []
    for sp in payload.get("sponsorships") or []:
        if not isinstance(sp, dict) or not sp.get("name"):
            continue
        person = sp.get("person") if isinstance(sp.get("person"), dict) else {}
        sponsors.append(
            {
                "name": str(sp["name"])[:200],
                "primary": bool(sp.get("primary")),
                "person_id": str(person.get("id") or sp.get("person_id") or "")[:100],
            }
        )
    votes = []
    for v in payload.get("votes") or payload.get("vote_events") or []:
        if not isinstance(v, dict):
            continue
        on = _day(v.get("start_date") or v.get("date"))
        org = v.get("organization") if isinstance(v.get("organization"), dict) else {}
        counts = {
            str(c.get("option")): int(c.get("value") or 0)
            for c in v.get("counts") or []
            if isinstance(c, dict) and c.get("option") and str(c.get("value", "0")).isdigit()
        }
        votes.append(
            {
                "motion": str(v.get("motion_text") or v.get("motion") or "")[:300],
                "on": on.isoformat() if on else "",
                "result": str(v.get("result") or "")[:40],
                "organization": str(org.get("name") or "")[:100],
                "counts": counts,
            }
        )
    return {
        "sponsors": sponsors,
        "votes": sorted(votes, key=lambda v: v["on"]),
        "source_id": str(payload.get("id") or "")[:100],
        "jurisdiction": str(jurisdiction)[:60],
        "session": str(payload.get("session") or payload.get("legislative_session") or "")[:40],
        "identifier": " ".join(str(payload["identifier"]).upper().split())[:40],
        "title": str(payload.get("title") or "")[:500],
        "summary": str(abstracts[0].get("abstract", "")) if abstracts else "",
        "status": str(status)[:200],
        "status_on": status_on,
        "actions": actions,
    }


def bill_import_openstates(*, coalition, actor, payload: dict, position: str) -> tuple[Bill, bool]:
    """Create or update a bill from Open States JSON. Returns (bill, status changed)."""
    data = parse_openstates(payload)
    if not data["jurisdiction"] or not data["session"]:
        raise CampaignError(_("The bill JSON needs its jurisdiction and session."))
    with transaction.atomic():
        bill = (
            Bill.objects.select_for_update()
            .filter(
                coalition=coalition,
                jurisdiction=data["jurisdiction"],
                session=data["session"],
                identifier=data["identifier"],
            )
            .first()
        )
        created = bill is None
        if created:
            bill = Bill.objects.create(
                coalition=coalition,
                position=position,
                **{
                    k: data[k]
                    for k in (
                        "jurisdiction",
                        "session",
                        "identifier",
                        "title",
                        "summary",
                        "source_id",
                        "sponsors",
                        "votes",
                    )
                },
            )
        else:
            bill.title = data["title"] or bill.title
            bill.summary = data["summary"] or bill.summary
            bill.source_id = data["source_id"] or bill.source_id
            bill.sponsors = data["sponsors"] or bill.sponsors
            bill.votes = data["votes"] or bill.votes
            bill.save(
                update_fields=["title", "summary", "source_id", "sponsors", "votes", "updated_at"]
            )
        for a in data["actions"]:
            BillAction.objects.get_or_create(bill=bill, **a)
        changed = bool(data["status"]) and data["status"] != bill.status
        before = bill.status
        if changed:
            bill.status = data["status"]
            bill.status_on = data["status_on"]
            bill.save(update_fields=["status", "status_on", "updated_at"])
            if not created:
                bill_id = bill.pk
                transaction.on_commit(lambda: bill_status_notify(bill_id, before))
        audit(
            coalition=coalition,
            actor=actor,
            action=Action.BILL_CHANGED,
            target=bill,
            changes={
                "imported": [None, data["source_id"] or data["identifier"]],
                "status": [before, bill.status],
            },
        )
    return bill, changed
