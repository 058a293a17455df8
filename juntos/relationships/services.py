"""Every write of the relationships app: atomic, audited, keyword-only."""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from juntos.audit.log import assign, audit_record, field_changes
from juntos.audit.models import Action
from juntos.districts import addressing
from juntos.districts.rules import choose_office
from juntos.relationships import letters
from juntos.relationships.importer import Batch
from juntos.relationships.models import (
    Contact,
    EngagementStep,
    LetterTemplate,
    OneToOne,
    PipelineEntry,
    PowerPlacement,
    Relationship,
    RelationshipKind,
)
from juntos.relationships.rules import LADDER, STEP_NUMBERS

CONTACT_FIELDS = (
    "kind",
    "category",
    "name",
    "title",
    "organization_name",
    "member",
    "person",
    "email",
    "phone",
    "website",
    "interests",
    "notes",
    "level",
    "chamber",
    "state",
    "district",
    "party",
    "in_office",
)


def _same_coalition(coalition, *objects):
    for obj in objects:
        if obj is not None and obj.coalition_id != coalition.pk:
            raise ValidationError(_("That record belongs to another coalition."))


def contact_add(*, coalition, actor, data: dict) -> Contact:
    data = {k: v for k, v in data.items() if k in CONTACT_FIELDS}
    _same_coalition(coalition, data.get("member"), data.get("person"))
    with transaction.atomic():
        contact = Contact.objects.create(coalition=coalition, created_by=actor, **data)
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.CONTACT_ADDED,
            target=contact,
            changes={"name": [None, contact.name], "category": [None, contact.category]},
        )
    return contact


def contact_update(*, contact: Contact, actor, data: dict) -> Contact:
    data = {k: v for k, v in data.items() if k in CONTACT_FIELDS}
    _same_coalition(contact.coalition, data.get("member"), data.get("person"))
    changes = assign(contact, data)
    if not changes:
        return contact
    with transaction.atomic():
        contact.save(update_fields=[*data, "updated_at"])
        audit_record(
            coalition=contact.coalition,
            actor=actor,
            action=Action.CONTACT_CHANGED,
            target=contact,
            changes=changes,
        )
    return contact


def relationship_add(
    *,
    coalition,
    actor,
    source: Contact,
    target: Contact,
    kind: str,
    strength: int = 3,
    role: str = "",
    mutual: bool = False,
    started_on: date | None = None,
    ended_on: date | None = None,
    how_we_know: str = "",
    confidential: bool = False,
) -> Relationship:
    _same_coalition(coalition, source, target)
    if source.pk == target.pk:
        raise ValidationError(_("A relationship needs two different contacts."))
    if kind not in RelationshipKind.values:
        raise ValidationError(_("Unknown kind of relationship."))
    if not 1 <= int(strength) <= 5:
        raise ValidationError(_("Strength is from 1 to 5."))
    if started_on and ended_on and ended_on < started_on:
        raise ValidationError(_("The end date is before the start date."))
    # The same two contacts, the same kind, either way round, still current: a duplicate.
    pair = Q(source=source, target=target) | Q(source=target, target=source)
    if (
        Relationship.objects.filter(pair, coalition=coalition, kind=kind)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=timezone.localdate()))
        .exists()
    ):
        raise ValidationError(
            _("%(a)s and %(b)s already have this relationship.") % {"a": source, "b": target}
        )
    with transaction.atomic():
        rel = Relationship.objects.create(
            coalition=coalition,
            source=source,
            target=target,
            kind=kind,
            strength=strength,
            role=role,
            mutual=mutual,
            started_on=started_on,
            ended_on=ended_on,
            how_we_know=how_we_know,
            confidential=confidential,
            author=actor,
        )
        # A confidential entry's details stay out of the audit log, which hosts read.
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.RELATIONSHIP_ADDED,
            target=rel,
            changes={"kind": [None, kind], "confidential": [None, confidential]},
        )
    return rel


