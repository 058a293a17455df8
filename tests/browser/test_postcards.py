"""A guest signs in at the kiosk on a phone, types a Missouri ZIP, sees who represents
them and sends a postcard to that office; the host prints the cards (PDF rendered to PNG
to look at: the message side and the address side)."""

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from juntos.events import services
from juntos.events.models import EventAction
from juntos.relationships.importer import read_path
from juntos.relationships.services import officials_import
from tests.browser.conftest import PHONE, SCREENSHOTS, sign_in
from tests.conftest import PASSWORD, make_personas

pytestmark = pytest.mark.django_db(transaction=True)
DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.mark.skipif(not DATA.is_dir(), reason=f"no public data at {DATA}")
def test_guest_sends_a_postcard_to_their_own_representative_from_a_phone(page_for, shot, tmp_path):
    personas = make_personas()
    congress = DATA / "congress-legislators"
    officials_import(
        coalition=personas.coalition,
        batch=read_path(
            congress / "legislators-current.yaml",
            offices=congress / "legislators-district-offices.yaml",
        ),
    )
    start = timezone.now() - timedelta(hours=1)
    event = services.event_plan(
        coalition=personas.coalition,
        actor=personas.host,
        hosts=[personas.member],
        data={
            "kind": "community_forum",
            "title": "Forum on the Dignity Act",
            "starts_at": start,
            "ends_at": start + timedelta(hours=3),
            "postcard_message": "Please co-sponsor the Dignity Act. Our neighbors work, pay "
            "taxes and raise their children here.",
        },
    )
    services.event_status_set(event=event, actor=personas.host, status="published")
    token = services.kiosk_token(event, "guest")

    kiosk = page_for(viewport=PHONE)
    kiosk.goto(f"/kiosk/{token}/")
    assert "Alaska" not in kiosk.content() and kiosk.locator("select").count() == 0
    kiosk.fill("#id_name", "Lucía Hernández")
    kiosk.check("#id_postcard")
    kiosk.fill("#id_zip_code", "63017")
    kiosk.wait_for_selector("text=Your representative is")
    assert "Ann Wagner (U.S. Representative, MO-2)" in kiosk.inner_text("#kiosk-representative")
    kiosk.fill("#id_return_address", "12 Elm St\nChesterfield MO 63017")
    shot(kiosk, "districts-kiosk-representative-phone")
    kiosk.click("button.kiosk-submit")
    kiosk.wait_for_selector("#kiosk-thanks [data-postcard]:not([hidden])")
    assert "Your postcard goes to Rep. Ann Wagner" in kiosk.inner_text("#kiosk-thanks")
    card = EventAction.objects.get(event=event, kind="postcard")
    assert card.office.bioguide_id == "W000812" and card.name == "Lucía Hernández"
    assert "Ballwin" in card.office_address  # her district office nearest Chesterfield

    # A guest in a split ZIP chooses.
    kiosk.fill("#id_name", "Adam Smith")
    kiosk.check("#id_postcard")
    kiosk.fill("#id_zip_code", "63012")
    kiosk.wait_for_selector("text=more than one district")
    kiosk.check("input[name=district][value='MO-8']")
    kiosk.click("button.kiosk-submit")
    kiosk.wait_for_selector("text=Your postcard goes to Rep. Jason Smith")

    host = page_for()
    sign_in(host, personas.host.email, PASSWORD)
    response = host.request.get(f"/c/{personas.coalition.slug}/events/{event.pk}/postcards.pdf")
    assert response.ok and response.body().startswith(b"%PDF")
    pdf = tmp_path / "postcards.pdf"
    pdf.write_bytes(response.body())
    if shutil.which("pdftoppm"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", str(pdf), str(SCREENSHOTS / "districts-postcards")],
            check=True,
        )
