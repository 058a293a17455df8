"""Writes for notices, updates, statements and documents. Atomic; consent is audited;
mail and background work start only after commit."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from juntos.api.webhooks import webhook_fire
from juntos.audit.log import audit_record
from juntos.audit.models import Action
from juntos.communications import rules
from juntos.communications.models import (
    Audience,
    Delivery,
    Document,
    Notice,
    SignOnAnswer,
    SignOnInvite,
    Statement,
    Update,
)
from juntos.consent.models import ConsentKind
from juntos.consent.services import consent_set
from juntos.core import mail
from juntos.members.models import Member, Person, Team

UNSUBSCRIBE_SALT = "juntos.unsubscribe"
SIGNON_SALT = "juntos.sign-on"


# --- Notices ---------------------------------------------------------------------------


def audience_people(notice: Notice):
    """The people a notice goes to. Supporters who unsubscribed are left out; member
    representatives cannot leave official notices."""
    people = Person.objects.filter(coalition=notice.coalition).exclude(email="")
    if notice.audience == Audience.FULL_COALITION:
        return people.filter(member__status=Member.Status.ACTIVE).exclude(
            role="supporter"
        ) | people.filter(role="host")
    if notice.audience == Audience.CORE_TEAM:
        core = Team.objects.filter(coalition=notice.coalition, kind=Team.Kind.CORE_TEAM)
        return people.filter(
            Q(role__in=["host", "core_team"])
            | Q(member__seats__team__in=core)
            | Q(seats__team__in=core)
        ).distinct()
    if notice.audience == Audience.TEAM:
        return people.filter(
            Q(member__seats__team=notice.team) | Q(seats__team=notice.team)
        ).distinct()
    if notice.audience == Audience.SUPPORTERS:
        return people.filter(role="supporter", unsubscribed_at__isnull=True)
    return people.filter(pk__in=notice.chosen.values("pk"))


def notice_create(
    *, coalition, actor, audience: str, team, chosen, versions: dict, scheduled_for=None
) -> Notice:
    """A draft notice. `versions` is {"subject": {language: text}, "body": {...}}: English
    and Spanish go to their columns, other configured languages to `translations`."""
    columns, translations = {}, {}
    for field, by_language in versions.items():
        for code, text in by_language.items():
            if code in Notice.COLUMNS:
                columns[f"{field}_{code}"] = text or ""
            elif text:
                translations.setdefault(code, {})[field] = text
    with transaction.atomic():
        notice = Notice.objects.create(
            coalition=coalition,
            audience=audience,
            team=team,
            scheduled_for=scheduled_for,
            created_by=actor,
            translations=translations,
            **columns,
        )
        notice.chosen.set(chosen)
    return notice


def notice_send(*, notice: Notice, actor, when=None) -> Notice:
    """Queue one delivery per recipient now, or schedule the notice for later."""
    with transaction.atomic():
        notice = Notice.objects.select_for_update().get(pk=notice.pk)
        if notice.status not in (Notice.Status.DRAFT, Notice.Status.SCHEDULED):
            return notice
        if when is not None and when > timezone.now():
            notice.status = Notice.Status.SCHEDULED
            notice.scheduled_for = when
            notice.save(update_fields=["status", "scheduled_for", "updated_at"])
            return notice
        available = notice.languages() or ["en"]
        rows = []
        for person in audience_people(notice).distinct().select_related("user"):
            rows.append(
                Delivery(
                    notice=notice,
                    person=person,
                    email=person.email,
                    language=rules.reading_language(person.language, available),
                    status=Delivery.Status.DIGEST
                    if person.notice_frequency == "weekly" and person.role != "host"
                    else Delivery.Status.QUEUED,
                )
            )
        Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
        notice.status = Notice.Status.SENDING
        notice.save(update_fields=["status", "updated_at"])
        transaction.on_commit(lambda: enqueue_delivery(notice.pk))
    return notice


def enqueue_delivery(notice_id: int) -> None:
    from juntos.communications.tasks import deliver_notice

    deliver_notice.enqueue(notice_id)


def send_due_notices(now=None) -> int:
    """Send scheduled notices whose time has come (run by the worker and by cron)."""
    now = now or timezone.now()
    due = Notice.objects.filter(status=Notice.Status.SCHEDULED, scheduled_for__lte=now)
    count = 0
    for notice in due:
        notice_send(notice=notice, actor=None)
        count += 1
    return count


def unsubscribe_token(person: Person) -> str:
    return signing.dumps({"p": person.pk}, salt=UNSUBSCRIBE_SALT)


def person_from_unsubscribe_token(token: str) -> Person | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Person.objects.filter(pk=data.get("p")).select_related("coalition").first()


def supporter_unsubscribe(*, person: Person) -> bool:
    """One link, no login. Only supporters may leave; representatives get official notices."""
    if person.role != "supporter":
        return False
    if person.unsubscribed_at is None:
        person.unsubscribed_at = timezone.now()
        person.save(update_fields=["unsubscribed_at", "updated_at"])
    return True


def notice_message(delivery: Delivery, notice: Notice, connection=None):
    subject, body = notice.version_for(delivery.language)
    person = delivery.person
    context = {"subject": subject, "body": body, "person": person, "notice": notice}
    if person.role == "supporter":
        context["unsubscribe_token"] = unsubscribe_token(person)
    # A stable Message-ID: if a crash forces one message to be sent again, mail systems
    # that fold duplicates see the same message.
    message_id = f"<notice-{notice.pk}-{person.pk}@juntos>"
    return mail.build(
        "notice",
        delivery.email,
        context,
        language=delivery.language,
        coalition=notice.coalition,
        connection=connection,
        headers={"Message-ID": message_id},
    )


# --- Updates ---------------------------------------------------------------------------


def update_post(
    *,
    coalition,
    actor,
    body: str,
    public: bool,
    language: str = "",
    translations: dict | None = None,
) -> Update:
    """`body` is the original, in `language` (the coalition's first language when not
    given); `translations` the others ({"es": {"body"}})."""
    return Update.objects.create(
        coalition=coalition,
        author=actor,
        body=body,
        public=public,
        language=language or coalition.primary_language,
        translations=translations or {},
    )


# --- Statements and sign-on ------------------------------------------------------------


def statement_create(
    *,
    coalition,
    actor,
    title: str,
    body: str,
    owner_member=None,
    language: str = "",
    translations: dict | None = None,
):
    """A draft statement; `title` and `body` are the original version, in `language`, and
    `translations` the others: {"es": {"title": ..., "body": ...}}. Without a `language`
    the original is taken to be in the coalition's first language."""
    return Statement.objects.create(
        coalition=coalition,
        author=actor,
        title=title,
        body=body,
        owner_member=owner_member,
        language=language or coalition.primary_language,
        translations=translations or {},
    )


