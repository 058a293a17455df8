"""Motions and ballots: opening, casting under the motion's row lock, closing, and outcomes."""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.audit.log import audit_record
from juntos.audit.models import Action
from juntos.charter import rules as charter_rules
from juntos.charter.services import charter_amend
from juntos.governance import phrases, rules, selectors
from juntos.governance.models import (
    AgendaItem,
    Ballot,
    IssuePriority,
    Meeting,
    Motion,
    RemovalReview,
)
from juntos.governance.services.base import (
    GovernanceError,
    meeting_day_check,
    send_to,
)
from juntos.governance.services.priorities import cap_message, priority_cap, priority_set
from juntos.live.versions import ballot_picture
from juntos.members import services as member_services
from juntos.members.models import Application, Member, Person

# --- Motions and ballots -------------------------------------------------------------------


def motion_open(
    *,
    meeting: Meeting,
    actor,
    kind: str,
    text: str,
    subject_member: Member | None = None,
    subject_application: Application | None = None,
    subject_priority: IssuePriority | None = None,
    amendment: dict | None = None,
    agenda_item: AgendaItem | None = None,
) -> Motion:
    if kind not in charter_rules.DECISION_KINDS:
        raise GovernanceError(_("Unknown kind of motion."))
    if meeting.is_cancelled:
        raise GovernanceError(_("This meeting is cancelled."))
    if meeting.kind == Meeting.Kind.CORE_TEAM:
        raise GovernanceError(
            _("The coalition decides at regular and special meetings, not Core Team meetings.")
        )
    coalition_id = meeting.coalition_id
    charter = selectors.rules_for(meeting.coalition, meeting.local_date)
    if kind == charter_rules.ADMIT_MEMBER and (
        subject_application is None
        or subject_application.coalition_id != coalition_id
        or subject_application.status != Application.Status.READY
    ):
        raise GovernanceError(_("Choose an application that is ready for a vote."))
    if kind == charter_rules.REMOVE_MEMBER and (
        subject_member is None
        or subject_member.coalition_id != coalition_id
        or subject_member.status != Member.Status.ACTIVE
    ):
        raise GovernanceError(_("Choose an active member."))
    if kind in (charter_rules.ADOPT_PRIORITY, charter_rules.DISSOLVE_PRIORITY):
        wanted = (
            IssuePriority.Status.PROPOSED
            if kind == charter_rules.ADOPT_PRIORITY
            else IssuePriority.Status.ACTIVE
        )
        if (
            subject_priority is None
            or subject_priority.coalition_id != coalition_id
            or subject_priority.status != wanted
        ):
            raise GovernanceError(
                _("Choose a proposed issue priority.")
                if kind == charter_rules.ADOPT_PRIORITY
                else _("Choose an active issue priority.")
            )
        if kind == charter_rules.ADOPT_PRIORITY:
            cap = priority_cap(meeting.coalition, charter)
            if not cap.allowed:
                raise GovernanceError(cap_message(cap), cap.rule)
    if kind == charter_rules.AMEND_CHARTER:
        amendment = amendment or {}
        if not (amendment.get("summary") or "").strip():
            raise GovernanceError(_("Say what the amendment changes."))
        current = meeting.coalition.charter_in_force().rules
        try:
            charter_rules.rules_from_dict({**current, **(amendment.get("rules") or {})})
        except charter_rules.RulesError as error:
            raise GovernanceError(str(error)) from None
    if not (text or "").strip():
        raise GovernanceError(_("Write the motion."))
    meeting_day_check(meeting)
    with transaction.atomic():
        picture = selectors.voting_picture(meeting)
        opening = rules.motion_opening_allowed(kind=kind, quorum=picture.quorum, rules=charter)
        if not opening:
            raise GovernanceError(opening.reason, opening.rule)
        motion = Motion.objects.create(
            meeting=meeting,
            agenda_item=agenda_item,
            kind=kind,
            text=text.strip(),
            subject_member=subject_member if kind == charter_rules.REMOVE_MEMBER else None,
            subject_application=subject_application if kind == charter_rules.ADMIT_MEMBER else None,
            subject_priority=subject_priority
            if kind in (charter_rules.ADOPT_PRIORITY, charter_rules.DISSOLVE_PRIORITY)
            else None,
            amendment=amendment if kind == charter_rules.AMEND_CHARTER else {},
            opened_by=actor,
        )
        audit_record(
            coalition=meeting.coalition,
            actor=actor,
            action=Action.MOTION_OPENED,
            target=motion,
            changes={"kind": [None, kind], "text": [None, motion.text]},
        )
    return motion


