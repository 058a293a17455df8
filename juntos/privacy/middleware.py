"""The privacy middleware: per-request state (lockdown, access records) and the pages a
lockdown suspends.

A lockdown suspends, for everyone, the pages named in SUSPENDED: exports, kiosks and
public pages that list names, and for everyone but hosts the pages in HOSTS_ONLY (guests'
sign-in details, contact records). Other contact details are hidden from all but hosts in the
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
# Pages that show other people's contact details outside the consent map (guests' sign-in
# details, contact records): hosts only during a lockdown.
HOSTS_ONLY = frozenset({"events:signins", "relationships:contact"})
TOKEN_VIEWS = {"events_public:kiosk", "events_public:kiosk_sign"}


def _locked_coalition(view_name: str, kwargs: dict) -> int | None:
    """The id of the URL's coalition when it is in lockdown, else None."""
    from juntos.privacy.models import PrivacySettings

    locked = PrivacySettings.objects.filter(locked_at__isnull=False)
    if view_name in TOKEN_VIEWS:
        from juntos.events.services import kiosk_event

        found = kiosk_event(kwargs.get("token", ""))
        if found is None:
            return None
        locked = locked.filter(coalition_id=found[0].coalition_id)
    elif kwargs.get("slug"):
        locked = locked.filter(coalition__slug=kwargs["slug"])
    else:
        return None
    return locked.values_list("coalition_id", flat=True).first()


def _is_host(request, coalition_id: int) -> bool:
    from juntos.members.models import Person

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return Person.objects.filter(coalition_id=coalition_id, user=user, role="host").exists()


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
        if match is None or (match.view_name not in SUSPENDED | HOSTS_ONLY):
            return None
        coalition_id = _locked_coalition(match.view_name, view_kwargs)
        if coalition_id is None:
            return None
        if match.view_name in HOSTS_ONLY and _is_host(request, coalition_id):
            return None
        return render(request, "privacy/suspended.html", status=423)
