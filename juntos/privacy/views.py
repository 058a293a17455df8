"""Privacy pages: retention and lockdown (hosts), a person's data, access log and erasure
(hosts), and the person's own data and erasure request."""

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.audit.log import audit_record
from juntos.audit.models import Action
from juntos.core.access import coalition_view
from juntos.members.models import Person
from juntos.privacy import accesslog, services
from juntos.privacy.erasure import person_erase
from juntos.privacy.export import access_history, export_labels, person_data
from juntos.privacy.forms import EraseForm, RetentionForm
from juntos.privacy.models import AccessKind, ErasureRequest


def _person(request, pk) -> Person:
    return get_object_or_404(
        Person.objects.select_related("user", "member", "coalition"),
        coalition=request.coalition,
        pk=pk,
    )


@coalition_view("host")
def privacy_settings(request):
    row = services.settings_for(request.coalition)
    if request.method == "POST":
        form = RetentionForm(request.POST, instance=services.settings_for(request.coalition))
        if form.is_valid():
            services.privacy_settings_save(
                coalition=request.coalition, actor=request.user, data=form.cleaned_data
            )
            messages.success(request, _("Saved."))
            return redirect("privacy:settings", slug=request.coalition.slug)
    else:
        form = RetentionForm(instance=row)
    query = request.GET.get("q", "").strip()
    people = []
    if query:
        people = list(
            Person.objects.filter(coalition=request.coalition)
            .filter(Q(full_name__icontains=query) | Q(email__icontains=query))
            .select_related("member")[:50]
        )
    requests_open = ErasureRequest.objects.filter(
        coalition=request.coalition, status=ErasureRequest.Status.OPEN
    ).select_related("person")
    return render(
        request,
        "privacy/settings.html",
        {
            "form": form,
            "row": row,
            "query": query,
            "people": people,
            "erasure_requests": requests_open,
            "today": timezone.localdate(),
        },
    )


@require_POST
@coalition_view("host")
def lockdown(request):
    services.lockdown_start(coalition=request.coalition, actor=request.user)
    messages.warning(request, _("The coalition is in lockdown. Every host has been told."))
    return redirect("privacy:settings", slug=request.coalition.slug)


@require_POST
@coalition_view("host")
def lockdown_lift(request):
    decision = services.lockdown_lift(coalition=request.coalition, actor=request.user)
    if decision.lifted:
        messages.success(request, _("The lockdown is lifted."))
    elif decision.rule == "needs_second_host":
        messages.info(
            request,
            _("Your request is recorded. Another host must confirm to lift the lockdown."),
        )
    return redirect("privacy:settings", slug=request.coalition.slug)


@coalition_view("host")
def person(request, pk):
    subject = _person(request, pk)
    history = Paginator(access_history(subject), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/person.html",
        {
            "subject": subject,
            "history": history,
            "erase_form": EraseForm(),
            "open_request": ErasureRequest.objects.filter(
                person=subject, status=ErasureRequest.Status.OPEN
            ).first(),
        },
    )


def _export_response(request, subject, *, download_name: str):
    data = person_data(subject)
    accesslog.note(
        coalition_id=subject.coalition_id, what=AccessKind.EXPORT, person_ids=[subject.pk]
    )
    audit_record(
        coalition=subject.coalition,
        actor=request.user,
        action=Action.PERSON_EXPORTED,
        target=subject,
        changes={"format": [None, request.GET.get("format", "html")]},
    )
    if request.GET.get("format") == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{download_name}.json"'
        return response
    with translation.override(subject.language):
        response = render(
            request,
            "privacy/export.html",
            {"data": data, "subject": subject, "labels": export_labels()},
        )
    response["Content-Language"] = subject.language
    return response


@coalition_view("host")
def person_export(request, pk):
    subject = _person(request, pk)
    return _export_response(request, subject, download_name=f"person-{subject.pk}")


@require_POST
@coalition_view("host")
def erase(request, pk):
    subject = _person(request, pk)
    form = EraseForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["confirm"][0])
        return redirect("privacy:person", slug=request.coalition.slug, pk=subject.pk)
    if subject.pk == request.person.pk:
        messages.error(request, _("Another host must erase you."))
        return redirect("privacy:person", slug=request.coalition.slug, pk=subject.pk)
    person_erase(person=subject, actor=request.user)
    messages.success(request, _("The person is erased. The audit log records that you did it."))
    return redirect("privacy:settings", slug=request.coalition.slug)


@coalition_view("supporter")
def mine(request):
    return render(
        request,
        "privacy/mine.html",
        {
            "open_request": ErasureRequest.objects.filter(
                person=request.person, status=ErasureRequest.Status.OPEN
            ).first(),
            "seen_by": access_history(request.person, limit=50),
        },
    )


@coalition_view("supporter")
def my_export(request):
    return _export_response(request, request.person, download_name="my-data")


@require_POST
@coalition_view("supporter")
def erasure_request(request):
    if request.POST.get("withdraw"):
        open_request = ErasureRequest.objects.filter(
            person=request.person, status=ErasureRequest.Status.OPEN
        ).first()
        if open_request is not None:
            services.erasure_request_withdraw(request=open_request, actor=request.user)
            messages.success(request, _("Your request is withdrawn."))
        return redirect("privacy:mine", slug=request.coalition.slug)
    made = services.erasure_request(person=request.person, actor=request.user)
    messages.success(
        request,
        _("Your request is sent to the hosts. They will act by %(date)s.")
        % {"date": date_format(made.due_on, "DATE_FORMAT")},
    )
    return redirect("privacy:mine", slug=request.coalition.slug)
