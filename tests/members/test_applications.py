"""Hosts review applications: questions by email, answers by link, steps toward a vote."""

import pytest
from django.core import mail
from django.urls import reverse

from juntos.audit.models import AuditEntry
from juntos.members import services
from juntos.members.models import Application, Member


@pytest.fixture
def application(personas):
    return services.application_submit(
        coalition=personas.coalition,
        data={
            "kind": "organization",
            "organization_name": "Unidos",
            "tax_status": "c3",
            "city": "Cape Girardeau",
            "state": "MO",
            "zip_code": "63701",
            "representative_name": "Gabriela Soto",
            "representative_title": "Directora",
            "phone": "+15735550142",
            "email": "gabriela@unidos.example",
            "description": "d",
            "engages_immigrants": "e",
            "policy_priorities": "p",
            "base_and_mobilization": "b",
            "why_join": "w",
            "participation": ["core_team"],
            "benefit": "b",
        },
        language="es",
    )


def detail_url(personas, application):
    return reverse("members:application", args=[personas.coalition.slug, application.pk])


def test_queue_lists_open_applications_oldest_first(personas, application):
    client = personas.client("host")
    response = client.get(reverse("members:applications", args=[personas.coalition.slug]))
    assert "Unidos" in response.content.decode()
    application.status = "declined"
    application.save()
    response = client.get(reverse("members:applications", args=[personas.coalition.slug]))
    assert "Unidos" not in response.content.decode()


def test_host_asks_a_question_and_applicant_answers_by_link(
    personas, application, django_capture_on_commit_callbacks
):
    client = personas.client("host")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            detail_url(personas, application),
            {"action": "ask", "question": "¿Cuántos voluntarios tienen?"},
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "questions"
    question_mail = mail.outbox[-1]
    assert question_mail.to == ["gabriela@unidos.example"]
    assert "pregunta" in question_mail.subject.lower() or "question" in question_mail.subject
    link = next(w for w in question_mail.body.split() if "/apply/answer/" in w)
    path = link.split("8000", 1)[-1]
    anonymous = personas.client(None)
    assert "Cuántos voluntarios" in anonymous.get(path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        anonymous.post(path, {"answer": "Unos 40."})
    assert application.notes.filter(kind="answer", body="Unos 40.").exists()
    assert mail.outbox[-1].to == ["host@test.example"]


def test_tampered_answer_link_changes_nothing(personas, application):
    token = services.application_answer_token(application) + "x"
    url = reverse("members:application_answer", args=[personas.coalition.slug, token])
    response = personas.client(None).post(url, {"answer": "hi"})
    assert response.status_code == 400
    assert not application.notes.exists()


def test_answer_link_for_another_coalition_is_refused(personas, application):
    token = services.application_answer_token(application)
    url = reverse("members:application_answer", args=[personas.other_coalition.slug, token])
    assert personas.client(None).get(url).status_code == 400


def test_question_with_markup_is_refused(personas, application):
    response = personas.client("host").post(
        detail_url(personas, application), {"action": "ask", "question": "<b>hi</b>"}
    )
    assert response.status_code == 200
    assert not application.notes.exists()


def test_mark_ready_for_vote_is_audited(personas, application):
    personas.client("host").post(detail_url(personas, application), {"action": "ready"})
    application.refresh_from_db()
    assert application.status == "ready"
    entry = AuditEntry.objects.filter(action="application.status").latest("at")
    assert entry.changes == {"status": ["submitted", "ready"]}
    assert entry.actor == personas.host


def test_closed_application_cannot_move(personas, application):
    client = personas.client("host")
    client.post(detail_url(personas, application), {"action": "declined"})
    client.post(detail_url(personas, application), {"action": "ready"})
    application.refresh_from_db()
    assert application.status == "declined"


def test_hosts_tag_sectors_for_the_recruiting_balance(personas, application):
    personas.client("host").post(
        detail_url(personas, application), {"action": "sectors", "sectors": ["healthcare", "labor"]}
    )
    application.refresh_from_db()
    assert application.sectors == ["healthcare", "labor"]


def test_admission_makes_a_member_with_its_primary_contact(personas, application):
    member = services.application_admit(application=application, actor=personas.host)
    assert member.name == "Unidos" and member.application == application
    contact = member.people.get()
    assert contact.is_primary_contact and contact.preferred_language == "es"
    application.refresh_from_db()
    assert application.status == "admitted"
    with pytest.raises(services.TransitionError):
        services.application_admit(application=application, actor=personas.host)
    assert Member.objects.filter(name="Unidos").count() == 1


def test_host_of_another_coalition_cannot_open_the_application(personas, application):
    assert personas.client("outsider").get(detail_url(personas, application)).status_code == 404


def test_application_of_another_coalition_is_404_for_this_host(personas):
    other = Application.objects.create(
        coalition=personas.other_coalition,
        city="x",
        state="MO",
        zip_code="63101",
        representative_name="r",
        phone="+13145550100",
        email="r@example.org",
        description="d",
        engages_immigrants="e",
        policy_priorities="p",
        base_and_mobilization="b",
        why_join="w",
        benefit="b",
        fingerprint="z",
    )
    url = reverse("members:application", args=[personas.coalition.slug, other.pk])
    assert personas.client("host").get(url).status_code == 404
