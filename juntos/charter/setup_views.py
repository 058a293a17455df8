"""The operator's page to start a coalition, and the first host's set-up guide."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from juntos.charter import presets, services, setup
from juntos.charter import rules as r
from juntos.charter.forms import items_to_text, text_to_items, translations_to_items
from juntos.charter.models import Coalition
from juntos.charter.setup_forms import (
    CalendarForm,
    CharterRulesForm,
    CoalitionStartForm,
    StructureForm,
    TextsForm,
)
from juntos.core.access import coalition_view, operator, signed_in
from juntos.core.translatable import coalition_languages


@operator
def operator_coalitions(request):
    """Operators (the installation's superusers) see every coalition and start new ones."""
    if request.method == "POST":
        form = CoalitionStartForm(request.POST)
        if form.is_valid():
            c = form.cleaned_data
            try:
                coalition = services.coalition_create(
                    slug=c["slug"],
                    name=c["name"],
                    template=c["template"],
                    host_email=c["host_email"],
                    host_full_name=c["host_full_name"],
                    language=c["language"],
                    actor=request.user,
                    guided=True,
                )
            except services.CoalitionError as error:
                for field, message in error.errors.items():
                    form.add_error(field if field in form.fields else None, message)
            else:
                if coalition.host_invitation is not None:
                    messages.success(
                        request,
                        _("%(name)s is started. An invitation to be its host went to %(email)s.")
                        % {"name": coalition.name, "email": coalition.host_invitation.email},
                    )
                else:
                    messages.success(
                        request,
                        _("%(name)s is started. %(email)s is its host and can sign in now.")
                        % {"name": coalition.name, "email": c["host_email"]},
                    )
                return redirect("operator:coalitions")
    else:
        form = CoalitionStartForm()
    from juntos.charter.models import CoalitionRequest

    coalitions = Coalition.objects.order_by("name")
    requests = CoalitionRequest.objects.filter(status="pending").select_related("requested_by")
    return render(
        request,
        "charter/operator.html",
        {"form": form, "coalitions": coalitions, "requests": requests},
    )


@operator
def operator_request_decide(request, pk):
    from django.shortcuts import get_object_or_404

    from juntos.charter.models import CoalitionRequest

    if request.method != "POST":
        return redirect("operator:coalitions")
    asked = get_object_or_404(CoalitionRequest, pk=pk, status="pending")
    approve = request.POST.get("decision") == "approve"
    try:
        services.coalition_request_decide(request_obj=asked, actor=request.user, approve=approve)
    except services.CoalitionError as error:
        messages.error(request, " ".join(error.errors.values()))
    else:
        messages.success(
            request,
            _("Request approved: the coalition is started.") if approve else _("Request declined."),
        )
    return redirect("operator:coalitions")


@signed_in
def coalition_request(request):
    """Anyone signed in asks to start a coalition, when the installation allows it."""
    from django.conf import settings

    from juntos.charter.setup_forms import CoalitionRequestForm

    if not settings.COALITION_REQUESTS:
        raise Http404
    if request.method == "POST":
        form = CoalitionRequestForm(request.POST)
        if form.is_valid():
            c = form.cleaned_data
            try:
                services.coalition_request_submit(
                    user=request.user,
                    name=c["name"],
                    slug=c["slug"],
                    template=c["template"],
                    language=c["language"],
                    message=c["message"],
                )
            except services.CoalitionError as error:
                for field, message in error.errors.items():
                    form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(
                    request,
                    _(
                        "Your request was sent. An operator will approve it and you will be "
                        "its host."
                    ),
                )
                return redirect("start_root")
    else:
        form = CoalitionRequestForm()
    return render(request, "charter/coalition_request.html", {"form": form})


def _version(coalition):
    return coalition.charter_versions.order_by("-number").first()


def _explained(rules: r.CharterRules) -> list[tuple[str, str, str]]:
    """(rule, plain words, its effect) for the charter step."""
    rows = [
        (
            _("Quorum"),
            f"{rules.quorum_numerator}/{rules.quorum_denominator} "
            + (
                _("of voting members")
                if rules.quorum_base == r.QUORUM_VOTING
                else _("of all member organizations")
            ),
            r.quorum_example(rules),
        )
    ]
    for kind in r.DECISION_KINDS:
        t = rules.threshold(kind)
        rows.append((r.decision_kind_label(kind), r.threshold_label(t), r.threshold_example(t)))
    return rows


def _done(request, step, state="done"):
    services.setup_step_mark(
        coalition=request.coalition, actor=request.user, step=step, state=state
    )
    following = setup.next_step(request.coalition)
    if following is None or state == "skipped" and following == step:
        return redirect("setup:guide", slug=request.coalition.slug)
    return redirect("setup:step", slug=request.coalition.slug, step=following)


@coalition_view("host")
@setup.charter_optional
def guide(request):
    coalition = request.coalition
    if request.method == "POST":
        services.setup_finish(
            coalition=coalition, actor=request.user, reopen=request.POST.get("reopen") == "1"
        )
        if coalition.setup_finished_at:
            messages.success(request, _("Set-up is finished. Welcome to Juntos."))
            return redirect("web:home", slug=coalition.slug)
        return redirect("setup:guide", slug=coalition.slug)
    return render(
        request,
        "charter/setup_guide.html",
        {
            "checklist": setup.checklist(coalition),
            "next": setup.next_step(coalition),
            "has_charter": coalition.charter_versions.exists(),
        },
    )


@coalition_view("host")
@setup.charter_optional
def step(request, step):
    if step not in setup.STEPS:
        raise Http404
    coalition = request.coalition
    if request.method == "POST" and "skip" in request.POST:
        return _done(request, step, "skipped")
    version = _version(coalition)
    editable = coalition.setup_finished_at is None and (version is None or version.number == 1)
    context = {
        "step": step,
        "label": setup.step_label(step),
        "checklist": setup.checklist(coalition),
        "editable": editable,
        "version": version,
    }
    handler = {
        setup.TEXTS: _texts,
        setup.CHARTER: _charter,
        setup.STRUCTURE: _structure,
        setup.COHOSTS: _cohosts,
        setup.MEMBERS: _members,
        setup.CALENDAR: _calendar,
    }[step]
    return handler(request, context)


def _revise(request, **fields):
    try:
        services.founding_charter_revise(coalition=request.coalition, actor=request.user, **fields)
    except ValueError:
        messages.error(
            request,
            _("The charter is already in force: change it by recording an amendment."),
        )
        return False
    return True


def _texts(request, context):
    coalition = request.coalition
    version = context["version"]
    if request.method == "POST":
        form = TextsForm(request.POST, languages=coalition_languages(coalition), instance=version)
        if form.is_valid():
            c = form.cleaned_data
            services.coalition_texts_set(
                coalition=coalition,
                actor=request.user,
                name=c["name"],
                host_name=c["host_name"],
                languages=c["languages"],
                postal_address=c["postal_address"],
            )
            if _revise(
                request,
                mission=c["mission"],
                values=text_to_items(c["values"]),
                agreements=text_to_items(c["agreements"]),
                language=c["language"],
                translations=translations_to_items(c["translations"]),
            ):
                return _done(request, setup.TEXTS)
    else:
        form = TextsForm(
            initial={
                "name": coalition.name,
                "host_name": coalition.host_name,
                "postal_address": coalition.postal_address,
                "languages": coalition.languages or ["en", "es"],
                "mission": version.mission if version else "",
                "values": items_to_text(version.values) if version else "",
                "agreements": items_to_text(version.agreements) if version else "",
            },
            languages=coalition_languages(coalition),
            instance=version,
        )
    return render(request, "charter/setup_step.html", {**context, "form": form})


def _charter(request, context):
    version = context["version"]
    current = (
        version.parsed_rules
        if version
        else r.rules_from_dict(presets.template_rules(presets.SIMPLE))
    )
    if request.method == "POST" and "template" in request.POST:
        template = request.POST["template"]
        if template in presets.TEMPLATES and _revise(
            request, rules=presets.template_rules(template), template=template
        ):
            messages.success(request, _("The charter now starts from this template."))
        return redirect("setup:step", slug=request.coalition.slug, step=setup.CHARTER)
    if request.method == "POST":
        form = CharterRulesForm(request.POST)
        if form.is_valid() and _revise(
            request, rules=form.rules_dict(current.to_dict(explicit=True))
        ):
            return _done(request, setup.CHARTER)
    else:
        blank = version is not None and version.template == presets.BLANK
        asked = (request.coalition.setup_steps or {}).get(setup.CHARTER) == "done"
        form = CharterRulesForm(
            initial={} if blank and not asked else CharterRulesForm.initial_from(current)
        )
    return render(
        request,
        "charter/setup_step.html",
        {
            **context,
            "form": form,
            "explained": _explained(current),
            "templates": [(t, presets.template_label(t)) for t in presets.TEMPLATES],
            "template": version.template if version else "",
        },
    )


def _structure(request, context):
    from juntos.charter.setup import LAYERS
    from juntos.members.models import Team

    coalition = request.coalition
    teams = list(Team.objects.filter(coalition=coalition))
    if request.method == "POST":
        form = StructureForm(request.POST)
        if form.is_valid():
            c = form.cleaned_data
            layers = form.structure()
            core = layers["core_team"]
            services.structure_set(
                coalition=coalition,
                actor=request.user,
                layers=layers,
                core_team_name=(core["name"] or _("Core Team")) if core["used"] else "",
                support_pods=[x.strip() for x in c["support_pods"].splitlines() if x.strip()],
                issue_teams=[x.strip() for x in c["issue_teams"].splitlines() if x.strip()],
            )
            return _done(request, setup.STRUCTURE)
    else:
        chosen = coalition.structure or {}
        core = next((t for t in teams if t.kind == Team.Kind.CORE_TEAM), None)
        initial = {
            "support_pods": "\n".join(t.name for t in teams if t.kind == Team.Kind.SUPPORT_POD),
            "issue_teams": "\n".join(t.name for t in teams if t.kind == Team.Kind.ISSUE_TEAM),
        }
        for key in LAYERS:
            layer = chosen.get(key) or {}
            initial[f"{key}_used"] = layer.get("used", True)
            initial[f"{key}_name"] = layer.get("name", "")
        if core and not initial["core_team_name"]:
            initial["core_team_name"] = core.name
        form = StructureForm(initial=initial)
    return render(request, "charter/setup_step.html", {**context, "form": form})


def _cohosts(request, context):
    from juntos.accounts.models import Invitation
    from juntos.accounts.services import invitation_send
    from juntos.charter.setup_forms import forms

    class CohostForm(forms.Form):
        email = forms.EmailField(label=_("Email"))
        full_name = forms.CharField(label=_("Full name"), max_length=200)

    coalition = request.coalition
    if request.method == "POST" and "done" in request.POST:
        return _done(request, setup.COHOSTS)
    if request.method == "POST":
        form = CohostForm(request.POST)
        if form.is_valid():
            invitation_send(
                coalition=coalition,
                actor=request.user,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                role="host",
                language=request.LANGUAGE_CODE,
            )
            messages.success(request, _("Invitation sent."))
            return redirect("setup:step", slug=coalition.slug, step=setup.COHOSTS)
    else:
        form = CohostForm()
    invited = Invitation.objects.filter(coalition=coalition, role="host")
    return render(request, "charter/setup_step.html", {**context, "form": form, "invited": invited})


def _members(request, context):
    if request.method == "POST":
        return _done(request, setup.MEMBERS)
    slug = request.coalition.slug
    return render(
        request,
        "charter/setup_step.html",
        {
            **context,
            "links": [
                (reverse("members:add", args=[slug]), _("Add a member organization")),
                (reverse("imports:start", args=[slug]), _("Import people from a CSV file")),
                (reverse("members:apply", args=[slug]), _("The public application form")),
            ],
        },
    )


def _calendar(request, context):
    version = context["version"]
    current = version.parsed_rules if version else r.CharterRules()
    if request.method == "POST":
        form = CalendarForm(request.POST)
        if form.is_valid():
            rules = current.to_dict(explicit=True)
            rules["seasons"] = form.season_list
            if _revise(request, rules=rules):
                return _done(request, setup.CALENDAR)
    else:
        form = CalendarForm(initial=CalendarForm.initial_from(current))
    from django.utils import timezone

    today = timezone.localdate()
    coming = r.season_calendar(today.year, current) + r.season_calendar(today.year + 1, current)
    return render(
        request,
        "charter/setup_step.html",
        {
            **context,
            "form": form,
            "calendar_words": [r.describe_season(s) for s in current.calendar_seasons()],
            "preview": [e for e in coming if e.on >= today][:8],
        },
    )
