"""The 403 and 404 pages: the site's layout, the reader's language, a way home, and
nothing about what exists."""

import re

from django.urls import reverse


def _meetings(coalition):
    return reverse("governance:meetings", args=[coalition.slug])


def test_refused_page_is_in_the_layout_and_spanish_with_the_coalitions_home(personas):
    personas.supporter.preferred_language = "es"
    personas.supporter.save(update_fields=["preferred_language"])
    response = personas.client("supporter").get(_meetings(personas.coalition))
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="es">' in html and 'class="top"' in html  # base layout
    assert "No disponible para usted" in html and "403 Forbidden" not in html
    home = reverse("web:home", args=[personas.coalition.slug])
    assert f'<a href="{home}">Ir a la página de inicio</a>' in html


def test_refused_page_in_english_for_an_english_reader(personas):
    response = personas.client("supporter").get(_meetings(personas.coalition))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Not available to you" in html and "Go to the home page" in html


def test_view_without_an_audience_is_refused_with_the_same_page(personas, rf):
    from juntos.web.errors import permission_denied

    request = rf.get("/anything/")
    request.user = personas.rep
    response = permission_denied(request)
    assert response.status_code == 403
    assert f'href="{reverse("start_root")}"' in response.content.decode()


def test_outsider_gets_the_same_404_for_a_real_and_an_unknown_coalition(personas):
    client = personas.client("outsider")
    real = client.get(_meetings(personas.coalition))
    unknown = client.get("/c/no-such-coalition/meetings/")
    assert real.status_code == unknown.status_code == 404
    for response in (real, unknown):
        html = response.content.decode()
        assert "Page not found" in html and 'class="top"' in html
        assert f'<a href="{reverse("start_root")}">Go to the home page</a>' in html
        assert personas.coalition.name not in html
    pages = [
        re.sub(r'(X-CSRFToken": "|csrfmiddlewaretoken" value=")[^"]+', "", r.content.decode())
        for r in (real, unknown)
    ]
    assert pages[0].replace(personas.coalition.slug, "X") == pages[1].replace(
        "no-such-coalition", "X"
    )


def test_member_missing_page_links_to_the_coalitions_home(personas):
    response = personas.client("rep").get(f"/c/{personas.coalition.slug}/no-such-page/")
    assert response.status_code == 404
    home = reverse("web:home", args=[personas.coalition.slug])
    assert f'<a href="{home}">Go to the home page</a>' in response.content.decode()


def test_anonymous_404_in_spanish(client, db):
    response = client.get("/nowhere/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 404
    assert "Página no encontrada" in response.content.decode()
