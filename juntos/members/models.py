import uuid
from functools import cache

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.core.models import TimestampedModel
from juntos.core.translatable import preference_choices


class Sector(models.TextChoices):
    """The perspectives seed 000 asks the coalition to balance when recruiting."""

    IMMIGRANT_RIGHTS = "immigrant_rights", _("Immigrant rights")
    GRASSROOTS = "grassroots", _("Grass-roots")
    EDUCATION = "education", _("Education")
    HEALTHCARE = "healthcare", _("Healthcare")
    RELIGIOUS_RIGHTS = "religious_rights", _("Religious rights")
    CIVIL_RIGHTS = "civil_rights", _("Civil rights")
    LABOR = "labor", _("Labor")
    INDIVIDUALS = "individuals", _("Individuals")


class TaxStatus(models.TextChoices):
    C3 = "c3", "501(c)(3)"
    C4 = "c4", "501(c)(4)"
    C6 = "c6", "501(c)(6)"
    NONE = "none", _("None / not applicable")


class Placement(models.TextChoices):
    """The nested structure of seed 000."""

    CORE_TEAM = "core_team", _("Core Team")
    FULL_COALITION = "full_coalition", _("Full Coalition")
    SUPPORTER_NETWORK = "supporter_network", _("Supporter Network")
    SUPPORT_PODS = "support_pods", _("Support Pods")
    ISSUE_TEAMS = "issue_teams", _("Issue Organizing Teams")


class SubscriptionStatus(models.TextChoices):
    """OSDI's email/SMS subscription statuses."""

    SUBSCRIBED = "subscribed", _("Subscribed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    BOUNCING = "bouncing", _("Bouncing")
    SPAM_COMPLAINT = "spam complaint", _("Spam complaint")


class Role(models.TextChoices):
    HOST = "host", _("Host")
    CORE_TEAM = "core_team", _("Core Team")
    REPRESENTATIVE = "representative", _("Member representative")
    SUPPORTER = "supporter", _("Supporter")


class MemberKind(models.TextChoices):
    ORGANIZATION = "organization", _("Organization")
    INDIVIDUAL = "individual", _("Individual")


class Member(TimestampedModel):
    """A member of the coalition: an organization or an individual."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        REMOVED = "removed", _("Removed")

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="members"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=MemberKind.choices, default=MemberKind.ORGANIZATION
    )
    name = models.CharField(_("name"), max_length=200)
    tax_status = models.CharField(
        _("tax status"), max_length=8, choices=TaxStatus.choices, default=TaxStatus.NONE
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)
    description = models.TextField(_("description"), blank=True)
    sectors = models.JSONField(_("sectors"), default=list)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    admitted_on = models.DateField(_("admitted on"), default=timezone.localdate)
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    # The moment of removal: statements list the member only for answers given before it.
    removed_at = models.DateTimeField(null=True, blank=True)
    agreed_to_charter_at = models.DateTimeField(null=True, blank=True)
    application = models.OneToOneField(
        "members.Application", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["coalition", "status", "name"])]

    def __str__(self):
        return self.name

    @property
    def sector_labels(self) -> list[str]:
        labels = _sector_labels()
        return [labels.get(s, s) for s in self.sectors]

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE


@cache
def _sector_labels() -> dict:
    """{sector: its label}, built once (the labels are lazy: translated when shown)."""
    return dict(Sector.choices)


class Person(TimestampedModel):
    """A person as this coalition knows them. Their role here decides what they may see."""

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="people"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    member = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        verbose_name=_("member organization"),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=preference_choices,  # the interface's and the content languages (a setting)
        default="en",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    is_primary_contact = models.BooleanField(_("primary contact"), default=False)
    notice_frequency = models.CharField(
        _("how notices reach me"),
        max_length=10,
        choices=[("immediate", _("Each notice as it is sent")), ("weekly", _("A weekly digest"))],
        default="immediate",
    )
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # A postal address, for people imported from organizing tools (never for members' staff
    # unless they give it); exported only where contact sharing is consented.
    address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    # Region and postal code of any country (a US state is its two letters).
    state = models.CharField(_("state"), max_length=50, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=16, blank=True)
    uuid = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    # Names as given (OSDI given_name / family_name). full_name stays the display name and is
    # kept in step: set from these when they change, and these split from it when only it does.
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, default="US")
    # Subscription status as OSDI spells it; "unsubscribed" and "spam complaint" are sticky
    # (see members.rules.merge_subscription). unsubscribed_at is set whenever email is not.
    email_status = models.CharField(
        max_length=16, choices=SubscriptionStatus.choices, default=SubscriptionStatus.SUBSCRIBED
    )
    sms_status = models.CharField(
        max_length=16, choices=SubscriptionStatus.choices, blank=True, default=""
    )
    # User-defined strings from organizing tools (OSDI custom_fields), never Juntos' own data.
    custom_fields = models.JSONField(default=dict, blank=True)
    # Other systems' identifiers for this person, e.g. "action_network:1f2e…".
    identifiers = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "people"
        # Home lists the Supporter Network by name; a national table has 25,000 of them.
        indexes = [models.Index(fields=["coalition", "role", "member", "full_name"])]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "user"], name="person_one_per_user_per_coalition"
            ),
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(is_primary_contact=True),
                name="member_one_primary_contact",
            ),
        ]

    def __str__(self):
        return self.full_name

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_names = tuple(
            instance.__dict__.get(f) for f in ("full_name", "given_name", "family_name")
        )
        instance._loaded_unsubscribed = (instance.__dict__.get("unsubscribed_at"),)
        return instance

    def save(self, *args, **kwargs):
        from juntos.members.rules import compose_name, split_full_name

        loaded = getattr(self, "_loaded_names", ("", "", ""))
        parts_changed = (self.given_name, self.family_name) != loaded[1:]
        name_changed = self.full_name != loaded[0]
        if parts_changed and (not name_changed or not self.full_name):
            self.full_name = compose_name(self.given_name, self.family_name) or self.full_name
        elif name_changed and not parts_changed:
            self.given_name, self.family_name = split_full_name(self.full_name)
        # The mail switch (unsubscribed_at) and OSDI's email status say the same thing.
        was_unsubscribed = getattr(self, "_loaded_unsubscribed", (None,))[0]
        sticky = ("unsubscribed", "spam complaint")
        if self.unsubscribed_at and self.email_status not in sticky:
            self.email_status = "unsubscribed"
        elif was_unsubscribed and self.unsubscribed_at is None and self.email_status in sticky:
            self.email_status = "subscribed"  # the person opted in again themselves
        elif self.email_status in sticky and self.unsubscribed_at is None:
            self.unsubscribed_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            extra = set()
            if "full_name" in update_fields or "given_name" in update_fields:
                extra |= {"full_name", "given_name", "family_name"}
            if "unsubscribed_at" in update_fields or "email_status" in update_fields:
                extra |= {"unsubscribed_at", "email_status"}
            kwargs["update_fields"] = {*update_fields, *extra}
        super().save(*args, **kwargs)
        self._loaded_names = (self.full_name, self.given_name, self.family_name)
        self._loaded_unsubscribed = (self.unsubscribed_at,)

    @property
    def language(self) -> str:
        """The language mail reaches them in: their own login's choice when they have one."""
        return self.user.preferred_language if self.user_id else self.preferred_language


class Team(TimestampedModel):
    """Core Team, a Support Pod or an Issue Organizing Team."""

    class Kind(models.TextChoices):
        CORE_TEAM = "core_team", _("Core Team")
        SUPPORT_POD = "support_pod", _("Support Pod")
        ISSUE_TEAM = "issue_team", _("Issue Organizing Team")

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="teams"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    counts_as_committee = models.BooleanField(
        default=True, help_text=_("Taking part meets the yearly committee commitment.")
    )

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition"],
                condition=Q(kind="core_team"),
                name="one_core_team_per_coalition",
            )
        ]

    def __str__(self):
        return self.name


