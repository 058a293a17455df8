"""Shared by the event services: the refusal they raise and small lookups."""

from __future__ import annotations

from django.utils.translation import gettext as _


class EventError(Exception):
    """A write the event's state or its rules do not allow."""

    def __init__(self, message: str, rule: str = ""):
        super().__init__(message)
        self.message = message
        self.rule = rule


def same_coalition(coalition, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.coalition_id != coalition.pk:
            raise EventError(_("That record belongs to another coalition."))
