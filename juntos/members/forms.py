from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from juntos.core.forms import ListedModelChoiceField, PhoneField, PlainCharField, SpamGuardMixin
from juntos.core.translatable import preference_choices
from juntos.members.models import (
    Application,
    MemberKind,
    Person,
    Placement,
    Role,
    Sector,
    TaxStatus,
    Team,
)
from juntos.members.rules import valid_zip
from juntos.members.us_states import US_STATES

LOGO_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


def clean_zip(value: str) -> str:
    if not valid_zip(value):
        raise forms.ValidationError(_("Enter a 5-digit ZIP code, for example 63101."))
    return value.strip()


def clean_logo(logo):
    if not logo:
        return logo
    if logo.size > settings.LOGO_MAX_BYTES:
        raise forms.ValidationError(
            _("The logo is %(size)s; please send one under %(max)s.")
            % {"size": filesizeformat(logo.size), "max": filesizeformat(settings.LOGO_MAX_BYTES)}
        )
    image = getattr(logo, "image", None)
    if image is not None and image.format not in LOGO_FORMATS:
        raise forms.ValidationError(_("Send the logo as a PNG, JPEG, GIF or WebP image."))
    # A few kilobytes can hold a huge picture that takes the server's memory to draw.
    side = settings.LOGO_MAX_SIDE
    if image is not None and max(image.size) > side:
        width, height = image.size
        raise forms.ValidationError(
            _(
                "The logo is %(width)d × %(height)d pixels; please send one of at most "
                "%(side)d × %(side)d."
            )
            % {"width": width, "height": height, "side": side}
        )
    return logo


