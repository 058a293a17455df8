from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.core.models import TimestampedModel
from juntos.core.translatable import TranslatableFields, version


class Audience(models.TextChoices):
    FULL_COALITION = "full_coalition", _("Full coalition (member representatives)")
    CORE_TEAM = "core_team", _("Core Team")
    TEAM = "team", _("One team")
    SUPPORTERS = "supporters", _("Supporter Network")
    CHOSEN = "chosen", _("Chosen people")


class Notice(TimestampedModel):
    """An official notice from the hosts, in English and optionally Spanish."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="notices"
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    team = models.ForeignKey(
        "members.Team", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("team")
    )
    chosen = models.ManyToManyField("members.Person", blank=True, related_name="+")
    # English and Spanish have their own columns; other configured languages
    # (JUNTOS_CONTENT_LANGUAGES) live in `translations`: {"vi": {"subject": ..., "body": ...}}.
    # At least one language has both a subject and a message.
    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    body_en = models.TextField(_("message (English)"), blank=True)
    subject_es = models.CharField(_("subject (Spanish)"), max_length=200, blank=True)
    body_es = models.TextField(_("message (Spanish)"), blank=True)
    translations = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    scheduled_for = models.DateTimeField(_("send at"), null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject_en or self.subject_es or version(self, "subject", "en").text

    COLUMNS = ("en", "es")

    def text_versions(self, field: str) -> dict[str, str]:
        """{language: text} for "subject" or "body", English first (core/translatable.py)."""
        out = {code: getattr(self, f"{field}_{code}") for code in self.COLUMNS}
        for code, texts in (self.translations or {}).items():
            out.setdefault(code, (texts or {}).get(field, ""))
        return {code: text for code, text in out.items() if text}

    def languages(self) -> list[str]:
        """The languages the notice is complete in (a subject and a message)."""
        subjects, bodies = self.text_versions("subject"), self.text_versions("body")
        return [code for code in subjects if code in bodies]

    def version_for(self, language: str) -> tuple[str, str]:
        """(subject, body) in the language asked for, falling back to another complete one."""
        available = self.languages()
        if language not in available and available:
            language = available[0]
        return self.text_versions("subject").get(language, ""), self.text_versions("body").get(
            language, ""
        )


class Delivery(models.Model):
    """One notice to one person. The unique key makes a second send of it impossible."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        CLAIMED = "claimed", _("Queued")  # taken by a worker, not yet tried
        SENDING = "sending", _("Sending")  # handed to the mail server; outcome unknown
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        DIGEST = "digest", _("Waiting for the weekly digest")

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries")
    person = models.ForeignKey("members.Person", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    language = models.CharField(max_length=8)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.CharField(max_length=300, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["notice", "person"], name="one_delivery_per_person")
        ]
        indexes = [models.Index(fields=["notice", "status"])]

    def __str__(self):
        return f"{self.notice_id} → {self.email} ({self.status})"


class Update(TranslatableFields, TimestampedModel):
    """A short update on the coalition's feed; public ones reach supporters too."""

    TRANSLATED_FIELDS = ("body",)

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="updates"
    )
    body = models.TextField(_("update"))
    public = models.BooleanField(_("supporters see it too"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.body[:60]


class Statement(TranslatableFields, TimestampedModel):
    """A public statement and its sign-on request to member organizations."""

    TRANSLATED_FIELDS = ("title", "body")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REQUESTED = "requested", _("Sign-on requested")
        PUBLISHED = "published", _("Published")

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="statements"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("statement"))
    owner_member = models.ForeignKey(
        "members.Member",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The member whose statement this is; empty for the coalition's own."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    requested_at = models.DateTimeField(null=True, blank=True)
    deadline = models.DateTimeField(_("answers due"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reopened_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Published before the consent window ended without every member's answer: why.
    published_early_reason = models.TextField(_("reason for publishing early"), blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.status == self.Status.REQUESTED and timezone.now() <= self.deadline


class SignOnInvite(models.Model):
    """The emailed links for one member: single use, expiring with the request."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="invites")
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("members.Person", on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=32, unique=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "member"], name="one_invite_per_member")
        ]

    def __str__(self):
        return f"{self.statement} → {self.member}"


class SignOnAnswer(models.Model):
    """A member's answer. Every answer is also written to the consent ledger."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="answers")
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")
    signed = models.BooleanField()
    answered_by = models.CharField(max_length=200)
    answered_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    via = models.CharField(max_length=10)  # "email" or "app"
    answered_at = models.DateTimeField(default=timezone.now)
    late = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "member"], name="one_answer_per_member")
        ]

    def __str__(self):
        return f"{self.member}: {'in' if self.signed else 'out'}"


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members")
    CORE_TEAM = "core_team", _("Core Team")
    NAMED = "named", _("Only the people and teams named")


class Document(TimestampedModel):
    """The coalition's shared drive: files and links, each with a visibility."""

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="documents/", blank=True)
    url = models.URLField(_("link"), blank=True)
    visibility = models.CharField(
        _("who can see it"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    named_people = models.ManyToManyField("members.Person", blank=True, related_name="+")
    named_teams = models.ManyToManyField("members.Team", blank=True, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""), name="document_has_file_or_link"
            )
        ]

    def __str__(self):
        return self.title
