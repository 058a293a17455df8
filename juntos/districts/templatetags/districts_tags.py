from django import template

from juntos.districts import addressing
from juntos.districts.selectors import seat_key

register = template.Library()


@register.filter
def seat_label(official) -> str:
    return addressing.seat_label(official)


@register.filter
def seat_value(seat) -> str:
    return seat_key(seat)
