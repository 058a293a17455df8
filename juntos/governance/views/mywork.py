"""My work: one page (and the top of the home page) for what a person owes. Each item is
done where it is shown: the forms post to the pages' own views (their permission checks and
services), which send the person back here, or with htmx answer with the refreshed list."""

from django.shortcuts import redirect, render

from juntos.core.access import coalition_view
from juntos.governance.mywork import my_work as work_of

BACKS = {"mine": "governance:my_work", "home": "web:home"}
HOME_TASKS = 8  # the home page shows the soonest tasks; My work shows them all


def work_context(request, back: str) -> dict:
    home = back == "home"
    work = work_of(
        request.person,
        request.coalition,
        request.role,
        task_limit=HOME_TASKS if home else 50,
        with_done=True,
    )
    return {"work": work, "back": back}


@coalition_view("supporter")
def my_work(request):
    """One place for what I owe: next meeting, open votes, sign-ons, tasks."""
    return render(request, "governance/my_work.html", work_context(request, "mine"))


def back_to_my_work(request):
    """Where a form posted from My work (or the home page's top) returns: the refreshed list
    for htmx, else the page itself; None when the form came from elsewhere."""
    back = request.POST.get("next", "")
    if back not in BACKS:
        return None
    if request.htmx:
        return render(request, "governance/_my_work.html", work_context(request, back))
    return redirect(BACKS[back], slug=request.coalition.slug)
