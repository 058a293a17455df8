"""Events: the coalition event playbook (seed 001's 15 steps), invitations, sign-in, the
action guests take right after, and the follow-ups.

By design there is no field for immigration status, citizenship or documents anywhere
here (DESIGN.md, "Privacy by design"); tests/events keeps it that way. Sign-ins hold only
what the event needs and are purged after the event's retention period, leaving counts.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.core.models import CalendarEntryModel, TimestampedModel
from juntos.core.translatable import TranslatableFields


class EventKind(models.TextChoices):
    COMMUNITY_FORUM = "community_forum", _("Community forum")
    EDUCATIONAL_FORUM = "educational_forum", _("Educational forum")
    PRESS_CONFERENCE = "press_conference", _("Press conference")
    VIGIL = "vigil", _("Vigil")
    RALLY = "rally", _("Rally")
    CAPITOL_DAY = "capitol_day", _("Day at the capitol")
    TRAINING = "training", _("Training")


def _kiosk_key():
    return secrets.token_hex(8)


class Event(TranslatableFields, TimestampedModel, CalendarEntryModel):
    TRANSLATED_FIELDS = ("title", "description", "accessibility_notes")
    CALENDAR_FIELDS = (
        "kind",
        "title",
        "slug",
        "description",
        "starts_at",
        "ends_at",
        "venue_name",
        "venue_address",
        "accessibility_notes",
        "status",
    )
    SEQUENCE_FIELDS = ("title", "starts_at", "ends_at", "venue_name", "venue_address", "status")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being planned")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    coalition = models.ForeignKey(
        "charter.Coalition", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind of event"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address of the public page"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("campaign"),
    )
    hosts = models.ManyToManyField(
        "members.Member", related_name="hosted_events", verbose_name=_("host organizations")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    accessibility_notes = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_(
            "Step-free entrance, transit, parking, interpretation, childcare: what your "
            "audience needs to come. A community center often serves better than a downtown office."
        ),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    principles = models.TextField(_("shared principles guests may endorse"), blank=True)
    postcard_message = models.TextField(_("postcard message"), blank=True)

    class PostcardOffice(models.TextChoices):
        DISTRICT = "district", _("The district office nearest the guest's ZIP")
        CAPITOL = "capitol", _("The Washington office")

    postcard_office = models.CharField(
        _("postcards go to"),
        max_length=10,
        choices=PostcardOffice.choices,
        default=PostcardOffice.DISTRICT,
    )
    invitation_subject = models.CharField(_("invitation subject"), max_length=200, blank=True)
    invitation_body = models.TextField(_("invitation"), blank=True)
    press_release = models.TextField(_("press release"), blank=True)
    retention_days = models.PositiveIntegerField(
        _("keep sign-in details for (days)"),
        default=90,
        help_text=_(
            "After this many days from the end of the event, names and contact "
            "details on the sign-in lists are erased; the counts stay."
        ),
    )
    signins_purged_at = models.DateTimeField(null=True, blank=True)
    kiosk_key = models.CharField(max_length=16, default=_kiosk_key)
    # The API's id, in the same UUID style as people's (`juntos:<uuid>`, /api/events/<uuid>).
    uuid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    # Other systems' ids for this event (e.g. `action_network:…`), kept and matched on.
    identifiers = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["coalition", "starts_at"])]
        constraints = [
            models.UniqueConstraint(fields=["coalition", "slug"], name="event_unique_slug"),
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status in (self.Status.PUBLISHED, self.Status.CANCELLED)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at)


class ChecklistStep(models.Model):
    """One of the playbook's steps for this event: who does it, by when, and whether it is done."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=30, blank=True)
    # Empty for the playbook's own steps: their words come from `key` in the reader's language.
    title = models.CharField(_("step"), max_length=300, blank=True)
    owner = models.ForeignKey(
        "members.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_steps",
        verbose_name=_("who"),
    )
    due_on = models.DateField(_("by when"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["event", "position"], name="step_unique_position")
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """What the step says, in the reader's language for the playbook's steps."""
        if not self.title and self.key:
            from juntos.events.rules import step_title

            return step_title(self.key)
        return self.title


class Speaker(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=200)
    affiliation = models.CharField(_("title or organization"), max_length=200, blank=True)
    perspective = models.CharField(_("perspective they bring"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.name


class Guest(TimestampedModel):
    """A distinguished guest: an elected official, their staff, a community leader."""

    class Rsvp(models.TextChoices):
        PENDING = "pending", _("No answer yet")
        YES = "yes", _("Coming")
        NO = "no", _("Not coming")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="guests")
    contact = models.ForeignKey(
        "relationships.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_invitations",
        verbose_name=_("from the directory"),
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title or position"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=[("en", "English"), ("es", "Español")], default="en"
    )
    personal_note = models.TextField(_("personal note"), blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    rsvp = models.CharField(max_length=8, choices=Rsvp.choices, default=Rsvp.PENDING)
    rsvp_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "contact"],
                condition=Q(contact__isnull=False),
                name="guest_unique_contact",
            )
        ]

    def __str__(self):
        return self.name


