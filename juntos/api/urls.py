from django.urls import path, re_path

from juntos.api import views

app_name = "api"
urlpatterns = [
    path("", views.root, name="root"),
    path("openapi.json", views.openapi_json, name="openapi"),
    path("docs/", views.docs, name="docs"),
    path("people", views.people, name="people"),
    path("people/signup", views.signup, name="signup"),
    path("people/<uuid:uuid>", views.person, name="person"),
    path("people/<uuid:uuid>/taggings", views.person_taggings, name="person_taggings"),
    path("tags", views.tags, name="tags"),
    path("tags/<uuid:uuid>", views.tag, name="tag"),
    path("tags/<uuid:uuid>/taggings", views.tag_taggings, name="tag_taggings"),
    path("members", views.members, name="members"),
    path("meetings", views.meetings, name="meetings"),
    path("statements", views.statements, name="statements"),
    path("campaigns", views.campaigns, name="campaigns"),
    path("events", views.events, name="events"),
    path("events/<int:pk>", views.event, name="event"),
    path("events/<int:pk>/attendances", views.attendances, name="attendances"),
    re_path(r"^(?P<rest>.*)$", views.not_found, name="not_found"),
]
