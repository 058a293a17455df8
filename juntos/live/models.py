from django.db import models


class MeetingVersion(models.Model):
    """How many times each live part of a meeting changed: the key of their ETags.

    Four counters, so a ballot does not make every quorum panel render again: attendance
    (check-ins, notices, attendance closed, members, and admissions, which change who
    votes), votes (motions and ballots), motions (a motion opened, closed or changed: what
    the motion page keeps) and agenda (rows and the row in progress). A change to the
    meeting itself bumps them all."""

    meeting = models.OneToOneField(
        "governance.Meeting",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="live_version",
    )
    attendance = models.BigIntegerField(default=0)
    votes = models.BigIntegerField(default=0)
    agenda = models.BigIntegerField(default=0)
    motions = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.meeting_id}@{self.attendance}.{self.votes}.{self.agenda}.{self.motions}"
