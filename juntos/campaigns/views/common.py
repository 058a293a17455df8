"""Helpers shared by the campaign views."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def refused(request, error) -> None:
    text = error.message
    if error.rule:
        text = f"{text} {_('Rule')}: {error.rule}"
    messages.error(request, text)


def to_campaign(request, campaign, page="detail"):
    return redirect(f"campaigns:{page}", slug=request.coalition.slug, pk=campaign.pk)
