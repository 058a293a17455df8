"""Importing and exporting people as CSV. Streaming both ways; all rows or none."""

import codecs
import csv
import io

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.api import csv_people
from juntos.api.models import ImportJob
from juntos.core.csv_safe import csv_writer
from juntos.members.models import Person, Tag, Tagging

BATCH = 2000
MAX_ERRORS_KEPT = 500


class ImportRefused(ValueError):
    pass


def _reader(job: ImportJob):
    job.file.open("rb")
    text = io.TextIOWrapper(job.file, encoding="utf-8-sig", errors="replace", newline="")
    # strict: an unterminated quote is an error with a line number, not a swallowed file
    return text, csv.DictReader(text, strict=True)


def unreadable(error: csv.Error, line: int) -> ImportRefused:
    """A clear refusal for a file the CSV reader cannot read (never a server error)."""
    if "field larger than field limit" in str(error):
        reason = _("a field is longer than %(n)s characters") % {"n": f"{csv.field_size_limit():,}"}
    elif "unexpected end of data" in str(error) or "expected after" in str(error):
        reason = _("a quotation mark is not closed")
    else:
        reason = str(error)
    return ImportRefused(
        _("The file cannot be read as CSV near line %(line)d: %(reason)s. Nothing was imported.")
        % {"line": line, "reason": reason}
    )


def discard(job: ImportJob) -> None:
    """Remove a job and its file (a refused upload leaves nothing behind)."""
    job.file.delete(save=False)
    job.delete()


def job_create(*, coalition, actor, upload) -> ImportJob:
    """Read only the header line now; refuse files that are not CSV or carry status columns."""
    head = upload.read(64 * 1024)
    upload.seek(0)
    try:
        # Incremental: a multi-byte character cut by the 64 KiB boundary is not an error.
        sample = codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        raise ImportRefused("The file is not UTF-8 text. Export it again as CSV (UTF-8).") from None
    first_line = sample.splitlines()[0] if sample.strip() else ""
    headers = next(csv.reader([first_line]), [])
    if len(headers) < 1 or not any(h.strip() for h in headers):
        raise ImportRefused("The file has no header row.")
    refused = csv_people.refused_columns(headers)
    if refused:
        raise ImportRefused(
            "Juntos never stores anyone's immigration or citizenship status, and will not "
            "read a file that has it. Remove these columns and upload again: " + ", ".join(refused)
        )
    return ImportJob.objects.create(
        coalition=coalition,
        created_by=actor,
        file=upload,
        original_name=upload.name[:200],
        headers=headers,
        mapping=csv_people.auto_mapping(headers),
    )


def _rows(job: ImportJob):
    """(line, Row or None, reason) for every data row, with the job's mapping applied.

    The line is the file's physical line where the row starts (a quoted field may span
    several lines; spreadsheets show physical lines)."""
    text, reader = _reader(job)
    line = 1
    try:
        for raw in reader:
            values, custom = {}, {}
            for column, target in job.mapping.items():
                if target == csv_people.CUSTOM:
                    custom[column] = raw.get(column) or ""
                elif target:
                    values[target] = raw.get(column) or ""
            inner_breaks = sum((v or "").count("\n") for v in raw.values() if isinstance(v, str))
            line = reader.line_num - inner_breaks
            row, reason = csv_people.check_row(values, line, custom)
            yield line, row, reason
    except csv.Error as error:
        raise unreadable(error, reader.line_num or line) from None
    finally:
        text.close()


def _progress_path(job: ImportJob):
    from pathlib import Path

    return Path(job.file.path + ".progress")


def _progress_write(job: ImportJob, processed: int) -> None:
    """Progress goes to a small file beside the upload, not the database: the import's
    own transaction is still open, and the page must see the count from outside it."""
    _progress_path(job).write_text(str(processed))


def progress_read(job: ImportJob) -> int:
    if job.status != ImportJob.Status.IMPORTING:
        return job.processed_rows
    try:
        return int(_progress_path(job).read_text() or 0)
    except (OSError, ValueError):
        return 0


