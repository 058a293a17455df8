"""Legislative calendars: Open States' sessions (the real snapshot), recesses from an
iCalendar file or a CSV; recesses become dates to avoid, and an action placed on one warns."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

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


RECESSES = """title,starts_on,ends_on
Spring recess,2027-03-15,2027-03-19
"""
HOUSE_RECESSES = """title,starts_on,ends_on
District work period,2027-04-05,2027-04-09
"""


def _place(campaign, personas, on):
    return services.tactic_warnings(
        campaign=campaign, coalition=personas.coalition, rung=Rung.MEETING, on=on
    )[0]


def test_a_chamber_is_out_only_for_the_campaigns_that_target_it(personas, tmp_path):
    """Recesses of two chambers: the Missouri Senate's warns a campaign aimed at a state
    senator, not one aimed at a U.S. Representative, and the U.S. House's the other way."""
    from juntos.relationships.models import Contact
    from tests.campaigns.conftest import make_campaign

    senate, house = tmp_path / "mo-senate.csv", tmp_path / "us-house.csv"
    senate.write_text(RECESSES)
    house.write_text(HOUSE_RECESSES)
    run(senate, personas.coalition.slug, "--chamber", "MO Senate")
    run(house, personas.coalition.slug, "--chamber", "US House")
    assert KeyDate.objects.get(title="MO Senate: Spring recess").chamber == "upper"
    assert KeyDate.objects.get(title="US House: District work period").legislature == "US"

    senator = Contact.objects.create(
        coalition=personas.coalition,
        name="Sen. Ana Ruiz",
        level="state",
        state="MO",
        chamber="upper",
        district="10",
    )
    state_campaign = make_campaign(personas, title="State IDs")
    services.target_add(
        campaign=state_campaign,
        actor=personas.host,
        level="primary",
        name=senator.name,
        contact=senator,
    )
    federal_campaign = make_campaign(personas, title="Federal IDs")
    services.target_add(
        campaign=federal_campaign, actor=personas.host, level="primary", per_member="house"
    )
    assert services.target_chambers(state_campaign) == {("MO", "upper")}
    assert services.target_chambers(federal_campaign) == {("US", "lower")}

    senate_out, house_out = date(2027, 3, 17), date(2027, 4, 7)  # both Wednesdays
    assert "Spring recess" in " ".join(_place(state_campaign, personas, senate_out))
    _warnings, used = services.tactic_warnings(
        campaign=state_campaign, coalition=personas.coalition, rung=Rung.MEETING, on=senate_out
    )
    assert any("concerns the campaigns whose targets sit in that chamber" in r for r in used)
    assert _place(state_campaign, personas, house_out) == []
    assert _place(federal_campaign, personas, senate_out) == []
    assert "District work period" in " ".join(_place(federal_campaign, personas, house_out))

    # The timeline draws only the campaign's own chamber's recess.
    client = personas.client("host")
    url = reverse("campaigns:timeline", args=[personas.coalition.slug, state_campaign.pk])
    page = client.get(url).content.decode()
    assert "MO Senate: Spring recess" in page and "District work period" not in page


def test_chamber_names_are_read_or_refused(personas, tmp_path):
    assert calendars.parse_chamber("MO Senate") == ("MO", "upper")
    assert calendars.parse_chamber("U.S. House of Representatives") == ("US", "lower")
    assert calendars.parse_chamber("ne-legislature") == ("NE", "legislature")
    path = tmp_path / "r.csv"
    path.write_text(RECESSES)
    with pytest.raises(CommandError, match="MO Senate"):
        run(path, personas.coalition.slug, "--chamber", "Senate")
    assert not KeyDate.objects.exists()


@pytest.mark.parametrize(
    ("legislature", "chamber", "targets", "applies"),
    [
        ("", "", {("MO", "upper")}, True),  # a date of no chamber: everyone's
        ("MO", "upper", {("MO", "upper")}, True),
        ("MO", "upper", {("MO", "lower")}, False),
        ("MO", "upper", {("US", "upper")}, False),  # the U.S. Senate is not Missouri's
        ("MO", "", {("MO", "lower")}, True),  # both of Missouri's chambers
        ("US", "lower", {("MO", "upper"), ("US", "lower")}, True),
        ("US", "lower", set(), True),  # no legislator as target: every chamber warns
    ],
)
def test_chamber_applies(legislature, chamber, targets, applies):
    from juntos.campaigns.rules import chamber_applies

    assert chamber_applies(legislature=legislature, chamber=chamber, targets=targets) is applies
