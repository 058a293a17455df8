from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.campaigns.models import Campaign
from juntos.core.forms import (
    LargeModelMultipleChoiceField,
    ListedModelChoiceField,
    PhoneField,
    PlainCharField,
)
from juntos.core.translatable import TranslatedFieldsMixin, coalition_languages
from juntos.events.models import Event, EventAction, EventKind, Guest, SignInList
from juntos.members.models import Member, Person
from juntos.members.pickers import PersonChoiceField
from juntos.relationships.forms import ContactChoiceField, pick_url

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EventForm(TranslatedFieldsMixin, forms.Form):
    translated_fields = Event.TRANSLATED_FIELDS

    kind = forms.ChoiceField(label=_("Kind of event"), choices=EventKind.choices)
    title = PlainCharField(label=_("Title"))
    hosts = LargeModelMultipleChoiceField(
        label=_("Host organizations"), queryset=Member.objects.none()
    )
    campaign = forms.ModelChoiceField(
        label=_("Part of a campaign"),
        queryset=None,
        required=False,
        empty_label=_("No campaign"),
        help_text=_("The event then shows on the campaign's timeline."),
    )
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME)
    venue_name = PlainCharField(label=_("Venue"), required=False)
    venue_address = PlainCharField(label=_("Address"), required=False, max_length=300)
    accessibility_notes = PlainCharField(
        label=_("Accessibility"),
        long=True,
        required=False,
        help_text=_(
            "Step-free entrance, transit, parking, interpretation, childcare. A community "
            "center often serves the audience better than a downtown office."
        ),
    )
    description = PlainCharField(
        label=_("Description for the public page"), long=True, required=False
    )
    principles = PlainCharField(
        label=_("Shared principles guests may endorse"),
        long=True,
        required=False,
        help_text=_("Left empty, the coalition's mission is used."),
    )
    postcard_message = PlainCharField(label=_("Postcard message"), long=True, required=False)
    postcard_office = forms.ChoiceField(
        label=_("Postcards go to"),
        choices=Event.PostcardOffice.choices,
        initial=Event.PostcardOffice.DISTRICT,
        required=False,
        help_text=_("Each guest's own U.S. Representative, found from the ZIP code they give."),
    )

    def clean_postcard_office(self):
        return self.cleaned_data.get("postcard_office") or Event.PostcardOffice.DISTRICT

    retention_days = forms.IntegerField(
        label=_("Keep sign-in details for (days after the event)"),
        min_value=0,
        max_value=3650,
        initial=90,
        help_text=_("Then names and contact details are erased; the counts stay."),
    )

    def __init__(self, *args, coalition, **kwargs):
        kwargs.setdefault("languages", coalition_languages(coalition))
        super().__init__(*args, **kwargs)
        self.fields["hosts"].queryset = Member.objects.filter(
            coalition=coalition, status=Member.Status.ACTIVE
        )
        self.fields["hosts"].searchable(reverse("members:member_pick", args=[coalition.slug]))
        self.fields["postcard_office"].hide_optional = True  # a choice that has a default
        # The coalition's own campaigns only: an event cannot join one its network shares.
        self.fields["campaign"].queryset = Campaign.objects.filter(coalition=coalition).order_by(
            "title", "id"
        )

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        return data


