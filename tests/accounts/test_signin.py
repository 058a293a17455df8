"""Sign-in: throttled per account and per address (django-axes, database store), and
emails matched case-insensitively and stored lower-case (issue 14, item 3 of the issue)."""

import importlib

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from juntos.accounts.models import User
from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"


def attempt(client, email, password, ip="203.0.113.5"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_fifty_wrong_passwords_then_the_right_one_is_still_refused(personas, settings):
    client = Client()
    for _ in range(50):
        attempt(client, personas.rep.email, "wrong-password")
    response = attempt(client, personas.rep.email, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_account_is_locked_from_any_address(personas, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), personas.rep.email, "wrong", ip=f"198.51.100.{n}")
    response = attempt(Client(), personas.rep.email, PASSWORD, ip="192.0.2.99")
    assert response.status_code == 429


def test_one_address_trying_many_accounts_is_locked(personas, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), f"guess{n}@example.org", "wrong", ip="198.51.100.7")
    response = attempt(Client(), personas.supporter.email, PASSWORD, ip="198.51.100.7")
    assert response.status_code == 429
    # Another address is not affected.
    assert attempt(Client(), personas.supporter.email, PASSWORD, ip="192.0.2.1").status_code == 302


def test_changing_the_case_of_the_address_does_not_reset_the_count(personas, settings):
    email = personas.rep.email
    spellings = [email.upper(), email.title(), email, email.swapcase(), " " + email]
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), spellings[n % len(spellings)], "wrong", ip=f"198.51.100.{n}")
    assert attempt(Client(), email, PASSWORD, ip="192.0.2.50").status_code == 429


def test_the_lockout_page_speaks_the_visitors_language(personas, settings):
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, personas.rep.email, "wrong")
    response = attempt(client, personas.rep.email, PASSWORD)
    assert response.status_code == 429
    assert "Espere" in response.content.decode()


def test_the_throttle_is_stored_in_the_database_shared_by_all_processes(personas, settings):
    from axes.models import AccessAttempt

    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    attempt(Client(), personas.rep.email, "wrong")
    assert AccessAttempt.objects.filter(username=personas.rep.email).exists()


def test_sign_in_matches_the_address_case_insensitively(personas):
    client = Client()
    response = attempt(client, "  " + personas.rep.email.upper(), PASSWORD)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == personas.rep.pk


def test_addresses_are_stored_lower_case(db):
    user = User.objects.create_user(email=" Ana@Example.ORG ", password=PASSWORD)
    assert user.email == "ana@example.org"
    user.email = "ANA@example.org"
    user.save()
    user.refresh_from_db()
    assert user.email == "ana@example.org"


def test_migration_lowercases_addresses_and_leaves_case_duplicates(db, capsys):
    migration = importlib.import_module(
        "juntos.accounts.migrations.0003_invitations_and_normalized_emails"
    )
    User.objects.bulk_create(
        [
            User(email="Mixed@Example.org", full_name="M"),
            User(email="Dup@Example.org", full_name="D1"),
            User(email="DUP@example.org", full_name="D2"),
            User(email="twin@example.org", full_name="T1"),
            User(email="Twin@example.org", full_name="T2"),
        ]
    )
    migration.lowercase_emails(apps, None)
    emails = sorted(User.objects.values_list("email", flat=True))
    assert "mixed@example.org" in emails
    assert emails.count("dup@example.org") == 1
    assert "twin@example.org" in emails and "Twin@example.org" in emails
    assert "left unchanged" in capsys.readouterr().out


@pytest.mark.parametrize("email", ["rep@test.example", "nobody@example.org"])
def test_password_reset_answers_the_same_whether_or_not_the_address_has_a_login(personas, email):
    response = Client().post(reverse("accounts:password_reset"), {"email": email})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
