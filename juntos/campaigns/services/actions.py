"""The life of a planned action after it is placed (edit, postpone, mark done with what
happened, cancel, delete a mistake) and of key dates (edit, remove). Each write is one
transaction and one audit entry; a date or rung the ladder or the calendar warns about
raises NeedsConfirmation unless confirmed."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.audit.log import assign
from juntos.audit.models import Action
from juntos.campaigns.models import Campaign, KeyDate, Tactic
from juntos.campaigns.selectors import visible_campaigns
from juntos.campaigns.services.base import CampaignError, NeedsConfirmation, audit
from juntos.campaigns.services.campaigns import tactic_warnings


def tactic_edit(
    *,
    tactic: Tactic,
    actor,
    rung: int,
    title: str,
    on: date,
    place: str = "",
    notes: str = "",
    confirmed: bool = False,
) -> Tactic:
    """Change what, when (postpone) or which rung. A new date or rung is checked again."""
    if not title.strip():
        raise CampaignError(_("Say what the action is."))
    with transaction.atomic():
        tactic = Tactic.objects.select_for_update().get(pk=tactic.pk)
        warnings = []
        if (int(rung), on) != (tactic.rung, tactic.on):
            warnings, used = tactic_warnings(
                campaign=tactic.campaign,
                coalition=tactic.coalition,
                rung=int(rung),
                on=on,
                exclude_pk=tactic.pk,
            )
            if warnings and not confirmed:
                raise NeedsConfirmation(warnings, used)
        shown = tactic.calendar_snapshot()
        changes = assign(
            tactic,
            {
                "rung": int(rung),
                "title": title.strip(),
                "on": on,
                "place": place.strip(),
                "notes": notes.strip(),
            },
        )
        if warnings:
            tactic.warnings = list(tactic.warnings or []) + warnings
        tactic.calendar_revise(shown)
        tactic.save()
        audit(
            coalition=tactic.coalition,
            actor=actor,
            action=Action.TACTIC_PLANNED,
            target=tactic,
            changes={**changes, **({"warnings_confirmed": [None, warnings]} if warnings else {})},
        )
    return tactic


def tactic_done(
    *, tactic: Tactic, actor, outcome: str = "", participants=None, done_on: date | None = None
) -> Tactic:
    """Mark an action done, with what happened and how many took part."""
    today = timezone.localdate()
    done_on = done_on or min(tactic.on, today)
    if done_on > today:
        raise CampaignError(_("An action cannot be done on a day still to come."))
    if participants is not None and participants < 0:
        raise CampaignError(_("The number of people cannot be negative."))
    with transaction.atomic():
        shown = tactic.calendar_snapshot()
        changes = assign(
            tactic,
            {
                "status": Tactic.Status.DONE,
                "outcome": outcome.strip(),
                "participants": participants,
                "done_on": done_on,
            },
        )
        tactic.calendar_revise(shown)
        tactic.save()
        audit(
            coalition=tactic.coalition,
            actor=actor,
            action=Action.TACTIC_PLANNED,
            target=tactic,
            changes=changes,
        )
    return tactic


def tactic_delete(*, tactic: Tactic, actor) -> None:
    """Remove an action entered by mistake (a cancelled one stays as history instead)."""
    with transaction.atomic():
        audit(
            coalition=tactic.coalition,
            actor=actor,
            action=Action.TACTIC_PLANNED,
            target=tactic,
            changes={"deleted": [f"{tactic.title} {tactic.on.isoformat()}", None]},
        )
        tactic.delete()
        # The campaign's feed changes with it (its validator counts the campaign's time).
        Campaign.objects.filter(pk=tactic.campaign_id).update(updated_at=timezone.now())


def key_date_edit(
    *,
    key_date: KeyDate,
    actor,
    kind: str,
    category: str,
    title: str,
    starts_on: date,
    ends_on: date | None = None,
    blackout: bool = True,
) -> KeyDate:
    if ends_on and ends_on < starts_on:
        raise CampaignError(_("The last day cannot come before the first."))
    if not title.strip():
        raise CampaignError(_("Say what the date is."))
    with transaction.atomic():
        shown = key_date.calendar_snapshot()
        changes = assign(
            key_date,
            {
                "kind": kind,
                "category": category,
                "title": title.strip(),
                "starts_on": starts_on,
                "ends_on": ends_on,
                "blackout": blackout,
            },
        )
        key_date.calendar_revise(shown)
        key_date.save()
        audit(
            coalition=key_date.coalition,
            actor=actor,
            action=Action.KEY_DATE_CHANGED,
            target=key_date,
            changes=changes,
        )
    return key_date


def key_date_delete(*, key_date: KeyDate, actor) -> None:
    with transaction.atomic():
        audit(
            coalition=key_date.coalition,
            actor=actor,
            action=Action.KEY_DATE_CHANGED,
            target=key_date,
            changes={"deleted": [f"{key_date.title} {key_date.starts_on.isoformat()}", None]},
        )
        key_date.delete()
        # The feeds that showed it change with it: its campaign's, or, for a coalition-wide
        # date, those of every campaign the coalition sees.
        if key_date.campaign_id:
            touched = Campaign.objects.filter(pk=key_date.campaign_id)
        else:
            touched = visible_campaigns(key_date.coalition)
        touched.update(updated_at=timezone.now())
