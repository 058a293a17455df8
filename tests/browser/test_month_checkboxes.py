"""On a phone the set-up guide's month checkboxes stand in aligned columns, in Spanish
too, where month names differ most in length ("mayo", "septiembre")."""

import pytest

from juntos.accounts.models import User
from juntos.charter import services
from tests.browser.conftest import PHONE, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-test-password-1"


def test_month_checkboxes_stand_in_columns_on_a_phone(page_for, shot):
    host = User.objects.create_user(
        email="g@example.org", password=PASSWORD, preferred_language="es"
    )
    coalition = services.coalition_create(
        slug="guided", name="Guided", template="seed", host_email=host.email, guided=True
    )
    page = page_for(PHONE, "es-US")
    sign_in(page, host.email, PASSWORD)
    page.goto(f"/c/{coalition.slug}/setup/calendar/")
    boxes = page.locator("ul.choices.months").first.locator("input[type=checkbox]")
    assert boxes.count() == 12
    lefts = [round(boxes.nth(i).bounding_box()["x"]) for i in range(12)]
    shot(page, "setup-calendar-months-phone-es")
    # Every checkbox starts at one of a few column positions, and the columns repeat row
    # after row: a ragged flow puts each box wherever the names before it ended.
    columns = sorted(set(lefts))
    assert 2 <= len(columns) <= 4, lefts
    assert lefts[: len(columns)] == columns, lefts
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
