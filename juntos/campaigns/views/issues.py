"""Bills the coalition tracks, and the surveys and listening sessions issues come from."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.campaigns import forms, services
from juntos.campaigns.models import Bill, Survey
from juntos.campaigns.services import CampaignError
from juntos.campaigns.views.common import refused
from juntos.core.access import coalition_view

MEMBERS = "representative"
EDITORS = "core_team"


# --- Bills -----------------------------------------------------------------------------


@coalition_view(MEMBERS)
def bills(request):
    rows = Bill.objects.filter(coalition=request.coalition).prefetch_related("campaigns")
    return render(request, "campaigns/bills.html", {"bills": rows})


@coalition_view(EDITORS)
def bill_add(request):
    form = forms.BillForm(request.POST or None, coalition=request.coalition)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            bill = services.bill_save(
                coalition=request.coalition,
                actor=request.user,
                data=d,
                campaigns=list(d["campaigns"]),
            )
        except CampaignError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Bill tracked."))
            return redirect("campaigns:bill", slug=request.coalition.slug, pk=bill.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "campaigns/bill_form.html", {"form": form}, status=status)


@coalition_view(EDITORS)
def bill_import(request):
    form = forms.BillImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            bill, changed = services.bill_import_openstates(
                coalition=request.coalition,
                actor=request.user,
                payload=form.cleaned_data["payload"],
                position=form.cleaned_data["position"],
            )
        except CampaignError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Imported %(bill)s.") % {"bill": bill.identifier})
            return redirect("campaigns:bill", slug=request.coalition.slug, pk=bill.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "campaigns/bill_import.html", {"form": form}, status=status)


@coalition_view(MEMBERS)
def bill(request, pk):
    row = get_object_or_404(Bill, coalition=request.coalition, pk=pk)
    return render(
        request,
        "campaigns/bill.html",
        {
            "bill": row,
            "actions": row.actions.all(),
            "campaigns": row.campaigns.all(),
            "status_form": forms.BillStatusForm(initial={"on": timezone.localdate()}),
            "watching": request.person is not None
            and row.watchers.filter(pk=request.person.pk).exists(),
        },
    )


@require_POST
@coalition_view(MEMBERS)
def bill_watch(request, pk):
    """Watch a bill (hear of its status changes by email) or stop watching it."""
    row = get_object_or_404(Bill, coalition=request.coalition, pk=pk)
    if request.person is None:
        messages.error(request, _("Only the coalition's members can watch its bills."))
    else:
        try:
            watching = services.bill_watch(
                bill=row,
                person=request.person,
                watch=request.POST.get("watch") == "yes",
                actor=request.user,
            )
        except CampaignError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("You will get an email when its status changes.")
                if watching
                else _("You no longer watch this bill."),
            )
    return redirect("campaigns:bill", slug=request.coalition.slug, pk=row.pk)


@coalition_view(EDITORS)
def bill_edit(request, pk):
    """Change a tracked bill: its position, linked campaigns, title or status."""
    row = get_object_or_404(Bill, coalition=request.coalition, pk=pk)
    form = forms.BillForm(request.POST or None, coalition=request.coalition, instance=row)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.bill_save(
                coalition=request.coalition,
                actor=request.user,
                data=d,
                campaigns=list(d["campaigns"]),
                bill=Bill.objects.get(pk=row.pk),
            )
        except CampaignError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Bill updated."))
            return redirect("campaigns:bill", slug=request.coalition.slug, pk=row.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "campaigns/bill_form.html", {"form": form, "bill": row}, status=status)


@require_POST
@coalition_view(EDITORS)
def bill_status(request, pk):
    row = get_object_or_404(Bill, coalition=request.coalition, pk=pk)
    form = forms.BillStatusForm(request.POST)
    if form.is_valid():
        services.bill_status_set(bill=row, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Status recorded; the campaign's team is told."))
    else:
        messages.error(request, _("Give the new status and its date."))
    return redirect("campaigns:bill", slug=request.coalition.slug, pk=row.pk)


# --- Surveys ---------------------------------------------------------------------------


@coalition_view(MEMBERS)
def surveys(request):
    rows = Survey.objects.filter(coalition=request.coalition)
    return render(request, "campaigns/surveys.html", {"surveys": rows})


@coalition_view(EDITORS)
def survey_add(request):
    form = forms.SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.survey_create(
                coalition=request.coalition, actor=request.user, **form.cleaned_data
            )
        except CampaignError as error:
            form.add_error(None, error.message)
        else:
            return redirect("campaigns:survey", slug=request.coalition.slug, pk=row.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "campaigns/survey_form.html", {"form": form}, status=status)


@coalition_view(MEMBERS)
def survey(request, pk):
    row = get_object_or_404(Survey, coalition=request.coalition, pk=pk)
    tally, rule = services.survey_tally(row)
    responses = {r.pk: r for r in row.responses.all()}
    return render(
        request,
        "campaigns/survey.html",
        {
            "survey": row,
            "tally": [(t, [responses[i] for i in t.responses]) for t in tally],
            "rule": rule,
            "total": len(responses),
            "response_form": forms.ResponseForm(survey=row),
            "import_form": forms.SurveyImportForm(),
        },
    )


@require_POST
@coalition_view(EDITORS)
def survey_response_add(request, pk):
    row = get_object_or_404(Survey, coalition=request.coalition, pk=pk)
    form = forms.ResponseForm(request.POST, survey=row)
    if form.is_valid():
        try:
            services.survey_response_add(
                survey=row,
                actor=request.user,
                answers=form.answers(),
                issues=form.cleaned_data["issues"],
            )
            messages.success(request, _("Response recorded."))
        except CampaignError as error:
            refused(request, error)
    else:
        messages.error(request, _("Write the issue or issues this person named."))
    return redirect("campaigns:survey", slug=request.coalition.slug, pk=row.pk)


@require_POST
@coalition_view(EDITORS)
def survey_import(request, pk):
    row = get_object_or_404(Survey, coalition=request.coalition, pk=pk)
    form = forms.SurveyImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            count = services.survey_import_csv(
                survey=row, actor=request.user, text=form.cleaned_data["file"]
            )
            messages.success(request, _("%(n)d responses imported.") % {"n": count})
        except CampaignError as error:
            refused(request, error)
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("campaigns:survey", slug=request.coalition.slug, pk=row.pk)
