from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from juntos.communications.models import Audience, Visibility
from juntos.core.forms import PlainCharField
from juntos.members.models import Person, Team
from juntos.members.pickers import PeopleChoiceField

DOCUMENT_TYPES = {
    ".pdf",
    ".doc",
    ".docx",
    ".odt",
    ".xls",
    ".xlsx",
    ".ods",
    ".ppt",
    ".pptx",
    ".odp",
    ".txt",
    ".csv",
    ".png",
    ".jpg",
    ".jpeg",
}


class NoticeForm(forms.Form):
    audience = forms.ChoiceField(label=_("To"), choices=Audience.choices)
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)
    chosen = PeopleChoiceField(label=_("People"), queryset=Person.objects.none(), required=False)
    subject_en = PlainCharField(label=_("Subject (English)"))
    body_en = PlainCharField(long=True, max_length=20000, label=_("Message (English)"))
    subject_es = PlainCharField(label=_("Subject (Spanish)"), required=False)
    body_es = PlainCharField(
        long=True,
        max_length=20000,
        label=_("Message (Spanish)"),
        required=False,
        help_text=_(
            "Optional. Spanish speakers get this version; without it everyone gets the English one."
        ),
    )
    scheduled_for = forms.DateTimeField(
        label=_("Send later at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Leave empty to send when you press Send."),
    )

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(coalition=coalition)
        self.fields["chosen"].queryset = Person.objects.filter(coalition=coalition).exclude(
            email=""
        )
        self.fields["chosen"].pick_from(coalition, among="emailed")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("audience") == Audience.TEAM and not cleaned.get("team"):
            self.add_error("team", _("Choose the team."))
        if cleaned.get("audience") == Audience.CHOSEN and not cleaned.get("chosen"):
            self.add_error("chosen", _("Choose at least one person."))
        if bool(cleaned.get("subject_es")) != bool(cleaned.get("body_es")):
            self.add_error("body_es", _("Give both the Spanish subject and message, or neither."))
        return cleaned


class UpdateForm(forms.Form):
    body = PlainCharField(long=True, max_length=2000, label=_("Update"))
    public = forms.BooleanField(label=_("Supporters see it too"), required=False)


class StatementForm(forms.Form):
    title = PlainCharField(label=_("Title"))
    body = PlainCharField(long=True, max_length=20000, label=_("Statement"))


class DeadlineForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("Answers due"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


class DocumentForm(forms.Form):
    title = PlainCharField(label=_("Title"))
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, office documents, text, CSV or images, up to 10 MB."),
    )
    url = forms.URLField(label=_("Or a link"), required=False, assume_scheme="https")
    visibility = forms.ChoiceField(
        label=_("Who can see it"), choices=Visibility.choices, initial=Visibility.MEMBERS
    )
    people = PeopleChoiceField(
        label=_("Named people"), required=False, queryset=Person.objects.none()
    )
    teams = forms.ModelMultipleChoiceField(
        label=_("Named teams"),
        required=False,
        queryset=Team.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = Person.objects.filter(coalition=coalition).exclude(role="")
        self.fields["people"].pick_from(coalition)
        self.fields["teams"].queryset = Team.objects.filter(coalition=coalition)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        if upload.size > settings.DOCUMENT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; the limit is %(max)s.")
                % {
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(settings.DOCUMENT_MAX_BYTES),
                }
            )
        if Path(upload.name).suffix.lower() not in DOCUMENT_TYPES:
            raise forms.ValidationError(
                _(
                    "This kind of file cannot be shared here. Use PDF, office documents, text, "
                    "CSV or images."
                )
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("url") and "file" not in self.errors:
            self.add_error("file", _("Add a file or a link."))
        if cleaned.get("visibility") == Visibility.NAMED and not (
            cleaned.get("people") or cleaned.get("teams")
        ):
            self.add_error("people", _("Name at least one person or team."))
        return cleaned


class NoticePreferenceForm(forms.Form):
    notice_frequency = forms.ChoiceField(
        label=_("How notices reach me"),
        choices=[("immediate", _("Each notice as it is sent")), ("weekly", _("A weekly digest"))],
        widget=forms.RadioSelect,
    )


class OrganizationConsentForm(forms.Form):
    name = forms.BooleanField(
        required=False, label=_("The coalition may list our name as a member in its materials.")
    )
    logo = forms.BooleanField(
        required=False, label=_("The coalition may show our logo next to statements we sign.")
    )
