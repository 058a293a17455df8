from django.urls import path, re_path

from juntos.api import views

app_name = "api"
_named = [
    ("people", views.people, "people"),
    ("people/signup", views.signup, "signup"),
    ("people/<uuid:uuid>", views.person, "person"),
    ("people/<uuid:uuid>/taggings", views.person_taggings, "person_taggings"),
    ("people/<uuid:uuid>/attendances", views.person_attendances, "person_attendances"),
    ("people/<uuid:uuid>/attendances/<int:aid>", views.person_attendance, "person_attendance"),
    ("people/<str:ref>", views.person_by_identifier, "person_by_identifier"),
    ("tags", views.tags, "tags"),
    ("tags/<uuid:uuid>", views.tag, "tag"),
    ("tags/<uuid:uuid>/taggings", views.tag_taggings, "tag_taggings"),
    ("tags/<uuid:uuid>/taggings/<uuid:tagging>", views.tagging, "tagging"),
    ("members", views.members, "members"),
    ("meetings", views.meetings, "meetings"),
    ("statements", views.statements, "statements"),
    ("campaigns", views.campaigns, "campaigns"),
    ("events", views.events, "events"),
    ("events/<uuid:uuid>", views.event, "event"),
    ("events/<uuid:uuid>/attendances", views.attendances, "attendances"),
    ("events/<uuid:uuid>/attendances/<int:aid>", views.attendance, "attendance"),
]
urlpatterns = [
    path("", views.root, name="root"),
    path("openapi.json", views.openapi_json, name="openapi"),
    path("docs/", views.docs, name="docs"),
    # Every resource answers with or without a trailing slash (clients write both); the
    # links Juntos gives out have none.
    *(path(route, view, name=name) for route, view, name in _named),
    *(path(route + "/", view) for route, view, _name in _named),
    re_path(r"^(?P<rest>[\s\S]*)$", views.not_found, name="not_found"),
]
