"""Meetings, agendas, attendance, motions and ballots, issue priorities and follow-ups.

Integrity lives in the database: one attendance and one absence notice per member per
meeting, one ballot per member per motion, one generated meeting per calendar month.
Writes go through juntos.governance.services.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from juntos.charter import rules as charter_rules
from juntos.core.models import CalendarEntryModel, TimestampedModel
from juntos.core.translatable import TranslatableFields
from juntos.governance import rules


class Meeting(TimestampedModel, CalendarEntryModel):
    CALENDAR_FIELDS = (
        "kind",
        "title",
        "topic",
        "starts_at",
        "duration_minutes",
        "format",
        "place",
        "call_link",
        "accessibility_notes",
        "change_reason",
        "status",
    )
    SEQUENCE_FIELDS = (
        "kind",
        "title",
        "topic",
        "starts_at",
        "duration_minutes",
        "format",
        "place",
        "call_link",
        "status",
    )

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular meeting")
        SPECIAL = "special", _("Special meeting")
        CORE_TEAM = "core_team", _("Core Team meeting")

    class Format(models.TextChoices):
        IN_PERSON = rules.IN_PERSON, _("In person")
        CALL = rules.CALL, _("Conference call")

    class Topic(models.TextChoices):
        LEGISLATIVE = rules.TOPIC_LEGISLATIVE, _("Legislative strategy and policy issues")
        EDUCATIONAL = rules.TOPIC_EDUCATIONAL, _("Educational events and planning")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.REGULAR)
    title = models.CharField(_("title"), max_length=200, blank=True)
    topic = models.CharField(_("topic"), max_length=12, choices=Topic.choices, default="other")
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveIntegerField(_("length in minutes"), default=120)
    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.IN_PERSON
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    call_link = models.URLField(_("call or video link"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    change_reason = models.TextField(_("reason for the change"), blank=True)
    moved_from = models.DateTimeField(null=True, blank=True)
    calendar_slot = models.CharField(max_length=7, blank=True)  # "2027-05" when generated
    agenda_published_at = models.DateTimeField(null=True, blank=True)
    agenda_published_late = models.BooleanField(default=False)
    attendance_closed_at = models.DateTimeField(null=True, blank=True)
    parking_lot = models.TextField(_("parking lot"), blank=True)
    takeaways = models.TextField(_("takeaways"), blank=True)
    minutes_published_at = models.DateTimeField(null=True, blank=True)
    # The language the meeting is held in: the projector view speaks it, whatever each
    # viewer's own language. New meetings take the coalition's first language.
    language = models.CharField(
        _("language of the meeting"), max_length=8, default=settings.LANGUAGE_CODE
    )
    # The agenda row in progress, shown on the projector view.
    current_item = models.ForeignKey(
        "governance.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["coalition", "starts_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "calendar_slot"],
                condition=~Q(calendar_slot=""),
                name="meeting_one_per_calendar_slot",
            ),
            models.CheckConstraint(
                condition=Q(status="scheduled") | ~Q(change_reason=""),
                name="meeting_cancel_has_reason",
            ),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.title or self.get_kind_display()} {local:%Y-%m-%d}"

    @property
    def display_title(self):
        if self.title:
            return self.title
        if self.topic == self.Topic.OTHER:
            return self.get_kind_display()
        return self.get_topic_display()

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def local_date(self):
        return timezone.localtime(self.starts_at).date()

    @property
    def ends_at(self):
        return self.starts_at + timezone.timedelta(minutes=self.duration_minutes)


class AgendaItem(TranslatableFields, models.Model):
    """One row of the facilitator guide's TIME / GOAL / PROCESS / MATERIALS agenda (seed 004).

    Goal, process and materials may come in several languages (core/translatable.py)."""

    TRANSLATED_FIELDS = ("goal", "process", "materials")

    class Kind(models.TextChoices):
        REPORT = "report", _("Report")
        DISCUSSION = "discussion", _("Discussion")
        DECISION = "decision", _("Decision")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0)
    time = models.CharField(_("time"), max_length=40, blank=True)
    goal = models.CharField(_("goal"), max_length=300)
    process = models.TextField(_("process"), blank=True)
    materials = models.TextField(_("materials"), blank=True)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.DISCUSSION)
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only hosts, the Core Team and the members named here see it."),
    )
    named_members = models.ManyToManyField(
        "members.Member", blank=True, related_name="+", verbose_name=_("members named")
    )
    notes = models.TextField(_("notes"), blank=True)
    # Facts of a row the system wrote (template, review, priority): its words are rendered
    # per reader by governance.phrases wherever goal/process/materials are left empty.
    generated = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        from juntos.governance.phrases import row_text

        return row_text(self, "goal")


class AbsenceNotice(models.Model):
    """A member told the hosts ahead of time it will miss a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="absence_notices")
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")

    class Channel(models.TextChoices):
        SELF = "self", _("On Juntos, by the representative")
        PHONE = "phone", _("By phone")
        TEXT = "text", _("By text message")
        IN_PERSON = "in_person", _("In person")
        EMAIL = "email", _("By email")
        CORRECTION = "correction", _("Correction by the hosts")

    notified_by = models.ForeignKey(
        "members.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("note for the hosts"), max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)  # when it was recorded
    channel = models.CharField(
        _("how"), max_length=12, choices=Channel.choices, default=Channel.SELF
    )
    told_to = models.ForeignKey(
        "members.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("told to"),
    )
    told_at = models.DateTimeField(_("when they told"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        "members.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="absence_one_per_member")
        ]

    def __str__(self):
        return f"{self.member} notified absence from {self.meeting}"


class Attendance(models.Model):
    """A member organization present at a meeting, naming the person who came."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        "members.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_one_per_member")
        ]
        indexes = [models.Index(fields=["member", "meeting"])]

    def __str__(self):
        return f"{self.member} at {self.meeting}"


class IssuePriority(TimestampedModel):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        ARCHIVED = "archived", _("Archived")
        DECLINED = "declined", _("Not adopted")

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="issue_priorities"
    )
    title = models.CharField(_("issue priority"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    proposed_by = models.ForeignKey(
        "members.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    actionable = models.BooleanField(null=True, blank=True)
    actionable_note = models.TextField(_("Core Team guidance"), blank=True)
    adopted_on = models.DateField(null=True, blank=True)
    archived_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["status", "title"]
        verbose_name_plural = "issue priorities"
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="active") | Q(adopted_on__isnull=False),
                name="priority_active_has_adoption_date",
            )
        ]

    def __str__(self):
        return self.title


class Motion(TimestampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open for votes")
        CLOSED = "closed", _("Closed")

    class Result(models.TextChoices):
        PENDING = "", _("Pending")
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Did not pass")
        NO_QUORUM = "no_quorum", _("No quorum")

    KINDS = [(k, charter_rules.decision_kind_label(k)) for k in charter_rules.DECISION_KINDS]

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="motions")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="motions"
    )
    kind = models.CharField(_("kind"), max_length=20)
    text = models.TextField(_("motion"))
    subject_member = models.ForeignKey(
        "members.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_application = models.ForeignKey(
        "members.Application", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_priority = models.ForeignKey(
        IssuePriority, null=True, blank=True, on_delete=models.PROTECT, related_name="motions"
    )
    amendment = models.JSONField(default=dict, blank=True)  # summary, reason, rules
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    result = models.CharField(max_length=10, choices=Result.choices, blank=True, default="")
    tally = models.JSONField(default=dict, blank=True)
    rule_cited = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=list(charter_rules.DECISION_KINDS)), name="motion_known_kind"
            ),
            models.CheckConstraint(
                condition=~Q(kind="admit_member") | Q(subject_application__isnull=False),
                name="motion_admit_names_application",
            ),
            models.CheckConstraint(
                condition=~Q(kind="remove_member") | Q(subject_member__isnull=False),
                name="motion_remove_names_member",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["adopt_priority", "dissolve_priority"])
                | Q(subject_priority__isnull=False),
                name="motion_priority_names_priority",
            ),
            models.CheckConstraint(
                condition=Q(status="open", result="")
                | Q(status="closed", closed_at__isnull=False) & ~Q(result=""),
                name="motion_closed_has_result",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def kind_label(self):
        return charter_rules.decision_kind_label(self.kind)

    @property
    def is_open(self):
        return self.status == self.Status.OPEN


class Ballot(models.Model):
    class Choice(models.TextChoices):
        YES = rules.YES, _("Yes")
        NO = rules.NO, _("No")
        ABSTAIN = rules.ABSTAIN, _("Abstain")

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="ballots")
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")
    choice = models.CharField(max_length=8, choices=Choice.choices)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["motion", "member"], name="ballot_one_per_member"),
            models.CheckConstraint(
                condition=Q(choice__in=list(rules.CHOICES)), name="ballot_known_choice"
            ),
        ]

    def __str__(self):
        return f"{self.member}: {self.choice}"


class RemovalReview(TimestampedModel):
    """A member's removal put before the coalition (seed 000, Removal from Coalition)."""

    class Trigger(models.TextChoices):
        ABSENCES = "absences", _("Absences without notice")
        CONDUCT = "conduct", _("Acted contrary to the coalition's direction")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("a removal review, still undecided", "Open")
        DECIDED = "decided", _("Decided")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    coalition = models.ForeignKey("charter.Coalition", on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")
    trigger = models.CharField(max_length=10, choices=Trigger.choices)
    reason = models.TextField(_("reason"), blank=True)
    absences = models.PositiveSmallIntegerField(null=True, blank=True)  # trigger's count
    raised_by = models.ForeignKey(
        "members.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    # The meeting whose closed attendance opened it: undoing the close withdraws it.
    opened_at_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "trigger"],
                condition=Q(status="open", trigger="absences"),
                name="review_one_open_absence_review",
            )
        ]

    def __str__(self):
        return f"{self.member}: {self.get_trigger_display()}"


class FollowUp(TimestampedModel):
    """A next step from a meeting, with an owner and a due date: a task on their home page."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="follow_ups")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ups"
    )
    text = models.CharField(_("follow-up"), max_length=300)
    owner = models.ForeignKey(
        "members.Person",
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)  # the day-before reminder

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "done_at"])]

    def __str__(self):
        return self.text


class AlternateRepresentative(models.Model):
    """A person a member names to stand in for its representative at meetings. The member
    still has one vote: whoever checks in first for it casts it, and the record says who."""

    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("members.Person", on_delete=models.CASCADE, related_name="+")
    named_by = models.ForeignKey(
        "members.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "person"], name="alternate_once_per_member"),
            models.UniqueConstraint(fields=["person"], name="alternate_for_one_member"),
        ]

    def __str__(self):
        return f"{self.person} for {self.member}"
