"""The invitation acceptance page speaks the invitation's language, not the browser's."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation


@pytest.fixture(autouse=True)
def _language_restored():
    """Requests here switch the thread's language; the next test starts in English."""
    with translation.override("en"):
        yield


def _invite(personas, capture, language):
    with capture(execute=True):
        personas.client("host").post(
            reverse("accounts:invitations", args=[personas.coalition.slug]),
            {
                "full_name": "Nadia New",
                "email": f"nadia-{language}@example.org",
                "role": "supporter",
                "language": language,
            },
        )
    link = next(w for w in mail.outbox[-1].body.split() if "/invite/" in w)
    return link[link.index("/invite/") :]


def test_a_spanish_invitation_opens_in_spanish_for_an_english_browser(
    personas, django_capture_on_commit_callbacks
):
    path = _invite(personas, django_capture_on_commit_callbacks, "es")
    page = personas.client(None).get(path, HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert 'lang="es"' in page and "Accept invitation" not in page
    assert "Aceptar" in page


def test_an_english_invitation_opens_in_english_and_the_switcher_wins(
    personas, django_capture_on_commit_callbacks
):
    path = _invite(personas, django_capture_on_commit_callbacks, "en")
    client = personas.client(None)
    assert "Accept invitation" in client.get(path, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    client.cookies["django_language"] = "es"
    assert "Accept invitation" not in client.get(path).content.decode()
