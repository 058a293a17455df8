"""One style for dates, times and numbers per language (settings.FORMAT_MODULE_PATH).

Templates use only the named formats (DATE_FORMAT, DATETIME_FORMAT, SHORT_DATE_FORMAT,
SHORT_DATETIME_FORMAT, TIME_FORMAT), never a format string of their own. Times are on the
12-hour clock with AM/PM in both languages (as written in the US, in English and Spanish),
and never end in "p.m." so a sentence does not end in "p.m.."; short dates spell the month
so 03/04 is never read two ways.
"""
