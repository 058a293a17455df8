"""The 403 and 404 pages: the site's layout, in the reader's language, a calm sentence
and a way home. They say nothing about what exists: an outsider to a coalition is sent
to the site's home, a member of it to the coalition's home."""

import re

from django.shortcuts import render
from django.urls import reverse

_COALITION_PATH = re.compile(r"^/c/(?P<slug>[-a-zA-Z0-9_]+)/")


def home_link(request) -> str:
    """The coalition's home when the URL is under /c/<slug>/ and the reader has a role
    there; otherwise the site's home."""
    found = _COALITION_PATH.match(request.path)
    user = getattr(request, "user", None)
    if found and user is not None and user.is_authenticated:
        from juntos.members.models import Person

        slug = found["slug"]
        if Person.objects.filter(coalition__slug=slug, user=user).exclude(role="").exists():
            return reverse("web:home", args=[slug])
    return reverse("start_root")


def _page(request, template: str, status: int):
    return render(request, template, {"home_url": home_link(request)}, status=status)


def permission_denied(request, exception=None):
    return _page(request, "403.html", 403)


def page_not_found(request, exception=None):
    return _page(request, "404.html", 404)
