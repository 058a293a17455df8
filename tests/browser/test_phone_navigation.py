"""On a phone (390 px) the coalition's menu is one "Menu" button instead of a cut-off bar
and a second menu of four lines; on a desktop it is the usual bar. Screenshots in Spanish."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE, sign_in
from tests.conftest import PASSWORD, make_personas

pytestmark = pytest.mark.django_db(transaction=True)


def test_phone_menu_folds_behind_one_button_and_unfolds_whole(page_for, shot):
    personas = make_personas()
    slug = personas.coalition.slug
    phone = page_for(viewport=PHONE, locale="es-MX")
    sign_in(phone, personas.host.email, PASSWORD)
    phone.goto(f"/c/{slug}/")
    phone.click("button[name=language][value=es]")
    phone.wait_for_load_state()
    assert phone.locator("html").get_attribute("lang") == "es"
    summary = phone.locator("details.menu > summary")
    assert summary.is_visible() and summary.inner_text().strip() == "Menú"
    assert not phone.locator("nav.main").is_visible()
    main_top = phone.locator("main").bounding_box()["y"]
    assert main_top < 200, f"the header takes {main_top}px of the first screen"
    shot(phone, "nav-phone-es-closed")
    summary.click()
    links = phone.locator("details.menu nav a")
    assert links.count() >= 15
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, links.nth(i)
    # Nothing scrolls sideways.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(phone, "nav-phone-es-open")
    # The keyboard reaches it: Enter on the summary folds it again.
    summary.focus()
    phone.keyboard.press("Enter")
    assert not phone.locator("nav.main").is_visible()

    desktop = page_for(viewport=DESKTOP, locale="es-MX")
    sign_in(desktop, personas.host.email, PASSWORD)
    desktop.goto(f"/c/{slug}/")
    desktop.click("button[name=language][value=es]")
    desktop.wait_for_load_state()
    shot(desktop, "nav-desktop-es")
    assert not desktop.locator("details.menu > summary").is_visible()
    assert desktop.locator("nav.main").is_visible() and desktop.locator("nav.sub").is_visible()
    # Printed, a page is the document alone: no header, menus or footer.
    desktop.emulate_media(media="print")
    for chrome in ("header.top", "nav.main", "nav.sub", "footer"):
        assert not desktop.locator(chrome).is_visible(), chrome
    assert desktop.locator("main").is_visible()
