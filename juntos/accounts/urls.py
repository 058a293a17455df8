from django.urls import path

from juntos.accounts import views

app_name = "accounts"
urlpatterns = [
    path("me/", views.profile, name="profile"),
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
