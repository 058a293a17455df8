"""Every saved or deleted row that shows on a live panel bumps its meeting's version.

The receivers run inside the service's transaction, so the bump commits (or rolls back)
with the change itself. Queryset .update() sends no signal: a service that changes live
facts that way must call versions.bump() itself."""

from django.db.models import F
from django.db.models.signals import post_delete, post_save

from juntos.charter.rules import ADMIT_MEMBER
from juntos.live import versions


def _saved(signal) -> bool:
    return signal is post_save


def _meeting(sender, instance, **kwargs):
    versions.bump(instance.pk, *versions.PARTS)


def _attendance(sender, instance, signal, **kwargs):
    versions.bump(instance.meeting_id, "attendance", create=_saved(signal))


def _motion(sender, instance, signal, **kwargs):
    # Only an admission changes who votes (the voting picture, the quorum panel): opening or
    # closing any other motion leaves every quorum panel and the pictures as they are.
    parts = ["votes", "motions"]
    if instance.kind == ADMIT_MEMBER:
        parts.append("attendance")
    versions.bump(instance.meeting_id, *parts, create=_saved(signal))


def _agenda(sender, instance, signal, **kwargs):
    versions.bump(instance.meeting_id, "agenda", create=_saved(signal))


def _ballot(sender, instance, signal, **kwargs):
    if _saved(signal):
        # The service creates the ballot with its (locked) motion, so this reads no row.
        versions.bump(instance.motion.meeting_id, "votes")
    else:  # deleted, perhaps with its motion and meeting: one UPDATE, never an insert
        from juntos.live.models import MeetingVersion

        MeetingVersion.objects.filter(meeting__motions=instance.motion_id).update(
            votes=F("votes") + 1
        )


def _member(sender, instance, created=False, **kwargs):
    # A member's standing or name shows on the quorum panel of today's meetings.
    if not created:
        versions.bump_coalition_today(instance.coalition_id)


def _coalition_wide(sender, instance, **kwargs):
    # Who votes today also follows primary contacts and the charter in force.
    versions.bump_coalition_today(instance.coalition_id)


def connect() -> None:
    from juntos.charter.models import CharterVersion
    from juntos.governance.models import (
        AbsenceNotice,
        AgendaItem,
        Attendance,
        Ballot,
        Meeting,
        Motion,
    )
    from juntos.members.models import Member, Person

    uid = "juntos.live"
    post_save.connect(_meeting, sender=Meeting, dispatch_uid=f"{uid}.meeting")
    for signal in (post_save, post_delete):
        for model, receiver in (
            (Attendance, _attendance),
            (AbsenceNotice, _attendance),
            (AgendaItem, _agenda),
            (Motion, _motion),
        ):
            signal.connect(receiver, sender=model, dispatch_uid=f"{uid}.{model.__name__}")
        signal.connect(_ballot, sender=Ballot, dispatch_uid=f"{uid}.ballot")
        signal.connect(_member, sender=Member, dispatch_uid=f"{uid}.member")
        signal.connect(_coalition_wide, sender=Person, dispatch_uid=f"{uid}.person")
        signal.connect(_coalition_wide, sender=CharterVersion, dispatch_uid=f"{uid}.charter")
