"""Writes to membership: applications, members, people, teams and invitations.

Each function is atomic and audited; mail goes out only after the transaction commits.
"""

from django.core import signing
from django.db import transaction
from django.utils import timezone

from juntos.audit.log import assign, audit_record
from juntos.audit.models import Action
from juntos.core import mail
from juntos.members.models import (
    Application,
    ApplicationNote,
    Member,
    MemberKind,
    Person,
    Role,
    Team,
    TeamSeat,
)
from juntos.members.rules import application_fingerprint

ANSWER_SALT = "juntos.application-answer"
ANSWER_MAX_AGE = 60 * 60 * 24 * 30


def _hosts(coalition):
    return Person.objects.filter(coalition=coalition, role=Role.HOST).exclude(email="")


def application_submit(*, coalition, data: dict, logo=None, language: str = "en") -> Application:
    name = data.get("organization_name") or data["representative_name"]
    application = Application(
        coalition=coalition,
        language=language,
        agreed_to_charter=True,
        fingerprint=application_fingerprint(coalition.pk, data["email"], name),
        **data,
    )
    if logo is not None:
        application.logo = logo
    with transaction.atomic():
        application.save()
        audit_record(
            coalition=coalition,
            actor=None,
            action=Action.APPLICATION_SUBMITTED,
            target=application,
            changes={"status": [None, application.status]},
        )
        transaction.on_commit(lambda: _mail_application_received(application.pk))
    return application


def _mail_application_received(application_id: int) -> None:
    application = Application.objects.select_related("coalition").get(pk=application_id)
    coalition = application.coalition
    mail.send(
        "application_received",
        application.email,
        {"application": application},
        language=application.language,
        coalition=coalition,
    )
    for host in _hosts(coalition):
        mail.send(
            "application_for_hosts",
            host.email,
            {"application": application, "host": host},
            language=host.language,
            coalition=coalition,
        )


def application_answer_token(application: Application) -> str:
    return signing.dumps({"a": application.pk}, salt=ANSWER_SALT)


def application_from_answer_token(token: str) -> Application | None:
    try:
        data = signing.loads(token, salt=ANSWER_SALT, max_age=ANSWER_MAX_AGE)
    except signing.BadSignature:
        return None
    return Application.objects.filter(pk=data.get("a")).select_related("coalition").first()


def application_ask(*, application: Application, actor, question: str) -> ApplicationNote:
    with transaction.atomic():
        note = ApplicationNote.objects.create(
            application=application,
            kind=ApplicationNote.Kind.QUESTION,
            body=question,
            author=actor,
        )
        before = application.status
        if application.status == Application.Status.SUBMITTED:
            application.status = Application.Status.QUESTIONS
            application.save(update_fields=["status", "updated_at"])
        audit_record(
            coalition=application.coalition,
            actor=actor,
            action=Action.APPLICATION_QUESTION,
            target=application,
            changes={"question": [None, question], "status": [before, application.status]},
        )
        token = application_answer_token(application)
        transaction.on_commit(
            lambda: mail.send(
                "application_question",
                application.email,
                {"application": application, "question": question, "token": token},
                language=application.language,
                coalition=application.coalition,
            )
        )
    return note


def application_answer(*, application: Application, answer: str) -> ApplicationNote:
    with transaction.atomic():
        note = ApplicationNote.objects.create(
            application=application, kind=ApplicationNote.Kind.ANSWER, body=answer
        )
        for host in _hosts(application.coalition):
            transaction.on_commit(
                lambda host=host: mail.send(
                    "application_answered",
                    host.email,
                    {"application": application, "answer": answer},
                    language=host.language,
                    coalition=application.coalition,
                )
            )
    return note


def application_sectors_set(*, application: Application, actor, sectors: list[str]) -> None:
    with transaction.atomic():
        before = application.sectors
        application.sectors = sectors
        application.save(update_fields=["sectors", "updated_at"])
        audit_record(
            coalition=application.coalition,
            actor=actor,
            action=Action.APPLICATION_STATUS,
            target=application,
            changes={"sectors": [before, sectors]},
        )


