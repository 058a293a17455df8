"""Legislative calendars: Open States' sessions (the real snapshot), recesses from an
iCalendar file or a CSV; recesses become dates to avoid, and an action placed on one warns."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from juntos.campaigns import calendars, services
from juntos.campaigns.models import KeyDate
from juntos.campaigns.rules import Rung
from juntos.campaigns.services import NeedsConfirmation

pytestmark = pytest.mark.django_db
SESSIONS = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "data"
    / "legislative-sessions"
    / "openstates-sessions.json"
)
ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
BEGIN:VEVENT\r
SUMMARY:Spring recess\r
DTSTART;VALUE=DATE:20270318\r
DTEND;VALUE=DATE:20270329\r
END:VEVENT\r
BEGIN:VEVENT\r
SUMMARY:Session day\\, joint\r
DTSTART:20270405T090000\r
END:VEVENT\r
END:VCALENDAR\r
"""


def run(path, slug, *args):
    out = StringIO()
    call_command("import-calendar", str(path), "--coalition", slug, *args, stdout=out)
    return out.getvalue()


@pytest.mark.skipif(not SESSIONS.exists(), reason="no shared data")
def test_missouri_sessions_from_open_states_become_key_dates_once(personas):
    output = run(SESSIONS, personas.coalition.slug, "--state", "mo")
    rows = KeyDate.objects.filter(coalition=personas.coalition, category="session")
    regular = rows.get(title="MO 2026 Regular Session")
    assert (regular.starts_on, regular.ends_on, regular.blackout) == (
        date(2026, 1, 7),
        date(2026, 5, 15),
        False,
    )
    count = rows.count()
    assert f"{count} added" in output
    # Open States' own slip (2022 1st Extraordinary Session "ending" in 2021) is named, not
    # imported, and does not stop the rest.
    assert "1 skipped (2022 1st Extraordinary Session" in output
    again = run(SESSIONS, personas.coalition.slug, "--state", "mo")
    assert "0 added" in again and rows.count() == count


def test_ical_all_day_end_is_exclusive_and_commas_unescaped():
    spans = calendars.read_ical(ICS)
    assert spans[0] == calendars.Span(
        "Spring recess", date(2027, 3, 18), date(2027, 3, 28), "recess"
    )
    assert spans[1].title == "Session day, joint" and spans[1].ends_on is None


def test_a_recess_is_a_date_to_avoid_for_actions(personas, tmp_path):
    from tests.campaigns.conftest import make_campaign

    path = tmp_path / "senate.ics"
    path.write_text(ICS)
    run(path, personas.coalition.slug, "--chamber", "MO Senate")
    recess = KeyDate.objects.get(title="MO Senate: Spring recess")
    assert recess.blackout and recess.category == "recess" and recess.campaign is None
    campaign = make_campaign(personas)
    with pytest.raises(NeedsConfirmation) as asked:
        services.tactic_plan(
            campaign=campaign,
            coalition=personas.coalition,
            actor=personas.host,
            rung=Rung.MEETING,
            title="Visit",
            on=date(2027, 3, 23),
        )
    assert "Spring recess" in " ".join(asked.value.warnings)


def test_a_bad_csv_imports_nothing(personas, tmp_path):
    path = tmp_path / "recesses.csv"
    path.write_text("title,starts_on,ends_on\nEaster,2027-03-28,2027-04-04\nBad,2027-13-01,\n")
    with pytest.raises(CommandError, match="line 3"):
        run(path, personas.coalition.slug)
    assert not KeyDate.objects.exists()
    with pytest.raises(CommandError, match="--state"):
        run(SESSIONS, personas.coalition.slug)
