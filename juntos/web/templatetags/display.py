"""Display helpers for values stored as facts: phone numbers in national format, and the
audit log's ISO dates and times in the reader's date style. `{% load display %}`."""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from juntos.core.forms import format_phone

register = template.Library()


@register.filter
def phone(value):
    """+13145550123 → (314) 555-0123 (international format outside North America)."""
    return format_phone(value) if value else value


@register.filter
def audit_value(value):
    """An audit diff value: ISO dates and times ("2027-03-10T23:30:00+00:00") read as the
    reader's dates; true and false as yes and no; everything else as it is."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if not isinstance(value, str) or len(value) < 10 or not value[:4].isdigit():
        return value
    try:
        if len(value) == 10:
            return date_format(date.fromisoformat(value), "DATE_FORMAT")
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return date_format(moment, "SHORT_DATETIME_FORMAT")
