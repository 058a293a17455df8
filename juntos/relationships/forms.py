from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from juntos.core.forms import (
    LargeModelChoiceField,
    LargeModelMultipleChoiceField,
    PhoneField,
    PlainCharField,
    split_picked,
)
from juntos.members.models import Member, Person, Team
from juntos.members.pickers import PersonChoiceField
from juntos.members.us_states import US_STATES
from juntos.relationships import letters
from juntos.relationships.models import (
    Category,
    Chamber,
    Contact,
    ContactKind,
    Ladder,
    Level,
    RelationshipKind,
)
from juntos.relationships.rules import STANCES
from juntos.relationships.selectors import power_campaigns

STATE_CHOICES = [("", "—"), *US_STATES]

INTERESTS = [
    ("business", _("Business")),
    ("economic_development", _("Economic development")),
    ("agriculture", _("Agriculture")),
    ("education", _("Education")),
    ("faith", _("Faith")),
    ("law_enforcement", _("Law enforcement")),
    ("health", _("Health")),
    ("labor", _("Labor")),
    ("civil_rights", _("Civil rights")),
    ("media", _("Media")),
]


class ContactLabels:
    label_fields = ("name", "organization_name", "category", "member_id", "person_id")

    def label_from_values(self, values):
        name, organization, category, member_id, person_id = values
        extra = organization or dict(Category.choices).get(category, category)
        mark = " ★" if member_id or person_id else ""  # Contact.is_ours
        return f"{name}{mark} ({extra})"


class ContactChoiceField(ContactLabels, LargeModelChoiceField):
    """A contact or official: a select while few, past 300 a box suggesting names."""


class ContactsChoiceField(ContactLabels, LargeModelMultipleChoiceField):
    """Several contacts or officials: checkboxes while few, chips chosen by name past 300."""


def pick_url(coalition, among: str = "") -> str:
    url = reverse("relationships:contact_pick", args=[coalition.slug])
    return f"{url}?among={among}" if among else url


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("Any")), *Category.choices]
    )
    state = forms.ChoiceField(label=_("State"), required=False, choices=STATE_CHOICES)
    chamber = forms.ChoiceField(
        label=_("Chamber"), required=False, choices=[("", _("Any")), *Chamber.choices]
    )
    district = forms.CharField(label=_("District"), required=False, max_length=20)
    in_office = forms.ChoiceField(
        label=_("In office"),
        required=False,
        choices=[("", _("Any")), ("yes", _("In office")), ("no", _("Out of office"))],
    )

    def filters(self) -> dict:
        d = self.cleaned_data
        return {
            "q": d.get("q", "").strip(),
            "category": d.get("category", ""),
            "state": d.get("state", ""),
            "chamber": d.get("chamber", ""),
            "district": d.get("district", ""),
            "in_office": {"yes": True, "no": False}.get(d.get("in_office", "")),
        }


class ContactForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ContactKind.choices, widget=forms.RadioSelect, initial="person"
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    name = PlainCharField(label=_("Name"))
    title = PlainCharField(label=_("Title or position"), required=False)
    organization_name = PlainCharField(label=_("Organization"), required=False)
    member = forms.ModelChoiceField(
        label=_("Is this a coalition member?"),
        queryset=Member.objects.none(),
        required=False,
        help_text=_("Link the member organization so messenger chains can start here."),
    )
    person = PersonChoiceField(
        label=_("Or a person of the coalition"), queryset=Person.objects.none(), required=False
    )
    email = forms.EmailField(label=_("Email"), required=False)
    phone = PhoneField(label=_("Phone"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    interests = forms.MultipleChoiceField(
        label=_("Interests"),
        choices=INTERESTS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What this person or organization cares about suggests who to send."),
    )
    notes = PlainCharField(label=_("Notes"), required=False, long=True)
    # Decision makers, for hosts.
    level = forms.ChoiceField(
        label=_("Level of government"), required=False, choices=[("", "—"), *Level.choices]
    )
    chamber = forms.ChoiceField(
        label=_("Chamber or office"), required=False, choices=[("", "—"), *Chamber.choices]
    )
    state = forms.ChoiceField(label=_("State"), required=False, choices=STATE_CHOICES)
    district = PlainCharField(label=_("District"), required=False, max_length=60)
    party = PlainCharField(label=_("Party"), required=False, max_length=60)

    OFFICIAL_FIELDS = ("level", "chamber", "state", "district", "party")

    def __init__(self, *args, coalition, role, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(coalition=coalition, status="active")
        self.fields["person"].queryset = Person.objects.filter(coalition=coalition)
        self.fields["person"].pick_from(coalition, among="anyone")
        self.is_host = role == "host"
        if not self.is_host:
            for name in self.OFFICIAL_FIELDS:
                del self.fields[name]
            self.fields["category"].choices = [
                c for c in Category.choices if c[0] != Category.DECISION_MAKER
            ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("member") and cleaned.get("person"):
            self.add_error("person", _("Link a member organization or a person, not both."))
        return cleaned

    def contact_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["website"] = data.get("website") or ""
        return data


class RelationshipForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("Direction"),
        choices=[("out", _("This contact → the other")), ("in", _("The other → this contact"))],
        widget=forms.RadioSelect,
        initial="out",
        help_text=_('Read it as a sentence: "Ana works for the Chamber".'),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=RelationshipKind.choices)
    other = ContactChoiceField(label=_("The other contact"), queryset=Contact.objects.none())
    role = PlainCharField(label=_("Position or role"), required=False, max_length=120)
    strength = forms.TypedChoiceField(
        label=_("Strength"),
        coerce=int,
        initial=3,
        choices=[
            (1, _("1 · met once")),
            (2, "2"),
            (3, _("3 · know each other")),
            (4, "4"),
            (5, _("5 · very close")),
        ],
    )
    mutual = forms.BooleanField(label=_("Goes both ways"), required=False)
    started_on = forms.DateField(
        label=_("Since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ended_on = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    how_we_know = PlainCharField(label=_("How we know"), required=False, long=True)
    confidential = forms.BooleanField(
        label=_("Confidential: only me and the hosts"), required=False
    )

    def __init__(self, *args, coalition, exclude=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Contact.objects.filter(coalition=coalition).order_by("name")
        if exclude is not None:
            qs = qs.exclude(pk=exclude.pk)
        self.fields["other"].queryset = qs
        self.fields["other"].searchable(pick_url(coalition))

    def clean(self):
        cleaned = super().clean()
        s, e = cleaned.get("started_on"), cleaned.get("ended_on")
        if s and e and e < s:
            self.add_error("ended_on", _("The end date is before the start date."))
        return cleaned


class PowerForm(forms.Form):
    contact = ContactChoiceField(label=_("Stakeholder"), queryset=Contact.objects.none())
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=None,
        required=False,
        empty_label=_("None: a map on its own"),
        help_text=_("Choose a campaign to place the stakeholder on that campaign's map."),
    )
    issue = PlainCharField(
        label=_("Decision or campaign"),
        required=False,
        help_text=_(
            "For a map on its own, without a campaign. Leave empty for the coalition's general map."
        ),
    )
    power = forms.TypedChoiceField(
        label=_("Power over the decision"),
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 6)],
        widget=forms.RadioSelect,
    )
    stance = forms.TypedChoiceField(
        label=_("Where they stand"),
        coerce=int,
        # A callable: an f-string at import would fix the labels in English.
        choices=lambda: [(k, f"{k:+d} · {v}") for k, v in STANCES.items()],
        widget=forms.RadioSelect,
    )
    placed_on = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = PlainCharField(label=_("Why"), required=False, max_length=300)

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = Contact.objects.filter(coalition=coalition)
        self.fields["contact"].searchable(pick_url(coalition))
        self.fields["campaign"].queryset = power_campaigns(coalition)
        if not self.fields["campaign"].queryset.exists():
            del self.fields["campaign"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("campaign"):
            cleaned["issue"] = ""  # the campaign names the map
        return cleaned


class MessengerForm(forms.Form):
    target = ContactChoiceField(label=_("Target"), queryset=Contact.objects.none())
    kinds = forms.MultipleChoiceField(
        label=_("Only these kinds of relationship"),
        choices=RelationshipKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to use every kind."),
    )
    max_steps = forms.TypedChoiceField(
        label=_("At most this many steps"),
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 5)],
        initial=4,
        required=False,
    )

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (
            Contact.objects.filter(coalition=coalition, member__isnull=True, person__isnull=True)
            .filter(Q(in_office=True) | Q(chamber=""))
            .order_by("name")
        )
        self.fields["target"].searchable(pick_url(coalition))


class PipelineStartForm(forms.Form):
    organization = ContactChoiceField(
        label=_("Target organization"), queryset=Contact.objects.none()
    )

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Contact.objects.filter(
            coalition=coalition, kind=ContactKind.ORGANIZATION
        ).exclude(pipeline__isnull=False)
        self.fields["organization"].searchable(pick_url(coalition))


class PipelineForm(forms.Form):
    stage = forms.TypedChoiceField(label=_("Current step"), coerce=int, choices=())

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(n, f"{n}. {title}") for n, title, _h in steps]
        for n, title, help_text in steps:
            self.fields[f"note_{n}"] = PlainCharField(
                label=f"{n}. {title}", help_text=help_text, required=False, long=True
            )

    def notes(self) -> dict:
        return {
            k.removeprefix("note_"): v
            for k, v in self.cleaned_data.items()
            if k.startswith("note_")
        }


class LetterTemplateForm(forms.Form):
    name = PlainCharField(label=_("Name"))
    subject = PlainCharField(label=_("Subject"), max_length=300)
    body = PlainCharField(
        label=_("Letter"), long=True, widget=forms.Textarea(attrs={"rows": 18}), max_length=20000
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("en", "English"), ("es", "Español")]
    )

    def clean(self):
        cleaned = super().clean()
        unknown = letters.unknown_fields(cleaned.get("subject", ""), cleaned.get("body", ""))
        if unknown:
            raise forms.ValidationError(
                _("Unknown merge fields: %(fields)s. Use only the fields listed."),
                params={"fields": ", ".join(unknown)},
            )
        return cleaned


