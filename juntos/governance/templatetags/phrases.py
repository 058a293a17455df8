"""Governance's generated words in the reader's language: `{% load phrases %}`."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from juntos.governance import phrases

register = template.Library()


@register.filter
def row(item, field):
    """`{{ item|row:"goal" }}`: an agenda row's own words in the reader's language (another
    version with a "not yet translated" mark), or its generated ones."""
    shown = phrases.row_version(item, field)
    if not shown.fallback:
        return shown.text
    return format_html(
        '<span lang="{}">{}</span> <span class="untranslated">{}</span>',
        shown.language,
        shown.text,
        _("not yet translated"),
    )


@register.filter
def row_plain(item, field):
    """The same words without the mark, for attributes and titles."""
    return phrases.row_text(item, field)


@register.filter
def change_goal(change):
    """`{{ change|change_goal }}`: the row an agenda-change mail names, in its reader's words.
    Anything but the service's facts (a dict) is shown as it is."""
    if not isinstance(change, dict):
        return change
    return phrases.change_goal(change)


@register.filter
def motion_summary(motion):
    return phrases.motion_summary(motion)


@register.filter
def motion_rule(motion):
    return phrases.motion_rule(motion)


@register.filter
def motion_quorum(motion):
    return phrases.motion_quorum(motion)


@register.filter
def motion_outcome(motion):
    return phrases.motion_outcome(motion)


@register.filter
def review_reason(review):
    if review.reason or review.absences is None:
        return review.reason
    return phrases.absences_text(review.absences)


@register.filter
def some_names(names, limit=None):
    """`{{ names|some_names }}`: "A, B, C", or past a dozen (selectors.NAMES_SHOWN) the first
    ones "and 1,988 more". Takes a list of names or a selectors.Names."""
    from django.utils.formats import number_format

    from juntos.governance.selectors import NAMES_SHOWN, Names

    if not isinstance(names, Names):
        names = list(names)
        names = Names(tuple(names[: limit or NAMES_SHOWN]), len(names))
    text = ", ".join(str(n) for n in names.shown)
    if names.more > 0:
        return _("%(names)s and %(count)s more") % {
            "names": text,
            "count": number_format(names.more, force_grouping=True),
        }
    return text


@register.filter
def room_pace(seconds, picture):
    """`{{ 3|room_pace:picture }}`: a live part's polling interval in the page, as the server
    tells it in Juntos-Poll-Seconds (without the load's share): the UI's interval, longer for
    a larger room (juntos.live.versions.room_factor), so a page opened in a room of 2,000
    first polls when it is told to, not three seconds after it loaded."""
    from django.conf import settings

    from juntos.live.versions import room_factor

    present = len(picture.present) if picture is not None else 0
    return int(seconds) * settings.JUNTOS_LIVE_POLL_FACTOR * room_factor(present)
