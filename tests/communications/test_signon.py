"""Statements and sign-on: opt-in links, silence, late answers, the public page."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from juntos.communications import services
from juntos.communications.models import SignOnAnswer, SignOnInvite, Statement
from juntos.consent.models import ConsentEvent
from juntos.consent.services import consent_set


@pytest.fixture
def requested(personas, django_capture_on_commit_callbacks):
    statement = services.statement_create(
        coalition=personas.coalition,
        actor=personas.host,
        title="Licenses for all",
        body="We support driver's licenses for every resident.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.signon_request(statement=statement, actor=personas.host)
    statement.refresh_from_db()
    return statement


def link(email, choice):
    message = next(m for m in mail.outbox if m.to == [email])
    words = [w for w in message.body.split() if "/signon/" in w]
    url = words[0] if choice == "in" else words[1]
    return url[url.index("/signon/") :]


def test_request_mails_each_primary_contact_with_a_24_hour_deadline(personas, requested):
    assert sorted(m.to[0] for m in mail.outbox) == [
        "core@test.example",
        "other@test.example",
        "rep@test.example",
    ]
    assert abs((requested.deadline - requested.requested_at) - timedelta(hours=24)) < timedelta(
        seconds=1
    )
    spanish = next(m for m in mail.outbox if m.to == ["core@test.example"])
    assert "adhesión" in spanish.subject.lower() or "sign-on" in spanish.subject.lower()


def test_opt_in_by_email_link_without_login(personas, requested):
    client = personas.client(None)
    path = link("rep@test.example", "in")
    page = client.get(path)  # a link scanner's GET changes nothing
    assert page.status_code == 200 and not SignOnAnswer.objects.exists()
    assert client.post(path).status_code == 200
    answer = SignOnAnswer.objects.get()
    assert answer.member == personas.member and answer.signed and answer.via == "email"
    assert answer.answered_by == "Rene Rep"
    ledger = ConsentEvent.objects.get(kind="sign_on")
    assert ledger.member == personas.member and ledger.granted
    assert ledger.reference == f"statement:{requested.pk}"


def test_used_link_is_refused_and_changes_nothing(personas, requested):
    client = personas.client(None)
    client.post(link("rep@test.example", "in"))
    response = client.post(link("rep@test.example", "out"))  # same invite, other choice
    assert response.status_code == 400 and "already used" in response.content.decode()
    assert SignOnAnswer.objects.get().signed is True


def test_tampered_link_is_refused(personas, requested):
    path = link("rep@test.example", "in")
    response = personas.client(None).post(path[:-3] + "abc/")
    assert response.status_code == 400
    assert not SignOnAnswer.objects.exists()


def test_expired_link_is_refused(personas, requested):
    Statement.objects.filter(pk=requested.pk).update(deadline=timezone.now() - timedelta(days=2))
    response = personas.client(None).post(link("rep@test.example", "in"))
    assert response.status_code == 400 and "passed" in response.content.decode()
    assert not SignOnAnswer.objects.exists()


def test_late_answer_is_recorded_but_counts_only_after_reopening(personas, requested):
    Statement.objects.filter(pk=requested.pk).update(deadline=timezone.now() - timedelta(hours=1))
    personas.client(None).post(link("rep@test.example", "in"))
    answer = SignOnAnswer.objects.get()
    assert answer.late
    requested.refresh_from_db()
    assert services.statement_signers(requested) == []
    services.signon_reopen(
        statement=requested, actor=personas.host, deadline=timezone.now() + timedelta(hours=5)
    )
    assert services.statement_signers(requested) == [personas.member]


def test_reminder_goes_only_to_the_silent(personas, requested, django_capture_on_commit_callbacks):
    personas.client(None).post(link("rep@test.example", "out"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.signon_remind(statement=requested, now=timezone.now()) == 0  # early
        sent = services.signon_remind(
            statement=requested, now=requested.requested_at + timedelta(hours=20)
        )
    assert sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["core@test.example", "other@test.example"]
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            services.signon_remind(
                statement=requested, now=requested.requested_at + timedelta(hours=21)
            )
            == 0
        )


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (30, 30), (0, 100, 0)).save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def test_published_statement_lists_only_opted_in_and_logos_only_with_consent(personas, requested):
    for m in (personas.member, personas.other_member):
        m.logo = png()
        m.save()
    client = personas.client(None)
    client.post(link("rep@test.example", "in"))
    client.post(link("other@test.example", "in"))
    client.post(link("core@test.example", "out"))
    consent_set(
        coalition=personas.coalition,
        kind="logo",
        granted=True,
        actor=personas.rep,
        member=personas.member,
    )
    host = personas.client("host")
    slug = personas.coalition.slug
    host.post(reverse("communications:statement_action", args=[slug, requested.pk, "publish"]))
    html = client.get(reverse("communications:statement_public", args=[slug, requested.pk]))
    html = html.content.decode()
    signers = html[html.index('id="signers"') :]
    assert "Casa Test" in signers and "Labor Test" in signers and "Core Org" not in signers
    logo_casa = reverse(
        "communications:statement_logo", args=[slug, requested.pk, personas.member.pk]
    )
    logo_labor = reverse(
        "communications:statement_logo", args=[slug, requested.pk, personas.other_member.pk]
    )
    assert logo_casa in signers and logo_labor not in signers
    assert client.get(logo_casa).status_code == 200
    assert client.get(logo_labor).status_code == 404


def test_unpublished_statement_has_no_public_page(personas, requested):
    url = reverse("communications:statement_public", args=[personas.coalition.slug, requested.pk])
    assert personas.client(None).get(url).status_code == 404


def test_dashboard_shows_who_answered_for_each_organization(personas, requested):
    personas.client(None).post(link("rep@test.example", "in"))
    url = reverse("communications:statement", args=[personas.coalition.slug, requested.pk])
    html = personas.client("host").get(url).content.decode()
    assert "1 opted in" in html and "2 not answered" in html and "Rene Rep" in html
    assert "email link" in html


def test_member_answers_in_the_app_and_can_change_before_the_deadline(personas, requested):
    client = personas.client("rep")
    url = reverse(
        "communications:statement_action", args=[personas.coalition.slug, requested.pk, "answer"]
    )
    client.post(url, {"signed": "in"})
    client.post(url, {"signed": "out"})
    answer = SignOnAnswer.objects.get()
    assert not answer.signed and answer.via == "app"
    assert ConsentEvent.objects.filter(kind="sign_on").count() == 2


def test_member_drafts_its_own_statement_and_others_cannot_manage_it(personas):
    client = personas.client("rep")
    slug = personas.coalition.slug
    client.post(
        reverse("communications:statements", args=[slug]),
        {"title": "Casa's statement", "body": "We ask you to sign."},
    )
    statement = Statement.objects.get()
    assert statement.owner_member == personas.member
    request_url = reverse("communications:statement_action", args=[slug, statement.pk, "request"])
    assert personas.client("other_rep").post(request_url).status_code in (403, 404)
    assert client.post(request_url).status_code == 302
    assert not SignOnInvite.objects.filter(member=personas.member).exists()  # author's own
