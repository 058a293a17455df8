"""Deadlines as people say them: "Thursday, March 11 at 5 p.m. (CST)", in the reader's
language, at render time (mail is rendered inside the recipient's language)."""

from django import template
from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def deadline_words(value) -> str:
    if not value:
        return ""
    local = timezone.localtime(value)
    return _("%(weekday)s, %(date)s at %(time)s (%(zone)s)") % {
        "weekday": WEEKDAYS[local.weekday()],
        "date": formats.date_format(local, "MONTH_DAY_FORMAT"),
        "time": formats.time_format(local, "TIME_FORMAT"),
        "zone": local.tzname(),
    }
