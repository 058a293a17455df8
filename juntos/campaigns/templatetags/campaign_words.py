"""A campaign's playbook words in the reader's language: `{% load campaign_words %}`."""

from django import template

from juntos.campaigns import phrases

register = template.Library()


@register.filter
def words(obj, field):
    """`{{ campaign|words:"case" }}`, `{{ stakeholder|words:"name" }}`: own words, or the
    playbook's in the reader's language."""
    if hasattr(obj, "playbook_ref"):
        return phrases.row_text(obj, field)
    return phrases.campaign_text(obj, field)
