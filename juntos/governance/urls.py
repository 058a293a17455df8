from django.urls import path

from juntos.governance import views

app_name = "governance"
M = "meetings/<int:pk>/"
urlpatterns = [
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/feed/<str:token>.ics", views.meeting_feed, name="feed"),
    path("meetings/schedule/", views.meeting_schedule, name="schedule"),
    path("meetings/add/", views.meeting_add, name="add"),
    path(M, views.meeting_detail, name="meeting"),
    path(M + "quorum/", views.quorum_panel, name="quorum"),
    path(M + "edit/", views.meeting_edit, name="edit"),
    path(M + "change/", views.meeting_change, name="change"),
    path(M + "agenda/", views.agenda_edit, name="agenda"),
    path(M + "agenda/<int:item_pk>/", views.agenda_item_edit, name="agenda_item"),
    path(M + "agenda/<int:item_pk>/remove/", views.agenda_item_remove, name="agenda_item_remove"),
    path(M + "agenda/template/", views.agenda_template, name="agenda_template"),
    path(M + "agenda/publish/", views.agenda_publish, name="agenda_publish"),
    path(M + "agenda/priorities/", views.agenda_priorities, name="agenda_priorities"),
    path(M + "print/", views.agenda_print, name="agenda_print"),
    path(M + "absence/", views.absence_notify, name="absence"),
    path(M + "absence/withdraw/", views.absence_withdraw, name="absence_withdraw"),
    path(M + "check-in/", views.check_in, name="check_in"),
    path(M + "attendance/close/", views.attendance_close, name="attendance_close"),
    path(M + "motions/", views.motion_open, name="motion_open"),
    path(M + "motions/<int:motion_pk>/", views.motion_detail, name="motion"),
    path(M + "motions/<int:motion_pk>/ballot/", views.ballot_cast, name="ballot"),
    path(M + "motions/<int:motion_pk>/close/", views.motion_close, name="motion_close"),
    path(
        M + "motions/<int:motion_pk>/roll-call/", views.motion_roll_call, name="motion_roll_call"
    ),
    path(M + "minutes/", views.minutes, name="minutes"),
    path(M + "minutes/edit/", views.minutes_edit, name="minutes_edit"),
    path(M + "minutes/publish/", views.minutes_publish, name="minutes_publish"),
    path(M + "follow-ups/", views.followup_add, name="followup_add"),
    path("follow-ups/", views.my_followups, name="my_followups"),
    path("follow-ups/<int:pk>/done/", views.followup_done, name="followup_done"),
    path("priorities/", views.priorities, name="priorities"),
    path("priorities/<int:pk>/actionable/", views.priority_actionable, name="priority_actionable"),
    path("priorities/<int:pk>/review/", views.priority_review, name="priority_review"),
    path("reviews/", views.reviews, name="reviews"),
    # Meetings that hold up, and a meeting people can follow live (issue 16).
    path(M + "attendance/reopen/", views.attendance_reopen, name="attendance_reopen"),
    path(M + "absences/", views.absences, name="absences"),
    path(M + "agenda/<int:item_pk>/move/", views.agenda_item_move, name="agenda_item_move"),
    path(M + "agenda/current/", views.agenda_current, name="agenda_current"),
    path(M + "motions/<int:motion_pk>/live/", views.motion_live, name="motion_live"),
    path(M + "projector/", views.projector, name="projector"),
    path(M + "projector/live/", views.projector_live, name="projector_live"),
    path(M + "packet.pdf", views.meeting_packet, name="packet"),
    path("my-work/", views.my_work, name="my_work"),
    path("alternates/", views.alternates, name="alternates"),
]
