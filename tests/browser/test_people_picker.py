"""On a phone, in Spanish, a core team member plans a visit to a decision maker in a
coalition of more than 300 people: typing part of an accented name without its accents
("hernand", then "munoz") twice in the storytellers' box offers each person with their
organization; choosing each adds a checked chip, one is unchecked and chosen again, and
saving the plan names both storytellers."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from juntos.campaigns.models import DecisionMakerMeeting
from juntos.members.models import Person
from tests.browser.conftest import PHONE, sign_in
from tests.campaigns.conftest import make_campaign
from tests.conftest import PASSWORD, make_personas

pytestmark = pytest.mark.django_db(transaction=True)


def test_core_chooses_two_storytellers_by_typing_parts_of_accented_names(page_for, shot):
    personas = make_personas()
    Person.objects.bulk_create(
        [
            Person(
                coalition=personas.coalition,
                member=personas.member,
                full_name=f"Volunteer {i:04d}",
                role="representative",
            )
            for i in range(305)
        ]
    )
    lucia, jose = (
        Person.objects.create(
            coalition=personas.coalition,
            member=personas.member,
            full_name=name,
            role="representative",
        )
        for name in ("Lucía Hernández", "José Muñoz")
    )
    campaign = make_campaign(personas)
    page = page_for(viewport=PHONE, locale="es-MX")
    sign_in(page, personas.core.email, PASSWORD)
    page.goto(reverse("campaigns:dm_meeting_add", args=[personas.coalition.slug, campaign.pk]))
    expect(page.locator("html")).to_have_attribute("lang", "es")

    page.fill("#id_decision_maker", "Alcaldesa Lee")
    page.fill("#id_purpose", "Financiar las identificaciones")
    page.fill("#id_requests", "Una partida en el presupuesto")
    page.fill("#id_facilitator", "Cora Core")
    page.fill("#id_asker", "olga other")
    box = page.locator("#id_storytellers")
    chips = page.locator("#id_storytellers-chosen input[type=checkbox]")
    options = page.locator("#id_storytellers-options option")
    for typed, person in (("hernand", lucia), ("munoz", jose)):
        box.press_sequentially(typed, delay=40)
        expect(options).to_have_count(1)
        expect(options).to_have_attribute("value", f"{person.full_name} (#{person.pk})")
        expect(options).to_have_text(f"{person.full_name} · Casa Test · MO-1")
        box.fill(options.get_attribute("value"))
        expect(box).to_have_value("")
    expect(chips).to_have_count(2)
    expect(page.locator("#id_storytellers-chosen")).to_contain_text("Lucía Hernández")
    expect(page.locator("#id_storytellers-chosen")).to_contain_text("José Muñoz")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "dm-meeting-storytellers-phone-es")

    chips.nth(0).uncheck()  # removed, then chosen again by its suggestion
    box.press_sequentially("hernand", delay=40)
    expect(options).to_have_attribute("value", f"{lucia.full_name} (#{lucia.pk})")
    box.fill(options.get_attribute("value"))
    expect(chips).to_have_count(2)
    expect(chips.nth(0)).to_be_checked()

    page.get_by_role("button", name="Guardar el plan").click()
    expect(page.locator("body")).to_contain_text("Reunión planeada.")
    meeting = DecisionMakerMeeting.objects.get()
    assert set(meeting.storytellers.all()) == {lucia, jose}
    expect(page.get_by_text("José Muñoz, Lucía Hernández", exact=True)).to_be_visible()
