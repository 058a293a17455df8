from juntos.campaigns.views.actions import (  # noqa: F401
    key_date_delete,
    key_date_edit,
    tactic_delete,
    tactic_done,
    tactic_page,
)
from juntos.campaigns.views.campaigns import (  # noqa: F401
    campaign_detail,
    campaign_list,
    campaign_start,
    chart,
    chart_edit,
    chart_row_remove,
    stakeholder_add,
    target_add,
)
from juntos.campaigns.views.issues import (  # noqa: F401
    bill,
    bill_add,
    bill_edit,
    bill_import,
    bill_status,
    bill_watch,
    bills,
    survey,
    survey_add,
    survey_import,
    survey_response_add,
    surveys,
)
from juntos.campaigns.views.meetings import dm_meeting, dm_meeting_add, dm_meeting_step  # noqa: F401
from juntos.campaigns.views.plan import (  # noqa: F401
    campaign_feed,
    deliverable_add,
    deliverable_check_in,
    deliverable_from_followup,
    deliverables,
    goal_add,
    goal_edit,
    goal_progress,
    goals,
    key_date_add,
    my_work,
    tactic_add,
    tactic_status,
    timeline,
)
