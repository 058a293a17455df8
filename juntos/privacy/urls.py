from django.urls import path

from juntos.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.privacy_settings, name="settings"),
    path("lockdown/", views.lockdown, name="lockdown"),
    path("lockdown/lift/", views.lockdown_lift, name="lockdown_lift"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/export/", views.person_export, name="person_export"),
    path("people/<int:pk>/erase/", views.erase, name="erase"),
    path("me/", views.mine, name="mine"),
    path("me/export/", views.my_export, name="my_export"),
    path("me/erase/", views.erasure_request, name="erasure_request"),
]
