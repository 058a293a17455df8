"""Pages for CSV import (hosts) and exports (by role, honouring consent)."""

import threading

from django import forms
from django.contrib import messages
from django.db import close_old_connections
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from juntos.api import csv_people, imports
from juntos.api.models import ImportJob
from juntos.api.views import visible_people
from juntos.consent.rules import contact_visible
from juntos.consent.services import contact_consent_map
from juntos.core.access import coalition_view
from juntos.core.csv_safe import csv_writer
from juntos.members.models import Tagging
from juntos.members.selectors import members_visible_to
from juntos.privacy import accesslog

FIELD_LABELS = {
    "": gettext_lazy("(leave out)"),
    "first_name": gettext_lazy("First name"),
    "last_name": gettext_lazy("Last name"),
    "email": gettext_lazy("Email"),
    "phone": gettext_lazy("Phone"),
    "address": gettext_lazy("Street address"),
    "city": gettext_lazy("City"),
    "state": gettext_lazy("State"),
    "zip_code": gettext_lazy("ZIP code"),
    "tags": gettext_lazy("Tags (comma separated)"),
    "subscription": gettext_lazy("Subscription status"),
    "country": gettext_lazy("Country"),
    "sms_status": gettext_lazy("SMS status"),
    "identifier": gettext_lazy("Identifiers (other systems' ids)"),
    "language": gettext_lazy("Language"),
    "role": gettext_lazy("Role"),
    "member": gettext_lazy("Member organization"),
    csv_people.CUSTOM: gettext_lazy("Keep as a custom field"),
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "Action Network's export works as it is; other layouts are matched by hand next."
        ),
    )


@coalition_view("host")
def import_start(request):
    form = UploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt")):
            form.add_error("file", _("Upload a .csv file."))
        else:
            try:
                job = imports.job_create(
                    coalition=request.coalition, actor=request.user, upload=upload
                )
            except imports.ImportRefused as refused:
                form.add_error("file", str(refused))
            else:
                try:
                    imports.preview(job)
                except imports.ImportRefused as refused:
                    imports.discard(job)  # no stray job for a file that cannot be read
                    form.add_error("file", str(refused))
                else:
                    return redirect("imports:job", slug=request.coalition.slug, pk=job.pk)
    jobs = ImportJob.objects.filter(coalition=request.coalition)[:20]
    return render(request, "api/import_start.html", {"form": form, "jobs": jobs})


def _start_import(job_id: int) -> None:
    """Run the import off the request so the page can show progress. With the database
    task backend the worker does it; otherwise a thread of this process does."""
    from django_tasks import default_task_backend

    from juntos.api.tasks import import_people

    if default_task_backend.supports_defer:
        import_people.enqueue(job_id)
        return

    def work():
        try:
            imports.run(ImportJob.objects.get(pk=job_id))
        except Exception:  # noqa: BLE001 - recorded on the job by imports.run
            pass
        finally:
            close_old_connections()

    threading.Thread(target=work, daemon=True).start()


@coalition_view("host")
def import_job(request, pk):
    job = get_object_or_404(ImportJob, coalition=request.coalition, pk=pk)
    if request.method == "POST" and job.status == ImportJob.Status.UPLOADED:
        if request.POST.get("action") == "remap":
            mapping = {}
            for index, header in enumerate(job.headers):
                target = request.POST.get(f"col{index}", "")
                if target and target not in FIELD_LABELS:
                    target = ""
                if target and target != csv_people.CUSTOM and target in mapping.values():
                    messages.error(request, _("Each field can come from one column only."))
                    return redirect(request.path)
                mapping[header] = target
            job.mapping = mapping
            job.save(update_fields=["mapping"])
            imports.preview(job)
            return redirect(request.path)
        if request.POST.get("action") == "confirm":
            if "email" not in job.mapping.values() and "phone" not in job.mapping.values():
                messages.error(request, _("Match a column to Email or Phone first."))
                return redirect(request.path)
            job.status = ImportJob.Status.IMPORTING
            job.save(update_fields=["status"])
            _start_import(job.pk)
            return redirect(request.path)
    columns = [
        {"index": i, "header": h, "target": job.mapping.get(h, "")}
        for i, h in enumerate(job.headers)
    ]
    return render(
        request,
        "api/import_job.html",
        {
            "job": job,
            "columns": columns,
            "fields": list(FIELD_LABELS.items()),
            "merge_rules": csv_people.MERGE_RULES,
            "processed": imports.progress_read(job),
        },
    )


