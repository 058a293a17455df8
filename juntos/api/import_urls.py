from django.urls import path

from juntos.api import import_views

app_name = "imports"
urlpatterns = [
    path("people/import/", import_views.import_start, name="start"),
    path("people/import/<int:pk>/", import_views.import_job, name="job"),
    path("people/import/<int:pk>/progress/", import_views.import_progress, name="progress"),
    path("people/import/<int:pk>/discard/", import_views.import_discard, name="discard"),
    path("export/people.csv", import_views.export_people, name="export_people"),
    path("export/members.csv", import_views.export_members, name="export_members"),
    path("export/attendance.csv", import_views.export_attendance, name="export_attendance"),
    path("export/signons.csv", import_views.export_signons, name="export_signons"),
]