def signon_token(invite: SignOnInvite, choice: str) -> str:
    return signing.dumps({"n": invite.nonce, "c": choice}, salt=SIGNON_SALT)


class TokenRefused(Exception):
    """The link is forged, expired or used; `reason` says which."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def invite_from_token(token: str) -> tuple[SignOnInvite, str]:
    try:
        data = signing.loads(token, salt=SIGNON_SALT)
    except signing.BadSignature:
        raise TokenRefused("invalid") from None
    invite = (
        SignOnInvite.objects.select_related("statement__coalition", "member", "person")
        .filter(nonce=data.get("n"))
        .first()
    )
    if invite is None or data.get("c") not in ("in", "out"):
        raise TokenRefused("invalid")
    if invite.used_at is not None:
        raise TokenRefused("used")
    statement = invite.statement
    # Links work until the request closes, plus a day for a late answer to be recorded.
    if statement.status != Statement.Status.REQUESTED or timezone.now() > (
        statement.deadline + timedelta(days=1)
    ):
        raise TokenRefused("expired")
    return invite, data["c"]


def signon_request(*, statement: Statement, actor, deadline=None) -> Statement:
    """Ask every active member's primary contact to opt in or out."""
    with transaction.atomic():
        statement = Statement.objects.select_for_update().get(pk=statement.pk)
        now = timezone.now()
        window = statement.coalition.charter_in_force().parsed_rules.consent_window_hours
        statement.requested_at = now
        statement.deadline = deadline or rules.default_deadline(now, window)
        statement.status = Statement.Status.REQUESTED
        statement.save(update_fields=["requested_at", "deadline", "status", "updated_at"])
        contacts = (
            Person.objects.filter(
                coalition=statement.coalition,
                is_primary_contact=True,
                member__status=Member.Status.ACTIVE,
            )
            .exclude(email="")
            .select_related("member")
        )
        invites = []
        for person in contacts:
            if statement.owner_member_id == person.member_id:
                continue  # the author's own organization is already on it
            invite, _created = SignOnInvite.objects.get_or_create(
                statement=statement,
                member=person.member,
                defaults={"person": person, "nonce": secrets.token_hex(16)},
            )
            invites.append(invite.pk)
        transaction.on_commit(lambda: _mail_invites(invites, "signon_request"))
        transaction.on_commit(lambda: _schedule_reminder(statement.pk))
    return statement


