"""Legislative calendars as pure functions: Open States' session data (JSON), and recesses
or in-session days from an iCalendar file or a CSV. Returns spans; nothing is stored here
(services.calendars_import writes them as key dates)."""

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta


class CalendarError(ValueError):
    """A file that cannot be read as a calendar; the message says where and why."""


@dataclass(frozen=True)
class Span:
    title: str
    starts_on: date
    ends_on: date | None
    category: str  # "session" or "recess" (KeyDate.Category)


def _date(text, where) -> date:
    try:
        return date.fromisoformat(str(text).strip()[:10])
    except ValueError:
        raise CalendarError(f"{where}: {text!r} is not a date (YYYY-MM-DD)") from None


def read_sessions(text: str, state: str, skipped: list | None = None) -> list[Span]:
    """Open States' sessions of one state (`{"sessions": {"mo": [...]}}`), those with dates.
    A session whose dates contradict each other (Open States lists Missouri's 2022 1st
    Extraordinary Session as ending in 2021) is left out and named in `skipped`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CalendarError(f"not valid JSON (line {exc.lineno})") from None
    sessions = data.get("sessions") if isinstance(data, dict) else None
    if not isinstance(sessions, dict):
        raise CalendarError('expected {"sessions": {"<state>": [...]}}')
    rows = sessions.get(state.lower())
    if rows is None:
        raise CalendarError(f"no sessions for {state.upper()} in this file")
    out = []
    for i, row in enumerate(rows):
        if not isinstance(row, dict) or not row.get("start_date"):
            continue  # a session announced without dates yet
        starts = _date(row["start_date"], f"sessions.{state}[{i}].start_date")
        ends = (
            _date(row["end_date"], f"sessions.{state}[{i}].end_date")
            if row.get("end_date")
            else None
        )
        name = str(row.get("name") or row.get("identifier") or "").strip()
        if ends and ends < starts:
            if skipped is not None:
                skipped.append(f"{name}: ends ({ends}) before it starts ({starts})")
            continue
        out.append(Span(f"{state.upper()} {name}".strip(), starts, ends, "session"))
    return out


ICAL_LINE = re.compile(r"^([A-Z-]+)(;[^:]*)?:(.*)$")


def read_ical(text: str, category: str = "recess") -> list[Span]:
    """All-day or timed VEVENTs: SUMMARY, DTSTART, DTEND (exclusive for all-day events)."""
    lines = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        if raw.startswith((" ", "\t")) and lines:
            lines[-1] += raw[1:]  # folded line
        else:
            lines.append(raw)
    if not any(line.strip() == "BEGIN:VCALENDAR" for line in lines):
        raise CalendarError("not an iCalendar file (no BEGIN:VCALENDAR)")
    out, event = [], None
    for n, line in enumerate(lines, start=1):
        if line.strip() == "BEGIN:VEVENT":
            event = {}
            continue
        if line.strip() == "END:VEVENT" and event is not None:
            if "DTSTART" not in event:
                raise CalendarError(f"line {n}: an event without DTSTART")
            starts, all_day = event["DTSTART"]
            ends = None
            if "DTEND" in event:
                ends, _ = event["DTEND"]
                if all_day:
                    ends -= timedelta(days=1)
                if ends <= starts:
                    ends = None
            title = event.get("SUMMARY", "").replace("\\,", ",").replace("\\;", ";").strip()
            out.append(Span(title or category, starts, ends, category))
            event = None
            continue
        if event is None:
            continue
        match = ICAL_LINE.match(line)
        if not match:
            continue
        key, params, value = match.groups()
        if key in ("DTSTART", "DTEND"):
            digits = value.strip()[:8]
            if not re.fullmatch(r"\d{8}", digits):
                raise CalendarError(f"line {n}: {key} {value!r} is not a date")
            day = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
            event[key] = (day, "VALUE=DATE" in (params or "") or len(value.strip()) == 8)
        elif key == "SUMMARY":
            event["SUMMARY"] = value
    return out


def read_csv(text: str, category: str = "recess") -> list[Span]:
    """Columns `title,starts_on[,ends_on][,category]` (category: session or recess)."""
    reader = csv.DictReader(io.StringIO(text))
    fields = set(reader.fieldnames or [])
    if not {"title", "starts_on"} <= fields:
        raise CalendarError("a CSV calendar needs the columns title,starts_on[,ends_on][,category]")
    out = []
    for n, row in enumerate(reader, start=2):
        starts = _date(row["starts_on"], f"line {n}")
        ends = _date(row["ends_on"], f"line {n}") if (row.get("ends_on") or "").strip() else None
        if ends and ends < starts:
            raise CalendarError(f"line {n}: ends before it starts")
        kind = (row.get("category") or category).strip().lower()
        if kind not in ("session", "recess"):
            raise CalendarError(f"line {n}: category must be session or recess")
        title = (row.get("title") or "").strip()
        if not title:
            raise CalendarError(f"line {n}: a title is needed")
        out.append(Span(title, starts, ends, kind))
    return out


CHAMBER_WORDS = {
    "senate": "upper",
    "upper": "upper",
    "house": "lower",
    "assembly": "lower",
    "lower": "lower",
    "legislature": "legislature",
    "": "",
}


def parse_chamber(text: str) -> tuple[str, str]:
    """'MO Senate' -> ('MO', 'upper'), 'U.S. House' -> ('US', 'lower'), 'NE Legislature'
    -> ('NE', 'legislature'), 'MO' -> ('MO', ''): whose calendar a file is."""
    from juntos.members.us_states import US_STATES

    words = re.split(r"[\s_-]+", (text or "").strip())
    place = words[0].replace(".", "").upper() if words and words[0] else ""
    rest = " ".join(words[1:]).casefold().replace("of representatives", "").strip()
    states = {code for code, _name in US_STATES}
    if place not in states | {"US"} or rest not in CHAMBER_WORDS:
        raise CalendarError(
            f"--chamber {text!r}: name the legislature and the chamber, "
            'for example "MO Senate", "MO House", "US House" or "US Senate"'
        )
    return place, CHAMBER_WORDS[rest]


def read_any(text: str, *, state: str = "", category: str = "recess", skipped=None) -> list[Span]:
    stripped = text.lstrip()
    if stripped.startswith("{"):
        if not state:
            raise CalendarError("say which state's sessions to import (--state)")
        return read_sessions(text, state, skipped)
    if stripped.startswith("BEGIN:VCALENDAR"):
        return read_ical(text, category)
    return read_csv(text, category)
