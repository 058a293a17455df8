from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from juntos.charter import rules as charter_rules
from juntos.core.forms import PlainCharField
from juntos.core.translatable import TranslatedFieldsMixin

RULE_CHOICES = [
    (charter_rules.MAJORITY, _("Majority of votes cast")),
    (charter_rules.THREE_FIFTHS, _("three fifths")),
    (charter_rules.TWO_THIRDS, _("Two thirds of votes cast")),
    (charter_rules.THREE_QUARTERS, _("three quarters")),
    (charter_rules.UNANIMOUS, _("Unanimous")),
]
BASE_CHOICES = [
    (charter_rules.BASE_CAST, _("of votes cast (abstentions not counted)")),
    (charter_rules.BASE_PRESENT, _("of voting members present")),
    (charter_rules.BASE_VOTING, _("of all voting members")),
]
WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
WEEK_CHOICES = [(1, _("First")), (2, _("Second")), (3, _("Third")), (4, _("Fourth"))]
MONTH_CHOICES = [(m, MONTHS[m]) for m in range(1, 13)]


class MonthCheckboxes(forms.CheckboxSelectMultiple):
    """Twelve month checkboxes in aligned columns (juntos.css `.choices.months`): flowed
    like other choices, "septiembre" beside "mayo" left them ragged on a phone."""

    choices_class = "months"


KIND_FIELDS = {kind: f"threshold_{kind}" for kind in charter_rules.DECISION_KINDS}
INT_RULES = (
    "quorum_numerator",
    "quorum_denominator",
    "max_active_priorities",
    "unnotified_absences_for_review",
    "agenda_lead_days",
    "consent_window_hours",
    "min_participations",
    "participation_opportunities",
)


def items_to_text(items: list[dict]) -> str:
    return "\n".join(f"{i['name']}: {i['text']}" for i in items)


def text_to_items(text: str) -> list[dict]:
    items = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        name, sep, rest = line.partition(":")
        items.append(
            {"name": name.strip(), "text": rest.strip()} if sep else {"name": line, "text": ""}
        )
    return items


def translations_to_items(translations: dict) -> dict:
    """Other-language versions as typed (values and agreements one per line) to stored."""
    return {
        code: {
            key: text_to_items(text) if key in ("values", "agreements") else text
            for key, text in by_field.items()
        }
        for code, by_field in translations.items()
    }


class CharterTextsMixin(TranslatedFieldsMixin):
    """Mission, values and agreements once per language the coalition uses."""

    translated_fields = ("mission", "values", "agreements")
    complete_versions = False  # a translated mission alone is already worth showing

    def version_initial(self, name, value):
        return items_to_text(value) if isinstance(value, list) else value

    def clean(self):
        cleaned = super().clean()
        if "language" in cleaned and not text_to_items(cleaned.get("values", "")):
            self.add_error(f"values_{cleaned['language']}", _("List at least one value."))
        return cleaned


