"""An action's own page: edit or postpone it, mark it done with what happened, cancel or
reopen it, delete a mistake; and editing or removing key dates."""

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from juntos.campaigns import forms, rules, selectors, services
from juntos.campaigns.models import Tactic
from juntos.campaigns.services import CampaignError, NeedsConfirmation
from juntos.campaigns.views.common import refused, to_campaign
from juntos.core.access import coalition_view
from juntos.core.forms import PlainCharField

MEMBERS = "representative"


class DoneForm(django_forms.Form):
    outcome = PlainCharField(label=gettext_lazy("What happened"), long=True, required=False)
    participants = django_forms.IntegerField(
        label=gettext_lazy("How many took part"), min_value=0, max_value=10_000_000, required=False
    )
    done_on = django_forms.DateField(label=gettext_lazy("Done on"), widget=forms.DATE)


def _tactic(request, pk, t_pk):
    campaign = selectors.get_campaign_for(request, pk, place=True)
    tactic = get_object_or_404(Tactic, campaign=campaign, pk=t_pk)
    if tactic.coalition_id != request.coalition.pk and not campaign.editable:
        raise PermissionDenied
    return campaign, tactic


def _edit_form(tactic, data=None):
    initial = {f: getattr(tactic, f) for f in ("rung", "title", "on", "place", "notes")}
    return forms.TacticForm(data, initial=initial)


def _page(
    request, campaign, tactic, *, form=None, done_form=None, warnings=(), rules_used=(), status=200
):
    return render(
        request,
        "campaigns/tactic.html",
        {
            "campaign": campaign,
            "tactic": tactic,
            "form": form or _edit_form(tactic),
            "done_form": done_form or DoneForm(initial={"done_on": tactic.done_on or tactic.on}),
            "warnings": warnings,
            "rules_used": rules_used,
        },
        status=status,
    )


@coalition_view(MEMBERS)
def tactic_page(request, pk, t_pk):
    campaign, tactic = _tactic(request, pk, t_pk)
    if request.method != "POST":
        return _page(request, campaign, tactic)
    form = _edit_form(tactic, request.POST)
    if not form.is_valid():
        return _page(request, campaign, tactic, form=form, status=400)
    d = form.cleaned_data
    try:
        services.tactic_edit(
            tactic=tactic,
            actor=request.user,
            rung=d["rung"],
            title=d["title"],
            on=d["on"],
            place=d["place"],
            notes=d["notes"],
            confirmed=d["confirmed"],
        )
    except NeedsConfirmation as asked:
        data = request.POST.copy()
        data["confirmed"] = "True"
        form = _edit_form(tactic, data)
        form.is_valid()
        return _page(
            request, campaign, tactic, form=form, warnings=asked.warnings, rules_used=asked.rules
        )
    except CampaignError as error:
        form.add_error(None, error.message)
        return _page(request, campaign, tactic, form=form, status=400)
    messages.success(request, _("Action updated."))
    return to_campaign(request, campaign, "timeline")


@require_POST
@coalition_view(MEMBERS)
def tactic_done(request, pk, t_pk):
    campaign, tactic = _tactic(request, pk, t_pk)
    form = DoneForm(request.POST)
    if not form.is_valid():
        return _page(request, campaign, tactic, done_form=form, status=400)
    d = form.cleaned_data
    try:
        services.tactic_done(
            tactic=tactic,
            actor=request.user,
            outcome=d["outcome"],
            participants=d["participants"],
            done_on=d["done_on"],
        )
    except CampaignError as error:
        form.add_error(None, error.message)
        return _page(request, campaign, tactic, done_form=form, status=400)
    messages.success(request, _("Action marked done."))
    return to_campaign(request, campaign, "timeline")


@require_POST
@coalition_view(MEMBERS)
def tactic_delete(request, pk, t_pk):
    campaign, tactic = _tactic(request, pk, t_pk)
    services.tactic_delete(tactic=tactic, actor=request.user)
    messages.success(request, _("Action deleted."))
    return to_campaign(request, campaign, "timeline")


def _key_date(request, pk, k_pk):
    campaign = selectors.get_campaign_for(request, pk, place=True)
    key_date = get_object_or_404(services.key_dates_for(campaign, request.coalition), pk=k_pk)
    if key_date.coalition_id != request.coalition.pk:
        raise PermissionDenied
    return campaign, key_date


@coalition_view(MEMBERS)
def key_date_edit(request, pk, k_pk):
    campaign, key_date = _key_date(request, pk, k_pk)
    status = 200
    if request.method == "POST":
        form = forms.KeyDateForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.key_date_edit(
                    key_date=key_date,
                    actor=request.user,
                    kind=d["kind"],
                    category=d["category"],
                    title=d["title"],
                    starts_on=d["starts_on"],
                    ends_on=d["ends_on"],
                    blackout=d["blackout"],
                )
            except CampaignError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                messages.success(request, _("Key date updated."))
                return to_campaign(request, campaign, "timeline")
        else:
            status = 400
    else:
        form = forms.KeyDateForm(
            initial={
                f: getattr(key_date, f)
                for f in ("kind", "category", "title", "starts_on", "ends_on", "blackout")
            }
        )
    form.fields.pop("whole_coalition", None)
    return render(
        request,
        "campaigns/key_date_form.html",
        {"campaign": campaign, "key_date": key_date, "form": form},
        status=status,
    )


@require_POST
@coalition_view(MEMBERS)
def key_date_delete(request, pk, k_pk):
    campaign, key_date = _key_date(request, pk, k_pk)
    try:
        services.key_date_delete(key_date=key_date, actor=request.user)
    except CampaignError as error:
        refused(request, error)
    else:
        messages.success(request, _("Key date removed."))
    return to_campaign(request, campaign, "timeline")


def ladder_order(campaign) -> list[str]:
    """Warnings for actions of a higher rung dated before a lower rung's."""
    steps = [
        rules.LadderStep(t.pk, t.title, t.rung, t.on)
        for t in campaign.tactics.exclude(status=Tactic.Status.CANCELLED)
    ]
    labels = rules.rung_labels()
    return [
        _(
            "%(high)s (%(high_rung)s, %(high_on)s) comes before %(low)s (%(low_rung)s, "
            "%(low_on)s): a later rung before an earlier one."
        )
        % {
            "high": high.title,
            "high_rung": labels[high.rung],
            "high_on": high.on.isoformat(),
            "low": low.title,
            "low_rung": labels[low.rung],
            "low_on": low.on.isoformat(),
        }
        for high, low in rules.ladder_order_problems(steps)
    ]
