"""The meeting packet: one PDF for the record (fpdf2, pure Python).

Agenda (TIME / GOAL / PROCESS / MATERIALS), attendance (present, notified, without
notice), each motion with its ballots and the rule applied, minutes, parking lot and
follow-ups. It is built for one reader: confidential rows, and the motions, notes and
follow-ups attached to them, appear only for those allowed to see them, as on the pages.
"""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from juntos.core.access import role_at_least
from juntos.core.pdf import font
from juntos.governance import phrases, selectors, words
from juntos.governance.models import Motion

MARGIN = 15


class _Writer:
    def __init__(self):
        from fpdf import FPDF

        self.pdf = FPDF(format="Letter")
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.set_auto_page_break(True, margin=MARGIN)
        self.family, self.clean = font(self.pdf)
        self.width = self.pdf.w - 2 * MARGIN

    def page(self):
        self.pdf.add_page()

    def title(self, text):
        self.pdf.set_font(self.family, "B", 18)
        self.pdf.multi_cell(self.width, 9, self.clean(text), new_x="LMARGIN", new_y="NEXT")

    def heading(self, text):
        self.pdf.ln(3)
        self.pdf.set_font(self.family, "B", 13)
        self.pdf.multi_cell(self.width, 7, self.clean(text), new_x="LMARGIN", new_y="NEXT")
        self.pdf.set_draw_color(200, 200, 200)
        y = self.pdf.get_y()
        self.pdf.line(MARGIN, y, MARGIN + self.width, y)
        self.pdf.ln(1.5)

    def text(self, text, *, bold=False, size=10, indent=0):
        if not text:
            return
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.set_x(MARGIN + indent)
        self.pdf.multi_cell(self.width - indent, 5, self.clean(text), new_x="LMARGIN", new_y="NEXT")

    def pair(self, label, value, indent=0):
        self.text(f"{label}: {value}", indent=indent)

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


def meeting_packet(meeting, *, role: str, person) -> bytes:
    """The packet as this reader may see it."""
    core = role_at_least(role, "core_team")
    items = selectors.agenda_items_for(meeting, role=role, person=person)
    visible = {i.pk for i in items}
    hidden = set(meeting.items.values_list("pk", flat=True)) - visible
    picture = selectors.voting_picture(meeting)
    w = _Writer()
    w.page()
    w.title(f"{meeting.display_title} · {meeting.coalition.name}")
    when = formats.date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
    w.text(" · ".join(x for x in (when, meeting.get_format_display(), meeting.place) if x))
    w.text(
        _("Meeting packet, made %(when)s")
        % {"when": formats.date_format(timezone.localtime(), "DATETIME_FORMAT")},
        size=8,
    )

    w.heading(_("Agenda"))
    if not items:
        w.text(_("No agenda yet."))
    for n, item in enumerate(items, start=1):
        # A row the system wrote keeps facts: its words are read in the packet's language.
        goal = phrases.row_text(item, "goal")
        w.text(f"{n}. {item.time + ' · ' if item.time else ''}{goal}", bold=True)
        w.pair(_("Process"), phrases.row_text(item, "process") or "—", indent=5)
        if materials := phrases.row_text(item, "materials"):
            w.pair(_("Materials"), materials, indent=5)
        if item.confidential:
            w.text(_("Confidential"), size=8, indent=5)

    w.heading(_("Attendance"))
    present = [
        f"{picture.members[i].name}"
        + (f" ({a.person.full_name})" if a.person_id and a.person else "")
        for i, a in sorted(picture.present.items(), key=lambda kv: picture.members[kv[0]].name)
        if i in picture.members
    ]
    w.pair(_("Present"), ", ".join(present) or "—")
    w.pair(_("Absent with notice"), ", ".join(picture.notified_names) or "—")
    if meeting.attendance_closed_at:
        w.pair(_("Absent without notice"), ", ".join(picture.missing_names) or "—")
    else:
        w.pair(_("Not here yet"), ", ".join(picture.missing_names) or "—")
    w.text(
        _("%(present)d of %(total)d voting members present, %(needed)d needed for quorum.")
        % {
            "present": picture.quorum.result.present,
            "total": picture.quorum.result.total,
            "needed": picture.quorum.result.needed,
        },
        size=9,
    )

    w.heading(_("Motions and votes"))
    motions = [
        m
        for m in meeting.motions.prefetch_related("ballots__member")
        if m.agenda_item_id is None or m.agenda_item_id not in hidden
    ]
    if not motions:
        w.text(_("No motions yet."))
    for motion in motions:
        w.text(f"{motion.kind_label}: {motion.text}", bold=True)
        if motion.status == Motion.Status.OPEN:
            w.text(_("Open for votes"), indent=5)
        else:
            result = words.motion_result(motion)
            w.pair(_("Result"), f"{motion.get_result_display()} · {result.summary}", indent=5)
            w.pair(_("Rule applied"), result.rule, indent=5)
        ballots = sorted(motion.ballots.all(), key=lambda b: b.member.name)
        w.pair(
            _("Ballots"),
            "; ".join(f"{b.member.name}: {b.get_choice_display()}" for b in ballots) or "—",
            indent=5,
        )

    if meeting.minutes_published_at or core:
        w.heading(_("Minutes"))
        for item in items:
            if item.notes:
                w.text(phrases.row_text(item, "goal"), bold=True)
                w.text(item.notes, indent=5)
        w.pair(_("Takeaways"), meeting.takeaways or "—")
        w.heading(_("Parking lot"))
        w.text(meeting.parking_lot or "—")

    w.heading(_("Follow-ups"))
    follow_ups = [
        f
        for f in meeting.follow_ups.select_related("owner")
        if f.agenda_item_id is None or f.agenda_item_id not in hidden
    ]
    if not follow_ups:
        w.text("—")
    for f in follow_ups:
        due = formats.date_format(f.due_on, "DATE_FORMAT")
        done = _("done") if f.done_at else ""
        w.text(" · ".join(x for x in (f.text, f.owner.full_name, due, done) if x))
    return w.bytes()