def relationship_end(*, relationship: Relationship, actor, ended_on: date | None = None):
    ended_on = ended_on or timezone.localdate()
    before = relationship.ended_on
    with transaction.atomic():
        relationship.ended_on = ended_on
        relationship.save(update_fields=["ended_on", "updated_at"])
        audit_record(
            coalition=relationship.coalition,
            actor=actor,
            action=Action.RELATIONSHIP_CHANGED,
            target=relationship,
            changes={"ended_on": [str(before) if before else None, str(ended_on)]},
        )
    return relationship


def power_place(
    *,
    coalition,
    actor,
    contact: Contact,
    power: int,
    stance: int,
    issue: str = "",
    placed_on: date | None = None,
    note: str = "",
    campaign=None,
) -> PowerPlacement:
    """Place a stakeholder on a map: a campaign's (then the free-text decision is the
    campaign's title, kept should the campaign go) or a map on its own named by `issue`."""
    _same_coalition(coalition, contact, campaign)
    if campaign is not None:
        issue = campaign.title[:200]
    if not (1 <= power <= 5 and -2 <= stance <= 2):
        raise ValidationError(_("Power is from 1 to 5 and stance from -2 to +2."))
    with transaction.atomic():
        placement = PowerPlacement.objects.create(
            coalition=coalition,
            contact=contact,
            power=power,
            stance=stance,
            issue=issue.strip(),
            campaign=campaign,
            placed_on=placed_on or timezone.localdate(),
            note=note,
            author=actor,
        )
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.POWER_PLACED,
            target=placement,
            changes={
                "power": [None, power],
                "stance": [None, stance],
                "issue": [None, issue],
                **({"campaign": [None, campaign.pk]} if campaign is not None else {}),
            },
        )
    return placement


def pipeline_start(*, coalition, actor, organization: Contact) -> PipelineEntry:
    _same_coalition(coalition, organization)
    with transaction.atomic():
        entry, created = PipelineEntry.objects.get_or_create(
            coalition=coalition, organization=organization, defaults={"owner": actor}
        )
        if created:
            audit_record(
                coalition=coalition,
                actor=actor,
                action=Action.PIPELINE_CHANGED,
                target=entry,
                changes={"stage": [None, 1]},
            )
    return entry


def pipeline_update(*, entry: PipelineEntry, actor, stage: int, notes: dict) -> PipelineEntry:
    if stage not in STEP_NUMBERS:
        raise ValidationError(_("There is no such step."))
    clean = {str(n): (notes.get(str(n)) or notes.get(n) or "").strip() for n in STEP_NUMBERS}
    clean = {k: v for k, v in clean.items() if v}
    changes = field_changes({"stage": entry.stage, "notes": entry.notes}, {"stage": stage})
    changed_steps = sorted(
        {k for k in set(clean) | set(entry.notes) if clean.get(k) != entry.notes.get(k)}, key=int
    )
    if changed_steps:
        changes["notes"] = changed_steps
    if not changes:
        return entry
    with transaction.atomic():
        entry.stage = stage
        entry.notes = clean
        entry.save(update_fields=["stage", "notes", "updated_at"])
        audit_record(
            coalition=entry.coalition,
            actor=actor,
            action=Action.PIPELINE_CHANGED,
            target=entry,
            changes=changes,
        )
    return entry


def letter_template_save(
    *,
    coalition,
    actor,
    name: str,
    subject: str,
    body: str,
    language: str = "en",
    template: LetterTemplate | None = None,
) -> LetterTemplate:
    unknown = letters.unknown_fields(subject, body)
    if unknown:
        raise ValidationError(
            _("Unknown merge fields: %(fields)s.") % {"fields": ", ".join(unknown)},
            code="unknown_field",
        )
    if template is not None:
        _same_coalition(coalition, template)
    with transaction.atomic():
        before = (
            {}
            if template is None
            else {"name": template.name, "subject": template.subject, "body": template.body}
        )
        template = template or LetterTemplate(coalition=coalition, created_by=actor)
        template.name, template.subject, template.body = name, subject, body
        template.language = language
        template.save()
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.LETTER_CHANGED,
            target=template,
            changes=field_changes(before, {"name": name, "subject": subject, "body": body}),
        )
    return template


