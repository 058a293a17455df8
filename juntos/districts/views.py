"""Who represents me: a ZIP (and, where shapes are loaded, the browser's location) names
the person's representatives. Nothing is stored unless the person asks to save their ZIP."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from juntos.core.access import coalition_view
from juntos.districts import rules, selectors, services


class LookupForm(forms.Form):
    zip_code = forms.CharField(label=gettext_lazy("ZIP code"), max_length=10)
    district = forms.CharField(required=False, widget=forms.HiddenInput)
    upper = forms.CharField(required=False, widget=forms.HiddenInput)
    lower = forms.CharField(required=False, widget=forms.HiddenInput)
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)

    def clean_zip_code(self):
        zcta = rules.normalize_zip(self.cleaned_data["zip_code"])
        if zcta is None:
            raise forms.ValidationError(_("Write the five digits of your ZIP code."))
        return zcta


def own_zip(person) -> str:
    if person.zip_code:
        return person.zip_code
    return person.member.zip_code if person.member_id and person.member.zip_code else ""


@coalition_view("supporter")
def who_represents(request):
    data = request.GET if "zip_code" in request.GET else None
    if data is None and own_zip(request.person):
        data = {"zip_code": own_zip(request.person)}
    form = LookupForm(data)
    found = None
    if data is not None and form.is_valid():
        point = None
        if form.cleaned_data.get("lat") is not None and form.cleaned_data.get("lon") is not None:
            point = (form.cleaned_data["lat"], form.cleaned_data["lon"])
        found = selectors.lookup(
            request.coalition,
            form.cleaned_data["zip_code"],
            point=point,
            choice=form.cleaned_data.get("district") or None,
            upper=form.cleaned_data.get("upper") or None,
            lower=form.cleaned_data.get("lower") or None,
        )
    return render(
        request,
        "districts/who_represents.html",
        {
            "form": form,
            "found": found,
            "zip": form.cleaned_data.get("zip_code") if form.is_bound and form.is_valid() else "",
            "saved_zip": request.person.zip_code,
            "plans": selectors.plans(),
            "pending": _pending(found),
            "kept": _kept(form),
            "lines": district_lines(found.districts) if found else "",
        },
    )


PARAMS = {"congress": "district", "upper": "upper", "lower": "lower"}


def _pending(found) -> list[dict]:
    """The choices a split ZIP leaves to the person, one per chamber still open: the
    lookup's parameter, the chamber's name and its candidate seats."""
    if found is None:
        return []
    titles = {
        "congress": (_("U.S. House"), found.house),
        "upper": (_("State Senate"), found.state_senators),
        "lower": (_("State House"), found.state_representatives),
    }
    return [
        {"param": PARAMS[c], "title": titles[c][0], "seats": titles[c][1]} for c in found.undecided
    ]


def _kept(form) -> list[tuple[str, str]]:
    """The lookup's other values, carried by each choice's form (the ZIP, the point and the
    choices already made)."""
    if not form.is_bound or not form.is_valid():
        return []
    names = ("zip_code", "lat", "lon", "district", "upper", "lower")
    return [
        (n, str(form.cleaned_data[n])) for n in names if form.cleaned_data.get(n) not in ("", None)
    ]


def district_lines(districts) -> str:
    """Which plans the districts come from, in words: "District lines: U.S. House, 119th
    Congress; Missouri legislature, 2024 plan"."""
    import re

    from django.utils.translation import get_language

    from juntos.members.us_states import US_STATES

    plans = districts.plans
    parts = []
    congress = plans.get("congress")
    if congress:
        number = re.fullmatch(r"(\d+)(?:st|nd|rd|th) Congress", congress)
        if number:
            n = int(number.group(1))
            spanish = (get_language() or "").startswith("es")
            ordinal = f"{n}.º" if spanish else rules.ordinal(n)
            parts.append(_("U.S. House, %(n)s Congress") % {"n": ordinal})
        else:
            parts.append(_("U.S. House, %(plan)s plan") % {"plan": congress})
    pairs = districts.upper + districts.lower
    state = dict(US_STATES).get(pairs[0][0], pairs[0][0]) if pairs else ""
    upper, lower = plans.get("upper"), plans.get("lower")
    if upper and upper == lower:
        parts.append(_("%(state)s legislature, %(plan)s plan") % {"state": state, "plan": upper})
    else:
        if upper:
            parts.append(_("%(state)s Senate, %(plan)s plan") % {"state": state, "plan": upper})
        if lower:
            parts.append(_("%(state)s House, %(plan)s plan") % {"state": state, "plan": lower})
    if not parts:
        return ""
    return _("District lines: %(lines)s") % {"lines": "; ".join(parts)}


@require_POST
@coalition_view("supporter")
def save_zip(request):
    """The person asked to keep this ZIP as theirs (the only way a lookup stores anything)."""
    zcta = rules.normalize_zip(request.POST.get("zip_code"))
    if zcta is None or request.POST.get("agree") != "1":
        messages.error(request, _("Nothing was saved."))
    else:
        services.person_zip_save(person=request.person, zip_code=zcta, actor=request.user)
        messages.success(request, _("Your ZIP code is saved on your profile."))
    return redirect("districts:who_represents", slug=request.coalition.slug)
