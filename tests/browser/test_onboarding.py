"""An operator starts a coalition; its new host accepts the invitation on a phone and walks
the set-up in Spanish: texts, the charter explained with its effect, structure, co-hosts
skipped and resumed, its first members, the calendar every other Tuesday, and finishes.
Then the coalition lives by its own charter: an organization applies through the public
form, the host puts it to a vote, and on the calendar's first Tuesday the meeting is held
with quorum counted by the coalition's rule (1/2, not the seed's 2/3), the admission
passes by a majority of votes cast, attendance closes and the minutes go out."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from juntos.accounts.models import Invitation, User
from juntos.charter.models import Coalition
from juntos.governance.models import Meeting
from juntos.members.models import Application, Member
from tests.browser.conftest import PHONE, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-test-password-1"
CHICAGO = ZoneInfo("America/Chicago")


def fits_the_phone(page):
    """Nothing on the page is wider than the phone: no sideways scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def add_member(host, name, rep_name, rep_email, shot=None):
    """The host adds a founding member from the set-up guide's members step."""
    host.click("a[href$='/members/add/']")
    host.fill("#id_name", name)
    host.fill("#id_city", "Springfield")
    host.select_option("#id_state", "MO")
    host.fill("#id_rep_name", rep_name)
    host.fill("#id_rep_email", rep_email)
    host.select_option("#id_rep_language", "es")
    if shot:
        shot(host, "member-add-phone-es")
        fits_the_phone(host)
    host.click("form.card button.primary")
    host.wait_for_url("**/c/springfield/members/*/")
    assert name in host.content()
    host.click("text=← Configure su coalición")  # back to the guide's members step
    host.wait_for_url("**/setup/members/")


def apply_on_phone(applicant):
    """Someone from outside fills the coalition's public application form, in Spanish."""
    applicant.goto("/c/springfield/apply/")
    assert applicant.locator("html").get_attribute("lang") == "es"
    applicant.check("input[name=kind][value=organization]")
    applicant.fill("#id_organization_name", "Esperanza Rural")
    applicant.check("input[name=tax_status][value=c3]")
    applicant.fill("#id_city", "Sedalia")
    applicant.select_option("#id_state", "MO")
    applicant.fill("#id_zip_code", "65301")
    applicant.fill("#id_representative_name", "Rosa Delgado")
    applicant.fill("#id_representative_title", "Coordinadora")
    applicant.fill("#id_phone", "660-555-0147")
    applicant.fill("#id_email", "rosa@esperanza.example")
    applicant.fill("#id_description", "Red de apoyo a familias rurales.")
    applicant.fill("#id_engages_immigrants", "Transporte a clínicas y talleres de derechos.")
    applicant.fill("#id_policy_priorities", "Licencias de conducir para todos.")
    applicant.fill("#id_base_and_mobilization", "80 familias; cadenas de llamadas.")
    applicant.fill("#id_why_join", "Estamos aisladas y queremos actuar con otras.")
    applicant.check("input[name=participation][value=full_coalition]")
    applicant.fill("#id_benefit", "Una voz del centro rural de Missouri.")
    applicant.check("#id_agree")
    applicant.click("button.primary")
    applicant.wait_for_url("**/c/springfield/apply/thanks/")


