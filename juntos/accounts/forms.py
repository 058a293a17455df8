from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from juntos.core.forms import PlainCharField
from juntos.core.translatable import preference_choices


class AcceptInvitationForm(forms.Form):
    full_name = PlainCharField(label=_("Your name"))
    language = forms.ChoiceField(label=_("Preferred language"), choices=preference_choices)
    password = forms.CharField(label=_("Choose a password"), widget=forms.PasswordInput)

    def __init__(self, *args, email="", **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean_password(self):
        from juntos.accounts.models import User

        password = self.cleaned_data["password"]
        password_validation.validate_password(
            password, User(email=self.email, full_name=self.data.get("full_name", ""))
        )
        return password


class ProfileForm(forms.Form):
    full_name = PlainCharField(label=_("Your name"))
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=preference_choices
    )
