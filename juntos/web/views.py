from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render

from juntos.charter import rules as charter_rules
from juntos.charter.setup import apply_structure
from juntos.communications.models import Update
from juntos.core.access import coalition_view, public, role_at_least, signed_in
from juntos.core.models import OutboxMessage
from juntos.core.pagecache import cached_page
from juntos.members.models import Application, Member, Person, Sector
from juntos.members.rules import recruiting_balance
from juntos.members.selectors import structure


@public
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok", "database": connection.vendor})


@signed_in
def start(request):
    people = list(
        Person.objects.filter(user=request.user).exclude(role="").select_related("coalition")
    )
    if len(people) == 1:
        return redirect("web:home", slug=people[0].coalition.slug)
    from django.conf import settings

    return render(
        request,
        "web/start.html",
        {"people": people, "coalition_requests": settings.COALITION_REQUESTS},
    )


def balance_chart(coalition) -> list[dict]:
    sectors = Member.objects.filter(coalition=coalition, status=Member.Status.ACTIVE).values_list(
        "sectors", flat=True
    )
    rows = recruiting_balance(sectors)
    top = max((count for _, count in rows), default=0) or 1
    labels = dict(Sector.choices)
    return [
        {"sector": s, "label": labels[s], "count": c, "width": round(100 * c / top)}
        for s, c in rows
    ]


@coalition_view("supporter")
@cached_page
def home(request):
    coalition = request.coalition
    version = coalition.charter_in_force()
    rules = version.parsed_rules
    context = {
        "version": version,
        "rule_lines": charter_rules.describe(rules),
        "structure": apply_structure(coalition, structure(coalition, viewer_role=request.role)),
        "is_member_view": role_at_least(request.role, "representative"),
    }
    feed = Update.objects.filter(coalition=coalition)
    if request.role == "supporter":
        feed = feed.filter(public=True)
    context["updates"] = list(feed[:3])
    from juntos.governance.views.mywork import work_context  # what needs me, at the top

    context.update(work_context(request, "home"))
    if role_at_least(request.role, "representative"):
        context["balance"] = balance_chart(coalition)
        # A row is the label on its own line over the bar: long labels (Spanish) never cross it.
        context["balance_height"] = 40 * len(context["balance"]) + 4
    if request.role == "host" and coalition.setup_finished_at is None:
        from juntos.charter.setup import checklist, next_step

        context["setup"], context["setup_next"] = checklist(coalition), next_step(coalition)
    if request.role == "host":
        context["pending"] = list(
            Application.objects.filter(
                coalition=coalition, status__in=Application.OPEN_STATUSES
            ).order_by("created_at")
        )
    return render(request, "web/home.html", context)


@coalition_view("host")
def audit_log(request):
    """The audit log, paged and filtered (who, what, which record, dates); see audit.reader."""
    from django.core.paginator import Paginator

    from juntos.audit import reader

    form = reader.AuditFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    page = Paginator(reader.entries_for(request.coalition, data), reader.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "web/audit.html",
        {
            "form": form,
            "page": page,
            "rows": reader.rows(page.object_list),
            "query": query.urlencode(),
        },
    )


@coalition_view("host")
def audit_export(request):
    """The filtered audit log as CSV, for hosts."""
    from django.http import StreamingHttpResponse
    from django.utils.translation import get_language

    from juntos.audit import reader

    form = reader.AuditFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    response = StreamingHttpResponse(
        reader.csv_rows(reader.entries_for(request.coalition, data), get_language()),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{request.coalition.slug}-audit.csv"'
    return response


@coalition_view("host")
def outbox(request):
    sent = OutboxMessage.objects.filter(coalition_slug=request.coalition.slug)[:100]
    return render(request, "web/outbox.html", {"outbox_messages": sent})
