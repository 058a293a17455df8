"""Campaigns: the strategy chart, goals, deliverables, key dates, tactics on the ladder,
decision-maker meetings, bills and the surveys an issue is chosen from."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from juntos.campaigns.rules import Rung
from juntos.core.models import CalendarEntryModel, TimestampedModel


class Playbook(models.TextChoices):
    DRIVERS_LICENSES = "drivers_licenses", _("Driver's licenses for all residents")
    RACIAL_PROFILING = "racial_profiling", _("Racial profiling prevention")
    TRUST = "trust", _("TRUST: ending ICE holds and release notifications")
    SANCTUARY = "sanctuary", _("Sanctuary policies")
    MUNICIPAL_ID = "municipal_id", _("Municipal ID")
    TUITION_EQUITY = "tuition_equity", _("Tuition equity")
    ANTI_IMMIGRANT_BILLS = "anti_immigrant_bills", _("Stopping anti-immigrant bills")


class Campaign(TimestampedModel):
    class Status(models.TextChoices):
        PLANNING = "planning", _("Planning")
        ACTIVE = "active", _("Active")
        WON = "won", _("Won")
        ENDED = "ended", _("Ended")

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="campaigns"
    )
    team = models.ForeignKey(
        "members.Team", on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("team")
    )
    title = models.CharField(_("title"), max_length=200)
    issue = models.CharField(_("issue"), max_length=200)
    playbook = models.CharField(_("playbook"), max_length=30, choices=Playbook.choices, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNING)
    state = models.CharField(
        _("state"),
        max_length=2,
        blank=True,
        help_text=_("Two letters, for the state's holidays on the timeline."),
    )
    shared_with_network = models.BooleanField(
        _("shared with state coalitions"),
        default=False,
        help_text=_("State coalitions of this network place their actions on its timeline."),
    )
    survey = models.ForeignKey(
        "campaigns.Survey", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The chart, section by section. Organizational considerations are confidential.
    case = models.TextField(_("benefits and arguments"), blank=True)
    staff = models.TextField(_("staff"), blank=True)
    budget = models.TextField(_("budget"), blank=True)
    volunteers = models.TextField(_("volunteers"), blank=True)
    capacity = models.TextField(_("capacity"), blank=True)
    tactics_notes = models.TextField(_("tactics in mind"), blank=True)
    messaging = models.TextField(_("messaging"), blank=True)
    press = models.TextField(_("press"), blank=True)
    op_eds = models.TextField(_("op-eds"), blank=True)

    CHART_FIELDS = [
        "case",
        "staff",
        "budget",
        "volunteers",
        "capacity",
        "tactics_notes",
        "messaging",
        "press",
        "op_eds",
    ]
    CONFIDENTIAL_FIELDS = ["staff", "budget", "volunteers", "capacity"]

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["coalition", "status"])]

    def __str__(self):
        return self.title


class Goal(TimestampedModel):
    class Term(models.TextChoices):
        LONG = "long", _("Long term")
        MEDIUM = "medium", _("Medium term")
        SHORT = "short", _("Short term")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="goals")
    term = models.CharField(_("term"), max_length=10, choices=Term.choices)
    text = models.CharField(_("goal"), max_length=300)
    measure = models.CharField(_("measure"), max_length=120)
    baseline = models.DecimalField(_("starting value"), max_digits=12, decimal_places=2, default=0)
    target_value = models.DecimalField(_("target value"), max_digits=12, decimal_places=2)
    due_on = models.DateField(_("date"))
    winners = models.ManyToManyField(
        "members.Member", related_name="campaign_goals", verbose_name=_("a win for")
    )
    checklist = models.JSONField(default=dict, blank=True)  # {key: bool}

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self):
        return self.text


class GoalProgress(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="progress")
    on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["on", "id"]

    def __str__(self):
        return f"{self.goal}: {self.value} on {self.on}"


class Stakeholder(models.Model):
    """An ally, an unlikely partner or an opponent, with an outreach plan."""

    class Side(models.TextChoices):
        ALLY = "ally", _("Ally")
        UNLIKELY = "unlikely", _("Unlikely partner")
        OPPONENT = "opponent", _("Opponent")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="stakeholders")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    name = models.CharField(_("name"), max_length=200)
    contact = models.ForeignKey(
        "relationships.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contact"),
    )
    outreach_plan = models.TextField(_("outreach plan"), blank=True)
    capacity = models.TextField(
        _("their capacity"), blank=True, help_text=_("For opponents: money, people, reach.")
    )
    # A row the playbook pre-filled ("ally:0"): its words come from the playbook per reader.
    playbook_ref = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["side", "name"]

    def __str__(self):
        from juntos.campaigns.phrases import row_text

        return row_text(self, "name")


class Target(models.Model):
    """The decision maker who can give the win (primary) and those who move them."""

    class Level(models.TextChoices):
        PRIMARY = "primary", _("Primary")
        SECONDARY = "secondary", _("Secondary")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title or office"), max_length=200, blank=True)
    contact = models.ForeignKey(
        "relationships.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaign_targets",
        verbose_name=_("contact"),
    )
    notes = models.TextField(_("why this target"), blank=True)
    playbook_ref = models.CharField(max_length=20, blank=True)  # see Stakeholder

    class PerMember(models.TextChoices):
        HOUSE = "house", _("Each member's own U.S. Representative")
        STATE_UPPER = "upper", _("Each member's own state senator")
        STATE_LOWER = "lower", _("Each member's own state representative")

    # Not one person but each member organization's own official, found from its ZIP.
    per_member = models.CharField(
        _("each member's own"), max_length=10, choices=PerMember.choices, blank=True
    )

    class Meta:
        ordering = ["level", "name"]

    def __str__(self):
        from juntos.campaigns.phrases import row_text

        return row_text(self, "name") or str(self.get_per_member_display())


class Tactic(TimestampedModel, CalendarEntryModel):
    """An action on the timeline, with its rung on the ladder. On a shared campaign a
    state coalition's actions carry that coalition."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    CALENDAR_FIELDS = ("rung", "title", "on", "place", "status")
    SEQUENCE_FIELDS = ("title", "on", "place", "status")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="tactics")
    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="campaign_tactics"
    )
    rung = models.PositiveSmallIntegerField(_("rung"), choices=[(int(r), r.name) for r in Rung])
    title = models.CharField(_("action"), max_length=200)
    on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    warnings = models.JSONField(default=list, blank=True)  # what the team confirmed past
    # When done: what happened, how many took part, and on which day.
    outcome = models.TextField(_("what happened"), blank=True)
    participants = models.PositiveIntegerField(_("how many took part"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["campaign", "on"])]

    def __str__(self):
        return self.title


