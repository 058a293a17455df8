from django.urls import path

from juntos.events import views

app_name = "events"
E = "<int:pk>/"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("plan/", views.event_add, name="add"),
    path("feed/<str:token>.ics", views.events_feed, name="feed"),
    path(E, views.event_detail, name="event"),
    path(E + "edit/", views.event_edit, name="edit"),
    path(E + "status/", views.event_status, name="status"),
    path(E + "steps/<int:step_pk>/", views.step_edit, name="step"),
    path(E + "speakers/", views.speaker_add, name="speaker_add"),
    path(E + "speakers/<int:speaker_pk>/remove/", views.speaker_remove, name="speaker_remove"),
    path(E + "guests/", views.guests, name="guests"),
    path(E + "guests/invitation/", views.invitation_template, name="invitation_template"),
    path(E + "guests/invite/", views.guests_invite, name="guests_invite"),
    path(E + "guests/remind/", views.guests_remind, name="guests_remind"),
    path(E + "guests/<int:guest_pk>/", views.guest_update, name="guest_update"),
    path(E + "guests/<int:guest_pk>/letter/", views.invitation_letter, name="invitation_letter"),
    path(E + "press-release/", views.press_release, name="press_release"),
    path(E + "attendance/", views.attendance_add, name="attendance_add"),
    path(E + "follow-ups/", views.followup_add, name="followup_add"),
    path("follow-ups/<int:pk>/done/", views.followup_done, name="followup_done"),
    path(E + "sign-in/", views.signins, name="signins"),
    path(E + "sign-in/paper/", views.signin_paper, name="signin_paper"),
    path(E + "sign-in/<int:signin_pk>/confirm/", views.signin_credit, name="signin_credit"),
    path(E + "sign-in/lock/", views.kiosk_lock, name="kiosk_lock"),
    path(E + "sign-in/<str:list_kind>.pdf", views.sheet, name="sheet"),
    path(E + "postcards.pdf", views.postcards, name="postcards"),
    path(E + "postcards.csv", views.postcards_csv, name="postcards_csv"),
    path(E + "actions/", views.action_add, name="action_add"),
    path(E + "press-contacts/", views.press_contacts, name="press_contacts"),
    path(E + "erase/", views.purge, name="purge"),
]

public_patterns = [
    path("e/<slug:slug>/<slug:event_slug>/", views.public_page, name="page"),
    path("e/<slug:slug>/<slug:event_slug>.ics", views.public_ics, name="ics"),
    path("rsvp/<str:token>/", views.rsvp, name="rsvp"),
    path("kiosk/<str:token>/", views.kiosk, name="kiosk"),
    path("kiosk/<str:token>/sign/", views.kiosk_sign, name="kiosk_sign"),
    path("attended/<str:token>/", views.signin_confirm, name="signin_confirm"),
    path(
        "kiosk/<str:token>/representative/",
        views.kiosk_representative,
        name="kiosk_representative",
    ),
]
