import pytest
from django.core import mail
from django.urls import reverse

from juntos.accounts.models import Invitation, User
from juntos.accounts.services import invitation_token
from juntos.members.models import Person


@pytest.fixture
def invite(personas, django_capture_on_commit_callbacks):
    def send(**overrides):
        data = {
            "full_name": "Nadia New",
            "email": "nadia@example.org",
            "role": "supporter",
            "language": "es",
        }
        data.update(overrides)
        with django_capture_on_commit_callbacks(execute=True):
            return personas.client("host").post(
                reverse("accounts:invitations", args=[personas.coalition.slug]), data
            )

    return send


def link_path(message):
    link = next(w for w in message.body.split() if "/invite/" in w)
    return link[link.index("/invite/") :]


def test_host_invites_and_the_person_joins_in_that_role(personas, invite):
    assert invite().status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["nadia@example.org"]
    assert "invita" in message.subject.lower()  # sent in the invitation's language
    client = personas.client(None)
    response = client.post(
        link_path(message),
        {"full_name": "Nadia N.", "language": "es", "password": "a-very-long-password-9"},
    )
    assert response.status_code == 302
    user = User.objects.get(email="nadia@example.org")
    person = Person.objects.get(user=user, coalition=personas.coalition)
    assert person.role == "supporter" and user.preferred_language == "es"
    home = reverse("web:home", args=[personas.coalition.slug])
    assert client.get(home).status_code == 200


def test_invitation_link_works_once(personas, invite):
    invite()
    path = link_path(mail.outbox[-1])
    client = personas.client(None)
    client.post(path, {"full_name": "N", "language": "en", "password": "a-very-long-pw-9x"})
    response = personas.client(None).post(
        path, {"full_name": "Evil", "language": "en", "password": "another-long-pw-1"}
    )
    assert response.status_code == 400
    assert User.objects.filter(email="nadia@example.org").count() == 1


def test_tampered_link_is_refused(personas, invite):
    invite()
    invitation = Invitation.objects.get()
    response = personas.client(None).get(f"/invite/{invitation_token(invitation)}tampered/")
    assert response.status_code == 400


def test_representative_invitation_needs_an_organization(personas, invite):
    response = invite(role="representative")
    assert response.status_code == 200
    assert "member" in response.context["form"].errors
    assert not Invitation.objects.exists()


def test_weak_password_is_refused(personas, invite):
    invite()
    response = personas.client(None).post(
        link_path(mail.outbox[-1]), {"full_name": "N", "language": "en", "password": "123"}
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="nadia@example.org").exists()


def test_existing_user_accepts_when_signed_in_and_joins_a_second_coalition(personas, invite):
    invite(email=personas.outsider.email, role="representative", member=personas.member.pk)
    path = link_path(mail.outbox[-1])
    client = personas.client("outsider")
    client.post(path)
    person = Person.objects.get(user=personas.outsider, coalition=personas.coalition)
    assert person.role == "representative" and person.member == personas.member
    # Now in both coalitions, each with its own role.
    assert (
        Person.objects.get(user=personas.outsider, coalition=personas.other_coalition).role
        == "host"
    )
    assert client.get(reverse("start_root")).status_code == 200