def test_operator_starts_a_coalition_and_its_host_sets_it_up_in_spanish_on_a_phone(
    page_for, shot, time_machine
):
    # A Tuesday morning in the coalition's zone, a week before its first meeting.
    time_machine.move_to(datetime(2027, 3, 2, 10, 0, tzinfo=CHICAGO))
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

    # The host follows the link in the invitation mail.
    (letter,) = [m for m in mail.outbox if m.to == ["lupe@springfield.example"]]
    assert "le invitamos a unirse a Mesa de Bienvenida de Springfield" in letter.body
    link = re.search(r"/invite/[^/\s]+/", letter.body).group(0)
    host = page_for(viewport=PHONE, locale="es-US")
    host.goto(link)
    host.fill("#id_password", "una-clave-muy-larga-2027")
    host.select_option("#id_language", "es")
    host.click("button.primary")
    host.wait_for_url("**/c/springfield/")
    # The guide on the home page, in Spanish.
    assert "Configure su coalición" in host.content()
    shot(host, "setup-home-phone-es")
    fits_the_phone(host)
    host.click("text=Continuar la configuración")

    # Step 1: texts.
    host.fill("#id_host_name", "Centro Comunitario Latino")
    host.fill(
        "#id_mission_es", "Hacer de Springfield un lugar acogedor para las familias inmigrantes."
    )
    host.fill("#id_values_es", "Dignidad: cada persona cuenta\nJusticia: derechos para todos")
    host.fill("#id_agreements_es", "Un micrófono: una persona habla a la vez")
    shot(host, "setup-texts-phone-es")
    fits_the_phone(host)
    host.click("button.primary")

    # Step 2: the charter, each rule with its effect; removal by 2/3 of those present.
    host.wait_for_url("**/setup/charter/")
    assert "Con 12 miembros con voto, deben estar presentes 6." in host.content()
    host.select_option("#id_remove_member_fraction", "two_thirds")
    host.select_option("#id_remove_member_base", "present")
    shot(host, "setup-charter-phone-es")
    fits_the_phone(host)
    host.click("form.card button.primary")

    # Step 3: structure; step 4 (co-hosts) skipped for now.
    host.wait_for_url("**/setup/structure/")
    host.fill("#id_core_team_name", "Mesa Directiva")
    host.fill("#id_support_pods", "Datos e investigación")
    shot(host, "setup-structure-phone-es")
    fits_the_phone(host)
    host.click("button.primary")
    host.wait_for_url("**/setup/cohosts/")
    shot(host, "setup-cohosts-phone-es")
    fits_the_phone(host)
    host.click("button[name=skip]")

    # Step 5: members (links to adding and importing): three founding members, one by one.
    host.wait_for_url("**/setup/members/")
    assert "Importar" in host.content() or "CSV" in host.content()
    add_member(host, "Centro Comunitario Latino", "Lupe Ramírez", "lupe@springfield.example")
    add_member(host, "Fe y Justicia", "Marta Solís", "marta@feyjusticia.example", shot)
    add_member(host, "Sindicato Local 12", "Raúl Ortega", "raul@local12.example")
    shot(host, "setup-members-phone-es")
    fits_the_phone(host)
    host.click("form.actions button.primary")

    # Step 6: the calendar, every other Tuesday, by call.
    host.wait_for_url("**/setup/calendar/")
    host.select_option("#id_s0_rhythm", "biweekly")
    host.select_option("#id_s0_weekday", "1")
    host.fill("#id_s0_first", "2027-03-09")  # next Tuesday
    host.select_option("#id_s0_format", "call")
    shot(host, "setup-calendar-phone-es")
    fits_the_phone(host)
    host.click("form.card button.primary")

    # Back at the guide: co-hosts are still waiting; resume them, then finish.
    host.wait_for_url("**/setup/cohosts/")
    host.fill("#id_email", "beto@springfield.example")
    host.fill("#id_full_name", "Beto Cruz")
    host.click("form.card button.primary")
    host.click("button[name=done]")
    host.wait_for_url("**/setup/")
    shot(host, "setup-guide-phone-es")
    fits_the_phone(host)
    host.click("text=Terminar la configuración")
    host.wait_for_url("**/c/springfield/")
    assert "Configure su coalición" not in host.content()

    host.goto("/c/springfield/charter/")
    charter = host.content()
    assert "un martes sí y otro no" in charter
    assert "dos tercios de los miembros con voto presentes" in charter
    shot(host, "charter-phone-es")
    fits_the_phone(host)

    # The schedule preview says the same rhythm, in Spanish.
    host.goto("/c/springfield/meetings/schedule/")
    assert "un martes sí y otro no" in host.content()
    assert "Teleconferencia" in host.content()

    coalition = Coalition.objects.get(slug="springfield")
    assert coalition.setup_finished_at is not None
    assert coalition.host_name == "Centro Comunitario Latino"
    assert Invitation.objects.filter(coalition=coalition, email="beto@springfield.example").exists()

    # An organization applies through the public form on a phone, in Spanish.
    applicant = page_for(viewport=PHONE, locale="es-MX")
    apply_on_phone(applicant)
    shot(applicant, "apply-thanks-phone-es")
    fits_the_phone(applicant)

    # The host finds it in the queue and puts it to a vote.
    host.goto("/c/springfield/applications/")
    host.click("text=Esperanza Rural")
    host.click("button[value=ready]")
    assert "Lista para votación" in host.content()

    # The year's meetings from the charter's calendar: every other Tuesday, by call.
    host.goto("/c/springfield/meetings/schedule/")
    host.fill("#id_year", "2027")
    host.fill("#id_start_time", "18:00")
    host.fill("#id_call_link", "https://meet.example/springfield")
    host.click("form.card button.primary")
    host.wait_for_url("**/c/springfield/meetings/")
    assert "reuniones al calendario" in host.content()
    first = Meeting.objects.filter(coalition=coalition).order_by("starts_at").first()
    assert first.starts_at.astimezone(CHICAGO) == datetime(2027, 3, 9, 18, 0, tzinfo=CHICAGO)

    # The evening of the first meeting: the host checks the members in from the phone.
    time_machine.move_to(datetime(2027, 3, 9, 18, 5, tzinfo=CHICAGO))
    meeting_url = f"/c/springfield/meetings/{first.pk}/"
    host.goto(meeting_url + "check-in/")
    assert "0 de 3 presentes; se necesitan 2 (1/2)" in host.content()
    for name in ("Centro Comunitario Latino", "Fe y Justicia"):
        host.locator("tr", has_text=name).locator("button", has_text="Presente").click()
        host.wait_for_load_state()
    # Half of three voting members is quorum under this coalition's charter.
    assert "2 de 3 presentes; se necesitan 2 (1/2)" in host.content()
    assert "Hay quórum" in host.content()
    shot(host, "check-in-phone-es")
    fits_the_phone(host)

    # The admission motion, two ballots called out in the room, the count.
    host.goto(meeting_url)
    host.locator("summary", has_text="Presentar una moción").click()
    host.select_option("#id_kind", "admit_member")
    host.fill("#id_text", "Admitir a Esperanza Rural como miembro")
    application = Application.objects.get(organization_name="Esperanza Rural")
    host.select_option("#id_subject_application", str(application.pk))
    host.locator("form[action$='/motions/'] button.primary").click()
    host.wait_for_url("**/motions/*/")
    for name in ("Centro Comunitario Latino", "Fe y Justicia"):
        host.locator("summary", has_text="Registrar un voto").click()
        host.select_option("#ballot-member", label=name)
        host.locator("details form button[value=yes]").click()
        host.wait_for_load_state()
    host.get_by_role("button", name="Cerrar la votación y contar").click()
    host.wait_for_load_state()
    result = host.content()
    assert "Esperanza Rural ya es miembro." in result
    assert "2 a favor, 0 en contra, 0 abstenciones: se aprueba" in result
    # The rules applied are the coalition's own, cited as its charter says them.
    assert "Admitir a un miembro: mayoría de los votos emitidos" in result
    assert "al menos 1/2 de los miembros" in result
    shot(host, "admission-result-phone-es")
    fits_the_phone(host)
    admitted = Member.objects.get(coalition=coalition, name="Esperanza Rural")
    assert admitted.admitted_on.isoformat() == "2027-03-09"
    assert Application.objects.get(pk=application.pk).status == Application.Status.ADMITTED

    # Attendance closes under the same rules: one member absent without notice.
    host.goto(meeting_url + "attendance/close/")
    host.locator("form button.primary").click()
    host.wait_for_load_state()
    assert "Se cerró el registro de asistencia." in host.content()

    # The minutes, published to the members in their language.
    host.goto(meeting_url + "minutes/edit/")
    host.fill("#id_takeaways", "Bienvenida a Esperanza Rural; llamar a los legisladores")
    host.locator("button.primary", has_text="Guardar").click()
    host.wait_for_load_state()
    host.get_by_role("button", name="Publicar para los miembros").click()
    host.wait_for_load_state()
    minutes = host.content()
    assert "Se publicó la minuta y se avisó a los miembros." in minutes
    assert "Admitir a Esperanza Rural como miembro" in minutes
    assert any(m.to == ["marta@feyjusticia.example"] for m in mail.outbox)
    shot(host, "meeting-phone-es")
    fits_the_phone(host)