class LettersRefused(ValidationError):
    """Some recipients leave merge fields empty; `missing` says who and which."""

    def __init__(self, missing):
        self.missing = missing
        super().__init__(_("Some merge fields are empty. Nothing was generated."))


def merge_rows(
    *, recipients, member_name: str, state: str, sender, sender_title: str | None = None
) -> list[dict]:
    """One row of merge values per recipient contact, in the active language (the date in
    words; an official greeted and addressed by their honorific). `address_block` is the
    lines heading the printed letter, not a merge field."""
    today = date_format(timezone.localdate(), "DATE_FORMAT")
    rows = []
    for c in recipients:
        rows.append(
            {
                "recipient_name": c.name,
                "recipient_title": c.title or display_title(c),
                "salutation": addressing.salutation(c if c.is_official else None, c.name),
                "organization": c.organization_name or (c.name if c.kind == "organization" else ""),
                "member_name": member_name,
                "state": state or c.state,
                "sender_name": sender.full_name,
                "sender_title": sender.title if sender_title is None else sender_title,
                "date": today,
                "email": c.email,
                "address_block": address_block(c),
            }
        )
    return rows


def address_block(contact: Contact) -> list[str]:
    """The recipient's lines at the head of a letter: "The Honorable Jane Doe", the chamber
    and the office's address for an official; name, title and organization for anyone
    else."""
    if contact.is_official:
        lines = addressing.recipient_lines(contact)
        office = choose_office(contact.offices, prefer="capitol", near=None)
        if office:
            lines += [p.strip() for p in re.split(r"[;\n]", office["address"]) if p.strip()]
        return lines
    organization = contact.organization_name if contact.kind != "organization" else ""
    return [x for x in (contact.name, contact.title, organization) if x]


def letters_merge(
    *,
    coalition,
    actor,
    template: LetterTemplate,
    recipients,
    member_name: str,
    state: str,
    sender,
    sender_title: str | None = None,
) -> bytes:
    """A ZIP of one PDF and one email draft per recipient, written in the letter's language
    (its date, honorifics and greeting); refused as a whole, before anything is generated,
    when a used merge field is empty for anyone."""
    _same_coalition(coalition, template, *recipients)
    with override(template.language or None):
        rows = merge_rows(
            recipients=recipients,
            member_name=member_name,
            state=state,
            sender=sender,
            sender_title=sender_title,
        )
        missing = letters.missing_values(template.subject, template.body, rows)
        if missing:
            raise LettersRefused(missing)
        data = letters.merge_zip(
            subject=template.subject,
            body=template.body,
            rows=rows,
            letterhead=member_name or coalition.name,
            sender=sender.email or "",
            sender_address=coalition.postal_address,
        )
    audit_record(
        coalition=coalition,
        actor=actor,
        action=Action.LETTERS_MERGED,
        target=template,
        changes={"recipients": [None, [c.pk for c in recipients]]},
    )
    return data


def display_title(contact: Contact) -> str:
    """The title people use for an official, from level and chamber."""
    titles = {
        ("federal", "upper"): _("U.S. Senator"),
        ("federal", "lower"): _("U.S. Representative"),
        ("state", "upper"): _("State Senator"),
        ("state", "lower"): _("State Representative"),
        ("state", "legislature"): _("State Legislator"),
    }
    return str(titles.get((contact.level, contact.chamber), ""))


