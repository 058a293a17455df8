"""The reader's version of a coalition's text (core/translatable.py).

`{{ event|tr:"title" }}` gives the text in the reader's language, or another version with a
small "not yet translated" mark; `{{ event|tr_text:"title" }}` the same text without the
mark, for page titles and attributes.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from juntos.core.translatable import is_bidi, language_name, version

register = template.Library()


@register.filter
def tr(obj, field):
    shown = version(obj, field)
    if not shown.fallback:
        return shown.text
    return format_html(
        '<span lang="{}"{}>{}</span> <span class="untranslated" title="{}">{}</span>',
        shown.language,
        format_html(' dir="{}"', "rtl") if is_bidi(shown.language) else "",
        shown.text,
        _("Shown in %(language)s") % {"language": language_name(shown.language)},
        _("not yet translated"),
    )


@register.filter
def tr_text(obj, field):
    return version(obj, field).text
