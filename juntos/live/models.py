from django.db import models


class MeetingVersion(models.Model):
    """How many times a meeting's live parts changed: the key of their ETags."""

    meeting = models.OneToOneField(
        "governance.Meeting",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="live_version",
    )
    version = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.meeting_id}@{self.version}"
