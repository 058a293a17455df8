"""Relationships and power: the people and organizations beyond the members, how they are
connected, where they stand, and the work of building relationships with them.

Every row belongs to one coalition. By design there is no field for immigration status,
citizenship or documents (see DESIGN.md, "Privacy by design"); a test keeps it that way.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.core.models import TimestampedModel


class ContactKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANIZATION = "organization", _("Organization")


class Category(models.TextChoices):
    DECISION_MAKER = "decision_maker", _("Decision maker")
    STAFF = "staff", _("Staff of a decision maker")
    BUSINESS = "business", _("Business or chamber of commerce")
    FAITH = "faith", _("Faith leader or congregation")
    PRESS = "press", _("Press")
    EDUCATION = "education", _("Education")
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")
    HEALTH = "health", _("Health care")
    LABOR = "labor", _("Labor")
    COMMUNITY = "community", _("Community group")
    OTHER = "other", _("Other")


class Chamber(models.TextChoices):
    UPPER = "upper", _("Senate (upper chamber)")
    LOWER = "lower", _("House (lower chamber)")
    LEGISLATURE = "legislature", _("Legislature (one chamber)")
    EXECUTIVE = "executive", _("Executive")
    LOCAL = "local", _("Local government")
    OTHER = "other", _("Other")


class Level(models.TextChoices):
    FEDERAL = "federal", _("Federal")
    STATE = "state", _("State")
    LOCAL = "local", _("Local")


class Contact(TimestampedModel):
    """A person or organization in the coalition's relationship map.

    A contact linked to a member organization or to a person of the coalition is one
    of "ours": messenger chains start there.
    """

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="contacts"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ContactKind.choices, default=ContactKind.PERSON
    )
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title or position"), max_length=200, blank=True)
    organization_name = models.CharField(_("organization"), max_length=200, blank=True)
    member = models.ForeignKey(
        "members.Member",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
        verbose_name=_("coalition member"),
    )
    person = models.ForeignKey(
        "members.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
        verbose_name=_("person in the coalition"),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    website = models.URLField(_("website"), blank=True)
    interests = models.JSONField(_("interests"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Officials: imported from public data or added by hand by a host.
    # NULL, not "", when absent: the unique constraints below apply to real ids only.
    ocd_id = models.CharField(_("OCD person id"), max_length=100, null=True, blank=True)  # noqa: DJ001
    bioguide_id = models.CharField(_("bioguide id"), max_length=20, null=True, blank=True)  # noqa: DJ001
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, blank=True)
    chamber = models.CharField(_("chamber"), max_length=20, choices=Chamber.choices, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True)
    district = models.CharField(_("district"), max_length=60, blank=True)
    party = models.CharField(_("party"), max_length=60, blank=True)
    offices = models.JSONField(_("offices"), default=list, blank=True)
    in_office = models.BooleanField(_("in office"), default=True)
    source = models.CharField(_("source"), max_length=40, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["coalition", "name"]),
            models.Index(fields=["coalition", "state", "chamber", "district"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "ocd_id"],
                condition=Q(ocd_id__isnull=False),
                name="contact_unique_ocd_id",
            ),
            models.UniqueConstraint(
                fields=["coalition", "bioguide_id"],
                condition=Q(bioguide_id__isnull=False),
                name="contact_unique_bioguide_id",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_ours(self) -> bool:
        return self.member_id is not None or self.person_id is not None

    @property
    def is_official(self) -> bool:
        return bool(self.chamber or self.ocd_id or self.bioguide_id)


class RelationshipKind(models.TextChoices):
    WORKS_FOR = "works_for", _("Works for / holds a position at")
    BOARD_MEMBER = "board_member", _("Board member of")
    MEMBER_OF = "member_of", _("Member of")
    FAMILY = "family", _("Family")
    DONOR = "donor", _("Donor to")
    PROFESSIONAL = "professional", _("Professional")
    SOCIAL = "social", _("Social")
    LOBBIES = "lobbies", _("Lobbies")
    REPRESENTS = "represents", _("Represents")
    GENERIC = "generic", _("Knows")


class Relationship(TimestampedModel):
    """`source` → `target`: "source works for target", "source lobbies target".

    `mutual` relationships (family, social, professional) read the same both ways.
    Confidential ones are seen only by their author and the hosts.
    """

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="relationships"
    )
    source = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="outgoing")
    target = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="incoming")
    kind = models.CharField(_("kind"), max_length=20, choices=RelationshipKind.choices)
    role = models.CharField(
        _("position or role"),
        max_length=120,
        blank=True,
        help_text=_('For example "chief of staff" or "board chair".'),
    )
    mutual = models.BooleanField(_("goes both ways"), default=False)
    strength = models.PositiveSmallIntegerField(
        _("strength"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = met once, 5 = very close."),
    )
    started_on = models.DateField(_("since"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    how_we_know = models.TextField(_("how we know"), blank=True)
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only you and the hosts will see it."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-strength", "id"]
        indexes = [models.Index(fields=["coalition", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(strength__gte=1, strength__lte=5), name="relationship_strength_1_5"
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="relationship_not_to_itself"
            ),
        ]

    def __str__(self):
        return f"{self.source} → {self.target} ({self.kind})"

    @property
    def words(self) -> str:
        """The relationship as a sentence: "Ana Ruiz sits on the board of the Chamber"."""
        from juntos.relationships.messengers import describe

        return describe(self, self.source.name, self.target.name)

    def is_current(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.ended_on is None or self.ended_on >= on


class PowerPlacement(models.Model):
    """Where a stakeholder stood on a date: power over the decision (1–5) and stance
    (-2 strong opponent … +2 strong ally). Placements are never edited; a new one is
    added, so the map keeps its history."""

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="power_placements"
    )
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="placements")
    issue = models.CharField(
        _("decision or campaign"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty for the coalition's general map."),
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="power_placements",
        verbose_name=_("campaign"),
        help_text=_(
            "The campaign whose map this is. Its title is kept in the decision field, so the "
            "map survives as a map on its own if the campaign goes."
        ),
    )
    power = models.PositiveSmallIntegerField(
        _("power"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    stance = models.SmallIntegerField(
        _("stance"), validators=[MinValueValidator(-2), MaxValueValidator(2)]
    )
    placed_on = models.DateField(_("date"), default=timezone.localdate)
    note = models.CharField(_("why"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["placed_on", "id"]
        indexes = [models.Index(fields=["coalition", "issue", "placed_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(power__gte=1, power__lte=5), name="power_1_5"),
            models.CheckConstraint(condition=Q(stance__gte=-2, stance__lte=2), name="stance_m2_p2"),
        ]

    def __str__(self):
        return f"{self.contact} power {self.power} stance {self.stance} on {self.placed_on}"


class PipelineEntry(TimestampedModel):
    """A target organization on the seed's 10 steps to a relationship with a business group.
    `notes` holds one text per step: {"1": "...", "2": "..."}."""

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="pipeline"
    )
    organization = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="pipeline")
    stage = models.PositiveSmallIntegerField(
        _("step"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    notes = models.JSONField(default=dict, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["stage", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "organization"], name="pipeline_one_per_organization"
            ),
            models.CheckConstraint(condition=Q(stage__gte=1, stage__lte=10), name="stage_1_10"),
        ]

    def __str__(self):
        return f"{self.organization} at step {self.stage}"


class LetterTemplate(TimestampedModel):
    """A letter with merge fields written as {{ field }} (see letters.MERGE_FIELDS)."""

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="letter_templates"
    )
    name = models.CharField(_("name"), max_length=200)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("letter"))
    language = models.CharField(
        _("language"), max_length=8, choices=[("en", "English"), ("es", "Español")], default="en"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class OneToOne(models.Model):
    """A relational one-to-one meeting: who, when, what the person cares about, follow-up."""

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="one_to_ones"
    )
    person = models.ForeignKey(
        "members.Person",
        on_delete=models.CASCADE,
        related_name="one_to_ones",
        verbose_name=_("with"),
    )
    organizer = models.ForeignKey(
        "members.Person",
        null=True,
        on_delete=models.SET_NULL,
        related_name="one_to_ones_held",
        verbose_name=_("organizer"),
    )
    met_on = models.DateField(_("date"), default=timezone.localdate)
    cares_about = models.TextField(_("what they care about"))
    follow_up = models.TextField(_("follow-up"), blank=True)
    follow_up_by = models.DateField(_("follow up by"), null=True, blank=True)
    confidential = models.BooleanField(
        _("confidential"), default=False, help_text=_("Only you and the hosts will see it.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-met_on", "-id"]
        indexes = [models.Index(fields=["coalition", "-met_on"])]

    def __str__(self):
        return f"{self.person} on {self.met_on}"


class Ladder(models.TextChoices):
    SUPPORTER = "supporter", _("Supporter")
    VOLUNTEER = "volunteer", _("Volunteer")
    LEADER = "leader", _("Leader")
    CORE_LEADER = "core_leader", _("Core leader")


class EngagementStep(models.Model):
    """A person reached a rung of the ladder of engagement on a date. Steps are added,
    never edited: the latest is where the person is now, the rest is their history."""

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="engagement_steps"
    )
    person = models.ForeignKey(
        "members.Person", on_delete=models.CASCADE, related_name="engagement_steps"
    )
    level = models.CharField(_("level"), max_length=20, choices=Ladder.choices)
    on = models.DateField(_("date"), default=timezone.localdate)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["coalition", "person", "on"])]

    def __str__(self):
        return f"{self.person}: {self.level} on {self.on}"
