"""Reads for statements: the one rule for who sees which statement (pages and API)."""

from django.db.models import Q

from juntos.communications.models import Statement


def statements_visible_to(request):
    """Drafts only for hosts and the member that owns the draft; the rest for members."""
    qs = Statement.objects.filter(coalition=request.coalition)
    if request.role != "host":
        drafts = Q(status=Statement.Status.DRAFT)
        member_id = request.person.member_id
        qs = qs.filter(~drafts | Q(owner_member_id=member_id)) if member_id else qs.exclude(drafts)
    return qs
