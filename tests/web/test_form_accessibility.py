"""Forms announce their errors: a summary linking to each field with an error, and every
aria-describedby pointing at help or error text that is on the page."""

import re

import pytest
from django.urls import reverse
from django.utils import translation


@pytest.fixture(autouse=True)
def _language_restored():
    """Requests here switch the thread's language; the next test starts in English."""
    with translation.override("en"):
        yield


def test_error_summary_links_fields_and_describedby_ids_exist(personas):
    url = reverse("members:apply", args=[personas.coalition.slug])
    page = personas.client(None).post(url, {"email": "not-an-email"}).content.decode()
    summary = re.search(
        r'<div class="errorlist nonfield" role="alert" id="error-summary">.*?</div>', page, re.S
    )
    assert summary, "no error summary"
    links = re.findall(r'href="#(field-[\w-]+)"', summary.group(0))
    assert "field-email" in links and len(links) >= 3
    for target in links:
        assert f'id="{target}"' in page, target
    described = re.findall(r'aria-describedby="([^"]+)"', page)
    assert described
    for ids in described:
        for one in ids.split():
            assert f'id="{one}"' in page, f"aria-describedby points at missing #{one}"
    assert 'aria-invalid="true"' in page
    # Radio and checkbox groups keep their list semantics inside a named group.
    assert '<ul class="choices" role=' not in page