class KeyDate(TimestampedModel, CalendarEntryModel):
    """A date the campaign plans around. External ones the coalition does not control."""

    class Kind(models.TextChoices):
        EXTERNAL = "external", _("External")
        INTERNAL = "internal", _("Internal")

    class Category(models.TextChoices):
        SESSION = "session", _("Legislative session")
        RECESS = "recess", _("Legislative recess")
        RETREAT = "retreat", _("Retreat or step-back")
        CONVENTION = "convention", _("Convention")
        DEADLINE = "deadline", _("Deadline or milestone")
        OTHER = "other", _("Other")

    CALENDAR_FIELDS = ("kind", "category", "title", "starts_on", "ends_on", "blackout")
    SEQUENCE_FIELDS = ("title", "starts_on", "ends_on")

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="key_dates"
    )
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.CASCADE, related_name="key_dates"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    blackout = models.BooleanField(_("avoid actions on these dates"), default=True)
    # Whose calendar it is: "US" or a state's two letters, and a chamber (upper, lower or
    # legislature; empty for both). Empty: every campaign's date. See rules.chamber_applies.
    legislature = models.CharField(_("legislature"), max_length=2, blank=True)
    chamber = models.CharField(_("chamber"), max_length=12, blank=True)

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="keydate_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title


class DecisionMakerMeeting(TimestampedModel):
    class Stage(models.TextChoices):
        PLANNED = "planned", _("Planned")
        REQUESTED = "requested", _("Requested")
        HELD = "held", _("Held and recorded")
        DEBRIEFED = "debriefed", _("Debriefed")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="dm_meetings")
    target = models.ForeignKey(
        Target,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        verbose_name=_("decision maker"),
    )
    decision_maker = models.CharField(_("decision maker"), max_length=200)
    purpose = models.TextField(_("purpose"))
    on = models.DateField(_("date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    attendees = models.ManyToManyField(
        "members.Person", related_name="dm_meetings", verbose_name=_("who attends")
    )
    facilitator = models.ForeignKey(
        "members.Person",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("facilitator"),
    )
    storytellers = models.ManyToManyField(
        "members.Person", related_name="+", verbose_name=_("storytellers")
    )
    asker = models.ForeignKey(
        "members.Person",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who makes the ask"),
    )
    requests = models.TextField(_("the specific requests"))
    facts = models.TextField(_("facts that back the stories"), blank=True)
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.PLANNED)
    requested_at = models.DateTimeField(null=True, blank=True)
    said = models.TextField(_("what the decision maker said"), blank=True)
    commitments = models.TextField(_("what they committed to"), blank=True)
    our_commitments = models.TextField(_("what we committed to"), blank=True)
    debrief = models.TextField(_("debrief notes"), blank=True)  # team only
    thanked_at = models.DateTimeField(null=True, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self):
        return _("Meeting with %(name)s") % {"name": self.decision_maker}


