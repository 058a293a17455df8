"""The header's English/Español switcher keeps a signed-in person's choice on their login."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from juntos.accounts.models import User
from juntos.audit.models import AuditEntry


@pytest.fixture(autouse=True)
def _language_restored():
    with translation.override("en"):
        yield


def test_switching_to_spanish_saves_it_for_the_signed_in_user(personas):
    client = personas.client("rep")
    before = AuditEntry.objects.count()
    response = client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert response.status_code == 302
    assert User.objects.get(pk=personas.rep.pk).preferred_language == "es"
    assert AuditEntry.objects.count() == before  # the profile's preferences are not audited
    # A fresh sign-in, without the switcher's cookie, speaks Spanish.
    fresh = Client()
    fresh.force_login(User.objects.get(pk=personas.rep.pk))
    page = fresh.get(reverse("accounts:profile")).content.decode()
    assert '<html lang="es"' in page


def test_an_unknown_language_changes_nothing(personas):
    personas.client("rep").post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert User.objects.get(pk=personas.rep.pk).preferred_language == "en"


def test_anonymous_visitors_keep_the_cookie(db):
    client = Client()
    response = client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "es"