def _mail_invites(invite_ids, template):
    invites = SignOnInvite.objects.filter(pk__in=invite_ids).select_related(
        "statement__coalition", "person__user", "member"
    )
    for invite in invites:
        statement = invite.statement
        mail.send(
            template,
            invite.person.email,
            {
                "statement": statement,
                "invite": invite,
                "person": invite.person,
                "yes_token": signon_token(invite, "in"),
                "no_token": signon_token(invite, "out"),
            },
            language=invite.person.language,
            coalition=statement.coalition,
        )


def _schedule_reminder(statement_id: int) -> None:
    from django_tasks import default_task_backend

    from juntos.communications.tasks import remind_signon

    statement = Statement.objects.get(pk=statement_id)
    if default_task_backend.supports_defer:
        remind_signon.using(
            run_after=rules.reminder_time(statement.requested_at, statement.deadline)
        ).enqueue(statement_id)


def signon_remind(*, statement: Statement, now=None, force=False) -> int:
    """Remind those who have not answered; once, at three quarters of the window."""
    now = now or timezone.now()
    with transaction.atomic():
        statement = Statement.objects.select_for_update().get(pk=statement.pk)
        due = rules.reminder_due(
            now=now,
            requested_at=statement.requested_at,
            deadline=statement.deadline,
            reminded_at=statement.reminded_at,
        )
        if statement.status != Statement.Status.REQUESTED or not (due or force):
            return 0
        if now > statement.deadline:
            return 0
        answered = statement.answers.values("member_id")
        pending = list(
            statement.invites.filter(used_at__isnull=True)
            .exclude(member_id__in=answered)
            .values_list("pk", flat=True)
        )
        statement.reminded_at = now
        statement.save(update_fields=["reminded_at", "updated_at"])
        transaction.on_commit(lambda: _mail_invites(pending, "signon_reminder"))
    return len(pending)


def send_due_reminders(now=None) -> int:
    now = now or timezone.now()
    total = 0
    for statement in Statement.objects.filter(
        status=Statement.Status.REQUESTED, reminded_at__isnull=True, deadline__gte=now
    ):
        total += signon_remind(statement=statement, now=now)
    return total


def signon_answer(
    *,
    statement: Statement,
    member: Member,
    signed: bool,
    by_name: str,
    via: str,
    user=None,
    invite: SignOnInvite | None = None,
) -> SignOnAnswer:
    """Record an answer (and its consent-ledger entry). A late answer is kept but marked."""
    if not Member.objects.filter(pk=member.pk, status=Member.Status.ACTIVE).exists():
        raise TokenRefused("expired")  # a removed member no longer answers
    with transaction.atomic():
        now = timezone.now()
        if invite is not None:
            locked = SignOnInvite.objects.select_for_update().get(pk=invite.pk)
            if locked.used_at is not None:
                raise TokenRefused("used")
            locked.used_at = now
            locked.save(update_fields=["used_at"])
        late = rules.is_late(now, statement.deadline, statement.reopened_at)
        answer, _created = SignOnAnswer.objects.update_or_create(
            statement=statement,
            member=member,
            defaults={
                "signed": signed,
                "answered_by": by_name,
                "answered_by_user": user,
                "via": via,
                "answered_at": now,
                "late": late,
            },
        )
        consent_set(
            coalition=statement.coalition,
            kind=ConsentKind.SIGN_ON,
            granted=signed,
            actor=user,
            member=member,
            note=f"{statement.title} ({by_name}, {via})",
            reference=f"statement:{statement.pk}",
            always=True,
        )
        payload = {
            "statement": statement.pk,
            "title": statement.title,
            "member": member.name,
            "signed": signed,
            "via": via,
            "answered_at": now.isoformat(),
            "late": late,
        }
        transaction.on_commit(
            lambda: webhook_fire(
                coalition=statement.coalition, event="signon.answered", payload=payload
            )
        )
    return answer


