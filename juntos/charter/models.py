from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.charter import rules as charter_rules
from juntos.core.models import TimestampedModel
from juntos.core.translatable import TranslatableFields


class Coalition(TimestampedModel):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    host_name = models.CharField(
        _("host organization"), max_length=200, help_text=_("Who convenes the coalition.")
    )
    # The host organization's postal address: the sender's address on printed letters and
    # invitations. One line per line of the envelope.
    postal_address = models.TextField(_("postal address"), blank=True)
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
    languages = models.JSONField(_("languages"), default=list, blank=True)  # ["en", "es"]
    # The first host's set-up guide: {step: "done" | "skipped"}; finished when the date is set.
    setup_steps = models.JSONField(default=dict, blank=True)
    setup_finished_at = models.DateTimeField(null=True, blank=True)
    # Which layers of the structure the coalition uses and what it calls them:
    # {"support_pods": {"used": false}, "full_coalition": {"name": "Asamblea"}}; absent = used,
    # with the usual name.
    structure = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def primary_language(self) -> str:
        """The first of the languages chosen at set-up, else the site's default."""
        codes = {code for code, _name in settings.LANGUAGES}
        first = next((c for c in self.languages or [] if c in codes), None)
        return first or settings.LANGUAGE_CODE

    def charter_in_force(self, on=None):
        """The CharterVersion governing `on` (today by default)."""
        on = on or timezone.localdate()
        # The charter gate (charter/setup.py) reads the versions once per request.
        versions = self.__dict__.get("_versions_cache")
        if versions is None:
            versions = list(self.charter_versions.all())
        ref = charter_rules.version_in_force(
            [charter_rules.VersionRef(v.number, v.effective_from) for v in versions], on
        )
        if ref is None:
            return None
        return next(v for v in versions if v.number == ref.number)


class CharterVersion(TranslatableFields, models.Model):
    """One version of a coalition's charter. Versions are never edited: an amendment adds one.

    The mission, values and agreements may come in several languages: the fields hold the
    original, `translations` the others ({"es": {"mission": ..., "values": [...]}}).
    """

    TRANSLATED_FIELDS = ("mission", "values", "agreements")

    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="charter_versions"
    )
    number = models.PositiveIntegerField()
    effective_from = models.DateField(_("in force from"))
    mission = models.TextField(_("mission"))
    values = models.JSONField(_("values"), default=list)  # [{"name": ..., "text": ...}]
    agreements = models.JSONField(_("community agreements"), default=list)
    rules = models.JSONField(_("rules"), default=dict)

    class Adoption(models.TextChoices):
        FOUNDING = "founding", _("Founding charter, from a template")
        MOTION = "motion", _("Adopted by a motion at a meeting")
        OUTSIDE = "outside", _("Adopted outside Juntos")
        RECORDED = "recorded", _("Recorded by a host")

    summary = models.CharField(_("what changed"), max_length=300)
    adopted_how = models.CharField(
        _("how it was adopted"), max_length=10, choices=Adoption.choices, default="recorded"
    )
    adopted_by_body = models.CharField(_("adopted by"), max_length=200, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    motion_id = models.PositiveIntegerField(null=True, blank=True)  # governance.Motion
    template = models.CharField(max_length=20, blank=True)  # founding version's template
    changed_rules = models.JSONField(default=list, blank=True)  # the rule keys it names
    # A copy of a later version with an earlier-dated amendment's changes carried onto it.
    carried_from = models.PositiveIntegerField(null=True, blank=True)
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


class CoalitionRequest(models.Model):
    """Someone asks to start a coalition (when JUNTOS_COALITION_REQUESTS is on); an operator
    approves it (the coalition is made, the asker its host) or declines it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an operator")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coalition_requests"
    )
    name = models.CharField(_("coalition name"), max_length=200)
    slug = models.SlugField(_("web address"))
    template = models.CharField(max_length=10, default="simple")
    language = models.CharField(max_length=8, default="en")
    message = models.TextField(_("who you are and why"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    coalition = models.ForeignKey(Coalition, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.status})"
