"""Jinja2 for the hottest table rows: the same HTML as Django's templates, several times faster.

A page of 50 directory rows or 100 sign-ins cost 5–10 ms in Django's template engine (every
`{{ row.member.name }}` tries a dict, an attribute and an index in turn); Jinja2 compiles a
template to Python and renders the same rows in a fraction of that. Only row fragments are
written in Jinja2 (`<app>/jinja2/<app>/_*.html`); pages stay Django templates and include a
fragment with `{% jinja "members/_directory_rows.html" rows=rows %}` (templatetags/jinja.py).

So that a fragment renders exactly what the Django template it replaced did:
- values are escaped by Django's own `escape` (`&#x27;`, `&quot;`; markupsafe would write
  `&#39;`, `&#34;`) and localized as Django's `{{ }}` does (`finalize`); anything already
  safe (SafeString, Markup) passes as it is;
- `_()` is Django's gettext, escaped by Django's escape as `{% translate %}` does; the
  catalogue is Django's, so every msgid in a fragment must be in juntos/locale
  (tests/web/test_jinja.py checks);
- `row_url` is `{% row_url %}`, `url` is `{% url %}`, `phone` the display filter, `date`
  Django's `date` filter, and
  `join` is Django's (items escaped by Django), replacing Jinja2's.
Autoescaping is on (Django's Jinja2 backend default) and must stay on.
"""

from html import escape as html_escape

from django.template.defaultfilters import date
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from jinja2 import Environment
from markupsafe import Markup

from juntos.web.templatetags.display import phone
from juntos.web.templatetags.rowurls import row_url


def _finalize(value):
    """What Django's `{{ value }}` does: localize, then escape with Django's escape (which
    is html.escape), unless the value is already safe. Markup, so Jinja2 leaves it as is."""
    if hasattr(value, "__html__"):
        return value
    if type(value) is not str:
        value = str(localize(value))
    return Markup(html_escape(value))


def _gettext(message):
    """Django's gettext, escaped once (as `{% translate %}` escapes), so a label shown in
    every row is not escaped again in every row."""
    return Markup(html_escape(gettext(message)))


def _ngettext(singular, plural, number):
    return Markup(html_escape(ngettext(singular, plural, number)))


def _join(values, separator=""):
    """Django's `join` (each item escaped with Django's escape), not Jinja2's."""
    return mark_safe(conditional_escape(separator).join(conditional_escape(v) for v in values))  # noqa: S308


def _url(name, *args):
    return reverse(name, args=args)


def environment(**options) -> Environment:
    options["extensions"] = [*options.get("extensions", ()), "jinja2.ext.i18n"]
    env = Environment(finalize=_finalize, **options)
    env.install_gettext_callables(_gettext, _ngettext, newstyle=False)
    env.globals.update(row_url=row_url, url=_url)
    env.filters.update(phone=phone, join=_join, date=date)
    return env