def signon_withdraw(*, statement: Statement, member: Member, user) -> bool:
    """Take back the organization's answer while the request is open and before its
    deadline; it then awaits an answer again. Returns whether there was one."""
    if statement.status != Statement.Status.REQUESTED or timezone.now() > statement.deadline:
        raise TokenRefused("expired")
    with transaction.atomic():
        answer = (
            SignOnAnswer.objects.select_for_update()
            .filter(statement=statement, member=member)
            .first()
        )
        if answer is None:
            return False
        answer.delete()
        if answer.signed:
            consent_set(
                coalition=statement.coalition,
                kind=ConsentKind.SIGN_ON,
                granted=False,
                actor=user,
                member=member,
                note=f"{statement.title} (answer withdrawn)",
                reference=f"statement:{statement.pk}",
                always=True,
            )
        audit_record(
            coalition=statement.coalition,
            actor=user,
            action=Action.SIGNON_WITHDRAWN,
            target=statement,
            changes={"member": [str(member), None], "signed": [answer.signed, None]},
        )
    return True


def signon_reopen(*, statement: Statement, actor, deadline) -> Statement:
    statement.reopened_at = timezone.now()
    statement.deadline = deadline
    statement.status = Statement.Status.REQUESTED
    statement.save(update_fields=["reopened_at", "deadline", "status", "updated_at"])
    SignOnAnswer.objects.filter(statement=statement, late=True).update(late=False)
    return statement


class PublishRefused(Exception):
    """Publishing now is not allowed; `message` says why and `rule` which rule."""

    def __init__(self, message: str, rule: str = ""):
        super().__init__(message)
        self.message = message
        self.rule = rule


def publication_check(statement: Statement, now=None) -> rules.EarlyPublication:
    asked = statement.invites.count()
    answered = SignOnAnswer.objects.filter(
        statement=statement, member_id__in=statement.invites.values("member_id")
    ).count()
    return rules.early_publication(
        now=now or timezone.now(),
        deadline=statement.deadline,
        asked=asked,
        answered=answered,
        window_hours=statement.coalition.charter_in_force().parsed_rules.consent_window_hours,
    )


def statement_publish(*, statement: Statement, actor, reason: str = "") -> Statement:
    """Publish with the members who opted in. Before the charter's consent window ends,
    only once every member asked has answered, or with a reason (audited, and shown)."""
    now = timezone.now()
    check = publication_check(statement, now)
    reason = (reason or "").strip()
    if check.needs_reason and not reason:
        raise PublishRefused(
            _(
                "The consent window is still open and not every member has answered: "
                "say why the statement is published early."
            ),
            check.rule,
        )
    with transaction.atomic():
        statement.status = Statement.Status.PUBLISHED
        statement.published_at = now
        statement.published_early_reason = reason if check.needs_reason else ""
        statement.save(
            update_fields=["status", "published_at", "published_early_reason", "updated_at"]
        )
        audit_record(
            coalition=statement.coalition,
            actor=actor,
            action=Action.STATEMENT_PUBLISHED,
            target=statement,
            changes={
                "published_at": [None, now.isoformat()],
                "early": [None, check.early],
                "everyone_answered": [None, check.everyone_answered],
                "reason": [None, statement.published_early_reason or None],
            },
        )
    return statement


def statement_signers(statement: Statement) -> list[Member]:
    return signers_by_statement([statement])[statement.pk]


def signers_by_statement(statements) -> dict[int, list[Member]]:
    """{statement id: the members listed on it} for many statements in two queries."""
    statements = list(statements)
    answers: dict[int, list] = {s.pk: [] for s in statements}
    for a in SignOnAnswer.objects.filter(statement__in=statements).values(
        "statement_id",
        "member_id",
        "signed",
        "answered_at",
        "member__removed_at",
        "member__removed_on",
    ):
        if not rules.signed_before_removal(
            a["answered_at"], a["member__removed_at"], a["member__removed_on"]
        ):
            continue  # answered after its member was removed: never listed
        answers[a["statement_id"]].append(
            rules.AnswerFact(a["member_id"], a["signed"], a["answered_at"])
        )
    ids: dict[int, list[int]] = {}
    for s in statements:
        deadline = s.deadline or timezone.now()
        counted = rules.counted_signers(answers[s.pk], deadline=deadline, reopened_at=s.reopened_at)
        ids[s.pk] = [s.owner_member_id, *counted] if s.owner_member_id else counted
    members = Member.objects.in_bulk({i for row in ids.values() for i in row})
    return {
        pk: sorted((members[i] for i in row if i in members), key=lambda m: m.name)
        for pk, row in ids.items()
    }


# --- Documents -------------------------------------------------------------------------


def document_add(
    *, coalition, actor, title: str, visibility: str, file=None, url: str = "", people=(), teams=()
) -> Document:
    with transaction.atomic():
        document = Document.objects.create(
            coalition=coalition,
            title=title,
            visibility=visibility,
            url=url,
            uploaded_by=actor,
            **({"file": file} if file else {}),
        )
        document.named_people.set(people)
        document.named_teams.set(teams)
    return document


