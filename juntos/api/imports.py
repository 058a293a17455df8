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
    """(line, Row or None, reason) for every data row, with the job's mapping applied."""
    text, reader = _reader(job)
    line = 1
    try:
        for line, raw in enumerate(reader, start=2):
            values = {}
            for column, target in job.mapping.items():
                if target:
                    values[target] = raw.get(column) or ""
            row, reason = csv_people.check_row(values, line)
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
        if (row.email and row.email in existing_emails) or (
            not row.email and row.phone in existing_phones
        ):
            updated += 1
        else:
            new += 1
    job.total_rows = total
    job.summary = {"new": new, "updated": updated, "merged": merged, "errors": error_count}
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
            pending: dict[str, csv_people.Row] = {}
            processed = 0

            def flush():
                _write(coalition, pending, by_email, by_phone, tags)
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


def _write(coalition, pending, by_email, by_phone, tags):
    if not pending:
        return
    new_people, updates = [], []
    existing_ids = {}
    for key, row in pending.items():
        pk = by_email.get(row.email) if row.email else by_phone.get(row.phone)
        if pk is None:
            # Someone seen in an earlier batch of this file, by the other key.
            pk = by_phone.get(row.phone) if row.phone and not row.email else None
        if pk is None:
            new_people.append(
                Person(
                    coalition=coalition,
                    full_name=row.full_name,
                    email=row.email,
                    phone=row.phone,
                    address=row.address,
                    city=row.city,
                    state=row.state,
                    zip_code=row.zip_code,
                    role="supporter",
                    unsubscribed_at=timezone.now() if row.unsubscribed else None,
                )
            )
        else:
            existing_ids[key] = pk
    Person.objects.bulk_create(new_people, batch_size=1000)
    for person in new_people:
        if person.email:
            by_email[person.email] = person.pk
        elif person.phone:
            by_phone[person.phone] = person.pk
    if existing_ids:
        people = Person.objects.in_bulk(list(existing_ids.values()))
        for key, pk in existing_ids.items():
            row, person = pending[key], people[pk]
            changed = False
            for name in ("phone", "address", "city", "state", "zip_code"):
                if not getattr(person, name) and getattr(row, name):
                    setattr(person, name, getattr(row, name))
                    changed = True
            if changed:
                updates.append(person)
        Person.objects.bulk_update(
            updates, ["phone", "address", "city", "state", "zip_code"], batch_size=1000
        )
    wanted = {name for row in pending.values() for name in row.tags} - set(tags)
    if wanted:
        Tag.objects.bulk_create(
            [Tag(coalition=coalition, name=n) for n in wanted], ignore_conflicts=True
        )
        tags.update(
            Tag.objects.filter(coalition=coalition, name__in=wanted).values_list("name", "pk")
        )
    taggings = []
    for row in pending.values():
        pk = by_email.get(row.email) if row.email else by_phone.get(row.phone)
        taggings += [Tagging(tag_id=tags[name], person_id=pk) for name in row.tags]
    Tagging.objects.bulk_create(taggings, ignore_conflicts=True, batch_size=2000)


# --- Export ----------------------------------------------------------------------------


class Echo:
    def write(self, value):
        return value


def export_people_rows(people, *, visible_contacts: dict[int, bool], tags: dict):
    writer = csv_writer(Echo())
    yield writer.writerow(csv_people.EXPORT_COLUMNS)
    for person in people:
        first, _sep, last = person.full_name.rpartition(" ")
        if not first:
            first, last = last, ""
        show = visible_contacts.get(person.pk, False)
        yield writer.writerow(
            [
                first,
                last,
                person.email if show else "",
                person.zip_code if show else "",
                person.phone if show else "",
                person.address if show else "",
                person.city if show else "",
                person.state if show else "",
                ",".join(sorted(tags.get(person.pk, []))),
                "unsubscribed" if person.unsubscribed_at else "subscribed",
                person.role or "contact",
                person.member.name if person.member_id else "",
                person.language,
            ]
        )