def _status_shared_by_ballots(motion_pk: int) -> str:
    """The motion's status, its row locked against the close: on PostgreSQL in share mode
    (FOR SHARE), so ballots go on side by side, while the close, which locks the row for
    update, waits for the ballots under way and is seen by those after it. (One ballot at a
    time behind an exclusive lock held up a room of 2,000.) Only the status is read: the rest
    of a motion does not change while it is open."""
    if connection.vendor != "postgresql":  # SQLite writes one transaction at a time anyway
        return Motion.objects.values_list("status", flat=True).get(pk=motion_pk)
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(Motion._meta.db_table)
        cursor.execute(f"SELECT status FROM {table} WHERE id = %s FOR SHARE", [motion_pk])  # noqa: S608
        row = cursor.fetchone()
    if row is None:
        raise Motion.DoesNotExist
    return row[0]


def _first_ballot(motion: Motion, member: Member, choice: str, actor) -> Ballot | None:
    """The member's first ballot, or None if it has one (or another cast is inserting it:
    the statement waits for that one to commit). One statement, where reading first and
    inserting in a savepoint took four: at an assembly nearly every ballot is a first one."""
    at = timezone.now()
    table = connection.ops.quote_name(Ballot._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (motion_id, member_id, choice, cast_by_id, at) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (motion_id, member_id) DO NOTHING "
            "RETURNING id",
            [
                motion.pk,
                member.pk,
                choice,
                getattr(actor, "pk", None),
                connection.ops.adapt_datetimefield_value(at),
            ],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    ballot = Ballot(pk=row[0], motion=motion, member=member, choice=choice, at=at)
    ballot.cast_by_id = getattr(actor, "pk", None)
    ballot._state.adding = False
    ballot._state.db = connection.alias
    # What saving it through the ORM would have told its listeners (the live counters).
    post_save.send(
        sender=Ballot,
        instance=ballot,
        created=True,
        update_fields=None,
        raw=False,
        using=connection.alias,
    )
    return ballot


def _members_ballot(motion: Motion, member: Member, choice: str, actor) -> tuple:
    """The member's ballot, set to `choice`, and its choice before (None when new). Its row
    is locked: two casts for one member at the same moment take turns."""
    created = _first_ballot(motion, member, choice, actor)
    if created is not None:
        return created, None
    ballot = Ballot.objects.select_for_update().filter(motion=motion, member=member).first()
    if ballot is None:  # withdrawn meanwhile (the motion's deletion): as a first ballot
        try:
            with transaction.atomic():  # a savepoint: the other cast may insert it first
                created = Ballot.objects.create(
                    motion=motion, member=member, choice=choice, cast_by=actor
                )
            return created, None
        except IntegrityError:
            ballot = Ballot.objects.select_for_update().get(motion=motion, member=member)
    before = ballot.choice
    if before != choice:
        ballot.choice = choice
        ballot.cast_by = actor
        ballot.at = timezone.now()
        ballot.save(update_fields=["choice", "cast_by", "at"])
    return ballot, before


def ballot_cast(
    *, motion: Motion, member: Member, choice: str, actor, person: Person | None = None
) -> Ballot:
    """Record a member's ballot. The motion row is locked against the close (ballots share
    it): one ballot per member (changed, never duplicated), none after the close. When `person`
    casts it (not a host recording it), it must be whoever checked in for the member. The
    motion's status, read under the lock, is set on `motion`: the caller knows what it was."""
    if choice not in rules.CHOICES:
        raise GovernanceError(_("Choose yes, no or abstain."))
    # At 2,000 members the picture takes ~100 ms to compute: done here, before the lock, not
    # under it while every other ballot waits. The ballot is still checked against the
    # picture of the attendance counter read under the lock.
    ballot_picture(motion.meeting, warm=True)
    with transaction.atomic():
        motion.status = _status_shared_by_ballots(motion.pk)
        if not motion.is_open:
            raise GovernanceError(_("Voting on this motion is closed."))
        meeting = motion.meeting
        meeting_day_check(meeting)
        picture = ballot_picture(meeting)  # reused while the attendance counter stands
        allowed = picture.ballot_allowed(member.pk, motion)
        if not allowed.allowed:
            raise GovernanceError(allowed.reason, allowed.rule)
        attendance = picture.present.get(member.pk)
        if (
            person is not None
            and attendance is not None
            and attendance.person_id not in (None, person.pk)
        ):
            raise GovernanceError(
                _("%(who)s checked in for %(member)s and casts its vote.")
                % {"who": attendance.person, "member": member},
                _("Each voting member present has one ballot."),
            )
        ballot, before = _members_ballot(motion, member, choice, actor)
        if before != choice:
            audit_record(
                coalition=meeting.coalition,
                actor=actor,
                action=Action.BALLOT_CAST,
                target=motion,
                changes={
                    "member": [None, str(member)],
                    "choice": [before, choice],
                    "person": [None, str(person) if person else None],
                },
            )
    return ballot


def motion_close(*, motion: Motion, actor) -> Motion:
    """Close the vote: tally the stored ballots under the lock and apply the outcome."""
    with transaction.atomic():
        locked = Motion.objects.select_for_update().get(pk=motion.pk)
        if not locked.is_open:
            raise GovernanceError(_("Voting on this motion is already closed."))
        meeting = Meeting.objects.select_related("coalition").get(pk=locked.meeting_id)
        picture = selectors.voting_picture(meeting)
        choices = list(locked.ballots.values_list("member_id", "choice"))
        voters = {m for m, _c in choices}
        eligible = rules.eligible_voters(
            voting_ids=picture.voting_ids,
            present_ids=picture.present,
            kind=locked.kind,
            subject_member_id=locked.subject_member_id,
        )
        yes, no, abstain = rules.count_choices(c for _m, c in choices)
        result = rules.tally(
            kind=locked.kind,
            yes=yes,
            no=no,
            abstain=abstain,
            eligible=len(eligible | voters),
            rules=picture.rules,
            voting=len(set(picture.voting_ids) - {locked.subject_member_id}),
        )
        needs_quorum = picture.rules.threshold(locked.kind).requires_quorum
        outcome = {}
        # Facts only: the words are rendered per reader by governance.phrases.
        locked.rule_cited = locked.outcome = ""
        if needs_quorum and not picture.quorum.met:
            locked.result = Motion.Result.NO_QUORUM
        else:
            locked.result = Motion.Result.PASSED if result.passed else Motion.Result.FAILED
            if result.passed:
                outcome = _apply_outcome_once(locked, meeting, actor, picture.rules)
            if locked.kind == charter_rules.REMOVE_MEMBER:
                RemovalReview.objects.filter(
                    member_id=locked.subject_member_id, status=RemovalReview.Status.OPEN
                ).update(status=RemovalReview.Status.DECIDED, updated_at=timezone.now())
        locked.tally = phrases.motion_facts(
            kind=locked.kind,
            tally=result,
            quorum=picture.quorum.result,
            rules=picture.rules,
            outcome=outcome,
        )
        locked.status = Motion.Status.CLOSED
        locked.closed_by = actor
        locked.closed_at = timezone.now()
        locked.save(
            update_fields=[
                "status",
                "result",
                "tally",
                "rule_cited",
                "outcome",
                "closed_by",
                "closed_at",
                "updated_at",
            ]
        )
        audit_record(
            coalition=meeting.coalition,
            actor=actor,
            action=Action.MOTION_CLOSED,
            target=locked,
            changes={
                "result": [None, locked.result],
                "tally": [None, f"{result.yes}/{result.no}/{result.abstain}"],
                "rule": [None, result.vote_rule],
                "outcome": [None, outcome or None],
            },
        )
    return locked


def _already_decided(motion: Motion) -> dict:
    """The facts of why a passed motion changes nothing because another one on the same
    subject was decided first (admitted, removed, adopted, dissolved), or {}; the words are
    governance.phrases'."""
    kind = motion.kind
    if kind == charter_rules.ADMIT_MEMBER and motion.subject_application_id:
        app = Application.objects.get(pk=motion.subject_application_id)
        if not app.is_open:
            return {"already": "application", "name": app.display_name, "status": app.status}
    if kind == charter_rules.REMOVE_MEMBER and motion.subject_member_id:
        member = Member.objects.get(pk=motion.subject_member_id)
        if member.status == Member.Status.REMOVED:
            return {"already": "removed", "name": member.name}
    if motion.subject_priority_id and kind in (
        charter_rules.ADOPT_PRIORITY,
        charter_rules.DISSOLVE_PRIORITY,
    ):
        priority = IssuePriority.objects.get(pk=motion.subject_priority_id)
        done = (
            IssuePriority.Status.ACTIVE
            if kind == charter_rules.ADOPT_PRIORITY
            else IssuePriority.Status.ARCHIVED
        )
        if priority.status == done:
            return {"already": "priority", "title": priority.title, "status": priority.status}
    return {}


def _apply_outcome_once(motion: Motion, meeting: Meeting, actor, charter) -> dict:
    """Apply a passed motion, unless its subject was decided first: then the motion still
    closes, with an "already decided" outcome, rather than failing every time it is closed
    (a stuck motion keeps the minutes from being published)."""
    decided = _already_decided(motion)
    if decided:
        return decided
    try:
        with transaction.atomic():  # a savepoint: a refused transition leaves nothing
            return _apply_outcome(motion, meeting, actor, charter)
    except (member_services.TransitionError, member_services.RemovalError):
        # Decided by a concurrent close between the check and the write.
        return _already_decided(motion) or {"already": "unknown"}


def _apply_outcome(motion: Motion, meeting: Meeting, actor, charter) -> dict:
    """Apply a passed motion; the outcome's facts (names, numbers) for governance.phrases."""
    today = timezone.localdate()
    kind = motion.kind
    if kind == charter_rules.ADMIT_MEMBER:
        member = member_services.application_admit(
            application=motion.subject_application, actor=actor, admitted_on=today
        )
        member_id = member.pk
        transaction.on_commit(lambda: _mail_welcome(member_id))
        _invite_representative(member, motion.subject_application, actor)
        return {"name": member.name}
    if kind == charter_rules.REMOVE_MEMBER:
        member = member_services.member_remove(
            member=motion.subject_member, actor=actor, removed_on=today, reason=motion.text
        )
        return {"name": member.name}
    if kind == charter_rules.ADOPT_PRIORITY:
        cap = priority_cap(meeting.coalition, charter, lock=True)
        if not cap.allowed:
            raise GovernanceError(cap_message(cap), cap.rule)
        priority = priority_set(
            motion.subject_priority, actor, status=IssuePriority.Status.ACTIVE, adopted_on=today
        )
        return {"title": priority.title}
    if kind == charter_rules.DISSOLVE_PRIORITY:
        priority = priority_set(
            motion.subject_priority, actor, status=IssuePriority.Status.ARCHIVED, archived_on=today
        )
        return {"title": priority.title}
    if kind == charter_rules.AMEND_CHARTER:
        current = meeting.coalition.charter_in_force()
        version = charter_amend(
            coalition=meeting.coalition,
            actor=actor,
            effective_from=today,
            summary=motion.amendment["summary"],
            reason=motion.amendment.get("reason", "") or motion.text,
            mission=current.mission,
            values=current.values,
            agreements=current.agreements,
            rules={**current.rules, **(motion.amendment.get("rules") or {})},
            adopted_how="motion",
            adopted_on=today,
            motion_id=motion.pk,
        )
        return {"version": version.number, "date": today.isoformat()}
    return {}


def _mail_welcome(member_id: int) -> None:
    member = Member.objects.select_related("coalition").get(pk=member_id)
    people = Person.objects.filter(member=member).exclude(email="").select_related("user")
    send_to(people, "member_welcome", {"member": member}, member.coalition)


def _invite_representative(member: Member, application: Application, actor) -> None:
    """The application's representative is invited to sign in as the member's
    representative (unless the address already has a login in the coalition)."""
    from juntos.accounts.services import invitation_send

    email = (application.email or "").strip()
    if (
        not email
        or Person.objects.filter(
            coalition=member.coalition, email__iexact=email, user__isnull=False
        ).exists()
    ):
        return
    invitation_send(
        coalition=member.coalition,
        actor=actor,
        email=email,
        full_name=application.representative_name,
        role="representative",
        member=member,
        language=application.language,
    )
