"""Forms of the operator's page and the first host's set-up guide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.charter import presets
from juntos.charter import rules as r
from juntos.charter.forms import (
    BASE_CHOICES,
    MONTH_CHOICES,
    WEEKDAY_CHOICES,
    CharterTextsMixin,
    MonthCheckboxes,
)
from juntos.core.forms import PlainCharField
from juntos.core.translatable import content_languages, language_name


def language_choices() -> list[tuple[str, str]]:
    """The languages a coalition may work in: the content languages setting (core/translatable)."""
    return [(code, language_name(code)) for code in content_languages()]


FRACTION_CHOICES = [
    (r.MAJORITY, _("a majority (more than half)")),
    (r.THREE_FIFTHS, _("three fifths")),
    (r.TWO_THIRDS, _("two thirds")),
    (r.THREE_QUARTERS, _("three quarters")),
    (r.UNANIMOUS, _("unanimous (all)")),
    ("other", _("another fraction")),
]
QUORUM_BASE_CHOICES = [
    (r.QUORUM_VOTING, _("of voting members")),
    (r.QUORUM_MEMBERS, _("of all member organizations")),
]
RHYTHM_CHOICES = [
    (r.MONTHLY, _("Monthly")),
    (r.BIWEEKLY, _("Every two weeks")),
    (r.WEEKLY, _("Weekly")),
]
WEEK_CHOICES = [
    (1, _("First")),
    (2, _("Second")),
    (3, _("Third")),
    (4, _("Fourth")),
    (5, _("Last")),
]
TOPIC_CHOICES = [
    (r.TOPIC_OTHER, _("The coalition's business")),
    (r.TOPIC_LEGISLATIVE, _("Legislative strategy and policy issues")),
    (r.TOPIC_EDUCATIONAL, _("Educational events and planning")),
]
FORMAT_CHOICES = [
    (r.FORMAT_IN_PERSON, _("In person")),
    (r.FORMAT_CALL, _("Conference call")),
    (r.FORMAT_ALTERNATING, _("Alternating in person and conference call")),
]
SEASON_COUNT = 3


class CoalitionStartForm(forms.Form):
    name = PlainCharField(label=_("Coalition name"), max_length=200)
    slug = forms.SlugField(
        label=_("Web address"),
        max_length=50,
        help_text=_("Lowercase letters, numbers and hyphens: /c/<address>/"),
    )
    host_email = forms.EmailField(label=_("First host's email"))
    host_full_name = PlainCharField(
        label=_("First host's name"),
        max_length=200,
        required=False,
        help_text=_(
            "How the coalition will name its host. Left empty, the name of the account with "
            "this email is used (or the start of the email)."
        ),
    )
    template = forms.ChoiceField(
        label=_("Charter to start from"),
        choices=[(t, "") for t in presets.TEMPLATES],
        widget=forms.RadioSelect,
        initial=presets.SIMPLE,
    )
    language = forms.ChoiceField(label=_("Main language"), choices=language_choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [
            (t, presets.template_label(t)) for t in presets.TEMPLATES
        ]


class CoalitionRequestForm(forms.Form):
    name = PlainCharField(label=_("Coalition name"), max_length=200)
    slug = forms.SlugField(
        label=_("Web address"),
        max_length=50,
        help_text=_("Lowercase letters, numbers and hyphens: /c/<address>/"),
    )
    template = forms.ChoiceField(
        label=_("Charter to start from"),
        choices=[(t, "") for t in presets.TEMPLATES],
        widget=forms.RadioSelect,
        initial=presets.SIMPLE,
    )
    language = forms.ChoiceField(label=_("Main language"), choices=language_choices)
    message = PlainCharField(long=True, label=_("Who you are and why"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [
            (t, presets.template_label(t)) for t in presets.TEMPLATES
        ]


class TextsForm(CharterTextsMixin, forms.Form):
    name = PlainCharField(label=_("Coalition name"), max_length=200)
    host_name = PlainCharField(
        label=_("Host organization"), max_length=200, help_text=_("Who convenes the coalition.")
    )
    postal_address = PlainCharField(
        long=True,
        max_length=500,
        required=False,
        label=_("Postal address"),
        help_text=_("The host organization's address, printed on letters and invitations."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=language_choices, widget=forms.CheckboxSelectMultiple
    )
    mission = PlainCharField(long=True, label=_("Mission"))
    values = PlainCharField(
        long=True, label=_("Values"), help_text=_("One per line, as Name: what it means.")
    )
    agreements = PlainCharField(
        long=True,
        max_length=20000,
        required=False,
        label=_("Community agreements"),
        help_text=_("One per line, as Name: what it means."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)


class CharterRulesForm(forms.Form):
    """Every rule asked explicitly; the page explains each with its effect."""

    quorum_numerator = forms.IntegerField(label=_("Quorum: at least"), min_value=1)
    quorum_denominator = forms.IntegerField(label=_("out of"), min_value=1)
    quorum_base = forms.ChoiceField(label=_("Quorum is counted"), choices=QUORUM_BASE_CHOICES)
    max_active_priorities = forms.IntegerField(
        label=_("Most issue priorities active at once"), min_value=1
    )
    unnotified_absences_for_review = forms.IntegerField(
        label=_("Unnotified absences that trigger a removal review"), min_value=1
    )
    agenda_lead_days = forms.IntegerField(
        label=_("Days before a meeting the agenda is due"), min_value=0
    )
    consent_window_hours = forms.IntegerField(
        label=_("Hours to answer a consent request"), min_value=1
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in r.DECISION_KINDS:
            label = r.decision_kind_label(kind)
            self.fields[f"{kind}_fraction"] = forms.ChoiceField(
                label=label, choices=FRACTION_CHOICES
            )
            self.fields[f"{kind}_other"] = forms.CharField(
                label=_("Fraction, for example 4/5"), required=False, max_length=7
            )
            self.fields[f"{kind}_base"] = forms.ChoiceField(
                label=_("counted"), choices=BASE_CHOICES
            )

    def kind_rows(self):
        return [
            (
                r.decision_kind_label(kind),
                self[f"{kind}_fraction"],
                self[f"{kind}_other"],
                self[f"{kind}_base"],
            )
            for kind in r.DECISION_KINDS
        ]

    @classmethod
    def initial_from(cls, rules: r.CharterRules) -> dict:
        initial = {
            k: getattr(rules, k)
            for k in (
                "quorum_numerator",
                "quorum_denominator",
                "quorum_base",
                "max_active_priorities",
                "unnotified_absences_for_review",
                "agenda_lead_days",
                "consent_window_hours",
            )
        }
        for kind in r.DECISION_KINDS:
            t = rules.threshold(kind)
            named = t.rule in dict(FRACTION_CHOICES)
            initial[f"{kind}_fraction"] = t.rule if named else "other"
            initial[f"{kind}_other"] = "" if named else t.rule
            initial[f"{kind}_base"] = t.base
        return initial

    def rules_dict(self, current: dict) -> dict:
        c = self.cleaned_data
        data = dict(current)
        for key in (
            "quorum_numerator",
            "quorum_denominator",
            "quorum_base",
            "max_active_priorities",
            "unnotified_absences_for_review",
            "agenda_lead_days",
            "consent_window_hours",
        ):
            data[key] = c[key]
        data["thresholds"] = {
            kind: {
                "rule": c[f"{kind}_other"].strip()
                if c[f"{kind}_fraction"] == "other"
                else c[f"{kind}_fraction"],
                "base": c[f"{kind}_base"],
                "requires_quorum": True,
            }
            for kind in r.DECISION_KINDS
        }
        return data

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            self.parsed = r.rules_from_dict(self.rules_dict({}))
        except r.RulesError as error:
            for key, message in error.errors.items():
                field = key if key in self.fields else None
                if key.startswith("thresholds."):
                    kind = key.split(".", 1)[1]
                    field = f"{kind}_other"
                self.add_error(field, message)
        return cleaned


def layer_label(key: str) -> str:
    return {
        "core_team": _("Core Team"),
        "full_coalition": _("Full Coalition"),
        "supporter_network": _("Supporter Network"),
        "support_pods": _("Support Pods"),
        "issue_teams": _("Issue Organizing Teams"),
    }[key]


class StructureForm(forms.Form):
    """Which of the five layers the coalition uses, what it calls them, and its teams."""

    support_pods = PlainCharField(
        long=True,
        required=False,
        label=_("Support Pods"),
        help_text=_("One per line; leave empty if you use none."),
    )
    issue_teams = PlainCharField(
        long=True,
        required=False,
        label=_("Issue Organizing Teams"),
        help_text=_("One per line; leave empty if you use none."),
    )

    def __init__(self, *args, **kwargs):
        from juntos.charter.setup import LAYERS

        super().__init__(*args, **kwargs)
        for key in LAYERS:
            self.fields[f"{key}_used"] = forms.BooleanField(
                label=_("We use it: %(layer)s") % {"layer": layer_label(key)}, required=False
            )
            self.fields[f"{key}_name"] = PlainCharField(
                label=_("Our name for it"), max_length=100, required=False
            )

    def layer_rows(self):
        from juntos.charter.setup import LAYERS

        return [(self[f"{k}_used"], self[f"{k}_name"]) for k in LAYERS]

    def structure(self) -> dict:
        from juntos.charter.setup import LAYERS

        c = self.cleaned_data
        return {k: {"used": bool(c[f"{k}_used"]), "name": c[f"{k}_name"].strip()} for k in LAYERS}


class CalendarForm(forms.Form):
    """Up to three seasons, each with its months, rhythm, day, topic and format."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(SEASON_COUNT):
            self.fields[f"s{i}_months"] = forms.TypedMultipleChoiceField(
                label=_("Months"),
                choices=MONTH_CHOICES,
                coerce=int,
                widget=MonthCheckboxes,
                required=i == 0,
            )
            self.fields[f"s{i}_rhythm"] = forms.ChoiceField(
                label=_("How often"), choices=RHYTHM_CHOICES
            )
            self.fields[f"s{i}_week"] = forms.TypedChoiceField(
                label=_("Which week (monthly)"), choices=WEEK_CHOICES, coerce=int
            )
            self.fields[f"s{i}_weekday"] = forms.TypedChoiceField(
                label=_("Day"), choices=WEEKDAY_CHOICES, coerce=int
            )
            self.fields[f"s{i}_first"] = forms.DateField(
                label=_("One meeting's date (every two weeks)"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            )
            self.fields[f"s{i}_topic"] = forms.ChoiceField(label=_("Topic"), choices=TOPIC_CHOICES)
            self.fields[f"s{i}_format"] = forms.ChoiceField(
                label=_("Format"), choices=FORMAT_CHOICES
            )

    def seasons(self):
        return [
            [self[f"s{i}_{k}"] for k in ("months", "rhythm", "week", "weekday", "first")]
            + [self[f"s{i}_topic"], self[f"s{i}_format"]]
            for i in range(SEASON_COUNT)
        ]

    @classmethod
    def initial_from(cls, rules: r.CharterRules) -> dict:
        initial = {}
        for i, season in enumerate(rules.calendar_seasons()[:SEASON_COUNT]):
            initial.update(
                {
                    f"s{i}_months": list(season.months),
                    f"s{i}_rhythm": season.rhythm,
                    f"s{i}_week": season.week_of_month,
                    f"s{i}_weekday": season.weekday,
                    f"s{i}_topic": season.topic,
                    f"s{i}_format": season.format,
                }
            )
            if season.rhythm == r.BIWEEKLY:
                dates = r.season_dates(timezone.localdate().year, season)
                initial[f"s{i}_first"] = dates[0] if dates else None
        return initial

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        seasons = []
        for i in range(SEASON_COUNT):
            months = cleaned.get(f"s{i}_months") or []
            if not months:
                continue
            rhythm = cleaned[f"s{i}_rhythm"]
            parity = 0
            if rhythm == r.BIWEEKLY:
                first = cleaned.get(f"s{i}_first")
                if first is None:
                    self.add_error(f"s{i}_first", _("Give the date of one of these meetings."))
                    continue
                if first.weekday() != cleaned[f"s{i}_weekday"]:
                    self.add_error(f"s{i}_first", _("This date is not on the day chosen."))
                    continue
                parity = ((first - r.BIWEEKLY_EPOCH).days // 7) % 2
            seasons.append(
                {
                    "months": months,
                    "rhythm": rhythm,
                    "weekday": cleaned[f"s{i}_weekday"],
                    "week_of_month": cleaned[f"s{i}_week"],
                    "biweekly_parity": parity,
                    "topic": cleaned[f"s{i}_topic"],
                    "format": cleaned[f"s{i}_format"],
                }
            )
        if self.errors:
            return cleaned
        try:
            r.rules_from_dict({"seasons": seasons})
        except r.RulesError as error:
            for message in error.errors.values():
                self.add_error(None, message)
        self.season_list = seasons
        return cleaned
