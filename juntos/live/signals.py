"""Every saved or deleted row that shows on a live panel bumps its meeting's version.

The receivers run inside the service's transaction, so the bump commits (or rolls back)
with the change itself. Queryset .update() sends no signal: a service that changes live
facts that way must call versions.bump() itself."""

from django.db.models.signals import post_delete, post_save

from juntos.live import versions


def _meeting(sender, instance, **kwargs):
    versions.bump(instance.pk, *versions.PARTS)


def _attendance(sender, instance, **kwargs):
    versions.bump(instance.meeting_id, "attendance")


def _motion(sender, instance, **kwargs):
    # A motion opened or closed (an admission) also changes who votes: the quorum panel.
    versions.bump(instance.meeting_id, "votes", "attendance")


def _agenda(sender, instance, **kwargs):
    versions.bump(instance.meeting_id, "agenda")


def _ballot(sender, instance, **kwargs):
    # The service creates the ballot with its (locked) motion, so this reads no row.
    versions.bump(instance.motion.meeting_id, "votes")


def _member(sender, instance, created=False, **kwargs):
    # A member's standing or name shows on the quorum panel of today's meetings.
    if not created:
        versions.bump_coalition_today(instance.coalition_id)


def _coalition_wide(sender, instance, **kwargs):
    # Who votes today also follows primary contacts, the charter in force and the absences
    # counted at the year's other meetings.
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
