from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from juntos.communications.models import Audience, Visibility
from juntos.core.forms import PlainCharField
from juntos.core.translatable import TranslatedFieldsMixin, coalition_languages
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


class NoticeForm(TranslatedFieldsMixin, forms.Form):
    """Subject and message once per language the coalition uses (subject_en, body_es, ...);
    each person receives the version in their language."""

    translated_fields = ("subject", "body")

    audience = forms.ChoiceField(label=_("To"), choices=Audience.choices)
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)
    chosen = PeopleChoiceField(label=_("People"), queryset=Person.objects.none(), required=False)
    subject = PlainCharField(label=_("Subject"))
    body = PlainCharField(
        long=True,
        max_length=20000,
        label=_("Message"),
        help_text=_("Each person gets the version in their language; without it, another version."),
    )
    scheduled_for = forms.DateTimeField(
        label=_("Send later at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Leave empty to send when you press Send."),
    )

    def __init__(self, *args, coalition, **kwargs):
        kwargs.setdefault("languages", coalition_languages(coalition))
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
        return cleaned


class UpdateForm(TranslatedFieldsMixin, forms.Form):
    translated_fields = ("body",)

    body = PlainCharField(long=True, max_length=2000, label=_("Update"))
    public = forms.BooleanField(label=_("Supporters see it too"), required=False)

    def __init__(self, *args, coalition, **kwargs):
        kwargs.setdefault("languages", coalition_languages(coalition))
        super().__init__(*args, **kwargs)


class StatementForm(TranslatedFieldsMixin, forms.Form):
    """Title and text once per language the coalition uses; each member's sign-on request
    goes out in its contact's language."""

    translated_fields = ("title", "body")

    title = PlainCharField(label=_("Title"))
    body = PlainCharField(long=True, max_length=20000, label=_("Statement"))

    def __init__(self, *args, coalition, **kwargs):
        kwargs.setdefault("languages", coalition_languages(coalition))
        super().__init__(*args, **kwargs)


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
