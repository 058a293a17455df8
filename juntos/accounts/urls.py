from django.urls import path

from juntos.accounts import views

app_name = "accounts"
urlpatterns = [
    path("me/", views.profile, name="profile"),
    path("invite/<str:token>/", views.accept, name="accept"),
    path("c/<slug:slug>/invitations/", views.invitations, name="invitations"),
]
