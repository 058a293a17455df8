"""Headers: a Content-Security-Policy without inline scripts, and no-store on everything
that can carry contact details (pages, CSV exports, the API)."""

import re
from pathlib import Path

from django.urls import reverse

import juntos


def test_pages_carry_a_csp_that_refuses_inline_scripts(personas):
    response = personas.client("host").get(reverse("web:home", args=[personas.coalition.slug]))
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'self'" in script_src and "unsafe-inline" not in script_src
    assert "unsafe-eval" not in script_src and "frame-ancestors 'none'" in policy


def test_no_template_has_an_inline_script_or_event_handler():
    """CSP would silently break them: scripts are files (htmx, juntos.js, kiosk.js)."""
    root = Path(juntos.__file__).parent
    offenders = []
    for path in root.rglob("templates/**/*.html"):
        text = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "application/json" not in tag:
                offenders.append(f"{path.name}: {tag}")
        if re.search(r"\son[a-z]+\s*=", text) or "javascript:" in text:
            offenders.append(f"{path.name}: inline handler")
    assert offenders == []


def test_pages_exports_and_api_with_contact_details_are_not_stored(personas):
    slug = personas.coalition.slug
    host = personas.client("host")
    for url in (
        reverse("members:directory", args=[slug]),
        reverse("members:detail", args=[slug, personas.member.pk]),
        reverse("imports:export_people", args=[slug]),
    ):
        assert host.get(url)["Cache-Control"] == "no-store", url
    from juntos.api.models import ApiToken

    _t, raw = ApiToken.issue(
        user=personas.host, name="t", scope="read", coalition=personas.coalition
    )
    api = personas.client(None).get(reverse("api:people"), HTTP_OSDI_API_TOKEN=raw)
    assert api["Cache-Control"] == "no-store"
