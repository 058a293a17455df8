from datetime import date

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.charter import rules as charter_rules
from juntos.charter import services
from juntos.charter.forms import AmendmentForm, text_to_items, translations_to_items
from juntos.charter.models import CharterVersion
from juntos.charter.setup_forms import CalendarForm
from juntos.core.access import coalition_view
from juntos.core.translatable import coalition_languages


@coalition_view("supporter")
def charter(request):
    coalition = request.coalition
    on_raw = request.GET.get("on", "")
    on = timezone.localdate()
    date_error = ""
    if on_raw:
        try:
            on = date.fromisoformat(on_raw)
        except ValueError:
            date_error = _("Enter a date as YYYY-MM-DD.")
    version = coalition.charter_in_force(on)
    versions = list(coalition.charter_versions.select_related("recorded_by"))
    for v in versions:
        v.changed_labels = charter_rules.changed_labels(v.changed_rules)
    return render(
        request,
        "charter/charter.html",
        {
            "version": version,
            "rule_lines": charter_rules.describe(version.parsed_rules) if version else [],
            "versions": versions,
            "on": on,
            "date_error": date_error,
        },
    )


@coalition_view("host")
def amend(request):
    coalition = request.coalition
    current = coalition.charter_versions.order_by("-number").first()
    seasons = bool(current.parsed_rules.seasons)
    languages = coalition_languages(coalition)
    later = []
    if request.method == "POST":
        form = AmendmentForm(request.POST, languages=languages, instance=current)
        calendar = CalendarForm(request.POST, prefix="cal") if seasons else None
        calendar_ok = calendar is None or calendar.is_valid()
        if calendar_ok and calendar is not None:
            form.seasons = calendar.season_list
        if form.is_valid() and calendar_ok:
            c = form.cleaned_data
            based_on = None
            if c.get("based_on"):
                based_on = coalition.charter_versions.filter(number=c["based_on"]).first()
            try:
                version = services.charter_amend(
                    coalition=coalition,
                    actor=request.user,
                    effective_from=c["effective_from"],
                    summary=c["summary"],
                    reason=c["reason"],
                    mission=c["mission"],
                    values=text_to_items(c["values"]),
                    agreements=text_to_items(c["agreements"]),
                    language=c["language"],
                    translations=translations_to_items(c["translations"]),
                    rules=form.rules.to_dict(explicit=True),
                    based_on=based_on,
                    adopted_how=CharterVersion.Adoption.OUTSIDE,
                    adopted_by_body=c["adopted_by_body"],
                    adopted_on=c["adopted_on"],
                    confirm_later=c["confirm_later"],
                )
            except services.LaterVersionsExist as error:
                later = error.versions
                data = request.POST.copy()
                data["confirm_later"] = "on"
                form = AmendmentForm(data, languages=languages, instance=current)
                form.is_valid()
            else:
                messages.success(
                    request, _("Amendment recorded as version %(n)d.") % {"n": version.number}
                )
                return redirect("charter:charter", slug=coalition.slug)
    else:
        form = AmendmentForm(
            initial=AmendmentForm.initial_from(current), languages=languages, instance=current
        )
        calendar = (
            CalendarForm(prefix="cal", initial=CalendarForm.initial_from(current.parsed_rules))
            if seasons
            else None
        )
    return render(
        request,
        "charter/amend.html",
        {"form": form, "current": current, "calendar": calendar, "later": later},
    )
