"""`{% field form.name %}`: one form field with its label, help, errors and "optional".

Written in Python rather than as an included template because forms are on most pages
and the included template cost about a millisecond a field (a sign-in page has twelve).
The markup is the one the stylesheet and the browser tests expect: a div.field with
id "field-<name>", .has-error when it has errors, .check for a single checkbox.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from juntos.core.translatable import render_field_versions

register = template.Library()


@register.simple_tag
def field(bound):
    if getattr(bound.field, "version_group", None):
        # One text in several languages: its inputs side by side (core/translatable.py).
        return render_field_versions(bound, _one)
    return _one(bound)


@register.simple_tag
def versions(form, name):
    """`{% versions form "title" %}`: a translated field's inputs, one per language, where a
    template places fields one by one (the form has title_en, title_es, ... not title)."""
    for key, candidate in form.fields.items():
        group = getattr(candidate, "version_group", None)
        if group and key == group[0] and key.rsplit("_", 1)[0] == name:
            return render_field_versions(form[key], _one)
    return ""


def _one(bound):
    widget = bound.field.widget
    multiple = getattr(widget, "allow_multiple_selected", False)
    input_type = getattr(widget, "input_type", None)
    single_check = input_type == "checkbox" and not multiple
    classes = "field"
    if bound.errors:
        classes += " has-error"
    if single_check:
        classes += " check"
    optional = ""
    if not bound.field.required and not getattr(bound.field, "hide_optional", False):
        optional = format_html(' <span class="muted small">({})</span>', _("optional"))
    help_text = bound.help_text
    if single_check:
        body = format_html('<label for="{}">{} {}</label>', bound.id_for_label, bound, bound.label)
    elif multiple or input_type == "radio":
        choices = format_html_join(
            "",
            '<li>{}<label for="{}" style="display:inline">{}</label></li>',
            ((c.tag(), c.id_for_label, c.choice_label) for c in bound),
        )
        # The group is named by its label and described by its help and errors; the list
        # inside keeps its list semantics (a role on the <ul> itself would break them).
        described = " ".join(
            f"{bound.auto_id}_{part}"
            for part, present in (("helptext", help_text), ("error", bound.errors))
            if present
        )
        body = format_html(
            '<span class="label" id="{0}_label">{1}{2}</span>{3}'
            '<div role="group" aria-labelledby="{0}_label"{5}><ul class="{6}">{4}</ul></div>',
            bound.auto_id,
            bound.label,
            optional,
            format_html(
                '<span class="helptext" id="{}_helptext">{}</span>', bound.auto_id, help_text
            )
            if help_text
            else "",
            choices,
            format_html(' aria-describedby="{}"', described) if described else "",
            " ".join(filter(None, ("choices", getattr(widget, "choices_class", "")))),
        )
    else:
        body = format_html(
            '<label for="{}">{}{}</label>{}{}',
            bound.id_for_label,
            bound.label,
            optional,
            # Django's widgets point aria-describedby at <id>_helptext and <id>_error.
            format_html(
                '<span class="helptext" id="{}_helptext">{}</span>', bound.auto_id, help_text
            )
            if help_text
            else "",
            bound,
        )
    errors = ""
    if bound.errors:
        errors = format_html(
            '<ul class="errorlist" id="{}_error">{}</ul>',
            bound.auto_id,
            format_html_join("", "<li>{}</li>", ((e,) for e in bound.errors)),
        )
    return format_html(
        '<div class="{}" id="field-{}">{}{}</div>', classes, bound.html_name, body, errors
    )
