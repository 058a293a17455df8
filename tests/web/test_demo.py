import pytest
from django.core.management import call_command

from juntos.charter.models import Coalition
from juntos.districts.selectors import lookup
from juntos.members.models import Application, Member
from juntos.web.sample import PUBLIC_DATA


def test_demo_loads_both_coalitions_once_with_every_part_filled(db, capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("demo", "--no-serve")
    out = capsys.readouterr().out
    assert "host@juntos.example" in out and "juntos-demo-2026" in out
    mo = Coalition.objects.get(slug="mo-immigration")
    assert Member.objects.filter(coalition=mo).count() == 12
    assert Application.objects.filter(coalition=mo, status="submitted").count() == 2
    assert mo.meetings.exists() and mo.events.exists() and mo.campaigns.exists()
    assert "St. Louis, MO" in mo.postal_address  # the letterhead of its letters
    assert Coalition.objects.filter(slug="kc-welcoming").exists()
    call_command("demo", "--no-serve")  # a second start keeps the data as it is
    assert "already loaded" in capsys.readouterr().out
    assert Member.objects.filter(coalition=mo).count() == 12


def _kiosk_answer(client, zip_code):
    from juntos.events import services

    event = Coalition.objects.get(slug="mo-immigration").events.get()
    token = services.kiosk_token(event, "guest")
    return client.get(f"/kiosk/{token}/representative/", {"zip_code": zip_code}).content.decode()


def test_demo_kiosk_names_a_real_representative_from_the_package_alone(
    db, client, settings, tmp_path
):
    """Without ../shared/data the package's Missouri members of Congress are enough."""
    settings.VAR_DIR = tmp_path
    call_command("demo", "--no-serve", "--public-data", str(tmp_path / "absent"))
    mo = Coalition.objects.get(slug="mo-immigration")
    found = lookup(mo, "64106")  # downtown Kansas City: MO-5
    assert [(s.district, s.official.name) for s in found.house] == [("5", "Emanuel Cleaver")]
    assert sorted(s.name for s in found.senators) == ["Eric Schmitt", "Josh Hawley"]
    assert found.state_senators == []
    answer = _kiosk_answer(client, "64106")
    assert "Emanuel Cleaver" in answer and "write" not in answer.casefold()


@pytest.mark.skipif(not PUBLIC_DATA.is_dir(), reason=f"no public data at {PUBLIC_DATA}")
def test_demo_loads_missouri_state_legislators_from_the_public_data(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("demo", "--no-serve")
    mo = Coalition.objects.get(slug="mo-immigration")
    found = lookup(mo, "65101", choice="MO-3")  # Jefferson City
    assert [s.official.name for s in found.house] == ["Robert F. Onder, Jr."]
    assert {s.district for s in found.state_senators} == {"6", "10", "26"}
    assert all(s.official is not None for s in found.state_senators)


def test_every_demo_option_the_readme_names_exists():
    import re
    from pathlib import Path

    from juntos.web.management.commands.demo import Command

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    named = set(re.findall(r"juntos demo((?: +--[a-z-]+(?: +[^\s`#-][^\s`]*)?)+)", readme))
    options = {o for group in named for o in re.findall(r"--[a-z-]+", group)}
    assert "--addrport" in options
    parser = Command().create_parser("juntos", "demo")
    known = {s for action in parser._actions for s in action.option_strings}
    assert options <= known, options - known


def test_demo_teleconferences_carry_an_example_call_link_so_they_can_be_edited(
    db, settings, tmp_path
):
    from juntos.governance.forms import LogisticsForm
    from juntos.governance.models import Meeting

    settings.VAR_DIR = tmp_path
    call_command("demo", "--no-serve")
    calls = Meeting.objects.filter(format=Meeting.Format.CALL)
    assert calls.exists()
    assert all(m.call_link.startswith("https://meet.example.org/") for m in calls)
    call = calls.first()
    form = LogisticsForm(
        data={
            "title": call.title,
            "duration_minutes": 120,
            "format": call.format,
            "place": call.place,
            "accessibility_notes": call.accessibility_notes,
            "call_link": call.call_link,
            "language": "es",
        }
    )
    assert form.is_valid(), form.errors


def test_demo_records_the_language_of_its_texts_so_spanish_readers_see_the_mark(
    db, client, settings, tmp_path
):
    from django.urls import reverse
    from django.utils import translation

    from juntos.accounts.models import User
    from juntos.communications.models import Statement, Update
    from juntos.events.models import Event

    settings.VAR_DIR = tmp_path
    call_command("demo", "--no-serve")
    for slug in ("mo-immigration", "kc-welcoming"):
        coalition = Coalition.objects.get(slug=slug)
        assert coalition.charter_in_force().language == "en"
    mo = Coalition.objects.get(slug="mo-immigration")
    rows = [*Update.objects.filter(coalition=mo), *Statement.objects.filter(coalition=mo)]
    rows += list(Event.objects.filter(coalition=mo))
    assert rows and all(row.language == "en" for row in rows)
    client.force_login(User.objects.get(email="host@juntos.example"))
    try:
        client.post(reverse("set_language"), {"language": "es", "next": "/"})
        home = client.get(reverse("web:home", args=[mo.slug])).content.decode()
    finally:
        translation.activate("en")
    assert '<span lang="en">' in home and "sin traducir" in home
