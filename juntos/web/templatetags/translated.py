"""The reader's version of a coalition's text (core/translatable.py).

`{{ event|tr:"title" }}` gives the text in the reader's language, or another version with a
small "not yet translated" mark; `{{ event|tr_text:"title" }}` the same text without the
mark, for page titles, attributes and mail; `tr_mark` and `tr_lang` go with a version that
is a list (a charter's values), shown item by item.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from juntos.core.translatable import is_bidi, language_name, version

register = template.Library()


def _mark(shown):
    return format_html(
        '<span class="untranslated" title="{}">{}</span>',
        _("Shown in %(language)s") % {"language": language_name(shown.language)},
        _("not yet translated"),
    )


@register.filter
def tr(obj, field):
    shown = version(obj, field)
    if not shown.fallback:
        return shown.text
    return format_html(
        '<span lang="{}"{}>{}</span> {}',
        shown.language,
        format_html(' dir="{}"', "rtl") if is_bidi(shown.language) else "",
        shown.text,
        _mark(shown),
    )


@register.filter
def tr_mark(obj, field):
    """Only the mark (or ""), for a version that is a list, shown item by item."""
    shown = version(obj, field)
    return _mark(shown) if shown.fallback else ""


@register.filter
def tr_lang(obj, field):
    """The language of the version shown, for a lang attribute when it is a fallback."""
    shown = version(obj, field)
    return shown.language if shown.fallback else ""


@register.filter
def tr_text(obj, field):
    return version(obj, field).text
