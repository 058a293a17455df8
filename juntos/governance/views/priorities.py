"""Issue priorities and removal reviews."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.core.access import coalition_view, role_at_least
from juntos.governance import forms, rules, selectors, services
from juntos.governance.models import (
    IssuePriority,
    RemovalReview,
)
from juntos.governance.services import GovernanceError
from juntos.governance.views.common import (
    form_errors,
    refused,
)

# --- Issue priorities and removal reviews --------------------------------------------------


@coalition_view("representative")
def priorities(request):
    if request.method == "POST":
        form = forms.PriorityForm(request.POST)
        if form.is_valid():
            services.priority_propose(
                coalition=request.coalition,
                actor=request.user,
                member=request.person.member,
                **form.cleaned_data,
            )
            messages.success(request, _("Issue priority proposed."))
            return redirect("governance:priorities", slug=request.coalition.slug)
    else:
        form = forms.PriorityForm()
    all_priorities = list(
        IssuePriority.objects.filter(coalition=request.coalition).select_related("proposed_by")
    )
    cap = services.priority_cap_for(request.coalition)
    return render(
        request,
        "governance/priorities.html",
        {
            "form": form,
            "active": [p for p in all_priorities if p.status == IssuePriority.Status.ACTIVE],
            "proposed": [p for p in all_priorities if p.status == IssuePriority.Status.PROPOSED],
            "other": [
                p
                for p in all_priorities
                if p.status not in (IssuePriority.Status.ACTIVE, IssuePriority.Status.PROPOSED)
            ],
            "cap": cap,
            "actionable_form": forms.ActionableForm(),
            "is_core": role_at_least(request.role, "core_team"),
        },
    )


@require_POST
@coalition_view("core_team")
def priority_actionable(request, pk):
    priority = get_object_or_404(IssuePriority, coalition=request.coalition, pk=pk)
    form = forms.ActionableForm(request.POST)
    if form.is_valid():
        services.priority_mark_actionable(
            priority=priority,
            actor=request.user,
            actionable=form.cleaned_data["actionable"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Guidance saved."))
    else:
        form_errors(request, form)
    return redirect("governance:priorities", slug=request.coalition.slug)


@require_POST
@coalition_view("representative")
def priority_review(request, pk):
    priority = get_object_or_404(IssuePriority, coalition=request.coalition, pk=pk)
    try:
        item = services.priority_review_call(
            priority=priority, actor=request.user, person=request.person
        )
        messages.success(
            request,
            _("The review is on the agenda of %(meeting)s.") % {"meeting": item.meeting},
        )
    except GovernanceError as error:
        refused(request, error)
    return redirect("governance:priorities", slug=request.coalition.slug)


@coalition_view("representative")
def reviews(request):
    form_kwargs = {"coalition": request.coalition, "exclude_member": request.person.member_id}
    if request.method == "POST":
        form = forms.ReviewForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                services.removal_review_raise(
                    member=form.cleaned_data["member"],
                    raised_by=request.person,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("The review goes on the next regular meeting."))
                return redirect("governance:reviews", slug=request.coalition.slug)
            except GovernanceError as error:
                refused(request, error)
    else:
        form = forms.ReviewForm(**form_kwargs)
    open_reviews = RemovalReview.objects.filter(
        coalition=request.coalition, status=RemovalReview.Status.OPEN
    ).select_related("member", "agenda_item__meeting")
    return render(
        request,
        "governance/reviews.html",
        {
            "form": form,
            "open_reviews": open_reviews,
            "rule": rules.removal_rule_text(selectors.rules_for(request.coalition)),
        },
    )
