"""The playbook's 15 steps and the standard invitation are not stored in anyone's
language: each reader (and each guest) reads them in their own."""

import pytest
from django.utils import translation

from juntos.events import rules, services
from juntos.events.models import ChecklistStep

from .conftest import plan


@pytest.fixture(autouse=True)
def _language_restored():
    """Requests here switch the thread's language; the next test starts in English."""
    with translation.override("en"):
        yield


def test_the_fifteen_steps_are_stored_as_keys_and_read_in_each_language(personas):
    with translation.override("es"):
        event = plan(personas)
    steps = list(ChecklistStep.objects.filter(event=event))
    assert len(steps) == 15 and all(s.title == "" and s.key for s in steps)
    for step in steps:
        with translation.override("en"):
            english = step.label
        with translation.override("es"):
            spanish = step.label
        assert english and spanish and english != spanish, step.key
    with translation.override("en"):
        assert steps[-1].label.startswith("Follow up with the officials")


def test_the_steps_page_follows_the_readers_language(personas):
    event = plan(personas)
    client = personas.client("host")
    url = f"/c/{personas.coalition.slug}/events/{event.pk}/"
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Write and send the press release" in english
    client.cookies["django_language"] = "es"
    with translation.override("es"):
        spanish_step = rules.step_title("press_release")
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert spanish_step in spanish and "Write and send the press release" not in spanish


def test_a_guest_reads_the_standard_invitation_in_their_own_language(personas):
    with translation.override("en"):
        event = plan(personas)
    assert event.invitation_subject == "" and event.invitation_body == ""
    english = services.guest_add(
        event=event, actor=personas.host, data={"name": "Sen. Diaz", "email": "d@s.example"}
    )
    spanish = services.guest_add(
        event=event,
        actor=personas.host,
        data={"name": "Rep. Ortiz", "email": "o@h.example", "language": "es"},
    )
    subject_en, body_en = services.invitation_for(event, english)
    subject_es, body_es = services.invitation_for(event, spanish)
    assert body_en.startswith("Dear Sen. Diaz") and "With respect" in body_en
    assert "Rep. Ortiz" in body_es and "Dear" not in body_es and "With respect" not in body_es
    assert subject_en.startswith("Invitation:") and not subject_es.startswith("Invitation:")


def test_saving_the_standard_text_unchanged_keeps_it_per_guest(personas):
    event = plan(personas)
    with translation.override("es"):
        subject, body = services.invitation_texts(event)
        services.invitation_template_save(
            event=event, actor=personas.host, subject=subject, body=body.replace("\n", "\r\n")
        )
    event.refresh_from_db()
    assert event.invitation_subject == "" and event.invitation_body == ""
    services.invitation_template_save(
        event=event, actor=personas.host, subject="Come, {{ guest_name }}", body="Our own words"
    )
    event.refresh_from_db()
    assert event.invitation_body == "Our own words"


def test_the_printed_letter_is_dated_in_words_in_the_guests_language(personas, time_machine):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.urls import reverse

    time_machine.move_to(datetime(2027, 3, 10, 17, tzinfo=ZoneInfo("America/Chicago")))
    event = plan(personas)
    guest = services.guest_add(
        event=event,
        actor=personas.host,
        data={"name": "Rep. Ortiz", "language": "es"},
    )
    url = reverse("events:invitation_letter", args=[personas.coalition.slug, event.pk, guest.pk])
    page = personas.client("host").get(url).content.decode()
    assert "10 de marzo de 2027" in page and 'lang="es"' in page
    assert 'class="signature"' in page
