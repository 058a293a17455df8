"""Governance's generated words in the reader's language: `{% load phrases %}`."""

from django import template

from juntos.governance import phrases

register = template.Library()


@register.filter
def row(item, field):
    """`{{ item|row:"goal" }}`: an agenda row's own words, or its generated ones."""
    return phrases.row_text(item, field)


@register.filter
def change_goal(change):
    """`{{ change|change_goal }}`: the row an agenda-change mail names, in its reader's words."""
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
