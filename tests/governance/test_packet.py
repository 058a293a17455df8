"""The meeting packet PDF (issue 16): agenda, attendance, motions with ballots and rule,
minutes, parking lot, follow-ups; confidential items only for those allowed."""

import shutil
import subprocess
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from juntos.governance import services

from .helpers import all_present, meeting, person_of

pytestmark = pytest.mark.django_db

needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils reads the PDF back"
)


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(
        datetime(2027, 3, 10, 18, 5, tzinfo=ZoneInfo("America/Chicago")), tick=False
    )
    return time_machine


def text_of(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "packet.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    )
    return " ".join(out.stdout.split())


@pytest.fixture
def held(personas, _clock):
    m = meeting(personas, hour=18, minute=0)
    services.agenda_item_add(
        meeting=m, actor=personas.host, goal="Reports", time="0:10", process="Each team"
    )
    secret = services.agenda_item_add(
        meeting=m,
        actor=personas.host,
        goal="Litigation strategy",
        confidential=True,
        notes="Counsel advises waiting",
    )
    all_present(personas, m)
    motion = services.motion_open(
        meeting=m, actor=personas.host, kind="general", text="Hold a vigil on Friday"
    )
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=None)
    services.motion_close(motion=motion, actor=personas.host)
    services.minutes_update(
        meeting=m,
        actor=personas.host,
        parking_lot="Bus passes",
        takeaways="Call legislators",
        item_notes={},
    )
    services.followup_add(
        meeting=m,
        actor=personas.host,
        text="Book the plaza",
        owner=person_of(personas, personas.rep),
        due_on=date(2027, 3, 12),
    )
    services.followup_add(
        meeting=m,
        actor=personas.host,
        text="Call counsel",
        owner=person_of(personas, personas.core),
        due_on=date(2027, 3, 12),
        agenda_item=secret,
    )
    _clock.move_to(m.ends_at + timedelta(minutes=5), tick=False)
    services.minutes_publish(meeting=m, actor=personas.host)
    return m


@needs_poppler
def test_packet_has_the_whole_record(personas, held, tmp_path):
    url = reverse("governance:packet", args=[personas.coalition.slug, held.pk])
    response = personas.client("host").get(url)
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content, tmp_path)
    for expected in (
        "Agenda",
        "0:10 · Reports",
        "Attendance",
        "Casa Test",
        "Hold a vigil on Friday",
        "1 yes, 0 no, 0 abstaining: passes",
        "a majority of votes cast",
        "Casa Test: Yes",
        "Bus passes",
        "Call legislators",
        "Book the plaza",
        "Litigation strategy",
        "Counsel advises waiting",
        "Call counsel",
    ):
        assert expected in text, expected


@needs_poppler
def test_a_representative_not_named_gets_no_confidential_items(personas, held, tmp_path):
    url = reverse("governance:packet", args=[personas.coalition.slug, held.pk])
    text = text_of(personas.client("other_rep").get(url).content, tmp_path)
    assert "Reports" in text and "Book the plaza" in text
    assert "Litigation strategy" not in text
    assert "Counsel advises waiting" not in text and "Call counsel" not in text


@needs_poppler
def test_the_packet_looks_like_a_document(personas, held, tmp_path):
    """Rendered to an image: a page with ink on it, not an empty or broken file."""
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm")
    url = reverse("governance:packet", args=[personas.coalition.slug, held.pk])
    path = tmp_path / "p.pdf"
    path.write_bytes(personas.client("host").get(url).content)
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "page")], check=True)
    from PIL import Image

    pages = sorted(tmp_path.glob("page*.png"))
    assert pages
    image = Image.open(pages[0]).convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > 500
