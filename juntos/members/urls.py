from django.urls import path

from juntos.members import views

app_name = "members"
urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/thanks/", views.apply_thanks, name="apply_thanks"),
    path("apply/answer/<str:token>/", views.application_answer, name="application_answer"),
    path("applications/", views.application_queue, name="applications"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/logo", views.application_logo, name="application_logo"),
    path("members/", views.directory, name="directory"),
    path("members/add/", views.member_add, name="add"),
    path("members/<int:pk>/", views.member_detail, name="detail"),
    path("members/<int:pk>/logo", views.member_logo, name="logo"),
    path("members/<int:pk>/people/", views.person_add, name="person_add"),
    path("members/<int:pk>/teams/", views.team_join, name="team_join"),
    path("members/<int:pk>/teams/<int:seat_pk>/leave/", views.team_leave, name="team_leave"),
    path("people/pick/", views.person_pick, name="person_pick"),
    path("members/pick/", views.member_pick, name="member_pick"),
    path("people/<int:pk>/primary/", views.primary_contact, name="primary_contact"),
    path("people/<int:pk>/leave-member/", views.person_leave, name="person_leave"),
    path("members/<int:pk>/people/leave/", views.member_people_leave, name="member_people_leave"),
]
