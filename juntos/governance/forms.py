from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.charter import rules as charter_rules
from juntos.core.forms import (
    LargeModelChoiceField,
    LargeModelMultipleChoiceField,
    ListedModelChoiceField,
    PlainCharField,
)
from juntos.core.translatable import TranslatedFieldsMixin, coalition_languages
from juntos.governance import agenda_templates
from juntos.governance.models import AbsenceNotice, AgendaItem, IssuePriority, Meeting
from juntos.members.models import Application, Member, Person
from juntos.members.pickers import PersonChoiceField

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ScheduleForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    start_time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    place = PlainCharField(label=_("Place for in-person meetings"), required=False, max_length=300)
    accessibility_notes = PlainCharField(label=_("Accessibility notes"), long=True, required=False)
    call_link = forms.URLField(label=_("Call or video link"), required=False, assume_scheme="https")


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    title = PlainCharField(label=_("Title"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), choices=Meeting.Topic.choices, initial="other")
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME)
    duration_minutes = forms.IntegerField(
        label=_("Length in minutes"), min_value=15, max_value=24 * 60, initial=120
    )
    format = forms.ChoiceField(label=_("Format"), choices=Meeting.Format.choices)
    place = PlainCharField(label=_("Place"), required=False, max_length=300)
    accessibility_notes = PlainCharField(label=_("Accessibility notes"), long=True, required=False)
    call_link = forms.URLField(label=_("Call or video link"), required=False, assume_scheme="https")
    language = forms.ChoiceField(
        label=_("Language of the meeting"),
        choices=settings.LANGUAGES,
        help_text=_("The projector view is shown in this language."),
    )

    def clean(self):
        data = super().clean()
        if data.get("format") == Meeting.Format.CALL and not data.get("call_link"):
            self.add_error("call_link", _("A conference call needs its link."))
        if data.get("format") == Meeting.Format.IN_PERSON and not data.get("place"):
            self.add_error("place", _("An in-person meeting needs a place."))
        return data


