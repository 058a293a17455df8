"""Forms for the campaign pages. They collect and clean; the services decide."""

import json

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from juntos.campaigns import phrases, rules
from juntos.campaigns.models import (
    Bill,
    Campaign,
    Deliverable,
    Goal,
    KeyDate,
    Playbook,
    Stakeholder,
    Survey,
    Target,
)
from juntos.core.forms import LargeModelMultipleChoiceField, PlainCharField
from juntos.members.models import Member, Person
from juntos.members.pickers import PeopleChoiceField, PersonChoiceField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_UPLOAD = 2 * 1024 * 1024


def people_of(coalition):
    return Person.objects.filter(coalition=coalition).exclude(role="").select_related("member")


def members_of(coalition):
    return Member.objects.filter(coalition=coalition, status=Member.Status.ACTIVE)


class StartForm(forms.Form):
    playbook = forms.ChoiceField(
        label=_("Start from"),
        choices=[("", _("From scratch: an empty chart")), *Playbook.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=None)
    title = PlainCharField(
        label=_("Title"), required=False, help_text=_("Left empty, the playbook's issue is used.")
    )
    issue = PlainCharField(label=_("Issue"), required=False)
    state = forms.CharField(
        label=_("State"),
        max_length=2,
        required=False,
        help_text=_("Two letters, for the state's holidays (e.g. MO)."),
    )
    shared_with_network = forms.BooleanField(
        label=_("Share with the network's state coalitions"), required=False
    )
    survey = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["playbook"].hide_optional = True

    def clean_state(self):
        state = (self.cleaned_data.get("state") or "").strip().upper()
        if state and not (len(state) == 2 and state.isalpha()):
            raise forms.ValidationError(_("Two letters, for example MO."))
        return state


class ChartForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [
            "title",
            "issue",
            "status",
            "state",
            "shared_with_network",
            *Campaign.CHART_FIELDS,
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title", "issue"):
            self.fields[name] = PlainCharField(label=self.fields[name].label)
        for name in Campaign.CHART_FIELDS:
            self.fields[name] = PlainCharField(
                label=self.fields[name].label, long=True, required=False
            )
        if self.instance.playbook:  # the playbook's words, in the editor's language
            for name, text in phrases.playbook_words(self.instance.playbook).items():
                if not self.initial.get(name):
                    self.initial[name] = text


class StakeholderForm(forms.Form):
    side = forms.ChoiceField(label=_("Side"), choices=Stakeholder.Side.choices)
    name = PlainCharField(label=_("Name"))
    outreach_plan = PlainCharField(label=_("Outreach plan"), long=True, required=False)
    capacity = PlainCharField(label=_("Their capacity"), long=True, required=False)


class TargetForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=Target.Level.choices)
    per_member = forms.ChoiceField(
        label=_("Who"),
        choices=[("", _("A decision maker named below")), *Target.PerMember.choices],
        required=False,
    )
    name = PlainCharField(label=_("Decision maker"), required=False)
    title = PlainCharField(label=_("Title or office"), required=False)
    notes = PlainCharField(label=_("Why this target"), long=True, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("per_member") and not (data.get("name") or "").strip():
            self.add_error("name", _("Name the decision maker."))
        return data


class GoalForm(forms.Form):
    """Measure, target value, date and winners are optional here on purpose: the goal
    rules refuse a goal without them, with their own clearer messages."""

    term = forms.ChoiceField(label=_("Term"), choices=Goal.Term.choices)
    text = PlainCharField(label=_("Goal"))
    measure = PlainCharField(
        label=_("Measure"),
        required=False,
        help_text=_("What you will count: signatures, council votes, IDs issued..."),
    )
    baseline = forms.DecimalField(
        label=_("Starting value"), required=False, max_digits=12, decimal_places=2
    )
    target_value = forms.DecimalField(
        label=_("Target value"), required=False, max_digits=12, decimal_places=2
    )
    due_on = forms.DateField(label=_("Date"), required=False, widget=DATE)
    winners = LargeModelMultipleChoiceField(
        label=_("A win for"),
        queryset=Member.objects.none(),
        required=False,
        help_text=_("Win-win: the member organizations that experience success if it is met."),
    )

    FIELD_OF_PROBLEM = {
        "no_measure": "measure",
        "no_target": "target_value",
        "no_date": "due_on",
        "date_past": "due_on",
        "no_win": "winners",
    }

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["winners"].queryset = members_of(coalition)
        self.fields["winners"].searchable(reverse("members:member_pick", args=[coalition.slug]))
        # The goal rules require these (with their own messages): not "(optional)".
        for name in ("measure", "target_value", "due_on", "winners"):
            self.fields[name].hide_optional = True
        for item in rules.checklist_items():
            self.fields[f"check_{item.key}"] = forms.BooleanField(
                label=f"{item.framework} · {item.label}: {item.question}", required=False
            )

    def checklist(self):
        return {
            i.key: self.cleaned_data.get(f"check_{i.key}", False) for i in rules.checklist_items()
        }

    def add_problems(self, problems):
        for problem in problems:
            self.add_error(self.FIELD_OF_PROBLEM.get(problem.code), problem.message)

    @classmethod
    def initial_for(cls, goal: Goal) -> dict:
        data = {
            k: getattr(goal, k)
            for k in ("term", "text", "measure", "baseline", "target_value", "due_on")
        }
        data["winners"] = list(goal.winners.all())
        data.update({f"check_{k}": v for k, v in goal.checklist.items()})
        return data


class ProgressForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE)
    value = forms.DecimalField(label=_("Value"), max_digits=12, decimal_places=2)
    note = PlainCharField(label=_("Note"), required=False)


class DeliverableForm(forms.Form):
    title = PlainCharField(label=_("What"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Deliverable.Kind.choices)
    owner_person = PersonChoiceField(label=_("Person"), queryset=None, required=False)
    owner_member = forms.ModelChoiceField(
        label=_("Member organization"), queryset=None, required=False
    )
    due_on = forms.DateField(label=_("Due"), widget=DATE)

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_person"].queryset = people_of(coalition)
        self.fields["owner_person"].pick_from(coalition)
        self.fields["owner_member"].queryset = members_of(coalition)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("owner_person") and not cleaned.get("owner_member"):
            raise forms.ValidationError(_("Delegate it to a member organization or a person."))
        return cleaned


class CheckInForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Deliverable.Status.choices)
    note = PlainCharField(label=_("Check-in note"), required=False, max_length=500)


class TacticForm(forms.Form):
    rung = forms.TypedChoiceField(
        label=_("Rung on the ladder"),
        coerce=int,
        choices=[],
        widget=forms.RadioSelect,
    )
    title = PlainCharField(label=_("Action"))
    on = forms.DateField(label=_("Date"), widget=DATE)
    place = PlainCharField(label=_("Place"), required=False)
    notes = PlainCharField(label=_("Notes"), long=True, required=False)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rung"].choices = [
            (int(k), f"{int(k)}. {v}") for k, v in rules.rung_labels().items()
        ]


class KeyDateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=KeyDate.Kind.choices)
    category = forms.ChoiceField(label=_("Category"), choices=KeyDate.Category.choices)
    title = PlainCharField(label=_("What"))
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(
        label=pgettext_lazy("end of a date range", "To"), required=False, widget=DATE
    )
    blackout = forms.BooleanField(
        label=_("Avoid actions on these dates"), required=False, initial=True
    )
    whole_coalition = forms.BooleanField(
        label=_("Applies to all of the coalition's campaigns"), required=False
    )


class DMMeetingForm(forms.Form):
    target = forms.ModelChoiceField(label=_("Target"), queryset=None, required=False)
    decision_maker = PlainCharField(
        label=_("Decision maker"),
        required=False,
        help_text=_("Left empty, the target's name is used."),
    )
    purpose = PlainCharField(label=_("Purpose of the visit"), long=True)
    on = forms.DateField(label=_("Date"), required=False, widget=DATE)
    place = PlainCharField(label=_("Place"), required=False)
    facilitator = PersonChoiceField(label=_("Facilitator"), queryset=None, required=False)
    storytellers = PeopleChoiceField(
        label=_("Storytellers (one or two)"),
        queryset=None,
        required=False,
        help_text=_("They tell the stories of people and families the policy affects."),
    )
    asker = PersonChoiceField(label=_("Who makes the ask"), queryset=None, required=False)
    attendees = PeopleChoiceField(label=_("Others attending"), queryset=None, required=False)
    requests = PlainCharField(label=_("The specific requests"), long=True)
    facts = PlainCharField(label=_("Facts that back the stories"), long=True, required=False)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        people = people_of(campaign.coalition)
        for name in ("facilitator", "storytellers", "asker", "attendees"):
            self.fields[name].queryset = people
        for name in ("facilitator", "storytellers", "asker", "attendees"):
            self.fields[name].pick_from(campaign.coalition)
        self.fields["target"].queryset = campaign.targets.all()


class RecordForm(forms.Form):
    on = forms.DateField(label=_("Date held"), widget=DATE)
    said = PlainCharField(label=_("What the decision maker said"), long=True)
    commitments = PlainCharField(label=_("What they committed to"), long=True, required=False)
    our_commitments = PlainCharField(label=_("What we committed to"), long=True, required=False)


class DebriefForm(forms.Form):
    notes = PlainCharField(label=_("Debrief notes (team only)"), long=True, required=False)
    ROWS = 3

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(self.ROWS):
            self.fields[f"step{i}_title"] = PlainCharField(
                label=_("Next step %(n)d") % {"n": i + 1}, required=False
            )
            self.fields[f"step{i}_owner"] = PersonChoiceField(
                label=_("Who"), queryset=people_of(coalition), required=False
            )
            self.fields[f"step{i}_owner"].pick_from(coalition)
            self.fields[f"step{i}_due"] = forms.DateField(
                label=_("Due"), required=False, widget=DATE
            )

    def clean(self):
        cleaned = super().clean()
        steps = []
        for i in range(self.ROWS):
            title = cleaned.get(f"step{i}_title")
            if not title:
                continue
            if not cleaned.get(f"step{i}_owner") or not cleaned.get(f"step{i}_due"):
                self.add_error(f"step{i}_title", _("Each next step needs who and when."))
                continue
            steps.append(
                {
                    "title": title,
                    "owner_person": cleaned[f"step{i}_owner"],
                    "due_on": cleaned[f"step{i}_due"],
                }
            )
        cleaned["steps"] = steps
        return cleaned


class ThankForm(forms.Form):
    to = forms.EmailField(
        label=_("Send to"),
        required=False,
        help_text=_("Left empty, the thank-you is marked sent: copy it into your own email."),
    )


class BillForm(forms.ModelForm):
    class Meta:
        model = Bill
        fields = [
            "jurisdiction",
            "session",
            "identifier",
            "title",
            "summary",
            "position",
            "status",
            "campaigns",
        ]
        widgets = {"campaigns": forms.CheckboxSelectMultiple}

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("jurisdiction", "session", "identifier", "title", "status"):
            field = self.fields[name]
            self.fields[name] = PlainCharField(
                label=field.label, required=field.required, max_length=field.max_length
            )
        self.fields["summary"] = PlainCharField(label=_("Summary"), long=True, required=False)
        self.fields["campaigns"].queryset = Campaign.objects.filter(coalition=coalition)
        self.fields["campaigns"].required = False

    def validate_unique(self):
        """The service checks uniqueness per coalition and says so plainly."""


class BillStatusForm(forms.Form):
    status = PlainCharField(label=_("New status"))
    on = forms.DateField(label=_("Date"), widget=DATE)
    organization = PlainCharField(label=_("Chamber or body"), required=False)


class BillImportForm(forms.Form):
    file = forms.FileField(label=_("Open States bill JSON file"), required=False)
    text = forms.CharField(
        label=_("or paste the JSON"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    position = forms.ChoiceField(label=_("Our position"), choices=Bill.Position.choices)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None and upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is too large (2 MB at most)."))
        raw = upload.read() if upload is not None else (cleaned.get("text") or "").encode()
        if not raw.strip():
            raise forms.ValidationError(_("Choose a file or paste the bill's JSON."))
        try:
            cleaned["payload"] = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise forms.ValidationError(_("This is not valid JSON.")) from None
        return cleaned


class SurveyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Survey.Kind.choices)
    title = PlainCharField(label=_("Title"))
    held_on = forms.DateField(label=_("Held on"), required=False, widget=DATE)
    questions = PlainCharField(
        label=_("Questions"), long=True, help_text=_("One question per line.")
    )

    def clean_questions(self):
        return [q.strip() for q in self.cleaned_data["questions"].splitlines() if q.strip()]


class ResponseForm(forms.Form):
    issues = PlainCharField(
        label=_("Issues named"), help_text=_("Separate several with semicolons.")
    )

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        for i, question in enumerate(survey.questions):
            self.fields[f"answer{i}"] = PlainCharField(label=question, long=True, required=False)
        self.order_fields([f"answer{i}" for i in range(len(survey.questions))] + ["issues"])
        self.survey = survey

    def answers(self):
        return [self.cleaned_data.get(f"answer{i}", "") for i in range(len(self.survey.questions))]


class SurveyImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_('A column per question (its text as the header) and an "issues" column.'),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is too large (2 MB at most)."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("Save the CSV as UTF-8 and try again.")) from None
