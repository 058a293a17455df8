"""Two-step sign-in: a code from an authenticator app (TOTP), with one-time recovery codes.

Built on django-otp (plugins otp_totp and otp_static). Anyone may turn it on from the
profile. A coalition's hosts may require it for hosts and Core Team: those people are
sent to set it up before any page of that coalition.

A login with two-step sign-in on (User.two_factor_enabled_at) reaches only the code page
(and sign-out) from any session that has not given a code since it was turned on: a new
sign-in, and also sessions opened before it was turned on. The check reads the user row
and the session that every request loads anyway, so it costs no query.
"""

import io
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from juntos.audit.log import audit_record
from juntos.audit.models import Action

VERIFIED_AT = "juntos_otp_verified_at"
RECOVERY_NAME = "recovery"
RECOVERY_COUNT = 10
REQUIRED_ROLES = ("host", "core_team")


# --- Rules ------------------------------------------------------------------------------


def required_for(coalition, role: str | None) -> bool:
    """Whether this coalition requires two-step sign-in of someone with this role."""
    return bool(coalition.require_two_factor) and role in REQUIRED_ROLES


def secret_groups(base32: str) -> str:
    """The secret in groups of four, for typing into an app by hand."""
    return " ".join(base32[i : i + 4] for i in range(0, len(base32), 4))


# --- Services ---------------------------------------------------------------------------


def enrolled(user) -> bool:
    return user.two_factor_enabled_at is not None


def session_verified(request) -> bool:
    """Whether this session gave a code since two-step sign-in was (last) turned on."""
    enabled_at = request.user.two_factor_enabled_at
    if enabled_at is None:
        return True
    stamp = request.session.get(VERIFIED_AT)
    try:
        return stamp is not None and datetime.fromisoformat(stamp) >= enabled_at
    except (TypeError, ValueError):
        return False


def _mark_verified(request, device) -> None:
    otp_login(request, device)
    request.session[VERIFIED_AT] = timezone.now().isoformat()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up (a new secret if there is none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def confirm(*, request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with a first code. Returns new recovery codes, or None if wrong."""
    if not device.verify_token(code.replace(" ", "")):
        return None
    user = device.user
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        user.two_factor_enabled_at = timezone.now()
        user.save(update_fields=["two_factor_enabled_at"])
        _audit(user, "enabled")
    _mark_verified(request, device)
    return codes


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user, name=RECOVERY_NAME).delete()
    static = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
    return codes


def recovery_codes_renew(user) -> list[str]:
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        _audit(user, "recovery codes renewed")
    return codes


def disable(user) -> None:
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        user.two_factor_enabled_at = None
        user.save(update_fields=["two_factor_enabled_at"])
        _audit(user, "disabled")


def verify(*, request, code: str) -> bool:
    """Check a code from the app or a recovery code (each recovery code works once)."""
    code = code.replace(" ", "").strip()
    if not code:
        return False
    for device in devices_for_user(request.user, confirmed=True, for_verify=True):
        if device.verify_token(code):
            _mark_verified(request, device)
            return True
    return False


def _audit(user, what: str) -> None:
    audit_record(
        coalition=None,
        actor=user,
        action=Action.TWO_FACTOR_CHANGED,
        target=user,
        changes={"two_step_sign_in": [None, what]},
    )


def qr_svg(uri: str) -> str:
    """The otpauth address as an inline SVG QR code (segno: pure Python, no images)."""
    import segno

    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", scale=4, xmldecl=False, svgns=True)
    return out.getvalue().decode()


# --- Sign-in ----------------------------------------------------------------------------


ALLOWED_WHILE_PENDING = ("accounts:two_factor_verify", "logout", "set_language")


class TwoFactorMiddleware:
    """A session that signed in with a password but owes a code reaches only the code page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or session_verified(request):
            return None
        match = request.resolver_match
        name = match.view_name if match else ""
        static = "/" + settings.STATIC_URL.lstrip("/")
        if name in ALLOWED_WHILE_PENDING or request.path.startswith(static):
            return None
        return redirect(f"{reverse('accounts:two_factor_verify')}?next={request.path}")


def coalition_gate(request, coalition, person):
    """Hosts and Core Team of a coalition that requires it: set up or verify first."""
    if not required_for(coalition, person.role):
        return None
    if enrolled(request.user):
        if session_verified(request):
            return None
        return redirect(f"{reverse('accounts:two_factor_verify')}?next={request.path}")
    return redirect(f"{reverse('accounts:two_factor')}?required={coalition.slug}")
