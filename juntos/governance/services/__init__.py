"""Writes to governance: meetings, agendas, attendance, motions, ballots, priorities, minutes.

Each function takes keyword arguments, runs in one transaction and records itself in the
audit log; mail goes out only after the transaction commits. A refusal raises
GovernanceError with the message to show and the rule of the charter behind it.
"""

from juntos.governance.services.attendance import (  # noqa: F401
    absence_correct,
    absence_notify,
    absence_record,
    absence_withdraw,
    alternate_name,
    alternate_remove,
    attendance_check_in,
    attendance_close,
    attendance_remove,
    attendance_reopen,
    member_spoken_for,
    removal_review_raise,
)
from juntos.governance.services.base import GovernanceError, next_regular_meeting  # noqa: F401
from juntos.governance.services.meetings import (  # noqa: F401
    ITEM_FIELDS,
    LOGISTICS_FIELDS,
    MEETING_FIELDS,
    agenda_item_add,
    agenda_item_move,
    agenda_item_remove,
    agenda_item_update,
    agenda_publish,
    agenda_template_apply,
    meeting_add,
    meeting_cancel,
    meeting_current_item,
    meeting_move,
    meeting_schedule_year,
    meeting_update,
)
from juntos.governance.services.minutes import (  # noqa: F401
    followup_add,
    followup_done,
    followups_remind_due,
    minutes_publish,
    minutes_update,
)
from juntos.governance.services.priorities import (  # noqa: F401
    admission_put_on_agenda,
    priorities_review_add,
    priority_cap_for,
    priority_mark_actionable,
    priority_propose,
    priority_review_call,
)
from juntos.governance.services.votes import ballot_cast, motion_close, motion_open  # noqa: F401
