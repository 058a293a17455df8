"""My work on a phone in Spanish (issue 16, item 12): every kind of task is shown with what
does it, and doing one (an event follow-up, a sign-on answer, a deliverable's check-in)
happens in place, without leaving or reloading the page."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from juntos.campaigns import services as campaigns
from juntos.campaigns.models import Deliverable
from juntos.communications import services as comms
from juntos.communications.models import SignOnAnswer
from juntos.events import services as events
from juntos.events.models import EventFollowUp
from juntos.governance import services as governance
from juntos.governance.models import FollowUp
from juntos.members.models import Person
from tests.browser.conftest import PHONE, sign_in
from tests.campaigns.conftest import make_campaign
from tests.conftest import PASSWORD, make_personas
from tests.events.conftest import plan
from tests.governance.helpers import meeting

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp")


def test_my_work_on_a_phone_in_spanish_does_each_task_in_place(page_for, shot):
    personas = make_personas()
    slug = personas.coalition.slug
    cora = Person.objects.get(coalition=personas.coalition, user=personas.core)  # reads Spanish
    soon = timezone.localdate() + timedelta(days=3)  # every date relative to the clock
    follow_up = events.followup_add(
        event=plan(personas),
        actor=personas.host,
        text="Agradecer a la concejala Ruiz",
        owner=cora,
        due_on=soon,
    )
    deliverable = campaigns.deliverable_add(
        campaign=make_campaign(personas),
        coalition=personas.coalition,
        actor=personas.host,
        title="Reunir doce testimonios",
        due_on=soon + timedelta(days=1),
        owner_person=cora,
    )
    governance.followup_add(
        meeting=meeting(personas, days=-7),
        actor=personas.host,
        text="Reservar la plaza",
        owner=cora,
        due_on=soon + timedelta(days=2),
    )
    statement = comms.statement_create(
        coalition=personas.coalition, actor=personas.host, title="Licencias para todos", body="b"
    )
    comms.signon_request(statement=statement, actor=personas.host)

    phone = page_for(viewport=PHONE, locale="es-MX")
    sign_in(phone, personas.core.email, PASSWORD)
    phone.goto(f"/c/{slug}/my-work/")
    expect(phone.locator("html")).to_have_attribute("lang", "es")
    expect(phone.locator("h1")).to_have_text("Mi trabajo")
    tasks = phone.locator("#my-tasks .badge")
    expect(tasks).to_have_text("3")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=str(SHOTS / "work16-my-work-phone-es.png"), full_page=True)
    shot(phone, "my-work-phone-es")
    phone.evaluate("document.body.dataset.stayed = 'yes'")  # gone if the page reloads

    # An event follow-up, marked done where it is shown.
    row = phone.locator(f"#task-event-{follow_up.pk}")
    row.get_by_role("button", name="Marcar como hecho").click()
    expect(row).to_have_count(0)
    expect(tasks).to_have_text("2")
    # A deliverable, checked in as under way, then done.
    row = phone.locator(f"#task-deliverable-{deliverable.pk}")
    row.get_by_role("button", name="En marcha").click()
    expect(row.locator(".badge", has_text="En marcha")).to_be_visible()
    row.get_by_role("button", name="Marcar como hecho").click()
    expect(row).to_have_count(0)
    expect(tasks).to_have_text("1")
    # A sign-on request, answered where it is shown.
    phone.get_by_role("button", name="Sí, firmar con nuestro nombre").click()
    expect(phone.locator("#my-work .messages")).to_contain_text("Su respuesta quedó registrada.")
    # It stays, saying what was answered, with an Undo while the request is open.
    answered = phone.locator("#my-work li[id^='answered-']")
    expect(answered).to_contain_text("Usted respondió: firmamos")
    expect(phone.get_by_role("button", name="Sí, firmar con nuestro nombre")).to_have_count(0)
    answered.get_by_role("button", name="Deshacer").click()
    expect(phone.get_by_role("button", name="Sí, firmar con nuestro nombre")).to_be_visible()
    phone.get_by_role("button", name="Sí, firmar con nuestro nombre").click()
    expect(answered).to_contain_text("Usted respondió: firmamos")
    assert phone.evaluate("document.body.dataset.stayed") == "yes"
    phone.screenshot(path=str(SHOTS / "work16-my-work-phone-es-after.png"), full_page=True)

    # The home page's top is the same list, done in place too.
    phone.goto(f"/c/{slug}/")
    top = phone.locator("#my-work")
    expect(top.get_by_text("Reservar la plaza")).to_be_visible()
    expect(top.get_by_role("link", name="Todo mi trabajo")).to_be_visible()
    phone.screenshot(path=str(SHOTS / "work16-home-phone-es.png"), full_page=False)
    top.get_by_role("button", name="Marcar como hecho").click()
    expect(top.get_by_text("No hay nada pendiente para usted.")).to_be_visible()

    assert EventFollowUp.objects.get(pk=follow_up.pk).done_at is not None
    assert Deliverable.objects.get(pk=deliverable.pk).status == "done"
    assert SignOnAnswer.objects.get(statement=statement, member=cora.member).signed
    assert not FollowUp.objects.filter(owner=cora, done_at__isnull=True).exists()
