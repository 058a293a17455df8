"""The meeting packet PDF."""

from django.http import HttpResponse

from juntos.core.access import coalition_view
from juntos.governance import packet, selectors


@coalition_view("representative")
def meeting_packet(request, pk):
    meeting = selectors.get_meeting_for(request, pk)
    body = packet.meeting_packet(meeting, role=request.role, person=request.person)
    response = HttpResponse(body, content_type="application/pdf")
    name = f"{request.coalition.slug}-meeting-{meeting.local_date.isoformat()}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