def application_note(*, application: Application, actor, body: str) -> ApplicationNote:
    return ApplicationNote.objects.create(
        application=application, kind=ApplicationNote.Kind.NOTE, body=body, author=actor
    )


ALLOWED_TRANSITIONS = {
    Application.Status.SUBMITTED: {
        Application.Status.READY,
        Application.Status.WITHDRAWN,
        Application.Status.DECLINED,
    },
    Application.Status.QUESTIONS: {
        Application.Status.READY,
        Application.Status.WITHDRAWN,
        Application.Status.DECLINED,
    },
    Application.Status.READY: {
        Application.Status.QUESTIONS,
        Application.Status.WITHDRAWN,
        Application.Status.DECLINED,
    },
}


class TransitionError(ValueError):
    pass


def application_set_status(*, application: Application, actor, status: str) -> Application:
    """Move an open application along; admission itself is a vote (governance)."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if status not in ALLOWED_TRANSITIONS.get(locked.status, set()):
            raise TransitionError(f"{locked.status} → {status}")
        before = locked.status
        locked.status = status
        locked.save(update_fields=["status", "updated_at"])
        audit_record(
            coalition=locked.coalition,
            actor=actor,
            action=Action.APPLICATION_STATUS,
            target=locked,
            changes={"status": [before, status]},
        )
    return locked


def application_admit(*, application: Application, actor, admitted_on=None) -> Member:
    """Make an applicant a member. Called by the vote that admitted it."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not locked.is_open:
            raise TransitionError(f"{locked.status} → admitted")
        member = Member.objects.create(
            coalition=locked.coalition,
            kind=locked.kind,
            name=locked.display_name,
            tax_status=locked.tax_status,
            city=locked.city,
            state=locked.state,
            zip_code=locked.zip_code,
            description=locked.description,
            sectors=locked.sectors
            if locked.kind == MemberKind.ORGANIZATION
            else sorted({*locked.sectors, "individuals"}),
            logo=locked.logo.name if locked.logo else "",
            admitted_on=admitted_on or timezone.localdate(),
            agreed_to_charter_at=locked.created_at,
            application=locked,
        )
        Person.objects.create(
            coalition=locked.coalition,
            member=member,
            full_name=locked.representative_name,
            title=locked.representative_title,
            email=locked.email,
            phone=locked.phone,
            preferred_language=locked.language,
            role=Role.REPRESENTATIVE,
            is_primary_contact=True,
        )
        before = locked.status
        locked.status = Application.Status.ADMITTED
        locked.save(update_fields=["status", "updated_at"])
        audit_record(
            coalition=locked.coalition,
            actor=actor,
            action=Action.APPLICATION_STATUS,
            target=locked,
            changes={"status": [before, locked.status]},
        )
        audit_record(
            coalition=locked.coalition,
            actor=actor,
            action=Action.MEMBER_ADDED,
            target=member,
            changes={"name": [None, member.name], "from_application": [None, locked.pk]},
        )
    return member


MEMBER_FIELDS = (
    "kind",
    "name",
    "tax_status",
    "city",
    "state",
    "zip_code",
    "description",
    "sectors",
)


def member_add(
    *,
    coalition,
    actor,
    data: dict,
    representative: dict | None = None,
    admitted_on=None,
    agreed: bool = True,
) -> Member:
    """Add a member directly, as hosts do while a coalition is being set up."""
    with transaction.atomic():
        member = Member.objects.create(
            coalition=coalition,
            admitted_on=admitted_on or timezone.localdate(),
            agreed_to_charter_at=timezone.now() if agreed else None,
            **{k: data[k] for k in MEMBER_FIELDS if k in data},
        )
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.MEMBER_ADDED,
            target=member,
            changes={k: [None, data.get(k)] for k in MEMBER_FIELDS if k in data},
        )
        if representative:
            person_add(
                coalition=coalition,
                actor=actor,
                member=member,
                is_primary_contact=True,
                role=Role.REPRESENTATIVE,
                **representative,
            )
    return member


