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


@coalition_view("supporter")
def my_work(request):
    """One place for what I owe: next meeting, open votes, sign-ons, tasks."""
    from django.shortcuts import render

    from juntos.governance.mywork import my_work as work_of

    work = work_of(request.person, request.coalition, request.role)
    return render(request, "governance/my_work.html", {"work": work})