class TeamSeat(models.Model):
    """A member organization or a person taking part in a team."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.CASCADE, related_name="seats"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="seats"
    )
    joined_on = models.DateField(default=timezone.localdate)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=False, person__isnull=True)
                | Q(member__isnull=True, person__isnull=False),
                name="seat_is_member_or_person",
            ),
            models.UniqueConstraint(fields=["team", "member"], name="seat_unique_member"),
            models.UniqueConstraint(fields=["team", "person"], name="seat_unique_person"),
        ]

    def __str__(self):
        return f"{self.member or self.person} in {self.team}"


class Application(TimestampedModel):
    """The seed's membership application, exactly its fields."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("New")
        QUESTIONS = "questions", _("Questions asked")
        READY = "ready", _("Ready for a vote")
        ADMITTED = "admitted", _("Admitted")
        DECLINED = "declined", _("Not admitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATUSES = (Status.SUBMITTED, Status.QUESTIONS, Status.READY)

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="applications"
    )
    kind = models.CharField(
        _("applying as"), max_length=20, choices=MemberKind.choices, default="organization"
    )
    organization_name = models.CharField(_("organization name"), max_length=200, blank=True)
    tax_status = models.CharField(
        _("tax status"), max_length=8, choices=TaxStatus.choices, default=TaxStatus.NONE
    )
    city = models.CharField(_("city"), max_length=100)
    state = models.CharField(_("state"), max_length=2)
    zip_code = models.CharField(_("ZIP code"), max_length=10)
    representative_name = models.CharField(_("representative name"), max_length=200)
    representative_title = models.CharField(_("representative title"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=32)
    email = models.EmailField(_("email"))
    description = models.TextField(_("brief description"))
    engages_immigrants = models.TextField(_("how it engages immigrants"))
    policy_priorities = models.TextField(_("key policy priorities"))
    base_and_mobilization = models.TextField(_("base and how it mobilizes"))
    why_join = models.TextField(_("why join"))
    participation = models.JSONField(_("where it wants to take part"), default=list)
    benefit = models.TextField(_("how the coalition benefits"))
    sectors = models.JSONField(_("sectors"), default=list)
    logo = models.ImageField(_("logo"), upload_to="application-logos/", blank=True)
    agreed_to_charter = models.BooleanField(default=False)
    language = models.CharField(max_length=8, default="en")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    fingerprint = models.CharField(max_length=64, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["coalition", "status"])]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if self.kind == MemberKind.ORGANIZATION and self.organization_name:
            return self.organization_name
        return self.representative_name

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES


class ApplicationNote(models.Model):
    """A host's question to the applicant, the applicant's answer, or an internal note."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question to the applicant")
        ANSWER = "answer", _("Answer from the applicant")
        NOTE = "note", _("Note for hosts")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    body = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.body[:60]}"


class Tag(models.Model):
    """A label on people, as organizing tools use them (OSDI tags)."""

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="tags"
    )
    name = models.CharField(_("name"), max_length=100)
    uuid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["coalition", "name"], name="tag_unique_name")
        ]

    def __str__(self):
        return self.name


class Tagging(models.Model):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="taggings")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="taggings")
    uuid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tag", "person"], name="tagging_unique")]

    def __str__(self):
        return f"{self.person} · {self.tag}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._touch_person()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self._touch_person()
        return result

    def _touch_person(self):
        """A tagging added or removed changes the person for incremental sync."""
        Person.objects.filter(pk=self.person_id).update(updated_at=timezone.now())
