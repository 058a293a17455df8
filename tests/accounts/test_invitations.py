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


# --- Invitations are bound to the invited address (issue 14, item 1) -----------------------


def test_a_different_signed_in_user_cannot_take_an_invitation(personas, invite):
    invite(email="nadia@example.org", role="core_team")
    path = link_path(mail.outbox[-1])
    response = personas.client("outsider").post(path)
    assert response.status_code == 403
    assert "nadia@example.org" in response.content.decode()
    assert not Person.objects.filter(user=personas.outsider, coalition=personas.coalition).exists()
    assert Invitation.objects.get().accepted_at is None


def test_a_host_opening_a_supporter_invitation_meant_for_someone_else_stays_host(personas, invite):
    invite(email="nadia@example.org", role="supporter")
    path = link_path(mail.outbox[-1])
    response = personas.client("host").post(path)
    assert response.status_code == 403
    host = Person.objects.get(user=personas.host, coalition=personas.coalition)
    assert host.role == "host"
    assert Invitation.objects.get().accepted_at is None


def test_invited_address_matches_case_insensitively(personas, invite):
    user = User.objects.create_user(email="nadia@example.org", password="x-long-pw-123456")
    invite(email="Nadia@Example.ORG", role="supporter")
    client = personas.client(None)
    client.force_login(user)
    assert client.post(link_path(mail.outbox[-1])).status_code == 302
    assert Person.objects.get(user=user, coalition=personas.coalition).role == "supporter"


def test_accepting_never_lowers_a_role(personas, invite):
    invite(email=personas.host.email, role="supporter")
    response = personas.client("host").post(link_path(mail.outbox[-1]))
    assert response.status_code == 302
    assert Person.objects.get(user=personas.host, coalition=personas.coalition).role == "host"
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == personas.host


def test_outsider_cannot_take_over_an_unlinked_representative_record(personas, invite):
    from juntos.members.services import person_add

    record = person_add(
        coalition=personas.coalition,
        actor=personas.host,
        full_name="Rita Rep",
        email="rita@example.org",
        member=personas.member,
        role="representative",
    )
    invite(email="rita@example.org", role="representative", member=personas.member.pk)
    path = link_path(mail.outbox[-1])
    assert personas.client("outsider").post(path).status_code == 403
    record.refresh_from_db()
    assert record.user is None


def test_second_accept_of_a_claimed_invitation_gets_a_message_not_a_500(personas, invite):
    from juntos.accounts.services import InvitationError, invitation_accept

    invite(email=personas.outsider.email, role="supporter")
    stale = Invitation.objects.get()  # both requests loaded it before either accepted
    also_stale = Invitation.objects.get()
    invitation_accept(invitation=stale, user=personas.outsider)
    with pytest.raises(InvitationError, match="already been used"):
        invitation_accept(invitation=also_stale, user=personas.outsider)
    assert Person.objects.filter(user=personas.outsider, coalition=personas.coalition).count() == 1


def test_concurrent_account_creation_loses_cleanly(personas, invite, monkeypatch):
    """The claim is a conditional UPDATE: a request whose invitation was claimed between
    loading and accepting gets a clear message (409), and nothing is half-saved."""
    from juntos.accounts import services

    invite()
    path = link_path(mail.outbox[-1])
    real = services.invitation_problem
    calls = []

    def racing(invitation, user=None):
        result = real(invitation, user)
        calls.append(1)
        if len(calls) == 2:  # inside the accept, after its check: the other request wins
            Invitation.objects.filter(pk=invitation.pk).update(accepted_at="2030-01-01T00:00Z")
        return result

    monkeypatch.setattr(services, "invitation_problem", racing)
    data = {"full_name": "N", "language": "en", "password": "a-very-long-pw-9x"}
    response = english(personas).post(path, data)
    assert response.status_code == 409
    assert "already been used" in response.content.decode()
    assert not User.objects.filter(email="nadia@example.org").exists()


def english(personas):
    """A visitor who chose English: the page would otherwise speak the invitation's Spanish."""
    from django.conf import settings

    client = personas.client(None)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_invitation_expires_after_the_configured_days(personas, invite, time_machine, settings):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    settings.JUNTOS_INVITATION_DAYS = 3
    start = datetime(2027, 3, 10, 17, tzinfo=ZoneInfo("America/Chicago"))
    time_machine.move_to(start)
    invite()
    path = link_path(mail.outbox[-1])
    time_machine.move_to(start + timedelta(days=3, minutes=1))
    response = english(personas).post(
        path, {"full_name": "N", "language": "en", "password": "a-very-long-pw-9x"}
    )
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not User.objects.filter(email="nadia@example.org").exists()


def test_host_resends_an_expired_invitation_and_the_link_works_again(
    personas, invite, time_machine, django_capture_on_commit_callbacks
):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from juntos.audit.models import AuditEntry

    start = datetime(2027, 3, 10, 17, tzinfo=ZoneInfo("America/Chicago"))
    time_machine.move_to(start)
    invite()
    invitation = Invitation.objects.get()
    time_machine.move_to(start + timedelta(days=20))
    url = reverse("accounts:invitation_resend", args=[personas.coalition.slug, invitation.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert personas.client("host").post(url).status_code == 302
    assert len(mail.outbox) == 2
    response = personas.client(None).post(
        link_path(mail.outbox[-1]),
        {"full_name": "N", "language": "en", "password": "a-very-long-pw-9x"},
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="invitation.resent").exists()


def test_host_revokes_an_invitation_and_its_link_stops_working(personas, invite):
    from juntos.audit.models import AuditEntry

    invite()
    path = link_path(mail.outbox[-1])
    invitation = Invitation.objects.get()
    url = reverse("accounts:invitation_revoke", args=[personas.coalition.slug, invitation.pk])
    assert personas.client("host").post(url).status_code == 302
    response = english(personas).post(
        path, {"full_name": "N", "language": "en", "password": "a-very-long-pw-9x"}
    )
    assert response.status_code == 400
    assert "withdrawn" in response.content.decode()
    assert AuditEntry.objects.filter(action="invitation.revoked").exists()
    # Revoking twice is a message, not an error.
    again = personas.client("host").post(url, follow=True)
    assert again.status_code == 200
    assert "already accepted or revoked" in again.content.decode()


def test_hosts_of_another_coalition_cannot_revoke(personas, invite):
    invite()
    invitation = Invitation.objects.get()
    url = reverse("accounts:invitation_revoke", args=[personas.coalition.slug, invitation.pk])
    assert personas.client("outsider").post(url).status_code == 404
    other = reverse(
        "accounts:invitation_revoke", args=[personas.other_coalition.slug, invitation.pk]
    )
    assert personas.client("outsider").post(other).status_code == 404
    assert Invitation.objects.get().revoked_at is None