def _key(row) -> str:
    return f"e:{row.email}" if row.email else f"p:{row.phone}"


def preview(job: ImportJob) -> dict:
    """Count what would happen, list errors with line numbers; change nothing."""
    existing_emails = set(
        Person.objects.filter(coalition=job.coalition)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    existing_phones = set(
        Person.objects.filter(coalition=job.coalition, email="")
        .exclude(phone="")
        .values_list("phone", flat=True)
    )
    existing_ids = _identifier_index(job.coalition)
    seen: set[str] = set()
    new = updated = merged = total = 0
    errors = []
    error_count = 0
    for line, row, reason in _rows(job):
        total += 1
        if row is None:
            error_count += 1
            if len(errors) < MAX_ERRORS_KEPT:
                errors.append([line, reason])
            continue
        key = _key(row)
        if key in seen:
            merged += 1
            continue
        seen.add(key)
        if (
            (row.email and row.email in existing_emails)
            or (not row.email and row.phone in existing_phones)
            or any(i in existing_ids for i in row.identifiers)
        ):
            updated += 1
        else:
            new += 1
    job.total_rows = total
    job.summary = {
        "new": new,
        "updated": updated,
        "merged": merged,
        "errors": error_count,
        # Columns kept as custom fields, shown in the preview so nothing goes unnoticed.
        "custom_columns": [h for h, t in job.mapping.items() if t == csv_people.CUSTOM],
        "left_out": [h for h, t in job.mapping.items() if not t],
    }
    job.errors = errors
    job.save(update_fields=["total_rows", "summary", "errors"])
    return job.summary


def run(job: ImportJob) -> ImportJob:
    """Import every good row in one transaction, in batches; rows with errors are skipped
    (the person saw them in the preview). A failure leaves nothing behind."""
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING, processed_rows=0)
    coalition = job.coalition
    try:
        with transaction.atomic():
            by_email = dict(
                Person.objects.filter(coalition=coalition)
                .exclude(email="")
                .values_list("email", "pk")
            )
            by_phone = dict(
                Person.objects.filter(coalition=coalition, email="")
                .exclude(phone="")
                .values_list("phone", "pk")
            )
            tags = dict(Tag.objects.filter(coalition=coalition).values_list("name", "pk"))
            by_identifier = _identifier_index(coalition)
            members = _members(coalition)
            pending: dict[str, csv_people.Row] = {}
            processed = 0
            touched: dict[int, bool] = {}  # person pk -> created

            def flush():
                written, created = _write(
                    coalition, pending, by_email, by_phone, tags, by_identifier, members
                )
                for pk in written.values():
                    touched.setdefault(pk, pk in created)
                pending.clear()

            for _line, row, _reason in _rows(job):
                processed += 1
                if row is not None:
                    key = _key(row)
                    if key in pending:
                        csv_people.merge(pending[key], row)
                    else:
                        pending[key] = row
                    if len(pending) >= BATCH:
                        flush()
                if processed % BATCH == 0:
                    _progress_write(job, processed)
            flush()
            _fire_webhooks(coalition, touched)
    except Exception as error:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED,
            finished_at=timezone.now(),
            summary={**job.summary, "failure": str(error)[:300]},
        )
        raise
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.DONE, processed_rows=processed, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def _fire_webhooks(coalition, touched: dict[int, bool]) -> None:
    """Imports tell webhooks too: person.created / person.updated with the OSDI person,
    after the import commits. Nothing is built when no webhook listens."""
    from juntos.api.models import Webhook
    from juntos.api.osdi import SiteRequest, person_resource
    from juntos.api.webhooks import webhook_fire

    events = {
        e for hook in Webhook.objects.filter(coalition=coalition, active=True) for e in hook.events
    }
    if not events & {"person.created", "person.updated"} or not touched:
        return
    request = SiteRequest()
    tags: dict[int, list[str]] = {}
    for person_id, name in Tagging.objects.filter(person_id__in=list(touched)).values_list(
        "person_id", "tag__name"
    ):
        tags.setdefault(person_id, []).append(name)
    for person in Person.objects.filter(pk__in=list(touched)).select_related("member"):
        event = "person.created" if touched[person.pk] else "person.updated"
        if event in events:
            payload = person_resource(
                request, person, contact_visible=True, tags=tags.get(person.pk, ())
            )
            transaction.on_commit(
                lambda p=payload, e=event: webhook_fire(coalition=coalition, event=e, payload=p)
            )


