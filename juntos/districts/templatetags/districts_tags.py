from django import template
from django.utils.translation import pgettext

from juntos.districts import addressing
from juntos.districts.selectors import seat_key

register = template.Library()


@register.filter
def seat_label(official) -> str:
    return addressing.seat_label(official)


@register.filter
def seat_value(seat) -> str:
    return seat_key(seat)


@register.filter
def party_label(party) -> str:
    """A party's name in the reader's language ("Democrat" -> "demócrata"); any other
    party as imported."""
    words = {
        "democrat": pgettext("party", "Democrat"),
        "democratic": pgettext("party", "Democrat"),
        "republican": pgettext("party", "Republican"),
        "independent": pgettext("party", "Independent"),
    }
    return words.get((party or "").strip().lower(), party or "")
