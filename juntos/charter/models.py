from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.charter import rules as charter_rules
from juntos.core.models import TimestampedModel


class Coalition(TimestampedModel):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    host_name = models.CharField(
        _("host organization"), max_length=200, help_text=_("Who convenes the coalition.")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="state_tables",
        verbose_name=_("network"),
    )
    # Hosts may require two-step sign-in (an authenticator app) for hosts and Core Team.
    require_two_factor = models.BooleanField(
        _("require two-step sign-in for hosts and Core Team"), default=False
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def charter_in_force(self, on=None):
        """The CharterVersion governing `on` (today by default)."""
        on = on or timezone.localdate()
        versions = list(self.charter_versions.all())
        ref = charter_rules.version_in_force(
            [charter_rules.VersionRef(v.number, v.effective_from) for v in versions], on
        )
        if ref is None:
            return None
        return next(v for v in versions if v.number == ref.number)


class CharterVersion(models.Model):
    """One version of a coalition's charter. Versions are never edited: an amendment adds one."""

    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="charter_versions"
    )
    number = models.PositiveIntegerField()
    effective_from = models.DateField(_("in force from"))
    mission = models.TextField(_("mission"))
    values = models.JSONField(_("values"), default=list)  # [{"name": ..., "text": ...}]
    agreements = models.JSONField(_("community agreements"), default=list)
    rules = models.JSONField(_("rules"), default=dict)
    summary = models.CharField(_("what changed"), max_length=300)
    reason = models.TextField(_("why"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "number"], name="charter_version_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.coalition} v{self.number}"

    @property
    def parsed_rules(self) -> charter_rules.CharterRules:
        return charter_rules.rules_from_dict(self.rules)