class Deliverable(TimestampedModel):
    """A task or benchmark delegated to a member organization or a person."""

    class Kind(models.TextChoices):
        TASK = "task", _("Task")
        BENCHMARK = "benchmark", _("Benchmark")

    class Status(models.TextChoices):
        OPEN = "open", _("Not started")
        UNDERWAY = "underway", _("Under way")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    OPEN_STATUSES = (Status.OPEN, Status.UNDERWAY)

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="deliverables")
    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="campaign_deliverables"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TASK)
    title = models.CharField(_("what"), max_length=300)
    owner_member = models.ForeignKey(
        "members.Member",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliverables",
        verbose_name=_("member organization"),
    )
    owner_person = models.ForeignKey(
        "members.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliverables",
        verbose_name=_("person"),
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    dm_meeting = models.ForeignKey(
        DecisionMakerMeeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_steps",
    )
    follow_up = models.OneToOneField(
        "governance.FollowUp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliverable",
    )
    reminded_at = models.DateTimeField(null=True, blank=True)  # the day-before reminder

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["campaign", "status", "due_on"]),
            models.Index(fields=["owner_person", "status"]),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES


class CheckIn(models.Model):
    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="check_ins")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        "members.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Deliverable.Status.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.deliverable}: {self.status}"


class Bill(TimestampedModel):
    class Position(models.TextChoices):
        SUPPORT = "support", _("Support")
        OPPOSE = "oppose", _("Oppose")
        WATCH = "watch", _("Watching")

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="bills"
    )
    jurisdiction = models.CharField(_("jurisdiction"), max_length=60)
    session = models.CharField(_("session"), max_length=40)
    identifier = models.CharField(_("identifier"), max_length=40)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    position = models.CharField(_("position"), max_length=10, choices=Position.choices)
    status = models.CharField(_("status"), max_length=200, blank=True)
    status_on = models.DateField(_("status since"), null=True, blank=True)
    source_id = models.CharField(_("Open States id"), max_length=100, blank=True)
    campaigns = models.ManyToManyField(Campaign, blank=True, related_name="bills")
    # From Open States' bill data when imported: [{"name", "primary", "person_id"}] and
    # [{"motion", "on", "result", "organization", "counts": {"yes": n, ...}}].
    sponsors = models.JSONField(default=list, blank=True)
    votes = models.JSONField(default=list, blank=True)
    # People who asked to hear when its status changes (besides its campaigns' teams).
    watchers = models.ManyToManyField(
        "members.Person", blank=True, related_name="watched_bills", verbose_name=_("watchers")
    )

    class Meta:
        ordering = ["jurisdiction", "session", "identifier"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "jurisdiction", "session", "identifier"],
                name="bill_unique_per_session",
            )
        ]

    def __str__(self):
        return f"{self.identifier} ({self.jurisdiction} {self.session})"


class BillAction(models.Model):
    bill = models.ForeignKey(Bill, on_delete=models.CASCADE, related_name="actions")
    on = models.DateField(_("date"))
    description = models.CharField(_("action"), max_length=500)
    organization = models.CharField(_("chamber or body"), max_length=100, blank=True)

    class Meta:
        ordering = ["on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bill", "on", "description", "organization"], name="bill_action_once"
            )
        ]

    def __str__(self):
        return f"{self.on} {self.description}"


class Survey(TimestampedModel):
    """A survey or a listening session: the questions asked and what people said."""

    class Kind(models.TextChoices):
        SURVEY = "survey", _("Survey")
        LISTENING = "listening", _("Listening session")

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="surveys"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    questions = models.JSONField(_("questions"), default=list)  # ["...", "..."]

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class SurveyResponse(models.Model):
    """What one person or one table said. No names are needed, and none is asked for."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    answers = models.JSONField(default=list)  # one answer per question, in order
    issues = models.JSONField(default=list)  # the issues named
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return ", ".join(self.issues)[:100]