# --- Weekly digest ---------------------------------------------------------------------


def digest_send(*, coalition, now=None) -> int:
    """One email per person with the notices held for their digest and the week's updates."""
    now = now or timezone.now()
    held = (
        Delivery.objects.filter(notice__coalition=coalition, status=Delivery.Status.DIGEST)
        .select_related("notice", "person__user")
        .order_by("person_id", "notice__created_at")
    )
    by_person: dict[int, list[Delivery]] = {}
    for delivery in held:
        by_person.setdefault(delivery.person_id, []).append(delivery)
    since = now - timedelta(days=7)
    week_updates = list(Update.objects.filter(coalition=coalition, created_at__gte=since))
    people = {rows[0].person_id: rows[0].person for rows in by_person.values()}
    # Owners who chose the weekly digest are not mailed task by task: their open tasks are in it.
    owners = {p.pk: p for p in weekly_task_owners(coalition)}
    people.update({pk: p for pk, p in owners.items() if pk not in people})
    sent = 0
    for person_id, person in people.items():
        rows = by_person.get(person_id, [])
        items = [d.notice.version_for(d.language) for d in rows]
        tasks = []
        if person_id in owners:
            from juntos.web.tasks import my_tasks

            with translation.override(person.language):
                tasks, _total = my_tasks(person, coalition.slug, limit=20)
        mail.send(
            "digest",
            person.email,
            {"items": items, "updates": week_updates, "person": person, "tasks": tasks},
            language=person.language,
            coalition=coalition,
        )
        Delivery.objects.filter(pk__in=[d.pk for d in rows]).update(
            status=Delivery.Status.SENT, sent_at=now
        )
        sent += 1
    return sent


def weekly_task_owners(coalition):
    """People on the weekly digest who own an open task (a meeting or event follow-up, a
    deliverable of theirs or of their organization): their digest lists them."""
    from juntos.campaigns.models import Deliverable
    from juntos.events.models import EventFollowUp
    from juntos.governance.models import FollowUp

    open_deliverables = Deliverable.objects.filter(
        coalition=coalition, status__in=Deliverable.OPEN_STATUSES
    )
    owning = (
        Q(pk__in=FollowUp.objects.filter(done_at__isnull=True).values("owner_id"))
        | Q(pk__in=EventFollowUp.objects.filter(done_at__isnull=True).values("owner_id"))
        | Q(pk__in=open_deliverables.values("owner_person_id"))
        | Q(
            member_id__in=open_deliverables.filter(owner_person__isnull=True).values(
                "owner_member_id"
            )
        )
    )
    # The other side of members.owners.hears_of_tasks: the digest instead of each mail.
    return list(
        Person.objects.filter(owning, coalition=coalition, notice_frequency="weekly")
        .exclude(email="")
        .exclude(role="")
        .filter(unsubscribed_at__isnull=True)
        .select_related("user")
    )


@dataclass(frozen=True)
class SignOnRow:
    """One invited member on the sign-on dashboard, ready to show."""

    member: str
    answer: str  # "in", "out" or "none"
    late: bool
    who: str  # who answered, how and on which day; or the person asked, when no answer yet


def signon_dashboard(statement: Statement) -> tuple[list[SignOnRow], dict]:
    """The dashboard's rows by member name, and how many opted in, out or not at all.

    Plain values and one date format per day: a national coalition invites hundreds of
    members, and model instances and per-row date formatting were most of the page's time.
    """
    answers = {
        member_id: rest
        for member_id, *rest in statement.answers.values_list(
            "member_id", "signed", "answered_by", "via", "answered_at", "late"
        )
    }
    via_label = {"email": _("email link"), "app": _("in the app")}
    days = {}
    rows = []
    for member_id, member, person in statement.invites.order_by("member__name").values_list(
        "member_id", "member__name", "person__full_name"
    ):
        answer = answers.get(member_id)
        if answer is None:
            rows.append(SignOnRow(member, "none", False, person))
            continue
        signed, by, via, at, late = answer
        day = timezone.localdate(at)
        if day not in days:
            days[day] = date_format(day, "SHORT_DATE_FORMAT")
        who = f"{by} ({via_label.get(via, via)}), {days[day]}"
        rows.append(SignOnRow(member, "in" if signed else "out", late, who))
    counts = {key: sum(1 for r in rows if r.answer == key) for key in ("in", "out", "none")}
    return rows, counts
