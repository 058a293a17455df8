"""`{% jinja "members/_directory_rows.html" rows=rows %}`: a Jinja2 fragment inside a page.

The fragment sees only the arguments given, plus `request`, `csrf_token` and `csrf_input`
(Django's Jinja2 backend adds them). See juntos/web/jinja.py for why and how.
"""

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja(context, name, **values):
    fragment = engines["jinja2"].get_template(name)
    # Autoescaped by the Jinja2 environment, with Django's escape (juntos/web/jinja.py).
    return mark_safe(fragment.render(values, request=context.get("request")))  # noqa: S308
