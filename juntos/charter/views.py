from datetime import date

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.charter import rules as charter_rules
from juntos.charter import services
from juntos.charter.forms import AmendmentForm, text_to_items
from juntos.core.access import coalition_view


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
    if request.method == "POST":
        form = AmendmentForm(request.POST)
        if form.is_valid():
            c = form.cleaned_data
            version = services.charter_amend(
                coalition=coalition,
                actor=request.user,
                effective_from=c["effective_from"],
                summary=c["summary"],
                reason=c["reason"],
                mission=c["mission"],
                values=text_to_items(c["values"]),
                agreements=text_to_items(c["agreements"]),
                rules=form.rules.to_dict(),
            )
            messages.success(
                request, _("Amendment recorded as version %(n)d.") % {"n": version.number}
            )
            return redirect("charter:charter", slug=coalition.slug)
    else:
        form = AmendmentForm(initial=AmendmentForm.initial_from(current))
    return render(request, "charter/amend.html", {"form": form, "current": current})
