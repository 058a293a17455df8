from django.urls import path

from juntos.accounts import passwords, twofactor_views, views
from juntos.core.access import public, signed_in

app_name = "accounts"
urlpatterns = [
    path("me/", views.profile, name="profile"),
    path("me/two-step/", twofactor_views.two_factor, name="two_factor"),
    path("accounts/code/", twofactor_views.two_factor_verify, name="two_factor_verify"),
    path(
        "c/<slug:slug>/security/",
        twofactor_views.coalition_security,
        name="coalition_security",
    ),
    path("me/password/", signed_in(passwords.ChangeView.as_view()), name="password_change"),
    path(
        "accounts/password/reset/",
        public(passwords.ResetView.as_view()),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        public(passwords.ResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        public(passwords.ResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        public(passwords.ResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
    path("invite/<str:token>/", views.accept, name="accept"),
    path("c/<slug:slug>/invitations/", views.invitations, name="invitations"),
    path(
        "c/<slug:slug>/invitations/<int:pk>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "c/<slug:slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
]
