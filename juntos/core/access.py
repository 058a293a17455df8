"""Every view is denied unless it says who may see it.

Views declare their audience with one of three decorators:
  @public                         anyone, signed in or not
  @signed_in                      any signed-in user (pages not scoped to one coalition)
  @coalition_view(Role.X)         people of the coalition in the URL with role X or above

`DenyByDefaultMiddleware` refuses any view that declares nothing, so a forgotten
decorator fails closed. Outsiders to a coalition get 404 (a coalition's existence and
pages are not revealed); members without the right get 403.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

ACCESS_ATTR = "juntos_access"

RANK = {"supporter": 1, "representative": 2, "core_team": 3, "host": 4}


def role_at_least(role: str | None, minimum: str) -> bool:
    return role is not None and RANK.get(role, 0) >= RANK[minimum]


def public(view):
    setattr(view, ACCESS_ATTR, "public")
    return view


def signed_in(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return view(request, *args, **kwargs)

    setattr(wrapper, ACCESS_ATTR, "signed_in")
    return wrapper


def operator(view):
    """The installation's operators (superusers) only; everyone else is told nothing (404)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        if not request.user.is_superuser:
            raise Http404
        return view(request, *args, **kwargs)

    setattr(wrapper, ACCESS_ATTR, "operator")
    return wrapper


def coalition_view(minimum_role: str):
    """Resolve `slug` to request.coalition and request.person, and require a role."""
    from juntos.charter.models import Coalition
    from juntos.core import remembered
    from juntos.members.models import Member, Person
    from juntos.privacy import state as privacy_state
    from juntos.privacy.models import PrivacySettings

    remembered.watch(Person, Member, Coalition, PrivacySettings)

    def decorator(view):
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            # One query for the coalition (with its privacy row: lockdown) and the person: an
            # unknown coalition and one the user has no role in are the same 404. A worker
            # remembers the answer while the access version stands (polled live panels).
            person = remembered.recall(
                "person",
                (request.user.pk, slug),
                lambda: (
                    Person.objects.filter(coalition__slug=slug, user=request.user)
                    .select_related("member", "coalition", "coalition__privacy")
                    .first()
                ),
                shared=True,
            )
            if person is None or not person.role:
                raise Http404
            if not role_at_least(person.role, minimum_role):
                raise PermissionDenied
            coalition = person.coalition
            request.coalition = coalition
            request.person = person
            request.role = person.role
            privacy_state.bind(request, coalition)

            from juntos.accounts.twofactor import coalition_gate

            gate = coalition_gate(request, coalition, person)
            if gate is not None:  # hosts require two-step sign-in of this role: set it up
                return gate
            if not getattr(view, "charter_optional", False):
                from juntos.charter.setup import charter_gate

                gate = charter_gate(request)  # no charter in force: never a 500
                if gate is not None:
                    return gate
            return view(request, *args, **kwargs)

        setattr(wrapper, ACCESS_ATTR, f"coalition:{minimum_role}")
        return wrapper

    return decorator


def view_access(view_func) -> str | None:
    return getattr(view_func, ACCESS_ATTR, None)


class DenyByDefaultMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_access(view_func) is not None:
            return None
        module = getattr(view_func, "__module__", "")
        # The admin checks staff status itself; static files are served in development only.
        if module.startswith(("django.contrib.admin", "django.contrib.staticfiles")):
            return None
        raise PermissionDenied
