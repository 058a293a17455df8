"""Pages of two-step sign-in: set up from the profile, the code step at sign-in, and the
coalition setting by which hosts require it for hosts and Core Team."""

from base64 import b32encode

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from juntos.accounts import twofactor
from juntos.audit.log import audit_record
from juntos.audit.models import Action
from juntos.core.access import coalition_view, signed_in


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next(request, default="start_root"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(default)


@signed_in
def two_factor(request):
    user = request.user
    codes = None
    form = CodeForm()
    if request.method == "POST":
        action = request.POST.get("action")
        form = CodeForm(request.POST)
        if action == "confirm" and form.is_valid():
            device = twofactor.pending_device(user)
            codes = twofactor.confirm(
                request=request, device=device, code=form.cleaned_data["code"]
            )
            if codes is None:
                form.add_error("code", _("That code is not right. Check the time on your phone."))
            else:
                messages.success(request, _("Two-step sign-in is on."))
        elif action == "renew" and twofactor.enrolled(user):
            codes = twofactor.recovery_codes_renew(user)
            messages.success(request, _("New recovery codes. The old ones no longer work."))
        elif action == "disable" and form.is_valid():
            if twofactor.verify(request=request, code=form.cleaned_data["code"]):
                twofactor.disable(user)
                messages.success(request, _("Two-step sign-in is off."))
                return redirect("accounts:two_factor")
            form.add_error("code", _("That code is not right."))
    context = {"form": form, "codes": codes, "enrolled": twofactor.enrolled(user)}
    if not context["enrolled"]:
        device = twofactor.pending_device(user)
        uri = device.config_url
        context.update(
            uri=uri,
            qr=twofactor.qr_svg(uri),
            secret=twofactor.secret_groups(b32encode(device.bin_key).decode()),
        )
    context["required"] = request.GET.get("required", "")
    return render(request, "accounts/two_factor.html", context)


@signed_in
def two_factor_verify(request):
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.verify(request=request, code=form.cleaned_data["code"]):
            return _next(request)
        form.add_error(
            "code", _("That code is not right. Try the newest code, or a recovery code.")
        )
    next_url = request.POST.get("next") or request.GET.get("next", "")
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


class SecurityForm(forms.Form):
    require_two_factor = forms.BooleanField(
        label=gettext_lazy("Require two-step sign-in for hosts and Core Team"), required=False
    )


@coalition_view("host")
def coalition_security(request):
    coalition = request.coalition
    if request.method == "POST":
        form = SecurityForm(request.POST)
        if form.is_valid():
            value = form.cleaned_data["require_two_factor"]
            if value != coalition.require_two_factor:
                before = coalition.require_two_factor
                coalition.require_two_factor = value
                coalition.save(update_fields=["require_two_factor", "updated_at"])
                audit_record(
                    coalition=coalition,
                    actor=request.user,
                    action=Action.TWO_FACTOR_CHANGED,
                    target=coalition,
                    changes={"require_two_factor": [before, value]},
                )
            messages.success(request, _("Saved."))
            return redirect("accounts:coalition_security", slug=coalition.slug)
    else:
        form = SecurityForm(initial={"require_two_factor": coalition.require_two_factor})
    return render(request, "accounts/coalition_security.html", {"form": form})
