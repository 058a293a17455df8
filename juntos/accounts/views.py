from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from juntos.accounts import services
from juntos.accounts.forms import AcceptInvitationForm, ProfileForm
from juntos.accounts.models import Invitation, User
from juntos.core.access import coalition_view, public, signed_in
from juntos.members.forms import InvitationForm


@coalition_view("host")
def invitations(request):
    if request.method == "POST":
        form = InvitationForm(request.POST, coalition=request.coalition)
        if form.is_valid():
            c = form.cleaned_data
            services.invitation_send(
                coalition=request.coalition,
                actor=request.user,
                email=c["email"],
                full_name=c["full_name"],
                role=c["role"],
                member=c["member"],
                language=c["language"],
            )
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": c["email"]})
            return redirect("accounts:invitations", slug=request.coalition.slug)
    else:
        form = InvitationForm(coalition=request.coalition)
    sent = Invitation.objects.filter(coalition=request.coalition).select_related("member")[:100]
    return render(request, "accounts/invitations.html", {"form": form, "sent": sent})


def _speak_the_invitations_language(request, invitation) -> None:
    """The page an invitee lands on speaks the invitation's language (the one its letter
    was written in), unless they are signed in or picked one with the switcher."""
    if request.user.is_authenticated or settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return
    translation.activate(invitation.language)
    request.LANGUAGE_CODE = invitation.language


@public
def accept(request, token):
    invitation = services.invitation_from_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=400)
    _speak_the_invitations_language(request, invitation)
    existing = User.objects.filter(email=invitation.email).first()
    if request.user.is_authenticated or existing is not None:
        if not request.user.is_authenticated:
            messages.info(request, _("You already have a login. Sign in to accept."))
            return redirect(f"/accounts/login/?next={request.path}")
        if request.method == "POST":
            services.invitation_accept(invitation=invitation, user=request.user)
            return redirect("web:home", slug=invitation.coalition.slug)
        return render(request, "accounts/accept.html", {"invitation": invitation})
    if request.method == "POST":
        form = AcceptInvitationForm(request.POST, email=invitation.email)
        if form.is_valid():
            user = services.invitation_accept(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password"],
                language=form.cleaned_data["language"],
            )
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("web:home", slug=invitation.coalition.slug)
    else:
        form = AcceptInvitationForm(
            email=invitation.email,
            initial={"full_name": invitation.full_name, "language": invitation.language},
        )
    return render(request, "accounts/accept.html", {"invitation": invitation, "form": form})


@signed_in
def profile(request):
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            request.user.full_name = form.cleaned_data["full_name"]
            request.user.preferred_language = form.cleaned_data["preferred_language"]
            request.user.save(update_fields=["full_name", "preferred_language"])
            translation.activate(request.user.preferred_language)
            messages.success(request, _("Saved."))
            response = redirect("accounts:profile")
            response.set_cookie("django_language", request.user.preferred_language, samesite="Lax")
            return response
    else:
        form = ProfileForm(
            initial={
                "full_name": request.user.full_name,
                "preferred_language": request.user.preferred_language,
            }
        )
    return render(request, "accounts/profile.html", {"form": form})