class SignInList(models.TextChoices):
    GUEST = "guest", _("Guests")
    PRESS = "press", _("Press")


class SignIn(models.Model):
    """One signature on a sign-in list. Only what the event needs; purged after retention."""

    class Source(models.TextChoices):
        KIOSK = "kiosk", _("Kiosk")
        PAPER = "paper", _("Paper sheet")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="signins")
    list = models.CharField(max_length=8, choices=SignInList.choices)
    client_id = models.CharField(max_length=64)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    organization = models.CharField(_("organization or outlet"), max_length=200, blank=True)
    may_contact = models.BooleanField(_("may be contacted"), default=False)
    member = models.ForeignKey(
        "members.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey(
        "members.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact = models.ForeignKey(
        "relationships.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.KIOSK)
    signed_at = models.DateTimeField(default=timezone.now)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A match to the coalition's people or members counts (attendance, standing) only
    # once a host confirms it or the person confirms by the link mailed to its address.
    credited_at = models.DateTimeField(null=True, blank=True)
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["signed_at", "id"]
        indexes = [models.Index(fields=["event", "list", "signed_at"])]
        constraints = [
            models.UniqueConstraint(fields=["event", "client_id"], name="signin_unique_client_id")
        ]

    def __str__(self):
        return self.name or str(_("(erased)"))


class EventAction(models.Model):
    """An action taken right after the event: a postcard to a congressional office or an
    endorsement of the shared principles."""

    class Kind(models.TextChoices):
        POSTCARD = "postcard", _("Postcard to a member of Congress")
        ENDORSE = "endorse", _("Endorsed the shared principles")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    signin = models.ForeignKey(
        SignIn, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    office = models.ForeignKey(
        "relationships.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("office"),
    )
    office_name = models.CharField(_("member of Congress"), max_length=200, blank=True)
    office_address = models.TextField(_("office address"), blank=True)
    # The guest's own address, printed as the card's return address only when they give
    # it; erased with the sign-in details.
    return_address = models.TextField(_("return address"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["event", "kind"])]
        constraints = [
            # One endorsement per signature; one postcard per signature and office ("I
            # don't know" my district sends one to each candidate).
            models.UniqueConstraint(
                fields=["signin", "kind"],
                condition=Q(signin__isnull=False, kind="endorse"),
                name="action_one_endorsement_per_signin",
            ),
            models.UniqueConstraint(
                fields=["signin", "office"],
                condition=Q(signin__isnull=False, kind="postcard", office__isnull=False),
                name="action_one_postcard_per_office",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name}"


class EventAttendance(models.Model):
    """Who came, as the coalition counts it: a member organization and/or one of its people."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(
        "members.Member",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_attendance",
    )
    person = models.ForeignKey(
        "members.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_attendance",
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=False) | Q(person__isnull=False),
                name="event_attendance_someone",
            ),
            models.UniqueConstraint(
                fields=["event", "member"],
                condition=Q(person__isnull=True),
                name="event_attendance_unique_member",
            ),
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=Q(person__isnull=False),
                name="event_attendance_unique_person",
            ),
        ]

    def __str__(self):
        return f"{self.person or self.member} at {self.event}"


class EventFollowUp(TimestampedModel):
    """A follow-up with an elected official or their staff after the event: a task."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="follow_ups")
    contact = models.ForeignKey(
        "relationships.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("official or staff"),
    )
    text = models.CharField(_("follow-up"), max_length=300)
    owner = models.ForeignKey(
        "members.Person",
        on_delete=models.CASCADE,
        related_name="event_follow_ups",
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
