"""Token authentication, scopes and the per-token rate limit for the JSON API."""

import json
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from juntos.api.models import ApiToken, hash_token
from juntos.api.osdi import BadRequest
from juntos.core.access import ACCESS_ATTR, role_at_least
from juntos.members.models import Person
from juntos.privacy import state as privacy_state


def problem(status: int, message: str, **headers) -> JsonResponse:
    response = JsonResponse({"error": message, "status": status}, status=status)
    for key, value in headers.items():
        response[key.replace("_", "-")] = value
    return response


def _raw_token(request) -> str:
    raw = request.headers.get("OSDI-API-Token", "")
    auth = request.headers.get("Authorization", "")
    if not raw and auth.lower().startswith("bearer "):
        raw = auth[7:].strip()
    return raw


def _rate_limited(token: ApiToken) -> int:
    """Seconds to wait, or 0. A fixed one-minute window per token."""
    limit = settings.JUNTOS_API_PER_MINUTE
    window = int(time.time() // 60)
    key = f"api-rate:{token.pk}:{window}"
    count = cache.get_or_set(key, 0, 120)
    if count >= limit:
        return 60 - int(time.time() % 60) or 1
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, 120)
    return 0


def api_view(*, minimum_role: str = "representative", write: bool = False, methods=("GET",)):
    """Authenticate by token, check scope and role, rate-limit, answer JSON errors."""

    def decorator(view):
        @csrf_exempt  # tokens, not cookies: no cross-site request can carry one
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in methods:
                return problem(405, f"Use {', '.join(methods)}.", Allow=", ".join(methods))
            raw = _raw_token(request)
            if not raw:
                return problem(
                    401,
                    "Send an API token in the OSDI-API-Token header.",
                    WWW_Authenticate='Bearer realm="juntos"',
                )
            token = (
                ApiToken.objects.filter(digest=hash_token(raw), revoked_at__isnull=True)
                .select_related("coalition", "coalition__privacy", "user")
                .first()
            )
            if token is None or not token.user.is_active:
                return problem(
                    401,
                    "This token is not valid or was revoked.",
                    WWW_Authenticate='Bearer realm="juntos"',
                )
            if privacy_state.bind(request, token.coalition):
                return problem(423, "The coalition is in lockdown: API tokens are suspended.")
            person = Person.objects.filter(coalition=token.coalition, user=token.user).first()
            if person is None or not role_at_least(person.role or None, minimum_role):
                return problem(403, "Your role in this coalition does not allow this.")
            if (write or request.method != "GET") and token.scope != ApiToken.Scope.READ_WRITE:
                return problem(403, "This token is read-only.")
            wait = _rate_limited(token)
            if wait:
                return problem(
                    429, "Too many requests for this token; slow down.", Retry_After=str(wait)
                )
            if token.last_used_at is None or (timezone.now() - token.last_used_at).seconds > 60:
                ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
            request.coalition = token.coalition
            request.person = person
            request.role = person.role
            request.api_token = token
            if request.method in ("POST", "PUT", "PATCH"):
                if not request.body.strip():
                    return problem(400, "Send a JSON object as the body.")
                try:
                    request.json = json.loads(request.body)
                except ValueError:
                    return problem(400, "The body is not valid JSON.")
                if not isinstance(request.json, dict):
                    return problem(400, "The body must be a JSON object.")
            try:
                return view(request, *args, **kwargs)
            except BadRequest as error:
                return problem(error.status, str(error))

        setattr(wrapper, ACCESS_ATTR, f"api:{minimum_role}")
        return wrapper

    return decorator