def one_to_one_log(
    *,
    coalition,
    actor,
    organizer,
    person,
    cares_about: str,
    met_on: date | None = None,
    follow_up: str = "",
    follow_up_by: date | None = None,
    confidential: bool = False,
) -> OneToOne:
    _same_coalition(coalition, organizer, person)
    if met_on is not None and met_on > timezone.localdate():
        raise ValidationError(
            _("A one-to-one is logged after it happens: the date cannot be in the future.")
        )
    with transaction.atomic():
        meeting = OneToOne.objects.create(
            coalition=coalition,
            organizer=organizer,
            person=person,
            met_on=met_on or timezone.localdate(),
            cares_about=cares_about,
            follow_up=follow_up,
            follow_up_by=follow_up_by,
            confidential=confidential,
            author=actor,
        )
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.ONE_TO_ONE_LOGGED,
            target=meeting,
            changes={"confidential": [None, confidential]},
        )
    return meeting


def engagement_step_record(
    *, coalition, actor, person, level: str, on: date | None = None, note: str = ""
) -> EngagementStep:
    _same_coalition(coalition, person)
    if level not in LADDER:
        raise ValidationError(_("Unknown step on the ladder."))
    with transaction.atomic():
        step = EngagementStep.objects.create(
            coalition=coalition,
            person=person,
            level=level,
            on=on or timezone.localdate(),
            note=note,
            recorded_by=actor,
        )
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.ENGAGEMENT_STEP,
            target=step,
            changes={"level": [None, level]},
        )
    return step


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    left_office: int = 0

    def __str__(self):
        return (
            f"{self.created} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.left_office} marked out of office"
        )


IMPORTED_FIELDS = (
    "name",
    "level",
    "chamber",
    "state",
    "district",
    "party",
    "email",
    "website",
    "offices",
    "in_office",
    "source",
)


def officials_import(*, coalition, batch: Batch, actor=None) -> ImportReport:
    """Apply a parsed batch in one transaction: match on OCD id or bioguide id, update
    what changed, add the new, mark people the batch's scope no longer lists as out of
    office. Never deletes, never duplicates."""
    report = ImportReport()
    now = timezone.now()
    with transaction.atomic():
        existing = {
            ("ocd_id", c.ocd_id): c
            for c in Contact.objects.filter(coalition=coalition, ocd_id__isnull=False)
        }
        existing.update(
            {
                ("bioguide_id", c.bioguide_id): c
                for c in Contact.objects.filter(coalition=coalition, bioguide_id__isnull=False)
            }
        )
        new = []
        for o in batch.officials:
            values = {
                "name": o.name,
                "level": o.level,
                "chamber": o.chamber,
                "state": o.state,
                "district": o.district,
                "party": o.party,
                "email": o.email,
                "website": o.website[:200],
                "offices": o.offices,
                "in_office": o.in_office,
                "source": o.source,
            }
            contact = existing.get((o.key, o.ident))
            if contact is None:
                new.append(
                    Contact(
                        coalition=coalition,
                        kind="person",
                        category="decision_maker",
                        imported_at=now,
                        created_by=actor,
                        **{o.key: o.ident},
                        **values,
                    )
                )
                continue
            changed = [k for k, v in values.items() if getattr(contact, k) != v]
            if not changed:
                report.unchanged += 1
                continue
            for k in changed:
                setattr(contact, k, values[k])
            contact.imported_at = now
            contact.save(update_fields=[*changed, "imported_at", "updated_at"])
            report.updated += 1
        Contact.objects.bulk_create(new, batch_size=500)
        report.created = len(new)
        present_ocd = {o.ident for o in batch.officials if o.key == "ocd_id"}
        present_bio = {o.ident for o in batch.officials if o.key == "bioguide_id"}
        for source, state in batch.scopes:
            gone = Contact.objects.filter(coalition=coalition, source=source, in_office=True)
            if source == "openstates":
                gone = gone.filter(state=state, ocd_id__isnull=False).exclude(
                    ocd_id__in=present_ocd
                )
            else:
                gone = gone.filter(bioguide_id__isnull=False).exclude(bioguide_id__in=present_bio)
            report.left_office += gone.update(in_office=False, updated_at=now)
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.OFFICIALS_IMPORTED,
            target=coalition,
            changes={
                "created": [None, report.created],
                "updated": [None, report.updated],
                "left_office": [None, report.left_office],
            },
        )
    return report
