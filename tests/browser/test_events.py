"""A host plans a community forum, invites two guests, three guests and one journalist sign
in at the kiosk on a phone (one of them through a network drop), postcards are recorded,
and the host organization's standing counts the forum. Screenshots of the kiosk on a
phone and of the PDF sign-in sheet rendered to PNG."""

import shutil
import subprocess
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from juntos.events.models import Event, EventAction, SignIn
from juntos.relationships.models import Contact
from tests.browser.conftest import PHONE, SCREENSHOTS, sign_in
from tests.conftest import PASSWORD, make_personas

pytestmark = pytest.mark.django_db(transaction=True)


def go(page, selector):
    """Click something that loads a new page and wait for it."""
    with page.expect_navigation():
        page.click(selector)


def kiosk_sign(page, name, **fields):
    page.fill("#id_name", name)
    for selector, value in fields.items():
        if value is True:
            page.check(f"#id_{selector}")
        else:
            page.fill(f"#id_{selector}", value)
    page.click("button.kiosk-submit")


def test_plan_invite_sign_in_act_and_count(page_for, shot, tmp_path):
    personas = make_personas()
    slug = personas.coalition.slug
    host = page_for()
    sign_in(host, personas.host.email, PASSWORD)

    # Plan: a forum that started an hour ago, hosted by Casa Test.
    host.goto(f"/c/{slug}/events/")
    go(host, "text=Plan an event")
    start = timezone.localtime() - timedelta(hours=1)
    host.select_option("#id_kind", "community_forum")
    host.fill("#id_title_en", "Community forum on immigration reform")
    host.check(f"input[name=hosts][value='{personas.member.pk}']")
    host.fill("#id_starts_at", start.strftime("%Y-%m-%dT%H:%M"))
    host.fill("#id_ends_at", (start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    host.fill("#id_venue_name", "Casa community center")
    host.fill("#id_accessibility_notes_en", "Step-free entrance, on the #70 bus line.")
    go(host, "button.primary")
    assert "0 of 15 done" in host.content()
    go(host, "text=Publish the event page")
    event = Event.objects.get(title="Community forum on immigration reform")
    assert event.status == "published"

    # Invite two distinguished guests.
    go(host, "text=Guests and invitations")
    for name, email in (
        ("Sen. Ana Diaz", "diaz@senate.example"),
        ("Rep. Luis Ortiz", "ortiz@house.example"),
    ):
        host.fill("#id_name", name)
        host.fill("#id_email", email)
        go(host, "text=Add guest")
    mail.outbox.clear()
    go(host, "text=Send 2 invitations")
    assert sorted(m.to[0] for m in mail.outbox) == ["diaz@senate.example", "ortiz@house.example"]
    assert "Dear Sen. Ana Diaz" in next(m.body for m in mail.outbox if "diaz" in m.to[0])
    assert host.locator("#guest-table .badge", has_text="No answer yet").count() == 2

    # Open the kiosks from the sign-in page.
    host.goto(f"/c/{slug}/events/{event.pk}/")
    go(host, "text=Sign-in and kiosk")
    guest_url = host.input_value("#kiosk-guest")
    press_url = host.input_value("#kiosk-press")

    kiosk = page_for(viewport=PHONE)
    kiosk.goto(guest_url)
    kiosk_sign(
        kiosk, "Rene Rep", email="rep@test.example", office_name="Rep. Cori Bush", endorse=True
    )
    kiosk.wait_for_selector("#kiosk-thanks:not([hidden])")
    kiosk_sign(kiosk, "María López", endorse=True)
    expect(kiosk.locator("#id_name")).to_have_value("")  # no eval: the page's CSP forbids it
    # The network drops: the signature is kept on the tablet and sent when it is back.
    kiosk.context.set_offline(True)
    kiosk_sign(kiosk, "Chen Wei")
    kiosk.wait_for_selector("#kiosk-pending:not([hidden])")
    assert "Saved on this tablet" in kiosk.inner_text("#kiosk-thanks")
    assert SignIn.objects.filter(event=event, list="guest").count() == 2
    kiosk.context.set_offline(False)
    kiosk.wait_for_selector("#kiosk-pending", state="hidden", timeout=15_000)
    assert SignIn.objects.filter(event=event, list="guest").count() == 3
    kiosk.fill("#id_name", "")
    shot(kiosk, "events-kiosk-phone")

    press = page_for(viewport=PHONE)
    press.goto(press_url)
    go(press, "button[name=language][value=es]")  # one tap to Spanish
    assert press.get_attribute("html", "lang") == "es"
    assert press.url.endswith(press_url[press_url.index("/kiosk/") :])  # still the kiosk
    kiosk_sign(press, "Jo Reporter", organization="KSDK", email="jo@ksdk.example", may_contact=True)
    press.wait_for_selector("#kiosk-thanks:not([hidden])")
    shot(press, "events-kiosk-press-phone")
    assert SignIn.objects.filter(event=event, list="press").count() == 1

    # Postcards collected on paper, typed in as a batch; the press list joins the contacts.
    host.reload()
    assert "Chen Wei" in host.locator("#guest-list + table").inner_text()
    assert "Jo Reporter" in host.locator("#press-list + table").inner_text()
    host.select_option("#id_kind", "postcard")
    host.fill("#id_office_name", "Rep. Ann Wagner")
    host.fill("#id_count", "3")
    go(host, "#actions button.primary")
    assert EventAction.objects.filter(event=event, kind="postcard").count() == 4
    go(host, "text=Add 1 journalist to the media contacts")
    assert Contact.objects.filter(
        coalition=personas.coalition, category="press", name="Jo Reporter"
    ).exists()
    host.goto(f"/c/{slug}/events/{event.pk}/")
    counts = host.inner_text("#counts")
    assert "3\nguests signed in" in counts and "4\npostcards to Congress" in counts
    assert "2\nendorsements" in counts

    # The host organization's standing counts the forum it hosted.
    host.goto(f"/c/{slug}/members/{personas.member.pk}/")
    assert "1 of 1 needed this year" in host.content()

    # The paper sheet, rendered to PNG to look at.
    response = host.request.get(f"/c/{slug}/events/{event.pk}/sign-in/guest.pdf?paper=letter")
    assert response.ok and response.body().startswith(b"%PDF")
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(response.body())
    if shutil.which("pdftoppm"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                str(pdf),
                str(SCREENSHOTS / "events-signin-sheet"),
            ],
            check=True,
        )
