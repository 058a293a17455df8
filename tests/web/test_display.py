"""Phones in national format and the audit log's stored ISO stamps in the reader's style."""

import pytest
from django.utils import translation

from juntos.audit.reader import value_words
from juntos.web.templatetags.display import phone


@pytest.fixture(autouse=True)
def _language_restored():
    """Requests here switch the thread's language; the next test starts in English."""
    with translation.override("en"):
        yield


def test_phone_numbers_are_shown_in_national_format():
    assert phone("+13145550123") == "(314) 555-0123"
    assert phone("+525512345678").startswith("+52 ")
    assert phone("") == ""


def test_north_american_numbers_format_as_phonenumbers_would():
    """format_phone skips parsing for stored North American numbers: the same text."""
    import random

    import phonenumbers

    rng = random.Random(21)
    numbers = ["+12025550123", "+19995550000", "+12000000000"]
    numbers += ["+1" + "".join(rng.choice("0123456789") for _ in range(10)) for _ in range(3000)]
    for value in numbers:
        parsed = phonenumbers.parse(value, "US")
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        assert phone(value) == national, value


def test_audit_values_read_as_dates_in_each_language():
    with translation.override("en"):
        assert value_words("2027-03-11T00:30:00+00:00") == "Mar 10, 2027, 6:30 PM"
        assert value_words("Casa Test") == "Casa Test" and value_words(3) == "3"
    with translation.override("es"):
        assert value_words(True) == "sí" and value_words(False) == "no"
        assert value_words("2027-03-11T00:30:00+00:00") == "10 mar 2027, 6:30 PM"


def test_the_audit_page_shows_no_iso_stamps(personas):
    from juntos.audit.log import audit_record
    from juntos.audit.models import Action

    audit_record(
        coalition=personas.coalition,
        actor=personas.host,
        action=Action.MEETING_SCHEDULED,
        target=personas.member,
        changes={"starts_at": [None, "2027-03-11T00:30:00+00:00"]},
    )
    page = personas.client("host").get(f"/c/{personas.coalition.slug}/audit/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Mar 10, 2027, 6:30 PM" in body and "2027-03-11T00:30" not in body
