from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST

from juntos.accounts import rules, services
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
    context = {"form": form, "sent": sent, "days": rules.invitation_days()}
    return render(request, "accounts/invitations.html", context)


def _invitation_page(request, invitation, *, problem="", form=None, status=200):
    context = {"invitation": invitation, "problem": problem, "form": form}
    return render(request, "accounts/accept.html", context, status=status)


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
    problem = services.invitation_problem(invitation, request.user)
    if problem:
        # Used, revoked, expired (400) or meant for another login (403): nothing changes.
        wrong_user = invitation.state == "valid"
        return _invitation_page(
            request, invitation, problem=problem, status=403 if wrong_user else 400
        )
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                services.invitation_accept(invitation=invitation, user=request.user)
            except services.InvitationError as error:
                return _invitation_page(request, invitation, problem=str(error), status=409)
            messages.success(request, _("Welcome. You have joined the coalition."))
            return redirect("web:home", slug=invitation.coalition.slug)
        return _invitation_page(request, invitation)
    if User.objects.filter(email__iexact=invitation.email).exists():
        messages.info(request, _("You already have a login. Sign in to accept."))
        return redirect(f"/accounts/login/?next={request.path}")
    if request.method == "POST":
        form = AcceptInvitationForm(request.POST, email=invitation.email)
        if form.is_valid():
            try:
                user = services.invitation_accept(
                    invitation=invitation,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password"],
                    language=form.cleaned_data["language"],
                )
            except services.InvitationError as error:
                return _invitation_page(request, invitation, problem=str(error), status=409)
            login(request, user, backend="juntos.accounts.backends.EmailBackend")
            return redirect("web:home", slug=invitation.coalition.slug)
    else:
        form = AcceptInvitationForm(
            email=invitation.email,
            initial={"full_name": invitation.full_name, "language": invitation.language},
        )
    return _invitation_page(request, invitation, form=form)


def _host_invitation(request, pk):
    return get_object_or_404(Invitation, pk=pk, coalition=request.coalition)


@require_POST
@coalition_view("host")
def invitation_resend(request, pk):
    invitation = _host_invitation(request, pk)
    try:
        services.invitation_resend(invitation=invitation, actor=request.user)
    except services.InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Invitation sent again to %(email)s.") % {"email": invitation.email}
        )
    return redirect("accounts:invitations", slug=request.coalition.slug)


@require_POST
@coalition_view("host")
def invitation_revoke(request, pk):
    invitation = _host_invitation(request, pk)
    try:
        services.invitation_revoke(invitation=invitation, actor=request.user)
    except services.InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s was revoked; its link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("accounts:invitations", slug=request.coalition.slug)


@signed_in
def profile(request):
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            request.user.full_name = form.cleaned_data["full_name"]
            request.user.save(update_fields=["full_name"])
            services.preferred_language_set(
                user=request.user, language=form.cleaned_data["preferred_language"]
            )
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


@public
def set_language(request):
    """Django's language switcher; a signed-in person's choice is also kept on their login."""
    response = i18n.set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        services.preferred_language_set(
            user=request.user, language=request.POST.get("language", "")
        )
    return response
