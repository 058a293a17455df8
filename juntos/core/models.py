from django.db import models
from django.utils import timezone


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class OutboxMessage(models.Model):
    """Mail kept instead of sent, for development and the demo (see core.mail.OutboxBackend)."""

    coalition_slug = models.SlugField(blank=True, db_index=True)
    to = models.TextField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    html = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.to}: {self.subject}"


class CalendarEntryModel(models.Model):
    """A row that is an entry in a calendar feed. `sequence` is iCalendar's SEQUENCE: it
    counts the changes a calendar must show its reader (the time, the place, the title,
    a cancellation); `calendar_changed_at` is when anything the feed shows last changed
    (the entry's DTSTAMP and LAST-MODIFIED), so an entry reads the same on every request
    until it changes. Services call calendar_snapshot() before a change and
    calendar_revise() before saving; views never do."""

    sequence = models.PositiveIntegerField(default=0, editable=False)
    calendar_changed_at = models.DateTimeField(default=timezone.now, editable=False)

    # Every field the feed shows, and those whose change a calendar must announce.
    CALENDAR_FIELDS: tuple[str, ...] = ()
    SEQUENCE_FIELDS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def calendar_snapshot(self) -> dict:
        return {f: getattr(self, f) for f in self.CALENDAR_FIELDS}

    def calendar_revise(self, before: dict, *, now=None) -> list[str]:
        """Bump what changed since `before`; return the fields to add to update_fields
        (none when the feed would show the same entry)."""
        changed = {f for f in self.CALENDAR_FIELDS if before.get(f) != getattr(self, f)}
        if not changed:
            return []
        self.calendar_changed_at = now or timezone.now()
        if changed & set(self.SEQUENCE_FIELDS):
            self.sequence += 1
            return ["calendar_changed_at", "sequence"]
        return ["calendar_changed_at"]


class DataVersion(models.Model):
    """One row: when the data last changed (core/pagecache.py, kept pages). Written with
    plain SQL after every commit that wrote anything; not itself data a page shows."""

    id = models.PositiveSmallIntegerField(primary_key=True)
    n = models.BigIntegerField(default=0)

    class Meta:
        db_table = "core_dataversion"

    def __str__(self):
        return str(self.n)
