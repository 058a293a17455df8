"""Bulk rows straight into tables: ids assigned here, no model instances, no signals.

A `Table` names the columns a caller fills, in order; every other column gets its
model default once. Rows are flushed in large batches: `executemany` on SQLite, `COPY`
on PostgreSQL. Ids are assigned from the table's current maximum, so rows can point at
each other before anything is written; sequences are reset at the end.
"""

import datetime
import sys
import time
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

BATCH = 20_000
_CONVERT = (
    models.DateTimeField,
    models.DateField,
    models.JSONField,
    models.UUIDField,
    models.DecimalField,
)


class Table:
    def __init__(self, writer: "Writer", model, columns: list[str]):
        self.writer = writer
        self.model = model
        meta = model._meta
        self.fields = {f.attname: f for f in meta.concrete_fields}
        pk = meta.pk.attname
        unknown = set(columns) - set(self.fields)
        if unknown:
            raise ValueError(f"{meta.label} has no column {sorted(unknown)}")
        self.columns = [pk, *columns]
        self.rest = [a for a in self.fields if a not in self.columns]
        now = writer.now
        constants = []
        for attname in self.rest:
            field = self.fields[attname]
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = now
            else:
                value = field.get_default()
            constants.append(self._prep(field, value))
        self.constants = tuple(constants)
        self.converters = [
            (i, self.fields[c]) for i, c in enumerate(self.columns) if self._needs(self.fields[c])
        ]
        self.rows: list[tuple] = []
        self.count = 0
        self.counter = writer.counter(model)
        names = [self.fields[a].column for a in self.columns + self.rest]
        self.table = meta.db_table
        self.column_names = names

    @staticmethod
    def _needs(field) -> bool:
        return isinstance(field, _CONVERT)

    @staticmethod
    def _prep(field, value):
        if value is None:
            return None
        return field.get_db_prep_save(value, connection)

    def add(self, *values) -> int:
        counter = self.counter
        pk = counter[0]
        counter[0] = pk + 1
        row = [pk, *values]
        for i, field in self.converters:
            v = row[i]
            if v is not None:
                row[i] = field.get_db_prep_save(v, connection)
        self.rows.append((*row, *self.constants))
        if len(self.rows) >= BATCH:
            self.flush()
        return pk

    def flush(self):
        if not self.rows:
            return
        self.writer.insert(self.table, self.column_names, self.rows)
        self.count += len(self.rows)
        self.rows = []


class Writer:
    def __init__(self, *, now: datetime.datetime | None = None, progress=sys.stderr):
        self.now = now or timezone.now()
        self.tables: list[Table] = []
        self.progress = progress
        self.started = time.monotonic()
        self._ids: dict = {}

    def counter(self, model) -> list[int]:
        """The next id of a model, shared by every Table writing to it."""
        if model not in self._ids:
            top = model.objects.aggregate(m=models.Max("pk"))["m"] or 0
            self._ids[model] = [top + 1]
        return self._ids[model]

    def table(self, model, columns: list[str]) -> Table:
        for t in self.tables:
            if t.model is model and t.columns[1:] == columns:
                return t
        t = Table(self, model, columns)
        self.tables.append(t)
        return t

    def insert(self, table: str, columns: list[str], rows: list[tuple]):
        quote = connection.ops.quote_name
        cols = ", ".join(quote(c) for c in columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {quote(table)} ({cols}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {quote(table)} ({cols}) VALUES ({marks})", rows)

    def flush(self):
        for t in self.tables:
            t.flush()

    def say(self, what: str):
        if self.progress is not None:
            elapsed = time.monotonic() - self.started
            self.progress.write(f"[{elapsed:7.1f}s] {what}\n")
            self.progress.flush()

    def finish(self):
        self.flush()
        # Fresh statistics for the query planner: without them SQLite takes "coalition = ?"
        # for a selective index and scans a whole coalition's relationships (PostgreSQL's
        # autovacuum would get there by itself, later).
        self.say("analyze")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        if connection.vendor == "postgresql":
            models_ = {t.model for t in self.tables}
            sql = connection.ops.sequence_reset_sql(no_style(), list(models_))
            with connection.cursor() as cursor:
                for statement in sql:
                    cursor.execute(statement)


def money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))
