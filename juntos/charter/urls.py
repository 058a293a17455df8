from django.urls import path

from juntos.charter import views

app_name = "charter"
urlpatterns = [
    path("", views.charter, name="charter"),
    path("amend/", views.amend, name="amend"),
]
