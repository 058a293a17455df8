"""Password reset by email and password change, on Django's token flow.

Reset answers the same whether or not the address has a login, and mails the link in the
login's preferred language. A new password ends every other session: Django checks each
session against a hash of the password, and the view that changed it keeps its own
session with update_session_auth_hash.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _

from juntos.audit.log import audit_record
from juntos.audit.models import Action


class LocalizedPasswordResetForm(PasswordResetForm):
    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        language = getattr(context.get("user"), "preferred_language", None)
        with translation.override(language or translation.get_language()):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


def _audit_password(user, how: str) -> None:
    audit_record(
        coalition=None,
        actor=user,
        action=Action.PASSWORD_CHANGED,
        target=user,
        changes={"how": [None, how]},
    )


class ResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "email/password_reset.txt"
    html_email_template_name = "email/password_reset.html"
    subject_template_name = "email/password_reset_subject.txt"
    form_class = LocalizedPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self):
        return {"site_url": settings.SITE_URL}


class ResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        from axes.utils import reset as axes_reset

        response = super().form_valid(form)
        _audit_password(form.user, "reset")
        # Whoever proved the address may sign in again at once.
        axes_reset(username=form.user.email)
        return response


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class ChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)  # keeps this session, ends the others
        _audit_password(form.user, "changed")
        messages.success(
            self.request,
            _("Your password was changed. You were signed out everywhere else."),
        )
        return response