class MergeForm(forms.Form):
    recipients = ContactsChoiceField(label=_("Recipients"), queryset=Contact.objects.none())
    member_name = PlainCharField(label=_("Member or chapter name"), required=False)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=STATE_CHOICES,
        help_text=_("Leave empty to use each recipient's state."),
    )
    sender_title = PlainCharField(label=_("Your title, as the sender"), required=False)

    def __init__(self, *args, coalition, category="", **kwargs):
        """`category` narrows the recipients offered; without one, officials imported in
        bulk (hundreds of legislators) are left out of the list."""
        super().__init__(*args, **kwargs)
        qs = Contact.objects.filter(coalition=coalition, member__isnull=True, person__isnull=True)
        offered = qs.filter(category=category) if category else qs.filter(source="")
        if self.is_bound:
            field = self.fields["recipients"]  # still the checkboxes: read the posted list
            posted = field.widget.value_from_datadict(
                self.data, None, self.add_prefix("recipients")
            )
            chosen, _typed = split_picked(posted)
            offered = offered | qs.filter(pk__in=chosen)
        self.fields["recipients"].queryset = offered.order_by("name")
        self.fields["recipients"].searchable(pick_url(coalition, among="outside"))


class OneToOneForm(forms.Form):
    person = PersonChoiceField(label=_("With"), queryset=Person.objects.none())
    met_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    cares_about = PlainCharField(label=_("What they care about"), long=True)
    follow_up = PlainCharField(label=_("Follow-up"), required=False, long=True)
    follow_up_by = forms.DateField(
        label=_("Follow up by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    confidential = forms.BooleanField(
        label=_("Confidential: only me and the hosts"), required=False
    )

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(coalition=coalition)
        self.fields["person"].pick_from(coalition, among="anyone")


class StepForm(forms.Form):
    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none())
    level = forms.ChoiceField(label=_("Now a"), choices=Ladder.choices)
    on = forms.DateField(label=_("Since"), widget=forms.DateInput(attrs={"type": "date"}))
    note = PlainCharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(coalition=coalition)
        self.fields["person"].pick_from(coalition, among="anyone")


class TeamFilterForm(forms.Form):
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("All")
    )

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(coalition=coalition)
