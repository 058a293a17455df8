from django.urls import path

from juntos.charter import setup_views

app_name = "setup"
urlpatterns = [
    path("", setup_views.guide, name="guide"),
    path("<str:step>/", setup_views.step, name="step"),
]

operator_patterns = [
    path("coalitions/", setup_views.operator_coalitions, name="coalitions"),
    path("requests/<int:pk>/", setup_views.operator_request_decide, name="request_decide"),
]

request_patterns = [
    path("start/request/", setup_views.coalition_request, name="coalition_request"),
]
