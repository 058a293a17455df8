"""Writes to campaigns. Each function takes keyword arguments, runs in one transaction and
records itself in the audit log; mail goes out only after commit. A refusal raises
CampaignError (the message and the rule); a warning the person may override raises
NeedsConfirmation."""

from juntos.campaigns.services.actions import (  # noqa: F401
    key_date_delete,
    key_date_edit,
    tactic_delete,
    tactic_done,
    tactic_edit,
)
from juntos.campaigns.services.base import CampaignError, NeedsConfirmation  # noqa: F401
from juntos.campaigns.services.bills import (  # noqa: F401
    bill_import_openstates,
    bill_save,
    bill_status_notify,
    bill_status_set,
    bill_watch,
    parse_openstates,
)
from juntos.campaigns.services.campaigns import (  # noqa: F401
    campaign_start,
    chart_row_remove,
    chart_update,
    deliverable_add,
    deliverable_check_in,
    deliverable_from_followup,
    deliverables_remind_due,
    goal_progress_record,
    goal_save,
    key_date_add,
    key_dates_concerning,
    key_dates_for,
    overdue,
    spans_for,
    stakeholder_add,
    tactic_plan,
    tactic_status,
    tactic_warnings,
    target_add,
    target_chambers,
)
from juntos.campaigns.services.meetings import (  # noqa: F401
    dm_meeting_debrief,
    dm_meeting_plan,
    dm_meeting_record,
    dm_meeting_report,
    dm_meeting_requested,
    dm_meeting_thank,
    dm_report_text,
    dm_request_message,
    dm_thank_you_message,
)
from juntos.campaigns.services.surveys import (  # noqa: F401
    survey_create,
    survey_import_csv,
    survey_response_add,
    survey_tally,
)
