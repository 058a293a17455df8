"""The coalition menu is rendered once per slug, role, page and language and reused
(juntos.web.templatetags.menu): each of those four must still change what it shows."""

import re

from django.urls import reverse


def menu(response) -> str:
    body = response.content.decode()
    return body[body.index('<details class="menu"') : body.index("</details>")]


def current(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" aria-current="page">', html)


def test_the_menu_marks_the_page_it_is_on(personas):
    client = personas.client("host")
    slug = personas.coalition.slug
    home = menu(client.get(reverse("web:home", args=[slug])))
    notices = menu(client.get(reverse("communications:notices", args=[slug])))
    assert current(home) == [reverse("web:home", args=[slug])]
    assert current(notices) == [reverse("communications:notices", args=[slug])]


def test_the_menu_follows_the_role(personas):
    slug = personas.coalition.slug
    host = menu(personas.client("host").get(reverse("communications:notices", args=[slug])))
    supporter = menu(
        personas.client("supporter").get(reverse("communications:notices", args=[slug]))
    )
    assert reverse("web:audit", args=[slug]) in host
    assert reverse("web:audit", args=[slug]) not in supporter
    assert reverse("members:directory", args=[slug]) not in supporter


def test_the_menu_speaks_the_readers_language(personas, settings):
    client = personas.client("host")
    url = reverse("web:home", args=[personas.coalition.slug])
    assert ">Members<" in menu(client.get(url))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    spanish = menu(client.get(url))
    assert ">Miembros<" in spanish and ">Members<" not in spanish
