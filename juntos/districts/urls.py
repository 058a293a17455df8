from django.urls import path

from juntos.districts import views

app_name = "districts"
urlpatterns = [
    path("", views.who_represents, name="who_represents"),
    path("save/", views.save_zip, name="save_zip"),
]
