from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from juntos.accounts import rules

T0 = datetime(2027, 3, 1, 12, tzinfo=UTC)


def inv(**kw):
    data = {"accepted_at": None, "revoked_at": None, "expires_at": T0 + timedelta(days=14)}
    data.update(kw)
    return SimpleNamespace(created_at=T0, **data)


def test_invitation_state():
    assert rules.invitation_state(inv(), T0) == rules.VALID
    assert rules.invitation_state(inv(accepted_at=T0), T0) == rules.USED
    assert rules.invitation_state(inv(revoked_at=T0), T0) == rules.REVOKED
    assert rules.invitation_state(inv(), T0 + timedelta(days=14)) == rules.EXPIRED


def test_old_invitations_without_expiry_expire_from_creation(settings):
    settings.JUNTOS_INVITATION_DAYS = 14
    assert rules.invitation_state(inv(expires_at=None), T0 + timedelta(days=13)) == rules.VALID
    assert rules.invitation_state(inv(expires_at=None), T0 + timedelta(days=15)) == rules.EXPIRED


def test_same_address_ignores_case_and_spaces():
    assert rules.same_address("Ana@Example.org ", "ana@example.org")
    assert not rules.same_address("ana@example.org", "ana@example.com")
    assert not rules.same_address("", "")


def test_role_after_accept_never_lowers():
    assert rules.role_after_accept("host", "supporter") == "host"
    assert rules.role_after_accept("core_team", "representative") == "core_team"
    assert rules.role_after_accept("supporter", "representative") == "representative"
    assert rules.role_after_accept("", "supporter") == "supporter"
    assert rules.role_after_accept(None, "host") == "host"


def test_member_after_accept_keeps_the_member_a_person_speaks_for():
    assert rules.member_after_accept("A", "B") == "A"
    assert rules.member_after_accept(None, "B") == "B"
