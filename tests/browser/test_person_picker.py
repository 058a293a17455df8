"""A representative names an alternate among more than 300 people: typing part of an
accented name without its accents ("hernand") offers "Lucía Hernández" with her
organization, and choosing it names her."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from juntos.governance.models import AlternateRepresentative
from juntos.members.models import Person
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD, make_personas

pytestmark = pytest.mark.django_db(transaction=True)


def test_rep_finds_an_alternate_by_typing_part_of_an_accented_name(page_for, shot):
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
    lucia = Person.objects.create(
        coalition=personas.coalition,
        member=personas.member,
        full_name="Lucía Hernández",
        role="representative",
    )
    page = page_for()
    sign_in(page, personas.rep.email, PASSWORD)
    page.goto(reverse("governance:alternates", args=[personas.coalition.slug]))
    box = page.locator("#id_person")
    expect(box).to_have_attribute("list", "id_person-options")
    box.press_sequentially("hernand", delay=40)
    option = page.locator("#id_person-options option")
    expect(option).to_have_count(1)
    expect(option).to_have_attribute("value", f"Lucía Hernández (#{lucia.pk})")
    expect(option).to_have_text("Lucía Hernández · Casa Test · MO-1")
    shot(page, "alternate-picker-suggests")
    box.fill(option.get_attribute("value"))
    page.click("button.primary")
    expect(page.locator("body")).to_contain_text("Alternate named.")
    assert AlternateRepresentative.objects.get(member=personas.member).person == lucia
