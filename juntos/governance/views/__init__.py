"""Meeting, agenda, attendance, vote, minutes and priority pages. Thin: forms in, services out."""

from juntos.governance.views.agenda import (  # noqa: F401
    agenda_edit,
    agenda_item_edit,
    agenda_item_remove,
    agenda_print,
    agenda_priorities,
    agenda_publish,
    agenda_template,
    followup_add,
    followup_done,
    minutes,
    minutes_edit,
    minutes_publish,
    my_followups,
)
from juntos.governance.views.attendance import absences, alternates, attendance_reopen  # noqa: F401
from juntos.governance.views.live import (  # noqa: F401
    agenda_current,
    agenda_item_move,
    motion_live,
    projector,
    projector_live,
)
from juntos.governance.views.meetings import (  # noqa: F401
    feed_token,
    meeting_add,
    meeting_change,
    meeting_detail,
    meeting_edit,
    meeting_feed,
    meeting_list,
    meeting_schedule,
    quorum_panel,
)
from juntos.governance.views.mywork import my_work  # noqa: F401
from juntos.governance.views.packet import meeting_packet  # noqa: F401
from juntos.governance.views.priorities import (  # noqa: F401
    priorities,
    priority_actionable,
    priority_review,
    reviews,
)
from juntos.governance.views.votes import (  # noqa: F401
    absence_notify,
    absence_withdraw,
    attendance_close,
    ballot_cast,
    check_in,
    motion_close,
    motion_detail,
    motion_open,
    motion_roll_call,
)
