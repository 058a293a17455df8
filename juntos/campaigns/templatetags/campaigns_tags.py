"""Campaign pieces other apps' pages can show: a person's own deliverables."""

from django import template
from django.utils import timezone

from juntos.campaigns.models import Deliverable
from juntos.campaigns.selectors import deliverables_of

register = template.Library()


@register.inclusion_tag("campaigns/_my_deliverables.html", takes_context=True)
def my_deliverables(context):
    request = context["request"]
    person = getattr(request, "person", None)
    rows = (
        deliverables_of(person).filter(status__in=Deliverable.OPEN_STATUSES)[:20]
        if person is not None
        else []
    )
    return {"deliverables": rows, "today": timezone.localdate(), "slug": request.coalition.slug}
