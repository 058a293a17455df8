"""`{% coalition_menu %}`: the coalition's menu, rendered once per slug, role, page and language.

The menu is the same for everyone who shares those four (no names, counts or tokens in it),
and it is about thirty links and labels, so base.html had been reversing thirty URLs and
translating thirty labels on every page. Each worker keeps the last few hundred renderings;
nothing needs invalidating because nothing else goes into them (the URLconf and the
catalogues change only with a new build, that is a new process).
"""

from functools import lru_cache

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override

register = template.Library()


@lru_cache(maxsize=512)
def _menu(slug: str, role: str, namespace: str, url_name: str, language: str) -> str:
    with override(language):
        return get_template("web/_menu.html").render(
            {
                "slug": slug,
                "role": role,
                "namespace": namespace,
                "section": f"{namespace}:{url_name}",
            }
        )


@register.simple_tag(takes_context=True)
def coalition_menu(context) -> str:
    request = context["request"]
    match = request.resolver_match
    return mark_safe(  # noqa: S308 - our own template, rendered with autoescape
        _menu(
            request.coalition.slug,
            request.role,
            (match.namespace if match else "") or "",
            (match.url_name if match else "") or "",
            get_language(),
        )
    )
