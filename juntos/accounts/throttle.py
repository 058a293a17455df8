"""Sign-in throttling (django-axes): failures count per account and per client address.

The attempt store is the database by default, so every worker process shares it; a
deployment with Redis sets JUNTOS_SIGNIN_THROTTLE_HANDLER=axes.handlers.cache.AxesCacheHandler
and points CACHES at Redis (see README, "Security — accounts").
"""

from juntos.accounts.models import normalize_email


def username(request, credentials) -> str:
    """The account an attempt is for: one spelling per address, so case does not reset it."""
    raw = ""
    if credentials:
        raw = credentials.get("username", "") or credentials.get("email", "")
    if not raw and request is not None:
        raw = request.POST.get("username", "")
    return normalize_email(raw)


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page, in the visitor's language, with status 429."""
    from django.conf import settings
    from django.shortcuts import render

    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)
