"""Privacy settings per coalition (retention, lockdown), erasure requests and the access log."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PrivacySettings(models.Model):
    """How long each kind of sensitive record is kept, and the lockdown switch.

    One row per coalition, made on first use with the defaults below.
    """

    coalition = models.OneToOneField(
        "charter.Coalition", on_delete=models.CASCADE, related_name="privacy"
    )
    signin_days = models.PositiveIntegerField(
        _("event sign-ins and kiosk names (days after the event)"), default=90
    )
    one_to_one_days = models.PositiveIntegerField(
        _("one-to-one notes (days after the conversation)"), default=730
    )
    application_days = models.PositiveIntegerField(
        _("applications never admitted (days after the last change)"), default=365
    )
    notice_days = models.PositiveIntegerField(
        _("delivered notices: addresses and mail bodies (days after sending)"), default=180
    )
    webhook_log_days = models.PositiveIntegerField(_("webhook delivery logs (days)"), default=30)
    access_log_days = models.PositiveIntegerField(_("record of who read what (days)"), default=365)
    erasure_days = models.PositiveIntegerField(
        _("answer an erasure request within (days)"), default=30
    )
    lockdown_lift_hours = models.PositiveIntegerField(
        _("one host may lift a lockdown alone after (hours)"), default=72
    )
    locked_at = models.DateTimeField(null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lift_requested_at = models.DateTimeField(null=True, blank=True)
    lift_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    PERIOD_FIELDS = (
        "signin_days",
        "one_to_one_days",
        "application_days",
        "notice_days",
        "webhook_log_days",
        "access_log_days",
        "erasure_days",
        "lockdown_lift_hours",
    )

    class Meta:
        verbose_name_plural = "privacy settings"

    def __str__(self):
        return f"privacy settings #{self.pk}"

    @property
    def locked(self) -> bool:
        return self.locked_at is not None


class ErasureRequest(models.Model):
    """A person asked the coalition to erase what it holds about them."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for a host")
        DONE = "done", _("Erased")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="erasure_requests"
    )
    person = models.ForeignKey(
        "members.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self):
        return f"erasure request #{self.pk}"


class AccessKind(models.TextChoices):
    CONTACT = "contact", _("Contact details")
    SIGNINS = "signins", _("Sign-in list")
    ONE_TO_ONE = "one_to_one", _("One-to-one notes")
    EXPORT = "export", _("Data export")


class AccessRecord(models.Model):
    """Someone other than the person displayed or exported something sensitive about them.

    Written in one bulk insert at the end of the request (see privacy.accesslog).
    `person` is empty for lists that are not about one of the coalition's people (an
    event's sign-in list); `ref` then says which ("event:12").
    """

    coalition = models.ForeignKey("charter.Coalition", on_delete=models.CASCADE, related_name="+")
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey(
        "members.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    what = models.CharField(max_length=12, choices=AccessKind.choices)
    ref = models.CharField(max_length=40, blank=True)
    page = models.CharField(max_length=200, blank=True)
    token = models.ForeignKey(
        "api.ApiToken", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["person", "-at"]),
            models.Index(fields=["coalition", "at"]),
        ]

    def __str__(self):
        return f"access #{self.pk}"
