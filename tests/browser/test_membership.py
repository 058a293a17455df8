"""A new applicant applies through the public form; a host finds the application in the
queue and marks it ready for a vote. Screenshots of the main pages along the way."""

import pytest

from juntos.members.models import Application
from tests.browser.conftest import PHONE, sign_in
from tests.conftest import PASSWORD, make_personas

pytestmark = pytest.mark.django_db(transaction=True)


def fill_application(page):
    page.check("input[name=kind][value=organization]")
    page.fill("#id_organization_name", "Esperanza Rural")
    page.check("input[name=tax_status][value=c3]")
    page.fill("#id_city", "Sedalia")
    page.select_option("#id_state", "MO")
    page.fill("#id_zip_code", "65301")
    page.fill("#id_representative_name", "Rosa Delgado")
    page.fill("#id_representative_title", "Coordinator")
    page.fill("#id_phone", "660-555-0147")
    page.fill("#id_email", "rosa@esperanza.example")
    page.fill("#id_description", "Rural family support network.")
    page.fill("#id_engages_immigrants", "Rides to clinics and know-your-rights sessions.")
    page.fill("#id_policy_priorities", "Driver's licenses for all.")
    page.fill("#id_base_and_mobilization", "80 families; phone trees for rapid response.")
    page.fill("#id_why_join", "We are isolated and want to act with others.")
    page.check("input[name=participation][value=full_coalition]")
    page.check("input[name=participation][value=issue_teams]")
    page.fill("#id_benefit", "A voice from rural central Missouri.")


def test_applicant_applies_and_host_finds_it_in_the_queue(page_for, shot):
    personas = make_personas()
    slug = personas.coalition.slug
    page = page_for()
    page.goto(f"/c/{slug}/apply/")
    shot(page, "apply-desktop-en")

    # A first try with mistakes: clear messages next to the fields, nothing saved.
    fill_application(page)
    page.fill("#id_zip_code", "653")
    page.fill("#id_email", "rosa-at-esperanza")
    page.click("button.primary")
    assert page.locator("#field-zip_code .errorlist").is_visible()
    assert page.locator("#field-email .errorlist").is_visible()
    assert page.locator("#field-agree .errorlist").is_visible()
    shot(page, "apply-errors-en")
    assert Application.objects.count() == 0

    page.fill("#id_zip_code", "65301")
    page.fill("#id_email", "rosa@esperanza.example")
    page.check("#id_agree")
    page.click("button.primary")
    page.wait_for_url(f"**/c/{slug}/apply/thanks/")
    assert "Thank you" in page.content()
    assert Application.objects.get().organization_name == "Esperanza Rural"

    host = page_for()
    sign_in(host, personas.host.email, PASSWORD)
    host.goto(f"/c/{slug}/applications/")
    host.click("text=Esperanza Rural")
    assert "Rural family support network." in host.content()
    host.click("button[value=ready]")
    assert "Ready for a vote" in host.content()
    assert Application.objects.get().status == "ready"
    shot(host, "application-detail-host")


def test_screenshots_of_home_directory_and_spanish_phone_form(page_for, shot):
    personas = make_personas()
    slug = personas.coalition.slug
    host = page_for()
    sign_in(host, personas.host.email, PASSWORD)
    host.goto(f"/c/{slug}/")
    assert "Recruiting balance" in host.content()
    shot(host, "home-desktop-en")
    host.goto(f"/c/{slug}/members/")
    shot(host, "directory-desktop-en")

    phone = page_for(viewport=PHONE)
    sign_in(phone, personas.rep.email, PASSWORD)
    phone.goto(f"/c/{slug}/members/")
    shot(phone, "directory-phone-en")

    es_phone = page_for(viewport=PHONE, locale="es-MX")
    es_phone.goto(f"/c/{slug}/apply/")
    assert es_phone.locator("html").get_attribute("lang") == "es"
    shot(es_phone, "apply-phone-es")
    es_desktop = page_for(locale="es-MX")
    es_desktop.goto(f"/c/{slug}/apply/")
    shot(es_desktop, "apply-desktop-es")
    phone.goto(f"/c/{slug}/apply/")
    shot(phone, "apply-phone-en")


def test_language_switcher_changes_the_page(page_for):
    personas = make_personas()
    page = page_for(viewport=PHONE)
    page.goto(f"/c/{personas.coalition.slug}/apply/")
    page.click("button[value=es]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"
    page.click("button[value=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
