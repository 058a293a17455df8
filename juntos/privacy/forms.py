from django import forms
from django.utils.translation import gettext_lazy as _

from juntos.privacy.models import PrivacySettings

MAX_DAYS = 3650


class RetentionForm(forms.ModelForm):
    class Meta:
        model = PrivacySettings
        fields = list(PrivacySettings.PERIOD_FIELDS)

    def clean(self):
        data = super().clean()
        for name in PrivacySettings.PERIOD_FIELDS:
            value = data.get(name)
            if value is not None and value > MAX_DAYS:
                self.add_error(name, _("At most %(max)s.") % {"max": MAX_DAYS})
        if data.get("erasure_days") == 0:
            self.add_error("erasure_days", _("Give hosts at least one day."))
        return data


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone."),
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )
