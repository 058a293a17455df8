"""The privacy middleware: per-request state (lockdown, access records) and the pages a
lockdown suspends.

A lockdown suspends, for everyone, the pages named in SUSPENDED: exports, kiosks and
public pages that list names. Contact details are hidden from everyone but hosts in the
consent map (consent.services.contact_consent_map), API tokens stop in the API's token
check and webhooks stop in webhook_fire; those places ask `state.locked_down()` or the
coalition's settings, so no view has to.
"""

from django.shortcuts import render

from juntos.privacy import accesslog
from juntos.privacy import state as request_state

SUSPENDED = frozenset(
    {
        "imports:export_people",
        "imports:export_members",
        "imports:export_attendance",
        "imports:export_signons",
        "privacy:person_export",
        "privacy:my_export",
        "communications:statement_public",
        "communications:statement_logo",
        "events_public:page",
        "events_public:kiosk",
        "events_public:kiosk_sign",
        "events:sheet",
    }
)
TOKEN_VIEWS = {"events_public:kiosk", "events_public:kiosk_sign"}


def _coalition_locked(view_name: str, kwargs: dict) -> bool:
    from juntos.privacy.models import PrivacySettings

    if view_name in TOKEN_VIEWS:
        from juntos.events.services import kiosk_event

        found = kiosk_event(kwargs.get("token", ""))
        if found is None:
            return False
        return PrivacySettings.objects.filter(
            coalition_id=found[0].coalition_id, locked_at__isnull=False
        ).exists()
    slug = kwargs.get("slug")
    if not slug:
        return False
    return PrivacySettings.objects.filter(coalition__slug=slug, locked_at__isnull=False).exists()


class PrivacyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request_state.start(request)
        try:
            response = self.get_response(request)
            state = request_state.current()
            if state is not None:
                accesslog.flush(state)
            return response
        finally:
            request_state.finish(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name not in SUSPENDED:
            return None
        if not _coalition_locked(match.view_name, view_kwargs):
            return None
        return render(request, "privacy/suspended.html", status=423)
