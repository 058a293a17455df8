"""Legislative calendars into key dates: sessions (Open States) and recesses or in-session
days (iCalendar, CSV). Coalition-wide key dates; sessions are shown, recesses are dates to
avoid (blackouts). Importing again updates the same dates; a bad file imports nothing."""

import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from juntos.audit.models import Action
from juntos.campaigns import calendars
from juntos.campaigns.models import KeyDate
from juntos.campaigns.services.base import audit

MAX_BYTES = 20 * 1024 * 1024


@dataclass
class CalendarReport:
    added: int = 0
    updated: int = 0
    skipped: list = field(default_factory=list)

    def __str__(self):
        text = f"{self.added} added, {self.updated} updated"
        if self.skipped:
            text += f", {len(self.skipped)} skipped ({'; '.join(self.skipped)})"
        return text


def read_location(location) -> str:
    text = str(location)
    if text.startswith(("http://", "https://")):
        with urllib.request.urlopen(text, timeout=60) as response:  # noqa: S310 (http/https)
            body = response.read(MAX_BYTES + 1)
        if len(body) > MAX_BYTES:
            raise calendars.CalendarError("the file is larger than 20 MB")
        return body.decode("utf-8-sig")
    path = Path(text)
    if not path.is_file():
        raise calendars.CalendarError(f"no such file: {text}")
    return path.read_text(encoding="utf-8-sig")


def calendars_import(
    *,
    coalition,
    location,
    state: str = "",
    chamber: str = "",
    category: str = "recess",
    actor=None,
) -> CalendarReport:
    report = CalendarReport()
    # Whose calendar: "MO Senate" is Missouri's upper chamber; a state's sessions (Open
    # States) are that legislature's, both chambers. It decides which campaigns it concerns.
    legislature, house = calendars.parse_chamber(chamber) if chamber else (state.upper(), "")
    spans = calendars.read_any(
        read_location(location), state=state, category=category, skipped=report.skipped
    )
    prefix = f"{chamber}: " if chamber else ""
    with transaction.atomic():
        for span in spans:
            title = f"{prefix}{span.title}"[:200]
            row, created = KeyDate.objects.update_or_create(
                coalition=coalition,
                campaign=None,
                category=span.category,
                title=title,
                starts_on=span.starts_on,
                defaults={
                    "kind": KeyDate.Kind.EXTERNAL,
                    "ends_on": span.ends_on,
                    # The chamber is out: a date to avoid. In session: a date to plan around.
                    "blackout": span.category == "recess",
                    "legislature": legislature,
                    "chamber": house,
                },
            )
            if created:
                report.added += 1
            else:
                report.updated += 1
        if spans:
            audit(
                coalition=coalition,
                actor=actor,
                action=Action.KEY_DATE_CHANGED,
                target=coalition,
                changes={"calendar_imported": [None, f"{location} ({report})"[:300]]},
            )
    return report
