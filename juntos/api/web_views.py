"""Pages for people, not programs: API tokens on one's own page, webhooks for hosts."""

import secrets

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from juntos.api.models import ApiToken, Webhook
from juntos.api.ssrf import url_problem
from juntos.charter.models import Coalition
from juntos.core.access import coalition_view, signed_in
from juntos.core.forms import PlainCharField


class TokenForm(forms.Form):
    name = PlainCharField(label=gettext_lazy("What it is for"), max_length=100)
    coalition = forms.ModelChoiceField(
        label=gettext_lazy("Coalition"), queryset=Coalition.objects.none()
    )
    scope = forms.ChoiceField(label=gettext_lazy("Access"), choices=ApiToken.Scope.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coalition"].queryset = (
            Coalition.objects.filter(people__user=user).exclude(people__role="").distinct()
        )


@signed_in
def tokens(request):
    form = TokenForm(request.POST if request.method == "POST" else None, user=request.user)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = ApiToken.issue(user=request.user, **form.cleaned_data)
        form = TokenForm(user=request.user)
    mine = ApiToken.objects.filter(user=request.user).select_related("coalition")
    return render(
        request, "api/tokens.html", {"form": form, "tokens": mine, "new_token": new_token}
    )


@require_POST
@signed_in
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    messages.success(request, _("Token revoked. Programs using it stop working now."))
    return redirect("api_pages:tokens")


class WebhookForm(forms.Form):
    url = forms.URLField(label=gettext_lazy("Address (https)"), assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Tell it about"),
        choices=Webhook.Event.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        problem = url_problem(url)  # checked again at every send (api/ssrf.py)
        if problem:
            raise forms.ValidationError(problem)
        return url


@coalition_view("host")
def webhooks(request):
    form = WebhookForm(request.POST if request.method == "POST" else None)
    secret = None
    if request.method == "POST" and form.is_valid():
        secret = secrets.token_hex(24)
        Webhook.objects.create(
            coalition=request.coalition,
            url=form.cleaned_data["url"],
            events=form.cleaned_data["events"],
            secret=secret,
            created_by=request.user,
        )
        form = WebhookForm()
    hooks = Webhook.objects.filter(coalition=request.coalition).prefetch_related("deliveries")
    from juntos.api.webhooks import SIGNATURE_TOLERANCE

    return render(
        request,
        "api/webhooks.html",
        {"form": form, "hooks": hooks, "secret": secret, "tolerance": SIGNATURE_TOLERANCE},
    )