def _find_existing(coalition, row, by_email, by_phone, by_identifier):
    if row.email and row.email in by_email:
        return by_email[row.email]
    for identifier in row.identifiers:
        if identifier in by_identifier:
            return by_identifier[identifier]
    if not row.email and row.phone:
        return by_phone.get(row.phone)
    return None


def _identifier_index(coalition) -> dict[str, int]:
    index = {}
    for pk, uuid, identifiers in Person.objects.filter(coalition=coalition).values_list(
        "pk", "uuid", "identifiers"
    ):
        index[f"juntos:{uuid}"] = pk
        for identifier in identifiers or []:
            index.setdefault(identifier, pk)
    return index


def _members(coalition) -> dict[str, int]:
    from juntos.members.models import Member

    return dict(Member.objects.filter(coalition=coalition).values_list("name", "pk"))


UPDATE_FIELDS = [
    "given_name",
    "family_name",
    "full_name",
    "phone",
    "address",
    "city",
    "state",
    "zip_code",
    "country",
    "email_status",
    "unsubscribed_at",
    "sms_status",
    "custom_fields",
    "identifiers",
    "preferred_language",
]


def _write(coalition, pending, by_email, by_phone, tags, by_identifier=None, members=None):
    from juntos.members.rules import compose_name, merge_subscription

    if not pending:
        return {}, set()
    if by_identifier is None:
        by_identifier = _identifier_index(coalition)
    if members is None:
        members = _members(coalition)
    now = timezone.now()
    new_people, updates = [], []
    existing_ids, row_pk = {}, {}
    for key, row in pending.items():
        pk = _find_existing(coalition, row, by_email, by_phone, by_identifier)
        if pk is None:
            role = row.role if row.role and row.role != "contact" else ""
            if not row.role:
                role = "supporter"
            status = row.email_status or "subscribed"
            new_people.append(
                Person(
                    coalition=coalition,
                    full_name=row.full_name,
                    given_name=row.first_name,
                    family_name=row.last_name,
                    email=row.email,
                    phone=row.phone,
                    address=row.address,
                    city=row.city,
                    state=row.state,
                    zip_code=row.zip_code,
                    country=row.country or "US",
                    role=role,
                    member_id=members.get(row.member) if row.member else None,
                    preferred_language=row.language or "en",
                    email_status=status,
                    sms_status=row.sms_status,
                    unsubscribed_at=now if status in ("unsubscribed", "spam complaint") else None,
                    custom_fields=row.custom_fields,
                    identifiers=row.identifiers,
                )
            )
            row_pk[key] = new_people[-1]
        else:
            existing_ids[key] = pk
    Person.objects.bulk_create(new_people, batch_size=1000)
    for key, person in row_pk.items():
        row_pk[key] = person.pk
        if person.email:
            by_email[person.email] = person.pk
        elif person.phone:
            by_phone[person.phone] = person.pk
        for identifier in person.identifiers:
            by_identifier.setdefault(identifier, person.pk)
    if existing_ids:
        people = Person.objects.in_bulk(list(existing_ids.values()))
        for key, pk in existing_ids.items():
            row, person = pending[key], people[pk]
            row_pk[key] = pk
            changed = False
            for name in ("phone", "address", "city", "state", "zip_code"):
                if not getattr(person, name) and getattr(row, name):
                    setattr(person, name, getattr(row, name))
                    changed = True
            unplaced = not person.country or (person.country == "US" and not person.state)
            if row.country and unplaced:
                changed |= person.country != row.country
                person.country = row.country
            if not (person.given_name or person.family_name) and (row.first_name or row.last_name):
                person.given_name, person.family_name = row.first_name, row.last_name
                person.full_name = compose_name(row.first_name, row.last_name)
                changed = True
            # An unsubscribe or a spam complaint in the file applies to people already here.
            status = merge_subscription(person.email_status, row.email_status or None)
            if status != person.email_status:
                person.email_status = status
                if status in ("unsubscribed", "spam complaint") and not person.unsubscribed_at:
                    person.unsubscribed_at = now
                changed = True
            sms = merge_subscription(person.sms_status, row.sms_status or None)
            if sms != person.sms_status:
                person.sms_status, changed = sms, True
            extra = {k: v for k, v in row.custom_fields.items() if k not in person.custom_fields}
            if extra:
                person.custom_fields = {**person.custom_fields, **extra}
                changed = True
            own = f"juntos:{person.uuid}"
            new_ids = [
                i for i in row.identifiers if i != own and i not in (person.identifiers or [])
            ]
            if new_ids:
                person.identifiers = [*(person.identifiers or []), *new_ids]
                changed = True
            if changed:
                person.updated_at = now
                updates.append(person)
        Person.objects.bulk_update(updates, [*UPDATE_FIELDS, "updated_at"], batch_size=1000)
    wanted = {name for row in pending.values() for name in row.tags} - set(tags)
    if wanted:
        Tag.objects.bulk_create(
            [Tag(coalition=coalition, name=n) for n in wanted], ignore_conflicts=True
        )
        tags.update(
            Tag.objects.filter(coalition=coalition, name__in=wanted).values_list("name", "pk")
        )
    taggings = []
    for key, row in pending.items():
        taggings += [Tagging(tag_id=tags[name], person_id=row_pk[key]) for name in row.tags]
    Tagging.objects.bulk_create(taggings, ignore_conflicts=True, batch_size=2000)
    # Tags added to people already here change them for incremental sync.
    tagged = [pk for key, pk in existing_ids.items() if pending[key].tags]
    if tagged:
        Person.objects.filter(pk__in=tagged).update(updated_at=now)
    return row_pk, {p.pk for p in new_people}


# --- Export ----------------------------------------------------------------------------


class Echo:
    def write(self, value):
        return value


def export_people_rows(people, *, visible_contacts: dict[int, bool], tags: dict, bom=False):
    """Action Network's column layout, plus what Juntos keeps (ids, country, SMS status,
    role, member, language) and one column per custom field, so that importing the file
    into a fresh coalition gives the same people back."""
    from juntos.api.osdi import e164
    from juntos.members.rules import split_full_name

    people = list(people)
    custom_names = sorted(
        {k for p in people if visible_contacts.get(p.pk, False) for k in (p.custom_fields or {})}
        - set(csv_people.EXPORT_COLUMNS)
    )
    writer = csv_writer(Echo())
    header = writer.writerow([*csv_people.EXPORT_COLUMNS, *custom_names])
    yield ("\ufeff" + header) if bom else header
    for person in people:
        first, last = person.given_name, person.family_name
        if not (first or last):
            first, last = split_full_name(person.full_name)
        show = visible_contacts.get(person.pk, False)
        custom = person.custom_fields or {}
        yield writer.writerow(
            [
                " ".join([f"juntos:{person.uuid}", *(person.identifiers or [])]),
                first,
                last,
                person.email if show else "",
                person.zip_code if show else "",
                e164(person.phone) if show and person.phone else "",
                person.address if show else "",
                person.city if show else "",
                person.state if show else "",
                (person.country or "US") if show else "",
                ",".join(sorted(tags.get(person.pk, []))),
                person.email_status or ("unsubscribed" if person.unsubscribed_at else "subscribed"),
                person.sms_status if show else "",
                person.role or "contact",
                person.member.name if person.member_id else "",
                person.language,
                *((custom.get(name, "") if show else "") for name in custom_names),
            ]
        )
