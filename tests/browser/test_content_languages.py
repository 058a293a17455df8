"""A host writes an event in English and Spanish, side by side on a computer and stacked on a
phone; a Spanish reader on a phone gets the Spanish version and the English accessibility
note marked "aún sin traducir"."""

import pytest

from juntos.events.models import Event
from juntos.events.services import event_update
from tests.browser.conftest import PHONE, sign_in
from tests.conftest import PASSWORD, make_personas
from tests.events.conftest import plan

pytestmark = pytest.mark.django_db(transaction=True)


def box(page, selector):
    return page.locator(selector).bounding_box()


def test_bilingual_event_form_and_the_spanish_readers_page(page_for, shot):
    personas = make_personas()
    slug = personas.coalition.slug

    host = page_for()
    sign_in(host, personas.host.email, PASSWORD)
    host.goto(f"/c/{slug}/events/plan/")
    english, spanish = box(host, "#id_title_en"), box(host, "#id_title_es")
    assert abs(english["y"] - spanish["y"]) < 2 and spanish["x"] > english["x"] + english["width"]

    phone = page_for(viewport=PHONE)
    sign_in(phone, personas.host.email, PASSWORD)
    phone.goto(f"/c/{slug}/events/plan/")
    phone.fill("#id_title_en", "Rally at the Capitol")
    phone.fill("#id_title_es", "Mitin en el Capitolio")
    english, spanish = box(phone, "#id_title_en"), box(phone, "#id_title_es")
    assert spanish["y"] > english["y"] + english["height"]  # stacked, not squeezed
    assert english["x"] + english["width"] <= PHONE["width"]
    shot(phone, "lang18-event-form-phone")

    event = plan(personas, title="Rally at the Capitol", accessibility_notes="Ramp at the side.")
    event_update(
        event=event,
        actor=personas.host,
        data={"language": "en", "translations": {"es": {"title": "Mitin en el Capitolio"}}},
    )
    reader = page_for(viewport=PHONE, locale="es-US")
    sign_in(reader, "core@test.example", PASSWORD)  # Cora reads Spanish
    reader.goto(f"/c/{slug}/events/{Event.objects.get().pk}/")
    heading = reader.locator("h1").inner_text()
    assert "Mitin en el Capitolio" in heading
    mark = reader.locator(".untranslated").first
    assert mark.inner_text() == "aún sin traducir" and mark.is_visible()
    assert reader.locator("span[lang=en]", has_text="Ramp at the side.").count() == 1
    shot(reader, "lang18-event-page-phone-es")

    # The same form for a Spanish-speaking planner: the boxes named in her language.
    reader.goto(f"/c/{slug}/events/plan/")
    assert reader.locator("label[for=id_title_es]").inner_text() == "Título (Español)"
    shot(reader, "lang18-event-form-phone-es")
