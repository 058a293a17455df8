"""An operator starts a coalition; its new host accepts the invitation on a phone and walks
the set-up in Spanish: texts, the charter explained with its effect, structure, co-hosts
skipped and resumed, the calendar every other Tuesday, and finishes."""

import pytest

from juntos.accounts.models import Invitation, User
from juntos.accounts.services import invitation_token
from juntos.charter.models import Coalition
from tests.browser.conftest import PHONE, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-test-password-1"


def test_operator_starts_a_coalition_and_its_host_sets_it_up_in_spanish_on_a_phone(page_for, shot):
    User.objects.create_superuser(email="op@juntos.example", password=PASSWORD)
    operator = page_for()
    sign_in(operator, "op@juntos.example", PASSWORD)
    operator.click("header >> text=Coalitions")
    operator.fill("#id_name", "Mesa de Bienvenida de Springfield")
    operator.fill("#id_slug", "springfield")
    operator.fill("#id_host_email", "lupe@springfield.example")
    operator.fill("#id_host_full_name", "Lupe Ramírez")
    operator.check("input[name=template][value=simple]")
    operator.select_option("#id_language", "es")
    operator.click("button.primary")
    assert "An invitation to be its host went to lupe@springfield.example" in operator.content()
    shot(operator, "operator-coalitions-en")

    invitation = Invitation.objects.get(coalition__slug="springfield")
    host = page_for(viewport=PHONE, locale="es-US")
    host.goto(f"/invite/{invitation_token(invitation)}/")
    host.fill("#id_password", "una-clave-muy-larga-2027")
    host.select_option("#id_language", "es")
    host.click("button.primary")
    host.wait_for_url("**/c/springfield/")
    # The guide on the home page, in Spanish.
    assert "Configure su coalición" in host.content()
    shot(host, "setup-home-phone-es")
    host.click("text=Continuar la configuración")

    # Step 1: texts.
    host.fill("#id_host_name", "Centro Comunitario Latino")
    host.fill(
        "#id_mission_es", "Hacer de Springfield un lugar acogedor para las familias inmigrantes."
    )
    host.fill("#id_values_es", "Dignidad: cada persona cuenta\nJusticia: derechos para todos")
    host.fill("#id_agreements_es", "Un micrófono: una persona habla a la vez")
    host.click("button.primary")

    # Step 2: the charter, each rule with its effect; removal by 2/3 of those present.
    host.wait_for_url("**/setup/charter/")
    assert "Con 12 miembros con voto, deben estar presentes 6." in host.content()
    host.select_option("#id_remove_member_fraction", "two_thirds")
    host.select_option("#id_remove_member_base", "present")
    shot(host, "setup-charter-phone-es")
    host.click("form.card button.primary")

    # Step 3: structure; step 4 (co-hosts) skipped for now.
    host.wait_for_url("**/setup/structure/")
    host.fill("#id_core_team_name", "Mesa Directiva")
    host.fill("#id_support_pods", "Datos e investigación")
    host.click("button.primary")
    host.wait_for_url("**/setup/cohosts/")
    host.click("button[name=skip]")

    # Step 5: members (links to adding and importing); done for now.
    host.wait_for_url("**/setup/members/")
    assert "Importar" in host.content() or "CSV" in host.content()
    host.click("form.actions button.primary")

    # Step 6: the calendar, every other Tuesday, by call.
    host.wait_for_url("**/setup/calendar/")
    host.select_option("#id_s0_rhythm", "biweekly")
    host.select_option("#id_s0_weekday", "1")
    host.fill("#id_s0_first", "2027-03-09")
    host.select_option("#id_s0_format", "call")
    host.click("form.card button.primary")

    # Back at the guide: co-hosts are still waiting; resume them, then finish.
    host.wait_for_url("**/setup/cohosts/")
    host.fill("#id_email", "beto@springfield.example")
    host.fill("#id_full_name", "Beto Cruz")
    host.click("form.card button.primary")
    host.click("button[name=done]")
    host.wait_for_url("**/setup/")
    shot(host, "setup-guide-phone-es")
    host.click("text=Terminar la configuración")
    host.wait_for_url("**/c/springfield/")
    assert "Configure su coalición" not in host.content()

    host.goto("/c/springfield/charter/")
    charter = host.content()
    assert "un martes sí y otro no" in charter
    assert "dos tercios de los miembros con voto presentes" in charter
    shot(host, "charter-phone-es")

    # The schedule preview says the same rhythm, in Spanish.
    host.goto("/c/springfield/meetings/schedule/")
    assert "un martes sí y otro no" in host.content()
    assert "Teleconferencia" in host.content()

    coalition = Coalition.objects.get(slug="springfield")
    assert coalition.setup_finished_at is not None
    assert coalition.host_name == "Centro Comunitario Latino"
    assert Invitation.objects.filter(coalition=coalition, email="beto@springfield.example").exists()
