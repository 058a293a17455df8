"""Password reset by email and change on the profile (issue 14, item 2 of the issue)."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from juntos.audit.models import AuditEntry
from tests.conftest import PASSWORD

NEW = "a-brand-new-password-77"


def reset_link(message):
    return re.search(r"https?://\S+(/accounts/password/reset/\S+/)", message.body).group(1)


def test_reset_by_email_in_the_users_language_ends_other_sessions(personas):
    elsewhere = personas.client("core")  # core's preferred language is Spanish
    home = reverse("web:home", args=[personas.coalition.slug])
    assert elsewhere.get(home).status_code == 200
    response = Client().post(reverse("accounts:password_reset"), {"email": "CORE@test.example"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["core@test.example"]
    assert "contraseña" in message.subject.lower()
    client = Client()
    form = client.get(reset_link(message), follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    personas.core.refresh_from_db()
    assert personas.core.check_password(NEW)
    # The session opened before the reset no longer works.
    assert elsewhere.get(home).status_code == 302
    assert AuditEntry.objects.filter(action="password.changed", target_id=personas.core.pk)
    # The link works once.
    again = Client().get(reset_link(message), follow=True)
    assert not again.context["validlink"]


def test_reset_for_an_unknown_address_sends_nothing_and_says_the_same(personas):
    known = Client().post(reverse("accounts:password_reset"), {"email": "rep@test.example"})
    unknown = Client().post(reverse("accounts:password_reset"), {"email": "who@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mail.outbox] == [["rep@test.example"]]


def test_password_change_keeps_this_session_and_ends_the_others(personas):
    here = personas.client("rep")
    there = personas.client("rep")
    home = reverse("web:home", args=[personas.coalition.slug])
    response = here.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    assert here.get(home).status_code == 200
    assert there.get(home).status_code == 302
    assert AuditEntry.objects.filter(action="password.changed", target_id=personas.rep.pk)


def test_password_change_needs_the_current_password(personas):
    client = personas.client("rep")
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "not-it", "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 200
    personas.rep.refresh_from_db()
    assert personas.rep.check_password(PASSWORD)


def test_a_password_reset_lifts_a_sign_in_lockout(personas, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client().post("/accounts/login/", {"username": "rep@test.example", "password": "no"})
    locked = Client().post("/accounts/login/", {"username": "rep@test.example", "password": NEW})
    assert locked.status_code == 429
    Client().post(reverse("accounts:password_reset"), {"email": "rep@test.example"})
    client = Client()
    form = client.get(reset_link(mail.outbox[-1]), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    response = Client().post("/accounts/login/", {"username": "rep@test.example", "password": NEW})
    assert response.status_code == 302
