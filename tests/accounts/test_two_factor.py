"""Two-step sign-in with an authenticator app and recovery codes (django-otp), and the
coalition setting that requires it of hosts and Core Team (issue 14, "Two-factor")."""

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from juntos.accounts import twofactor
from juntos.audit.models import AuditEntry
from tests.conftest import PASSWORD


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def unthrottle():
    """django-otp slows the next try after a wrong code (1 s, 2 s, 4 s...): skip the wait."""
    from django_otp.plugins.otp_static.models import StaticDevice

    for model in (TOTPDevice, StaticDevice):
        model.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)


def enrol(client):
    """Turn on two-step sign-in through the profile; returns (device, recovery codes)."""
    page = client.get(reverse("accounts:two_factor"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode() and page.context["uri"].startswith("otpauth://totp/")
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(
        reverse("accounts:two_factor"), {"action": "confirm", "code": code_for(device)}
    )
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    return device, response.context["codes"]


def sign_in(email, ip="203.0.113.9"):
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": email, "password": PASSWORD}, REMOTE_ADDR=ip
    )
    assert response.status_code == 302
    return client


def test_enrolment_then_sign_in_asks_for_the_code(personas):
    device, codes = enrol(personas.client("rep"))
    assert len(codes) == 10
    client = sign_in(personas.rep.email)
    home = reverse("web:home", args=[personas.coalition.slug])
    response = client.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    # No other page either, not even the profile or the API token page.
    assert client.get(reverse("accounts:profile")).status_code == 302
    wrong = client.post(reverse("accounts:two_factor_verify"), {"code": "000000", "next": home})
    assert wrong.status_code == 200 and client.get(home).status_code == 302
    unthrottle()
    TOTPDevice.objects.update(last_t=-1)  # the enrolment's code may not be replayed: a new one
    device.refresh_from_db()
    ok = client.post(
        reverse("accounts:two_factor_verify"), {"code": code_for(device), "next": home}
    )
    assert ok.status_code == 302 and ok["Location"] == home
    assert client.get(home).status_code == 200
    assert AuditEntry.objects.filter(action="twofactor.changed", target_id=personas.rep.pk)


def test_a_recovery_code_works_once(personas):
    _device, codes = enrol(personas.client("rep"))
    client = sign_in(personas.rep.email)
    verify = reverse("accounts:two_factor_verify")
    assert client.post(verify, {"code": codes[0]}).status_code == 302
    again = sign_in(personas.rep.email, ip="203.0.113.10")
    assert again.post(verify, {"code": codes[0]}).status_code == 200  # used up
    assert again.get(reverse("accounts:profile")).status_code == 302


def test_people_without_two_step_sign_in_are_not_asked(personas):
    client = sign_in(personas.rep.email)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_the_secret_is_shown_in_groups_for_typing():
    assert twofactor.secret_groups("ABCDEFGHIJKL") == "ABCD EFGH IJKL"


def test_hosts_require_it_and_hosts_and_core_team_are_sent_to_enrolment(personas):
    host = personas.client("host")
    url = reverse("accounts:coalition_security", args=[personas.coalition.slug])
    assert host.post(url, {"require_two_factor": "on"}).status_code == 302
    personas.coalition.refresh_from_db()
    assert personas.coalition.require_two_factor
    home = reverse("web:home", args=[personas.coalition.slug])
    for who in ("host", "core"):
        response = personas.client(who).get(home)
        assert response.status_code == 302, who
        assert response["Location"].startswith(reverse("accounts:two_factor")), who
    # Representatives and supporters are not required; another coalition is not affected.
    assert personas.client("rep").get(home).status_code == 200
    assert personas.client("supporter").get(home).status_code == 200
    other = reverse("web:home", args=[personas.other_coalition.slug])
    assert personas.client("outsider").get(other).status_code == 200


def test_after_enrolling_a_required_core_team_member_gets_in(personas):
    personas.coalition.require_two_factor = True
    personas.coalition.save()
    client = personas.client("core")
    enrol(client)  # enrolling verifies this session
    home = reverse("web:home", args=[personas.coalition.slug])
    assert client.get(home).status_code == 200


def test_turning_it_off_needs_a_current_code(personas):
    client = personas.client("rep")
    device, codes = enrol(client)
    url = reverse("accounts:two_factor")
    assert client.post(url, {"action": "disable", "code": "123"}).status_code == 200
    personas.rep.refresh_from_db()
    assert twofactor.enrolled(personas.rep)
    unthrottle()
    assert client.post(url, {"action": "disable", "code": codes[1]}).status_code == 302
    personas.rep.refresh_from_db()
    assert not twofactor.enrolled(personas.rep)


def test_verify_page_refuses_to_send_people_elsewhere(personas):
    _device, codes = enrol(personas.client("rep"))
    client = sign_in(personas.rep.email)
    response = client.post(
        reverse("accounts:two_factor_verify"),
        {"code": codes[0], "next": "https://evil.example/"},
    )
    assert response.status_code == 302 and "evil" not in response["Location"]


def test_sessions_opened_before_it_was_turned_on_must_give_a_code(personas):
    earlier = personas.client("rep")
    home = reverse("web:home", args=[personas.coalition.slug])
    assert earlier.get(home).status_code == 200
    enrol(personas.client("rep"))
    response = earlier.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))


def test_turning_it_off_and_on_again_asks_every_session_again(personas):
    client = personas.client("rep")
    _device, codes = enrol(client)
    assert (
        client.post(
            reverse("accounts:two_factor"), {"action": "disable", "code": codes[0]}
        ).status_code
        == 302
    )
    other = personas.client("rep")
    enrol(other)
    assert client.get(reverse("accounts:profile")).status_code == 302
