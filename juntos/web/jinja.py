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
  Django's `date` filter, and `join` Django's (items escaped by Django), not Jinja2's.
Autoescaping is on (Django's Jinja2 backend default) and must stay on.
"""

from functools import cached_property
from html import escape as html_escape
from pathlib import Path

import django.forms
from django.forms.renderers import BaseRenderer, DjangoTemplates
from django.template.backends.jinja2 import Jinja2
from django.template.defaultfilters import date
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, ngettext
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from juntos.web.templatetags.display import phone
from juntos.web.templatetags.rowurls import row_url


def _finalize(value):
    """What Django's `{{ value }}` does: a datetime in local time, localize, then escape with
    Django's escape (which is html.escape), unless the value is already safe. Markup, so
    Jinja2 leaves it as it is."""
    if hasattr(value, "__html__"):
        return value
    if type(value) is not str:
        value = str(localize(template_localtime(value)))
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


def _finalize_plain(value):
    """Django's form templates write attribute values and option values with
    `|stringformat:'s'` (str, not localized); labels and the rest are strings already."""
    if hasattr(value, "__html__"):
        return value
    return Markup(html_escape(str(value)))


FORMS = Path(django.forms.__file__).parent


class _FormTemplates(FileSystemLoader):
    """django/forms/jinja2, each file ending as its Django twin in django/forms/templates
    does (with or without a newline), so that a select's options, say, come out exactly as
    Django's engine wrote them."""

    def __init__(self):
        super().__init__(FORMS / "jinja2")

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        twin = FORMS / "templates" / template
        ending = "\n" if twin.is_file() and twin.read_text().endswith("\n") else ""
        return source.rstrip("\n") + ending, filename, uptodate


def form_environment(**options) -> Environment:
    options.update(loader=_FormTemplates(), keep_trailing_newline=True)
    return Environment(finalize=_finalize_plain, **options)


# Widgets made of widgets: Django's versions strip the space between them ({% spaceless %}),
# which the Jinja2 versions do not do the same way; they stay with Django's engine.
SPACELESS = {
    f"django/forms/widgets/{name}.html"
    for name in (
        "multiwidget",
        "multiple_hidden",
        "splitdatetime",
        "splithiddendatetime",
        "select_date",
    )
}


class FormRenderer(BaseRenderer):
    """Django's widget templates in their Jinja2 versions (django/forms/jinja2/.../widgets),
    rendered with Django's escaping: a select or a text input cost 0.1–0.3 ms in Django's
    engine, and a page with two forms draws a few dozen. Any other template (the admin's
    widgets, the SPACELESS ones, a whole form's or a field group's, whose Jinja2 versions
    space their output differently) is rendered by Django's default renderer as before.
    tests/web/test_jinja.py compares every kind of widget with Django's own rendering."""

    @cached_property
    def engine(self):
        return Jinja2(
            {
                "APP_DIRS": False,
                "DIRS": [FORMS / "jinja2"],
                "NAME": "djangoforms",
                "OPTIONS": {"environment": "juntos.web.jinja.form_environment"},
            }
        )

    @cached_property
    def fallback(self):
        return DjangoTemplates()

    def get_template(self, template_name):
        if template_name.startswith("django/forms/widgets/") and template_name not in SPACELESS:
            return self.engine.get_template(template_name)
        return self.fallback.get_template(template_name)
