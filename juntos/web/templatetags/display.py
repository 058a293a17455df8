"""Display helpers for values stored as facts: phone numbers in national format.
`{% load display %}` (the audit log's values: juntos.audit.reader.value_words)."""

from django import template

from juntos.core.forms import format_phone

register = template.Library()


@register.filter
def phone(value):
    """+13145550123 → (314) 555-0123 (international format outside North America)."""
    return format_phone(value) if value else value
