from django.urls import path

from juntos.communications import views

app_name = "communications"
urlpatterns = [
    path("notices/", views.notice_archive, name="notices"),
    path("notices/new/", views.notice_new, name="notice_new"),
    path("notices/<int:pk>/", views.notice_detail, name="notice"),
    path("notices/<int:pk>/progress/", views.notice_progress, name="notice_progress"),
    path("notices/<int:pk>/send/", views.notice_send, name="notice_send"),
    path("updates/", views.updates, name="updates"),
    path("statements/", views.statements, name="statements"),
    path("statements/<int:pk>/", views.statement_detail, name="statement"),
    path("statements/<int:pk>/public/", views.statement_public, name="statement_public"),
    path(
        "statements/<int:pk>/public/logo/<int:member_pk>",
        views.statement_logo,
        name="statement_logo",
    ),
    path("statements/<int:pk>/<str:action>/", views.statement_action, name="statement_action"),
    path("documents/", views.documents, name="documents"),
    path("documents/<int:pk>/", views.document_open, name="document"),
    path("ledger/", views.ledger, name="ledger"),
]

link_patterns = [
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("signon/<str:token>/", views.signon_link, name="signon"),
]
