"""Printed documents (issue 18, item 9), as the browser prints them: an invitation to an
official in Spanish carries the host's letterhead and postal address, the date in words,
"Honorable …" and "Estimado/a Sen. …:", without the app's menus, its signature kept in one
piece; the strategy chart prints without splitting a row. Phone screenshots of both in
Spanish go to SCREENSHOTS for a person to look at."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from juntos.charter import services as charter_services
from juntos.events import services as event_services
from juntos.relationships import services as relationship_services
from tests.browser.conftest import PHONE, SCREENSHOTS, sign_in
from tests.campaigns.conftest import make_campaign
from tests.conftest import PASSWORD, make_personas
from tests.events.conftest import plan

pytestmark = pytest.mark.django_db(transaction=True)


def style(locator, prop):
    return locator.evaluate(f"el => getComputedStyle(el).getPropertyValue('{prop}')")


def test_invitation_and_strategy_chart_print_as_documents(page_for):
    personas = make_personas()
    coalition = personas.coalition
    charter_services.coalition_texts_set(
        coalition=coalition,
        actor=personas.host,
        name=coalition.name,
        host_name=coalition.host_name,
        languages=["en", "es"],
        postal_address="IFCLA\r\n2000 Main St, Suite 4\r\n\r\nKansas City, MO 64108",
    )
    senator = relationship_services.contact_add(
        coalition=coalition,
        actor=personas.host,
        data={"name": "Rosa Vega", "level": "state", "chamber": "upper", "state": "MO"},
    )
    event = plan(personas)
    guest = event_services.guest_add(
        event=event, actor=personas.host, data={"language": "es"}, contact=senator
    )
    page = page_for(viewport=PHONE)
    sign_in(page, personas.host.email, PASSWORD)
    page.goto(
        reverse(
            "events:invitation_letter",
            kwargs={"slug": coalition.slug, "pk": event.pk, "guest_pk": guest.pk},
        )
    )
    letter = page.locator("article.letter")
    expect(letter.locator(".letterhead-address")).to_contain_text("2000 Main St, Suite 4")
    expect(letter.locator(".letterhead-address")).to_contain_text("Kansas City, MO 64108")
    expect(letter.locator(".letter-recipient")).to_have_text("Honorable Rosa VegaSenado estatal")
    expect(letter.locator(".letter-date")).to_contain_text(" de ")  # "10 de marzo de 2027"
    expect(letter).to_contain_text("Estimado/a Sen. Vega:")
    expect(letter.locator(".signature")).to_contain_text("Respetuosamente,")
    expect(letter).to_contain_text("Escuchará a nuestros ponentes:")  # none named yet
    # Nothing (not the long RSVP address) widens the page past the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(SCREENSHOTS / "print-invitation-es-phone.png"), full_page=True)

    page.emulate_media(media="print")
    for hidden in ("header.top", "details.menu", "footer", ".actions"):
        for i in range(page.locator(hidden).count()):
            expect(page.locator(hidden).nth(i)).to_be_hidden()
    expect(letter.locator(".letterhead-address")).to_be_visible()
    signature = letter.locator(".signature")
    assert style(signature, "break-inside") == "avoid"
    assert style(signature, "break-before") == "avoid"

    campaign = make_campaign(personas, playbook="drivers_licenses")
    page.emulate_media(media="screen")
    page.goto(reverse("campaigns:chart", kwargs={"slug": coalition.slug, "pk": campaign.pk}))
    chart = page.locator(".strategy-chart")
    expect(chart.locator("li").first).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "print-chart-phone.png"), full_page=True)
    page.emulate_media(media="print")
    for row in (chart.locator("li").first, chart.locator(".col").first):
        assert style(row, "break-inside") == "avoid"
    expect(page.locator("header.top")).to_be_hidden()