class ApplicationForm(SpamGuardMixin, forms.Form):
    """The seed's application form, field for field."""

    kind = forms.ChoiceField(
        label=_("Applying as"),
        choices=MemberKind.choices,
        widget=forms.RadioSelect,
        initial=MemberKind.ORGANIZATION,
    )
    organization_name = PlainCharField(label=_("Organization name"), required=False)
    tax_status = forms.ChoiceField(
        label=_("Tax status"),
        choices=TaxStatus.choices,
        widget=forms.RadioSelect,
        initial=TaxStatus.NONE,
    )
    city = PlainCharField(label=_("City"), max_length=100)
    state = forms.ChoiceField(label=_("State"), choices=[("", "—"), *US_STATES])
    zip_code = forms.CharField(label=_("ZIP code"), max_length=10)
    representative_name = PlainCharField(label=_("Representative name"))
    representative_title = PlainCharField(label=_("Representative title"), required=False)
    phone = PhoneField(label=_("Phone"))
    email = forms.EmailField(label=_("Email"), max_length=254)
    description = PlainCharField(
        long=True,
        label=_("Brief description of the organization"),
        help_text=_("For example values, mission, vision, programs."),
    )
    engages_immigrants = PlainCharField(
        long=True,
        label=_(
            "Through your organization's work, in what ways does it directly engage immigrants?"
        ),
    )
    policy_priorities = PlainCharField(
        long=True, label=_("What are your organization's key policy priorities?")
    )
    base_and_mobilization = PlainCharField(
        long=True,
        label=_("Who is your base (members, volunteers, “your people”) and how can you mobilize?"),
        help_text=_(
            "For example event turnout, rapid response turnout for bills such as "
            "petition signing, contacting legislators, sharing information."
        ),
    )
    why_join = PlainCharField(
        long=True, label=_("Why does your organization want to join the coalition?")
    )
    participation = forms.MultipleChoiceField(
        label=_("Where does your organization envision participating in the coalition structure?"),
        help_text=_("Choose all that apply."),
        choices=Placement.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    benefit = PlainCharField(
        long=True, label=_("How will the coalition benefit from your organization's participation?")
    )
    logo = forms.ImageField(
        label=_("Logo"), required=False, help_text=_("PNG, JPEG, GIF or WebP, up to 2 MB.")
    )
    agree = forms.BooleanField(
        label=_("I agree to the coalition's mission, values, community agreements and guidelines."),
        error_messages={
            "required": _(
                "Please read and agree to the coalition's mission, "
                "values, community agreements and guidelines."
            )
        },
    )

    def __init__(self, *args, coalition=None, **kwargs):
        self.coalition = coalition
        super().__init__(*args, **kwargs)
        self.order_fields([f for f in self.fields if f not in ("website", "started")])
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        # Required for organizations only; the form says so rather than "optional".
        self.fields["organization_name"].hide_optional = True
        self.fields["organization_name"].help_text = _("Leave empty if you apply as an individual.")

    def clean_zip_code(self):
        return clean_zip(self.cleaned_data["zip_code"])

    def clean_logo(self):
        return clean_logo(self.cleaned_data.get("logo"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == MemberKind.ORGANIZATION and not cleaned.get("organization_name"):
            self.add_error("organization_name", _("Enter the organization's name."))
        if cleaned.get("kind") == MemberKind.INDIVIDUAL:
            cleaned["tax_status"] = TaxStatus.NONE
        if self.coalition is not None and not self.errors and cleaned.get("email"):
            from juntos.members.rules import application_fingerprint

            name = cleaned.get("organization_name") or cleaned.get("representative_name", "")
            fingerprint = application_fingerprint(self.coalition.pk, cleaned["email"], name)
            earlier = Application.objects.filter(
                coalition=self.coalition,
                fingerprint=fingerprint,
                status__in=Application.OPEN_STATUSES,
            ).first()
            if earlier is not None:
                raise forms.ValidationError(
                    _(
                        "We already have this application (sent %(date)s). The hosts will be "
                        "in touch; there is no need to send it again."
                    )
                    % {"date": date_format(earlier.created_at, "DATE_FORMAT")},
                    code="duplicate",
                )
        return cleaned

    def application_data(self) -> dict:
        data = {
            k: self.cleaned_data[k]
            for k in (
                "kind",
                "organization_name",
                "tax_status",
                "city",
                "state",
                "zip_code",
                "representative_name",
                "representative_title",
                "phone",
                "email",
                "description",
                "engages_immigrants",
                "policy_priorities",
                "base_and_mobilization",
                "why_join",
                "participation",
                "benefit",
            )
        }
        data["email"] = data["email"].lower()
        return data


class QuestionForm(forms.Form):
    question = PlainCharField(long=True, label=_("Question for the applicant"))


class AnswerForm(forms.Form):
    answer = PlainCharField(long=True, label=_("Your answer"))


class NoteForm(forms.Form):
    body = PlainCharField(long=True, label=_("Note for hosts"))


class SectorsForm(forms.Form):
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"),
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class MemberAddForm(forms.Form):
    """Hosts add members directly while a coalition is being set up."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=MemberKind.choices,
        widget=forms.RadioSelect,
        initial=MemberKind.ORGANIZATION,
    )
    name = PlainCharField(label=_("Name"))
    tax_status = forms.ChoiceField(
        label=_("Tax status"), choices=TaxStatus.choices, initial=TaxStatus.NONE
    )
    city = PlainCharField(label=_("City"), max_length=100, required=False)
    state = forms.ChoiceField(label=_("State"), choices=[("", "—"), *US_STATES], required=False)
    zip_code = forms.CharField(label=_("ZIP code"), max_length=10, required=False)
    description = PlainCharField(long=True, label=_("Description"), required=False)
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"),
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    rep_name = PlainCharField(label=_("Primary contact's name"))
    rep_title = PlainCharField(label=_("Title"), required=False)
    rep_email = forms.EmailField(label=_("Email"), required=False)
    rep_phone = PhoneField(label=_("Phone"), required=False)
    rep_language = forms.ChoiceField(label=_("Preferred language"), choices=preference_choices)

    def clean_zip_code(self):
        value = self.cleaned_data["zip_code"]
        return clean_zip(value) if value else value

    def member_data(self) -> dict:
        keys = ("kind", "name", "tax_status", "city", "state", "zip_code", "description", "sectors")
        return {k: self.cleaned_data[k] for k in keys}

    def representative_data(self) -> dict:
        c = self.cleaned_data
        return {
            "full_name": c["rep_name"],
            "title": c["rep_title"],
            "email": c["rep_email"] or "",
            "phone": c["rep_phone"] or "",
            "preferred_language": c["rep_language"],
        }


class PersonAddForm(forms.Form):
    full_name = PlainCharField(label=_("Full name"))
    title = PlainCharField(label=_("Title"), required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = PhoneField(label=_("Phone"), required=False)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=preference_choices
    )
    is_primary_contact = forms.BooleanField(label=_("Primary contact"), required=False)


class TeamSeatForm(forms.Form):
    team = ListedModelChoiceField(label=_("Team"), queryset=Team.objects.none())

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(coalition=coalition)


class InvitationForm(forms.Form):
    full_name = PlainCharField(label=_("Full name"))
    email = forms.EmailField(label=_("Email"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    member = forms.ModelChoiceField(
        label=_("Member organization"),
        required=False,
        queryset=Person.objects.none(),
        help_text=_("For member representatives: the organization they speak for."),
    )
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=preference_choices)

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = coalition.members.filter(status="active")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.REPRESENTATIVE and not cleaned.get("member"):
            self.add_error("member", _("Choose the organization this representative speaks for."))
        return cleaned