class StepForm(forms.Form):
    owner = PersonChoiceField(
        label=_("Who"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("(nobody yet)"),
    )
    due_on = forms.DateField(label=_("By when"), required=False, widget=DATE)
    done = forms.BooleanField(label=_("Done"), required=False)

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.filter(coalition=coalition).exclude(role="")
        self.fields["owner"].pick_from(coalition)

    def owner_box(self, step) -> str:
        """The owner chooser of one step of a page of steps: one set of choices (one
        query), rendered with the step's own id and its owner."""
        field = self.fields["owner"]
        return field.widget.render(
            "owner", field.prepare_value(step.owner), attrs={"id": f"step-{step.pk}-owner"}
        )


class SpeakerForm(forms.Form):
    name = PlainCharField(label=_("Name"))
    affiliation = PlainCharField(label=_("Title or organization"), required=False)
    perspective = PlainCharField(
        label=_("Perspective they bring"),
        max_length=300,
        help_text=_("For example: a mayor, the police, a refugee telling her story, a scholar."),
    )


class GuestForm(forms.Form):
    contact = forms.ModelChoiceField(
        label=_("From the directory of decision makers"), queryset=None, required=False
    )
    name = PlainCharField(label=_("Name"), required=False)
    title = PlainCharField(label=_("Title or position"), required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("en", "English"), ("es", "Español")], initial="en"
    )
    personal_note = PlainCharField(label=_("Personal note"), long=True, required=False)

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        from juntos.relationships.models import Contact

        self.fields["contact"].queryset = Contact.objects.filter(coalition=coalition).exclude(
            category="press"
        )

    def clean(self):
        data = super().clean()
        if not data.get("contact") and not (data.get("name") or "").strip():
            self.add_error("name", _("Give the guest's name or choose them from the directory."))
        return data


class InvitationTemplateForm(forms.Form):
    invitation_subject = PlainCharField(label=_("Subject"))
    invitation_body = PlainCharField(label=_("Invitation"), long=True, max_length=10000)


class PressReleaseForm(forms.Form):
    press_release = PlainCharField(label=_("Press release"), long=True, max_length=20000)


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[(Guest.Rsvp.YES, _("I will come")), (Guest.Rsvp.NO, _("I cannot come"))],
        widget=forms.RadioSelect,
        label=_("Your answer"),
    )


