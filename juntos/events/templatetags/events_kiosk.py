from django import template

register = template.Library()


@register.simple_tag
def representatives(found) -> list[str]:
    """Names and seats of the representatives a ZIP lookup chose, for the kiosk."""
    from juntos.events.views.public import representative_labels

    return representative_labels(found)
