from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConsentKind(models.TextChoices):
    CONTACT_SHARING = "contact_sharing", _("Share my contact details with other members")
    NAME = "name", _("Use of name")
    LOGO = "logo", _("Use of logo")
    SIGN_ON = "sign_on", _("Sign-on to a statement")


class ConsentEvent(models.Model):
    """One grant or revocation. The latest event per subject and kind is what holds now."""

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="consent_events"
    )
    person = models.ForeignKey(
        "members.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="consents"
    )
    member = models.ForeignKey(
        "members.Member", null=True, blank=True, on_delete=models.CASCADE, related_name="consents"
    )
    kind = models.CharField(max_length=30, choices=ConsentKind.choices)
    granted = models.BooleanField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)
    reference = models.CharField(max_length=60, blank=True)  # e.g. "statement:12"

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "kind", "-at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(member__isnull=False),
                name="consent_has_subject",
            )
        ]

    def __str__(self):
        verb = "granted" if self.granted else "revoked"
        return f"{self.person or self.member}: {self.kind} {verb}"