class SignInForm(forms.Form):
    """What signing in asks: nothing more than the event needs. Never immigration status."""

    client_id = forms.CharField(widget=forms.HiddenInput, max_length=64)
    name = PlainCharField(label=_("Your name"))
    organization = PlainCharField(label=_("Organization"), required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = PhoneField(label=_("Phone"), required=False)
    may_contact = forms.BooleanField(
        label=_("You may contact me about the coalition's work"), required=False
    )

    def __init__(self, *args, list_kind=SignInList.GUEST, **kwargs):
        super().__init__(*args, **kwargs)
        self.list_kind = list_kind
        if list_kind == SignInList.PRESS:
            self.fields["organization"].label = _("Outlet")
            self.fields["organization"].required = True
            self.fields["may_contact"].label = _("You may send me press releases and news")

    def clean(self):
        data = super().clean()
        if data.get("may_contact") and not (data.get("email") or data.get("phone")):
            self.add_error("email", _("To be contacted, leave an email address or a phone number."))
        return data


class GuestActionForm(forms.Form):
    """The action right after the event, on the same screen as the guest's sign-in: a
    postcard to the guest's own U.S. Representative, found from their ZIP (kept only on
    the card, never with the sign-in), and the endorsement."""

    postcard = forms.BooleanField(label=_("Send a postcard to my representative"), required=False)
    zip_code = forms.CharField(
        label=_("Your ZIP code"),
        required=False,
        max_length=10,
        help_text=_("Only to find your representative. We do not keep it."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    district = forms.ChoiceField(
        label=_("Your ZIP code is in more than one district. Which is yours?"),
        required=False,
        widget=forms.RadioSelect,
        choices=[],
    )
    office_name = PlainCharField(label=_("Or write in your member of Congress"), required=False)
    return_address = PlainCharField(
        label=_("Your return address"),
        required=False,
        long=True,
        max_length=300,
        help_text=_(
            "Printed on your postcard so the office can answer you. Erased with the "
            "sign-in details."
        ),
    )
    endorse = forms.BooleanField(label=_("I endorse the shared principles"), required=False)

    def __init__(self, *args, coalition, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.coalition = coalition
        self.event = event
        self.found = None
        self.targets = []
        self.fields["district"].hide_optional = True
        zip_code = (self.data.get(self.add_prefix("zip_code")) or "") if self.is_bound else ""
        if zip_code:
            self._look_up(zip_code)

    def _look_up(self, zip_code):
        from juntos.districts import selectors as districts

        if districts.rules.normalize_zip(zip_code) is None:
            return
        self.found = districts.lookup(self.coalition, zip_code)
        if self.found.split:
            self.fields["district"].choices = district_choices(self.found)

    def clean_zip_code(self):
        from juntos.districts.rules import normalize_zip

        raw = (self.cleaned_data.get("zip_code") or "").strip()
        if not raw:
            return ""
        zcta = normalize_zip(raw)
        if zcta is None:
            raise forms.ValidationError(_("Write the five digits of your ZIP code."))
        return zcta

    def clean(self):
        from juntos.districts import selectors as districts

        data = super().clean()
        if not data.get("postcard") and not (data.get("office_name") or "").strip():
            return data
        if (data.get("office_name") or "").strip() and not data.get("zip_code"):
            return data
        if not data.get("zip_code"):
            self.add_error(
                "zip_code", _("Write your ZIP code, or write in your member of Congress.")
            )
            return data
        if "zip_code" in self.errors or self.found is None:
            return data
        choice = data.get("district") or None
        if self.found.split and not choice:
            self.add_error("district", _("Choose your district, or I don't know."))
            return data
        found = districts.lookup(self.coalition, data["zip_code"], choice=choice)
        prefer = getattr(self.event, "postcard_office", "district")
        self.targets = districts.postcard_targets(found, prefer=prefer, zip_code=data["zip_code"])
        if not self.targets and not (data.get("office_name") or "").strip():
            self.add_error(
                "zip_code",
                _("We could not find a representative for this ZIP code. Please write one in."),
            )
        return data


def district_choices(found) -> list[tuple[str, str]]:
    from juntos.districts.addressing import seat_label
    from juntos.districts.selectors import ALL, seat_key

    choices = []
    for seat in found.house:
        label = seat.official.name if seat.official else f"{seat.state}-{seat.district}"
        if seat.official:
            label = f"{label} ({seat_label(seat.official)})"
        choices.append((seat_key(seat), label))
    choices.append((ALL, _("I don't know (a postcard to each)")))
    return choices


def _office_label(contact) -> str:
    where = contact.state + (f"-{contact.district}" if contact.district else "")
    return f"{contact.name} ({where})" if where else contact.name


class PaperSignInForm(SignInForm):
    list = forms.ChoiceField(label=_("List"), choices=SignInList.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client_id"].required = False


class ActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Action"), choices=EventAction.Kind.choices)
    name = PlainCharField(label=_("Name on the card"), required=False)
    office = ListedModelChoiceField(label=_("Congressional office"), queryset=None, required=False)
    office_name = PlainCharField(label=_("Or write the office in"), required=False)
    office_address = PlainCharField(label=_("Office address"), required=False, max_length=300)
    count = forms.IntegerField(label=_("How many"), min_value=1, max_value=500, initial=1)

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        from juntos.events.selectors import congress_offices

        self.fields["office"].queryset = congress_offices(coalition)
        self.fields["office"].label_from_instance = _office_label

    def clean(self):
        data = super().clean()
        if (
            data.get("kind") == EventAction.Kind.POSTCARD
            and not data.get("office")
            and not (data.get("office_name") or "").strip()
        ):
            self.add_error("office", _("Choose the congressional office or write it in."))
        return data


class FollowUpForm(forms.Form):
    text = PlainCharField(label=_("Follow-up"), max_length=300)
    contact = ContactChoiceField(label=_("With (official or staff)"), queryset=None, required=False)
    owner = PersonChoiceField(label=_("Owner"), queryset=Person.objects.none())
    due_on = forms.DateField(label=_("Due"), widget=DATE)

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        from juntos.relationships.models import Contact

        self.fields["contact"].queryset = Contact.objects.filter(
            coalition=coalition, category__in=["decision_maker", "staff"]
        )
        self.fields["contact"].searchable(pick_url(coalition))
        self.fields["owner"].queryset = Person.objects.filter(coalition=coalition).exclude(role="")
        self.fields["owner"].pick_from(coalition)
        self.initial.setdefault("due_on", timezone.localdate() + timezone.timedelta(days=2))


class AttendanceForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Member organization"), queryset=None)

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(
            coalition=coalition, status=Member.Status.ACTIVE
        )
