from django.urls import path

from juntos.campaigns import views

app_name = "campaigns"
C = "<int:pk>/"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("start/", views.campaign_start, name="start"),
    path("mine/", views.my_work, name="my_work"),
    path(C, views.campaign_detail, name="detail"),
    path(C + "chart/", views.chart, name="chart"),
    path(C + "chart/edit/", views.chart_edit, name="chart_edit"),
    path(C + "chart/stakeholders/", views.stakeholder_add, name="stakeholder_add"),
    path(C + "chart/targets/", views.target_add, name="target_add"),
    path(
        C + "chart/<slug:kind>/<int:row_pk>/remove/",
        views.chart_row_remove,
        name="chart_row_remove",
    ),
    path(C + "goals/", views.goals, name="goals"),
    path(C + "goals/add/", views.goal_add, name="goal_add"),
    path(C + "goals/<int:goal_pk>/", views.goal_edit, name="goal_edit"),
    path(C + "goals/<int:goal_pk>/progress/", views.goal_progress, name="goal_progress"),
    path(C + "deliverables/", views.deliverables, name="deliverables"),
    path(C + "deliverables/add/", views.deliverable_add, name="deliverable_add"),
    path(
        C + "deliverables/from-follow-up/",
        views.deliverable_from_followup,
        name="deliverable_from_followup",
    ),
    path(
        C + "deliverables/<int:d_pk>/check-in/",
        views.deliverable_check_in,
        name="deliverable_check_in",
    ),
    path(C + "timeline/", views.timeline, name="timeline"),
    path(C + "actions/add/", views.tactic_add, name="tactic_add"),
    path(C + "actions/<int:t_pk>/status/", views.tactic_status, name="tactic_status"),
    path(C + "actions/<int:t_pk>/", views.tactic_page, name="tactic"),
    path(C + "actions/<int:t_pk>/done/", views.tactic_done, name="tactic_done"),
    path(C + "actions/<int:t_pk>/delete/", views.tactic_delete, name="tactic_delete"),
    path(C + "key-dates/add/", views.key_date_add, name="key_date_add"),
    path(C + "key-dates/<int:k_pk>/", views.key_date_edit, name="key_date_edit"),
    path(C + "key-dates/<int:k_pk>/delete/", views.key_date_delete, name="key_date_delete"),
    path(C + "meetings/add/", views.dm_meeting_add, name="dm_meeting_add"),
    path(C + "meetings/<int:m_pk>/", views.dm_meeting, name="dm_meeting"),
    path(C + "meetings/<int:m_pk>/<slug:step>/", views.dm_meeting_step, name="dm_meeting_step"),
    path("bills/", views.bills, name="bills"),
    path("bills/add/", views.bill_add, name="bill_add"),
    path("bills/import/", views.bill_import, name="bill_import"),
    path("bills/<int:pk>/", views.bill, name="bill"),
    path("bills/<int:pk>/status/", views.bill_status, name="bill_status"),
    path("surveys/", views.surveys, name="surveys"),
    path("surveys/add/", views.survey_add, name="survey_add"),
    path("surveys/<int:pk>/", views.survey, name="survey"),
    path("surveys/<int:pk>/responses/", views.survey_response_add, name="survey_response_add"),
    path("surveys/<int:pk>/import/", views.survey_import, name="survey_import"),
]