class AmendmentForm(CharterTextsMixin, forms.Form):
    summary = PlainCharField(
        label=_("What changed"),
        max_length=300,
        help_text=_("One line, for example: Quorum lowered to 3/5."),
    )
    reason = PlainCharField(long=True, label=_("Why"), required=False)
    effective_from = forms.DateField(
        label=_("In force from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    adopted_by_body = PlainCharField(
        label=_("Adopted by"),
        max_length=200,
        help_text=_("The body that adopted it outside Juntos, for example: the annual assembly."),
    )
    adopted_on = forms.DateField(
        label=_("Adopted on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False)
    confirm_later = forms.BooleanField(widget=forms.HiddenInput, required=False)
    mission = PlainCharField(long=True, label=_("Mission"))
    values = PlainCharField(
        long=True, label=_("Values"), help_text=_("One per line, as Name: what it means.")
    )
    agreements = PlainCharField(
        long=True,
        max_length=20000,
        label=_("Community agreements"),
        help_text=_("One per line, as Name: what it means."),
    )
    quorum_numerator = forms.IntegerField(label=_("Quorum: at least"))
    quorum_denominator = forms.IntegerField(label=_("out of"))
    max_active_priorities = forms.IntegerField(label=_("Most issue priorities active at once"))
    unnotified_absences_for_review = forms.IntegerField(
        label=_("Unnotified absences that trigger a removal review")
    )
    agenda_lead_days = forms.IntegerField(label=_("Days before a meeting the agenda is due"))
    consent_window_hours = forms.IntegerField(label=_("Hours to answer a consent request"))
    session_months = forms.TypedMultipleChoiceField(
        label=_("Legislative session months"),
        choices=MONTH_CHOICES,
        coerce=int,
        widget=MonthCheckboxes,
        required=False,
    )
    interim_months = forms.TypedMultipleChoiceField(
        label=_("Months that alternate in person and conference call"),
        choices=MONTH_CHOICES,
        coerce=int,
        widget=MonthCheckboxes,
        required=False,
    )
    interim_starts_in_person = forms.BooleanField(
        label=_("The first interim meeting is in person"), required=False
    )
    meeting_week_of_month = forms.TypedChoiceField(
        label=_("Meetings fall on the"), choices=WEEK_CHOICES, coerce=int
    )
    meeting_weekday = forms.TypedChoiceField(label=_("Day"), choices=WEEKDAY_CHOICES, coerce=int)
    min_participations = forms.IntegerField(
        label=_("Committees or events each member takes part in per year")
    )
    participation_opportunities = forms.IntegerField(label=_("Opportunities to take part per year"))
    primary_contact_required = forms.BooleanField(
        label=_("Each member keeps a primary point of contact"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, field in KIND_FIELDS.items():
            self.fields[field] = forms.ChoiceField(
                label=charter_rules.decision_kind_label(kind), choices=self._rule_choices()
            )
            self.fields[f"{field}_base"] = forms.ChoiceField(
                label=_("counted"), choices=BASE_CHOICES
            )
        self.fields["quorum_base"] = forms.ChoiceField(
            label=_("Quorum is counted"),
            choices=[
                (charter_rules.QUORUM_VOTING, _("of voting members")),
                (charter_rules.QUORUM_MEMBERS, _("of all member organizations")),
            ],
        )

    def _rule_choices(self):
        # A fraction the charter already uses ("4/5") stays choosable.
        choices = list(RULE_CHOICES)
        for value in (self.initial or {}).values():
            if isinstance(value, str) and "/" in value and (value, value) not in choices:
                choices.append((value, value))
        for key, value in (self.data or {}).items():
            fraction = key.startswith("threshold_") and "/" in str(value)
            if fraction and (value, value) not in choices:
                choices.append((value, value))
        return choices

    @classmethod
    def initial_from(cls, version) -> dict:
        rules = version.parsed_rules
        initial = {k: v for k, v in rules.to_dict().items() if k != "thresholds"}
        for kind, field in KIND_FIELDS.items():
            initial[field] = rules.threshold(kind).rule
            initial[f"{field}_base"] = rules.threshold(kind).base
        initial.update(
            based_on=version.number,
            mission=version.mission,
            values=items_to_text(version.values),
            agreements=items_to_text(version.agreements),
            effective_from=timezone.localdate(),
            adopted_on=timezone.localdate(),
        )
        return initial

    def threshold_fields(self):
        return [self[f] for f in KIND_FIELDS.values()]

    def threshold_rows(self):
        return [(self[f], self[f"{f}_base"]) for f in KIND_FIELDS.values()]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        data = {
            k: cleaned.get(k)
            for k in (
                *INT_RULES,
                "session_months",
                "interim_months",
                "interim_starts_in_person",
                "meeting_weekday",
                "meeting_week_of_month",
                "primary_contact_required",
                "quorum_base",
            )
        }
        data["thresholds"] = {
            kind: {
                "rule": cleaned[field],
                "base": cleaned[f"{field}_base"],
                "requires_quorum": True,
            }
            for kind, field in KIND_FIELDS.items()
        }
        data["seasons"] = getattr(self, "seasons", [])
        try:
            self.rules = charter_rules.rules_from_dict(data)
        except charter_rules.RulesError as error:
            for key, message in error.errors.items():
                field = key if key in self.fields else None
                if key.startswith("thresholds."):
                    field = KIND_FIELDS.get(key.split(".", 1)[1])
                self.add_error(field, message)
        return cleaned