class LogisticsForm(MeetingForm):
    """Everything but the kind, topic and time, which change by moving the meeting."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("kind", "topic", "starts_at"):
            del self.fields[name]


class MoveForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("New date and time"), widget=DATETIME)
    reason = PlainCharField(label=_("Reason"), long=True)


class CancelForm(forms.Form):
    reason = PlainCharField(label=_("Reason"), long=True)


class AgendaItemForm(TranslatedFieldsMixin, forms.Form):
    translated_fields = AgendaItem.TRANSLATED_FIELDS

    time = PlainCharField(label=_("Time"), required=False, max_length=40)
    goal = PlainCharField(label=_("Goal"), max_length=300)
    process = PlainCharField(label=_("Process"), long=True, required=False)
    materials = PlainCharField(label=_("Materials"), long=True, required=False)
    presenter = PlainCharField(label=_("Presenter"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=AgendaItem.Kind.choices, initial="discussion")
    confidential = forms.BooleanField(
        label=_("Confidential: only hosts, the Core Team and the members named see it"),
        required=False,
    )
    named_members = LargeModelMultipleChoiceField(
        label=_("Members named"), queryset=Member.objects.none(), required=False
    )

    def __init__(self, *args, coalition, **kwargs):
        kwargs.setdefault("languages", coalition_languages(coalition))
        super().__init__(*args, **kwargs)
        self.fields["named_members"].queryset = Member.objects.filter(
            coalition=coalition, status=Member.Status.ACTIVE
        )
        self.fields["named_members"].searchable(
            reverse("members:member_pick", args=[coalition.slug])
        )


class TemplateForm(forms.Form):
    template = forms.ChoiceField(
        label=_("Template"), choices=list(agenda_templates.TEMPLATES.items())
    )


class AbsenceForm(forms.Form):
    reason = PlainCharField(label=_("Note for the hosts"), required=False, max_length=300)


class CheckInForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=Member.objects.none())
    person = forms.ModelChoiceField(
        label=_("Person who came"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(
            coalition=coalition, status=Member.Status.ACTIVE
        )
        self.fields["person"].queryset = Person.objects.filter(
            coalition=coalition, member__isnull=False
        )


class MotionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        # A callable, so the labels are translated per request, not once in English at import.
        choices=lambda: [
            (k, charter_rules.decision_kind_label(k)) for k in charter_rules.DECISION_KINDS
        ],
    )
    text = PlainCharField(label=_("Motion"), long=True)
    subject_application = ListedModelChoiceField(
        label=_("Application"), queryset=Application.objects.none(), required=False
    )
    # Past 100 members the list becomes a name box: a long select is slow to draw and to use.
    subject_member = LargeModelChoiceField(
        label=_("Member under review"), queryset=Member.objects.none(), required=False, limit=100
    )
    subject_priority = ListedModelChoiceField(
        label=_("Issue priority"), queryset=IssuePriority.objects.none(), required=False
    )
    amendment_summary = PlainCharField(label=_("What the amendment changes"), required=False)
    amendment_quorum = forms.RegexField(
        label=_("New quorum (for example 3/5)"),
        regex=r"^\s*\d+\s*/\s*\d+\s*$",
        required=False,
    )
    amendment_lead_days = forms.IntegerField(
        label=_("New agenda lead time in days"), min_value=0, required=False
    )

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        # Only applications ready for a vote can be put to one.
        self.fields["subject_application"].queryset = Application.objects.filter(
            coalition=coalition, status=Application.Status.READY
        )
        self.fields["subject_member"].queryset = Member.objects.filter(
            coalition=coalition, status=Member.Status.ACTIVE
        )
        self.fields["subject_priority"].queryset = IssuePriority.objects.filter(
            coalition=coalition,
            status__in=[IssuePriority.Status.PROPOSED, IssuePriority.Status.ACTIVE],
        )

    def amendment(self) -> dict:
        data = self.cleaned_data
        rules = {}
        if data.get("amendment_quorum"):
            num, den = (int(x) for x in data["amendment_quorum"].split("/"))
            rules.update(quorum_numerator=num, quorum_denominator=den)
        if data.get("amendment_lead_days") is not None:
            rules["agenda_lead_days"] = data["amendment_lead_days"]
        return {
            "summary": data.get("amendment_summary", ""),
            "reason": data["text"],
            "rules": rules,
        }


class BallotForm(forms.Form):
    """A ballot: the delegate's own (no member), or one a host records for a member called
    out in the room, picked by name past 300 present (core.forms.LargeModelChoiceField)."""

    member = LargeModelChoiceField(
        label=_("Member"), queryset=Member.objects.none(), required=False, empty_label=None
    )
    choice = forms.ChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No")), ("abstain", _("Abstain"))]
    )

    def __init__(self, *args, coalition, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and not self.data.get("member"):
            return  # a delegate's own ballot: no member to look up
        members = Member.objects.filter(coalition=coalition)
        if meeting is not None:  # the host's form lists those present
            from juntos.governance.models import Attendance

            members = members.filter(
                pk__in=Attendance.objects.filter(meeting=meeting).values("member_id")
            )
        self.fields["member"].queryset = members
        self.fields["member"].searchable(reverse("members:member_pick", args=[coalition.slug]))


class MinutesForm(forms.Form):
    parking_lot = PlainCharField(label=_("Parking lot"), long=True, required=False)
    takeaways = PlainCharField(label=_("Takeaways"), long=True, required=False)


class FollowUpForm(forms.Form):
    text = PlainCharField(label=_("Follow-up"), max_length=300)
    owner = PersonChoiceField(label=_("Owner"), queryset=Person.objects.none())
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.filter(coalition=coalition).exclude(role="")
        self.fields["owner"].pick_from(coalition)

    def clean_due_on(self):
        due = self.cleaned_data["due_on"]
        if due < timezone.localdate() - timezone.timedelta(days=365):
            raise forms.ValidationError(_("Choose a date from this year."))
        return due


class PriorityForm(forms.Form):
    title = PlainCharField(label=_("Issue priority"))
    description = PlainCharField(
        label=_("Why, and what winning looks like"), long=True, required=False
    )


class ActionableForm(forms.Form):
    actionable = forms.TypedChoiceField(
        label=_("Actionable?"),
        choices=[("yes", _("Actionable")), ("no", _("Not actionable now"))],
        coerce=lambda v: v == "yes",
    )
    note = PlainCharField(label=_("Guidance"), long=True, required=False)


class ReviewForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=Member.objects.none())
    reason = PlainCharField(
        label=_("What did the member do or say contrary to the coalition's direction?"), long=True
    )

    def __init__(self, *args, coalition, exclude_member=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Member.objects.filter(coalition=coalition, status=Member.Status.ACTIVE)
        if exclude_member:
            qs = qs.exclude(pk=exclude_member)
        self.fields["member"].queryset = qs


class AbsenceRecordForm(forms.Form):
    """A host records a notice the member gave by phone, text, in person or email."""

    member = forms.ModelChoiceField(label=_("Member"), queryset=Member.objects.none())
    channel = forms.ChoiceField(
        label=_("How they told"),
        choices=[
            (c.value, c.label)
            for c in (
                AbsenceNotice.Channel.PHONE,
                AbsenceNotice.Channel.TEXT,
                AbsenceNotice.Channel.IN_PERSON,
                AbsenceNotice.Channel.EMAIL,
            )
        ],
    )
    told_to = PersonChoiceField(
        label=_("Who they told"), queryset=Person.objects.none(), required=False
    )
    told_at = forms.DateTimeField(label=_("When they told"), widget=DATETIME)
    note = PlainCharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(
            coalition=coalition, status=Member.Status.ACTIVE
        )
        self.fields["told_to"].queryset = Person.objects.filter(coalition=coalition).exclude(
            role=""
        )
        self.fields["told_to"].pick_from(coalition)


class AbsenceCorrectForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=Member.objects.none())
    reason = PlainCharField(label=_("Why the absence should not count"), long=True)

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(
            coalition=coalition, status=Member.Status.ACTIVE
        )


class AlternateForm(forms.Form):
    """A member's representative names an alternate: someone of their own organization or
    of none (a host, a supporter)."""

    person = PersonChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        error_messages={"invalid_choice": _("Choose a person.")},
    )

    def __init__(self, *args, coalition, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = candidates
        self.fields["person"].pick_from(coalition, among="alternates")