@coalition_view("host")
def import_progress(request, pk):
    job = get_object_or_404(ImportJob, coalition=request.coalition, pk=pk)
    return render(
        request, "api/_import_progress.html", {"job": job, "processed": imports.progress_read(job)}
    )


def _csv_response(rows, filename):
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@coalition_view("representative")
def export_people(request):
    people = list(visible_people(request).select_related("user", "member"))
    consent = contact_consent_map(people)
    visible = {
        p.pk: contact_visible(
            viewer_role=request.role,
            viewer_is_subject=p.pk == request.person.pk,
            consented=consent.get(p.pk, False),
        )
        for p in people
    }
    accesslog.note(
        coalition_id=request.coalition.pk,
        what=accesslog.AccessKind.EXPORT,
        person_ids=[p.pk for p in people if visible[p.pk]],
    )
    tags: dict[int, list[str]] = {}
    for person_id, name in Tagging.objects.filter(person__coalition=request.coalition).values_list(
        "person_id", "tag__name"
    ):
        tags.setdefault(person_id, []).append(name)
    return _csv_response(
        imports.export_people_rows(
            people, visible_contacts=visible, tags=tags, bom=request.GET.get("bom") == "1"
        ),
        f"{request.coalition.slug}-people.csv",
    )


@coalition_view("representative")
def export_members(request):

    members = members_visible_to(request).order_by("name")
    writer = csv_writer(imports.Echo())

    def rows():
        yield writer.writerow(
            ["name", "kind", "city", "state", "zip_code", "sectors", "status", "admitted_on"]
        )
        for m in members.iterator():
            yield writer.writerow(
                [
                    m.name,
                    m.kind,
                    m.city,
                    m.state,
                    m.zip_code,
                    ",".join(m.sectors),
                    m.status,
                    m.admitted_on.isoformat(),
                ]
            )

    return _csv_response(rows(), f"{request.coalition.slug}-members.csv")


@coalition_view("host")
def export_attendance(request):

    from juntos.governance.models import Attendance

    writer = csv_writer(imports.Echo())
    attendance = (
        Attendance.objects.filter(meeting__coalition=request.coalition)
        .select_related("meeting", "member", "person")
        .order_by("meeting__starts_at", "member__name")
    )

    accesslog.note(
        coalition_id=request.coalition.pk,
        what=accesslog.AccessKind.EXPORT,
        person_ids=set(attendance.exclude(person=None).values_list("person_id", flat=True)),
    )

    def rows():
        yield writer.writerow(["meeting", "date", "member", "person", "attended", "action_date"])
        for a in attendance.iterator():
            yield writer.writerow(
                [
                    str(a.meeting),
                    timezone.localdate(a.meeting.starts_at).isoformat(),
                    a.member.name,
                    a.person.full_name if a.person else "",
                    "true",
                    a.at.isoformat(),
                ]
            )

    return _csv_response(rows(), f"{request.coalition.slug}-attendance.csv")


@coalition_view("host")
def export_signons(request):

    from juntos.communications.models import SignOnAnswer

    writer = csv_writer(imports.Echo())
    answers = (
        SignOnAnswer.objects.filter(statement__coalition=request.coalition)
        .select_related("statement", "member")
        .order_by("statement_id", "member__name")
    )

    # Who answered is a name as typed, not a person: the export itself is what is noted.
    accesslog.note(
        coalition_id=request.coalition.pk, what=accesslog.AccessKind.EXPORT, ref="signons.csv"
    )

    def rows():
        yield writer.writerow(
            ["statement", "member", "answer", "answered_by", "via", "answered_at", "late"]
        )
        for a in answers.iterator():
            yield writer.writerow(
                [
                    a.statement.title,
                    a.member.name,
                    "in" if a.signed else "out",
                    a.answered_by,
                    a.via,
                    a.answered_at.isoformat(),
                    "yes" if a.late else "no",
                ]
            )

    return _csv_response(rows(), f"{request.coalition.slug}-signons.csv")


@require_POST
@coalition_view("host")
def import_discard(request, pk):
    job = get_object_or_404(
        ImportJob, coalition=request.coalition, pk=pk, status=ImportJob.Status.UPLOADED
    )
    job.file.delete(save=False)
    job.delete()
    return redirect("imports:start", slug=request.coalition.slug)