PERSON_FIELDS = (
    "full_name",
    "title",
    "email",
    "phone",
    "preferred_language",
    "role",
    "is_primary_contact",
)


def person_add(
    *,
    coalition,
    actor,
    full_name: str,
    member=None,
    title: str = "",
    email: str = "",
    phone: str = "",
    preferred_language: str = "en",
    role: str = "",
    is_primary_contact: bool = False,
    user=None,
) -> Person:
    with transaction.atomic():
        if is_primary_contact and member is not None:
            Person.objects.filter(member=member, is_primary_contact=True).update(
                is_primary_contact=False
            )
        person = Person.objects.create(
            coalition=coalition,
            member=member,
            full_name=full_name,
            title=title,
            email=email.lower(),
            phone=phone,
            preferred_language=preferred_language,
            role=role,
            is_primary_contact=is_primary_contact,
            user=user,
        )
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.PERSON_ADDED,
            target=person,
            changes={
                "member": [None, str(member) if member else None],
                "role": [None, role],
                "primary_contact": [None, is_primary_contact],
            },
        )
    return person


def primary_contact_set(*, person: Person, actor) -> Person:
    with transaction.atomic():
        previous = Person.objects.filter(member=person.member, is_primary_contact=True).first()
        Person.objects.filter(member=person.member, is_primary_contact=True).update(
            is_primary_contact=False
        )
        person.is_primary_contact = True
        person.save(update_fields=["is_primary_contact", "updated_at"])
        audit_record(
            coalition=person.coalition,
            actor=actor,
            action=Action.MEMBER_CHANGED,
            target=person.member,
            changes={"primary_contact": [str(previous) if previous else None, str(person)]},
        )
    return person


def person_update(*, person: Person, actor, **fields) -> Person:
    changes = assign(person, fields)
    with transaction.atomic():
        person.save(update_fields=[*fields, "updated_at"])
        if changes:
            audit_record(
                coalition=person.coalition,
                actor=actor,
                action=Action.ROLE_CHANGED if "role" in changes else Action.PERSON_CHANGED,
                target=person,
                changes=changes,
            )
    return person


def team_seat_add(*, team: Team, actor, member=None, person=None) -> TeamSeat:
    with transaction.atomic():
        seat, created = TeamSeat.objects.get_or_create(team=team, member=member, person=person)
        if created:
            audit_record(
                coalition=team.coalition,
                actor=actor,
                action=Action.TEAM_CHANGED,
                target=team,
                changes={"joined": [None, str(member or person)]},
            )
    return seat


def team_seat_remove(*, seat: TeamSeat, actor) -> None:
    with transaction.atomic():
        who = str(seat.member or seat.person)
        team = seat.team
        seat.delete()
        audit_record(
            coalition=team.coalition,
            actor=actor,
            action=Action.TEAM_CHANGED,
            target=team,
            changes={"left": [who, None]},
        )


class RemovalError(ValueError):
    pass


def member_remove(
    *, member: Member, actor, removed_on=None, reason: str = "", people: str = "supporter"
) -> Member:
    """Remove a member by the coalition's decision. The member stays in history; its
    people's access ends (they become supporters unless `people` is "leave")."""
    from juntos.members.departures import member_access_end

    with transaction.atomic():
        locked = Member.objects.select_for_update().get(pk=member.pk)
        if locked.status == Member.Status.REMOVED:
            raise RemovalError(f"{locked} is already removed")
        locked.status = Member.Status.REMOVED
        locked.removed_on = removed_on or timezone.localdate()
        locked.removed_at = timezone.now()
        locked.save(update_fields=["status", "removed_on", "removed_at", "updated_at"])
        member_access_end(member=locked, actor=actor, outcome=people)
        audit_record(
            coalition=locked.coalition,
            actor=actor,
            action=Action.MEMBER_REMOVED,
            target=locked,
            changes={
                "status": [Member.Status.ACTIVE, locked.status],
                "removed_on": [None, locked.removed_on.isoformat()],
                "reason": [None, reason],
            },
        )
    return locked
