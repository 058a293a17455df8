from django.urls import path

from juntos.consent import views

app_name = "consent"
urlpatterns = [
    path("", views.my_consents, name="mine"),
]
