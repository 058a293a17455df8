"""The permission matrix: every URL pattern of the project, requested by every persona.

A URL without a row here fails the suite, so a new view cannot ship without
saying who may see it. Rows name the lowest role allowed:
  "public"     everyone
  "signed_in"  any login
  a role       that role and those above it (supporter < representative < core_team < host)
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from juntos.core.access import RANK

PERSONAS = ["anonymous", "supporter", "rep", "core", "host", "outsider"]
ROLE_OF = {"supporter": "supporter", "rep": "representative", "core": "core_team", "host": "host"}


def _application(p):
    from juntos.members.models import Application

    return Application.objects.create(
        coalition=p.coalition,
        city="X",
        state="MO",
        zip_code="63101",
        representative_name="A",
        phone="+13145550100",
        email="a@example.org",
        description="d",
        engages_immigrants="e",
        policy_priorities="p",
        base_and_mobilization="b",
        why_join="w",
        benefit="b",
        fingerprint="f",
    )


def _answer_token(p):
    from juntos.members.services import application_answer_token

    return application_answer_token(_application(p))


def _invite_token(p):
    from juntos.accounts.services import invitation_send, invitation_token

    inv = invitation_send(
        coalition=p.coalition,
        actor=p.host,
        email="new@example.org",
        full_name="New Person",
        role="supporter",
    )
    return invitation_token(inv)


def _seat(p):
    return p.core_team.seats.get().pk


# name: (lowest allowed, method, kwargs(personas) -> dict)
S = {"slug": lambda p: p.coalition.slug}
EXPECTED = {
    "start_root": ("signed_in", "get", {}),
    "healthz": ("public", "get", {}),
    "login": ("public", "get", {}),
    "logout": ("public", "post", {}),
    "set_language": ("public", "post", {}),
    "accounts:profile": ("signed_in", "get", {}),
    "accounts:accept": ("public", "get", {"token": _invite_token}),
    "accounts:invitations": ("host", "get", S),
    "web:home": ("supporter", "get", S),
    "web:audit": ("host", "get", S),
    "web:outbox": ("host", "get", S),
    "members:apply": ("public", "get", S),
    "members:apply_thanks": ("public", "get", S),
    "members:application_answer": ("public", "get", {**S, "token": _answer_token}),
    "members:applications": ("host", "get", S),
    "members:application": ("host", "get", {**S, "pk": lambda p: _application(p).pk}),
    "members:application_logo": ("host", "get", {**S, "pk": lambda p: _application(p).pk}),
    "members:directory": ("representative", "get", S),
    "members:add": ("host", "get", S),
    "members:detail": ("representative", "get", {**S, "pk": lambda p: p.member.pk}),
    "members:logo": ("representative", "get", {**S, "pk": lambda p: p.member.pk}),
    "members:person_add": ("host", "post", {**S, "pk": lambda p: p.member.pk}),
    "members:team_join": ("host", "post", {**S, "pk": lambda p: p.member.pk}),
    "members:team_leave": (
        "host",
        "post",
        {**S, "pk": lambda p: p.core_team.seats.get().member_id, "seat_pk": _seat},
    ),
    "members:primary_contact": ("host", "post", {**S, "pk": lambda p: p.member.people.get().pk}),
    "charter:charter": ("supporter", "get", S),
    "charter:amend": ("host", "get", S),
    "consent:mine": ("supporter", "get", S),
}
# Views whose allowed answer is not 200 even for the right person.
ALLOWED_STATUS = {
    "start_root": {200, 302},
    "login": {200, 302},
    "logout": {302},
    "set_language": {302},
    "members:application_logo": {404},  # no logo uploaded: allowed, but nothing to send
    "members:logo": {404},
    "members:person_add": {302},
    "members:team_join": {302},
    "members:team_leave": {302},
    "members:primary_contact": {302},
}
SKIP_PREFIXES = ("admin:",)


def all_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            yield from all_url_names(entry, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_has_a_row():
    names = {n for n in all_url_names() if not n.startswith(SKIP_PREFIXES)}
    missing = sorted(names - set(EXPECTED))
    assert not missing, f"add these URLs to the permission matrix: {missing}"


def test_every_view_declares_its_audience():
    from juntos.core.access import view_access

    resolver = get_resolver()

    def walk(res):
        for entry in res.url_patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace == "admin":
                    continue
                yield from walk(entry)
            else:
                yield entry

    undeclared = [p.name for p in walk(resolver) if view_access(p.callback) is None]
    assert not undeclared


def expected_allowed(minimum: str, persona: str) -> bool:
    if minimum == "public":
        return True
    if persona == "anonymous":
        return False
    if minimum == "signed_in":
        return True
    if persona == "outsider":
        return False
    return RANK[ROLE_OF[persona]] >= RANK[minimum]


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("persona", PERSONAS)
def test_matrix(personas, name, persona):
    minimum, method, kwarg_makers = EXPECTED[name]
    kwargs = {k: (v(personas) if callable(v) else v) for k, v in kwarg_makers.items()}
    url = reverse(name, kwargs=kwargs)
    client = personas.client(None if persona == "anonymous" else persona)
    response = getattr(client, method)(url)
    status = response.status_code
    if expected_allowed(minimum, persona):
        assert status in ALLOWED_STATUS.get(name, {200}), (name, persona, status)
    elif persona == "anonymous":
        assert status == 302 and "/accounts/login/" in response["Location"], (name, status)
    elif persona == "outsider" and minimum not in ("public", "signed_in"):
        assert status == 404, (name, persona, status)  # outsiders learn nothing
    else:
        assert status == 403, (name, persona, status)


def test_outsider_cannot_see_other_coalition_even_as_host(personas):
    client = personas.client("outsider")
    assert client.get(reverse("web:home", args=[personas.coalition.slug])).status_code == 404
    assert client.get(reverse("web:home", args=[personas.other_coalition.slug])).status_code == 200


def test_unknown_view_is_denied_by_default(rf):
    from django.core.exceptions import PermissionDenied
    from django.http import HttpResponse

    from juntos.core.access import DenyByDefaultMiddleware

    def undeclared(request):
        return HttpResponse("secret")

    middleware = DenyByDefaultMiddleware(lambda r: HttpResponse())
    with pytest.raises(PermissionDenied):
        middleware.process_view(rf.get("/"), undeclared, (), {})
