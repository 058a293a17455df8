from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CHARTER_ADOPTED = "charter.adopted", _("Charter adopted")
    CHARTER_AMENDED = "charter.amended", _("Charter amended")
    APPLICATION_SUBMITTED = "application.submitted", _("Application submitted")
    APPLICATION_QUESTION = "application.question", _("Question asked of an applicant")
    APPLICATION_STATUS = "application.status", _("Application status changed")
    MEMBER_ADDED = "member.added", _("Member added")
    MEMBER_CHANGED = "member.changed", _("Member changed")
    MEMBER_REMOVED = "member.removed", _("Member removed")
    PERSON_ADDED = "person.added", _("Person added")
    PERSON_CHANGED = "person.changed", _("Person changed")
    ROLE_CHANGED = "role.changed", _("Role changed")
    TEAM_CHANGED = "team.changed", _("Team membership changed")
    INVITATION_SENT = "invitation.sent", _("Invitation sent")
    INVITATION_ACCEPTED = "invitation.accepted", _("Invitation accepted")
    INVITATION_RESENT = "invitation.resent", _("Invitation sent again")
    INVITATION_REVOKED = "invitation.revoked", _("Invitation revoked")
    PASSWORD_CHANGED = "password.changed", _("Password changed")
    TWO_FACTOR_CHANGED = "twofactor.changed", _("Two-factor sign-in changed")
    ACCESS_ENDED = "access.ended", _("Access ended on leaving a member")
    CONSENT_GRANTED = "consent.granted", _("Consent granted")
    CONSENT_REVOKED = "consent.revoked", _("Consent revoked")
    MEETING_SCHEDULED = "meeting.scheduled", _("Meeting scheduled")
    MEETING_CHANGED = "meeting.changed", _("Meeting moved, cancelled or changed")
    AGENDA_CHANGED = "agenda.changed", _("Agenda changed")
    AGENDA_PUBLISHED = "agenda.published", _("Agenda published")
    ABSENCE_NOTIFIED = "absence.notified", _("Absence notified")
    ABSENCE_WITHDRAWN = "absence.withdrawn", _("Notice of absence withdrawn")
    ATTENDANCE_RECORDED = "attendance.recorded", _("Attendance recorded")
    ATTENDANCE_CLOSED = "attendance.closed", _("Attendance closed")
    ATTENDANCE_REOPENED = "attendance.reopened", _("Closing attendance undone")
    MOTION_OPENED = "motion.opened", _("Motion opened")
    BALLOT_CAST = "ballot.cast", _("Ballot cast")
    MOTION_CLOSED = "motion.closed", _("Motion closed")
    REVIEW_RAISED = "review.raised", _("Removal review raised")
    PRIORITY_PROPOSED = "priority.proposed", _("Issue priority proposed")
    PRIORITY_CHANGED = "priority.changed", _("Issue priority changed")
    MINUTES_CHANGED = "minutes.changed", _("Minutes changed")
    MINUTES_PUBLISHED = "minutes.published", _("Minutes published")
    FOLLOWUP_CHANGED = "followup.changed", _("Follow-up changed")
    CONTACT_ADDED = "contact.added", _("Contact added")
    CONTACT_CHANGED = "contact.changed", _("Contact changed")
    RELATIONSHIP_ADDED = "relationship.added", _("Relationship added")
    RELATIONSHIP_CHANGED = "relationship.changed", _("Relationship changed")
    POWER_PLACED = "power.placed", _("Placed on the power map")
    PIPELINE_CHANGED = "pipeline.changed", _("Business pipeline changed")
    LETTER_CHANGED = "letter.changed", _("Letter template changed")
    LETTERS_MERGED = "letters.merged", _("Letters merged")
    ONE_TO_ONE_LOGGED = "onetoone.logged", _("One-to-one logged")
    ENGAGEMENT_STEP = "engagement.step", _("Step on the ladder of engagement")
    OFFICIALS_IMPORTED = "officials.imported", _("Officials imported")
    CAMPAIGN_CHANGED = "campaign.changed", _("Campaign or strategy chart changed")
    GOAL_CHANGED = "goal.changed", _("Campaign goal or progress changed")
    DELIVERABLE_CHANGED = "deliverable.changed", _("Campaign deliverable changed")
    TACTIC_PLANNED = "tactic.planned", _("Campaign action planned or changed")
    KEY_DATE_CHANGED = "keydate.changed", _("Campaign key date changed")
    DM_MEETING_CHANGED = "dmmeeting.changed", _("Decision-maker meeting changed")
    BILL_CHANGED = "bill.changed", _("Tracked bill changed")
    SURVEY_CHANGED = "survey.changed", _("Survey or listening session changed")
    EVENT_PLANNED = "event.planned", _("Event planned")
    EVENT_CHANGED = "event.changed", _("Event changed")
    EVENT_STEP = "event.step", _("Event checklist step changed")
    EVENT_GUESTS = "event.guests", _("Event guests or invitations changed")
    EVENT_SIGNINS = "event.signins", _("Event sign-in lists changed")
    EVENT_ATTENDANCE = "event.attendance", _("Event attendance recorded")
    EVENT_FOLLOWUP = "event.followup", _("Event follow-up changed")
    EVENT_PURGED = "event.purged", _("Event sign-in details erased")
    PRIVACY_SETTINGS = "privacy.settings", _("Retention periods changed")
    PRIVACY_PURGED = "privacy.purged", _("Records past their retention period erased")
    PERSON_EXPORTED = "person.exported", _("A person's data exported")
    ERASURE_REQUESTED = "erasure.requested", _("Erasure requested")
    PERSON_ERASED = "person.erased", _("A person erased")
    LOCKDOWN_STARTED = "lockdown.started", _("Lockdown started")
    LOCKDOWN_LIFT_ASKED = "lockdown.lift_asked", _("Lifting the lockdown asked")
    LOCKDOWN_LIFTED = "lockdown.lifted", _("Lockdown lifted")
    STATEMENT_PUBLISHED = "statement.published", _("Statement published")
    SIGNON_WITHDRAWN = "signon.withdrawn", _("Sign-on answer withdrawn")


class AuditEntry(models.Model):
    """Who did what to which record, when, with the values before and after."""

    coalition = models.ForeignKey(
        "charter.Coalition", null=True, on_delete=models.CASCADE, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=40, choices=Action.choices)
    target_type = models.CharField(max_length=60)
    target_id = models.CharField(max_length=40)
    target_label = models.CharField(max_length=300)
    changes = models.JSONField(default=dict)  # {field: [before, after]}
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["coalition", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_label}"
