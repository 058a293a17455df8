"""The permission matrix: every URL pattern of the project, requested by every persona.

A URL without a row here fails the suite, so a new view cannot ship without
saying who may see it. Rows name the lowest role allowed:
  "public"     everyone
  "signed_in"  any login
  a role       that role and those above it (supporter < representative < core_team < host)
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from juntos.core.access import RANK

PERSONAS = ["anonymous", "supporter", "rep", "core", "host", "outsider"]
ROLE_OF = {"supporter": "supporter", "rep": "representative", "core": "core_team", "host": "host"}


def _application(p):
    from juntos.members.models import Application

    return Application.objects.create(
        coalition=p.coalition,
        city="X",
        state="MO",
        zip_code="63101",
        representative_name="A",
        phone="+13145550100",
        email="a@example.org",
        description="d",
        engages_immigrants="e",
        policy_priorities="p",
        base_and_mobilization="b",
        why_join="w",
        benefit="b",
        fingerprint="f",
    )


def _answer_token(p):
    from juntos.members.services import application_answer_token

    return application_answer_token(_application(p))


def _invite_token(p):
    from juntos.accounts.services import invitation_send, invitation_token

    inv = invitation_send(
        coalition=p.coalition,
        actor=p.host,
        email="new@example.org",
        full_name="New Person",
        role="supporter",
    )
    return invitation_token(inv)


def _invitation_pk(p):
    from juntos.accounts.models import Invitation

    _invite_token(p)
    return Invitation.objects.filter(coalition=p.coalition).latest("pk").pk


def _rep_person(p):
    from juntos.members.models import Person

    return Person.objects.get(coalition=p.coalition, user=p.rep).pk


def _removed_member(p):
    from juntos.members.services import member_remove

    return member_remove(member=p.other_member, actor=p.host).pk


def _seat(p):
    return p.core_team.seats.get().pk


# --- Governance objects for the matrix ------------------------------------------------------


def _meeting(p):
    from datetime import datetime, time

    from django.utils import timezone

    from juntos.governance.services import meeting_add

    starts = timezone.make_aware(datetime.combine(timezone.localdate(), time(23, 59)))
    return meeting_add(
        coalition=p.coalition, actor=p.host, kind="regular", starts_at=starts, place="Hall"
    )


def _published_meeting(p):
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from juntos.governance import services

    # Minutes follow the meeting: this one was yesterday.
    yesterday = timezone.localdate() - timedelta(days=1)
    meeting = services.meeting_add(
        coalition=p.coalition,
        actor=p.host,
        kind="regular",
        starts_at=timezone.make_aware(datetime.combine(yesterday, time(18, 0))),
        place="Hall",
    )
    services.agenda_item_add(meeting=meeting, actor=p.host, goal="Welcome")
    services.agenda_publish(meeting=meeting, actor=p.host)
    services.minutes_publish(meeting=meeting, actor=p.host)
    return meeting


def _agenda_item(p):
    from juntos.governance.services import agenda_item_add

    return agenda_item_add(meeting=_meeting(p), actor=p.host, goal="Welcome")


def _motion(p):
    from juntos.governance.services import attendance_check_in, motion_open
    from juntos.members.models import Member

    meeting = _meeting(p)
    for member in Member.objects.filter(coalition=p.coalition, status="active"):
        attendance_check_in(meeting=meeting, member=member, person=None, actor=p.host)
    return motion_open(meeting=meeting, actor=p.host, kind="general", text="Adjourn early")


def _follow_up(p):
    from datetime import date

    from juntos.governance.services import followup_add
    from juntos.members.models import Person

    owner = Person.objects.get(coalition=p.coalition, user=p.supporter)
    return followup_add(
        meeting=_meeting(p), actor=p.host, text="Book a room", owner=owner, due_on=date(2030, 1, 1)
    )


def _priority(p):
    from juntos.governance.services import priority_propose

    return priority_propose(coalition=p.coalition, actor=p.host, member=p.member, title="Licenses")


def _feed_token(p):
    from juntos.governance.views import feed_token
    from juntos.members.models import Person

    return feed_token(Person.objects.get(coalition=p.coalition, user=p.rep))


def _item_kwargs(p):
    item = _agenda_item(p)
    return {"slug": p.coalition.slug, "pk": item.meeting_id, "item_pk": item.pk}


def _motion_kwargs(p):
    motion = _motion(p)
    return {"slug": p.coalition.slug, "pk": motion.meeting_id, "motion_pk": motion.pk}


def _contact(p):
    from juntos.relationships.models import Contact

    return Contact.objects.create(
        coalition=p.coalition, name="Sen. Test", category="decision_maker"
    )


def _relationship(p):
    from juntos.relationships.models import Contact, Relationship

    other = Contact.objects.create(coalition=p.coalition, name="Staffer")
    return Relationship.objects.create(
        coalition=p.coalition,
        source=other,
        target=_contact(p),
        kind="works_for",
        author=p.other_rep,
    ).pk


def _pipeline(p):
    from juntos.relationships.models import Contact, PipelineEntry

    org = Contact.objects.create(coalition=p.coalition, name="Chamber", kind="organization")
    return PipelineEntry.objects.create(coalition=p.coalition, organization=org).pk


def _letter(p):
    from juntos.relationships.models import LetterTemplate

    return LetterTemplate.objects.create(coalition=p.coalition, name="L", subject="S", body="B").pk


def _notice(p):
    from juntos.communications.models import Delivery, Notice
    from juntos.members.models import Person

    notice = Notice.objects.create(
        coalition=p.coalition, audience="chosen", status="sent", subject_en="Notice", body_en="Body"
    )
    for person in Person.objects.filter(coalition=p.coalition).exclude(email=""):
        Delivery.objects.create(
            notice=notice, person=person, email=person.email, language="en", status="sent"
        )
    return notice.pk


def _statement(p, status="requested"):
    from django.utils import timezone

    from juntos.communications.models import Statement

    return Statement.objects.create(
        coalition=p.coalition,
        title="S",
        body="B",
        status=status,
        requested_at=timezone.now(),
        deadline=timezone.now(),
    ).pk


def _signon_token(p):
    import secrets

    from juntos.communications.models import SignOnInvite, Statement
    from juntos.communications.services import signon_token

    statement = Statement.objects.get(pk=_statement(p))
    person = p.member.people.get()
    invite = SignOnInvite.objects.create(
        statement=statement, member=p.member, person=person, nonce=secrets.token_hex(8)
    )
    return signon_token(invite, "in")


def _unsubscribe_token(p):
    from juntos.communications.services import unsubscribe_token
    from juntos.members.models import Person

    return unsubscribe_token(Person.objects.get(user=p.supporter))


def _public_document(p):
    from juntos.communications.services import document_add

    return document_add(
        coalition=p.coalition,
        actor=p.host,
        title="Flyer",
        visibility="public",
        url="https://example.org/flyer",
    ).pk


# --- Events objects for the matrix ----------------------------------------------------------
# The matrix's event is hosted by Core Org, whose representative is the Core Team persona:
# sign-in lists (the event's hosts only) are then allowed to "core" and "host" and refused
# to "rep", like the planning pages (Core Team and up). tests/events checks the finer rule.


def _event(p, status="published"):
    from datetime import timedelta

    from django.utils import timezone

    from juntos.events.services import event_plan, event_status_set
    from juntos.members.models import Member

    start = timezone.now() + timedelta(days=10)
    event = event_plan(
        coalition=p.coalition,
        actor=p.host,
        hosts=[Member.objects.get(name="Core Org")],
        data={
            "kind": "community_forum",
            "title": "Forum",
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
        },
    )
    if status != "draft":
        event_status_set(event=event, actor=p.host, status=status)
    return event


def _event_pk(p):
    return _event(p).pk


def _event_step(p):
    event = _event(p)
    return {"slug": p.coalition.slug, "pk": event.pk, "step_pk": event.steps.first().pk}


def _event_speaker(p):
    from juntos.events.services import speaker_add

    event = _event(p)
    speaker = speaker_add(
        event=event, actor=p.host, name="Mayor", affiliation="", perspective="the city"
    )
    return {"slug": p.coalition.slug, "pk": event.pk, "speaker_pk": speaker.pk}


def _event_guest(p):
    from juntos.events.services import guest_add

    event = _event(p)
    guest = guest_add(event=event, actor=p.host, data={"name": "Rep. Ruiz"})
    return {"slug": p.coalition.slug, "pk": event.pk, "guest_pk": guest.pk}


def _event_signin(p):
    from juntos.events.services import signin_record

    event = _event(p)
    signed = signin_record(
        event=event,
        list_kind="guest",
        client_id="permissions-signin",
        data={"name": "Rene Rep", "email": "rep@test.example"},
    ).signin
    return {"slug": p.coalition.slug, "pk": event.pk, "signin_pk": signed.pk}


def _signin_credit_token(p):
    from juntos.events.models import SignIn
    from juntos.events.services import credit_token

    return credit_token(SignIn.objects.get(pk=_event_signin(p)["signin_pk"]))


def _event_sheet(p):
    return {"slug": p.coalition.slug, "pk": _event(p).pk, "list_kind": "guest"}


def _event_public(p):
    return {"slug": p.coalition.slug, "event_slug": _event(p).slug}


def _event_followup(p):
    from django.utils import timezone

    from juntos.events.services import followup_add
    from juntos.members.models import Person

    return followup_add(
        event=_event(p),
        actor=p.host,
        text="Thank the mayor",
        owner=Person.objects.get(user=p.supporter),
        due_on=timezone.localdate(),
    ).pk


def _kiosk_token(p):
    from juntos.events.services import kiosk_token

    return kiosk_token(_event(p), "guest")


def _rsvp_token(p):
    from juntos.events.services import guest_add, rsvp_token

    return rsvp_token(guest_add(event=_event(p), actor=p.host, data={"name": "Rep. Ruiz"}))


def _import_job(p):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from juntos.api.imports import job_create

    return job_create(
        coalition=p.coalition,
        actor=p.host,
        upload=SimpleUploadedFile("p.csv", b"email\nx@example.org\n"),
    ).pk


# name: (lowest allowed, method, kwargs(personas) -> dict)
S = {"slug": lambda p: p.coalition.slug}
EXPECTED = {
    "start_root": ("signed_in", "get", {}),
    "healthz": ("public", "get", {}),
    "login": ("public", "get", {}),
    "logout": ("public", "post", {}),
    "set_language": ("public", "post", {}),
    "accounts:profile": ("signed_in", "get", {}),
    "accounts:accept": ("public", "get", {"token": _invite_token}),
    "accounts:invitations": ("host", "get", S),
    "accounts:invitation_resend": ("host", "post", {**S, "pk": _invitation_pk}),
    "accounts:password_change": ("signed_in", "get", {}),
    "accounts:two_factor": ("signed_in", "get", {}),
    "accounts:two_factor_verify": ("signed_in", "get", {}),
    "accounts:coalition_security": ("host", "get", S),
    "accounts:password_reset": ("public", "get", {}),
    "accounts:password_reset_done": ("public", "get", {}),
    "accounts:password_reset_confirm": ("public", "get", {"uidb64": "MQ", "token": "x-y"}),
    "accounts:password_reset_complete": ("public", "get", {}),
    "accounts:invitation_revoke": ("host", "post", {**S, "pk": _invitation_pk}),
    "web:home": ("supporter", "get", S),
    "web:audit": ("host", "get", S),
    "web:outbox": ("host", "get", S),
    "members:apply": ("public", "get", S),
    "members:apply_thanks": ("public", "get", S),
    "members:application_answer": ("public", "get", {**S, "token": _answer_token}),
    "members:applications": ("host", "get", S),
    "members:application": ("host", "get", {**S, "pk": lambda p: _application(p).pk}),
    "members:application_logo": ("host", "get", {**S, "pk": lambda p: _application(p).pk}),
    "members:directory": ("representative", "get", S),
    "members:person_pick": ("representative", "get", S),
    "members:member_pick": ("representative", "get", S),
    "members:add": ("host", "get", S),
    "members:detail": ("representative", "get", {**S, "pk": lambda p: p.member.pk}),
    "members:logo": ("representative", "get", {**S, "pk": lambda p: p.member.pk}),
    "members:person_leave": ("host", "post", {**S, "pk": _rep_person}),
    "members:member_people_leave": ("host", "post", {**S, "pk": _removed_member}),
    "members:person_add": ("host", "post", {**S, "pk": lambda p: p.member.pk}),
    "members:team_join": ("host", "post", {**S, "pk": lambda p: p.member.pk}),
    "members:team_leave": (
        "host",
        "post",
        {**S, "pk": lambda p: p.core_team.seats.get().member_id, "seat_pk": _seat},
    ),
    "members:primary_contact": ("host", "post", {**S, "pk": lambda p: p.member.people.get().pk}),
    "charter:charter": ("supporter", "get", S),
    "charter:amend": ("host", "get", S),
    "setup:guide": ("host", "get", S),
    "setup:step": ("host", "get", {"slug": lambda p: p.coalition.slug, "step": "charter"}),
    # Operators are the installation's superusers; no persona is one, so all get 404.
    "operator:coalitions": ("signed_in", "get", {}),
    "operator:request_decide": ("signed_in", "post", {"pk": 1}),
    # Off by default (JUNTOS_COALITION_REQUESTS): not found for everyone.
    "requests:coalition_request": ("signed_in", "get", {}),
    "consent:mine": ("supporter", "get", S),
    "governance:meetings": ("representative", "get", S),
    "governance:feed": ("public", "get", {**S, "token": _feed_token}),
    "governance:schedule": ("host", "get", S),
    "governance:add": ("host", "get", S),
    "governance:meeting": ("representative", "get", {**S, "pk": lambda p: _meeting(p).pk}),
    "governance:quorum": ("representative", "get", {**S, "pk": lambda p: _meeting(p).pk}),
    "governance:edit": ("host", "get", {**S, "pk": lambda p: _meeting(p).pk}),
    "governance:change": ("host", "post", {**S, "pk": lambda p: _meeting(p).pk}),
    "governance:agenda": ("core_team", "get", {**S, "pk": lambda p: _meeting(p).pk}),
    "governance:agenda_item": ("core_team", "get", {"_": _item_kwargs}),
    "governance:agenda_item_remove": ("core_team", "post", {"_": _item_kwargs}),
    "governance:agenda_template": ("core_team", "post", {**S, "pk": lambda p: _meeting(p).pk}),
    "governance:agenda_publish": ("core_team", "post", {**S, "pk": lambda p: _meeting(p).pk}),
    "governance:agenda_priorities": ("core_team", "post", {**S, "pk": lambda p: _meeting(p).pk}),
    "governance:agenda_print": (
        "representative",
        "get",
        {**S, "pk": lambda p: _published_meeting(p).pk},
    ),
    "governance:absence": ("representative", "post", {**S, "pk": lambda p: _meeting(p).pk}),
    "governance:absence_withdraw": (
        "representative",
        "post",
        {**S, "pk": lambda p: _meeting(p).pk},
    ),
    "governance:check_in": ("representative", "get", {**S, "pk": lambda p: _meeting(p).pk}),
    "governance:attendance_close": ("host", "post", {**S, "pk": lambda p: _meeting(p).pk}),
    "governance:motion_open": ("host", "post", {**S, "pk": lambda p: _meeting(p).pk}),
    "governance:motion": ("representative", "get", {"_": _motion_kwargs}),
    "governance:ballot": ("representative", "post", {"_": _motion_kwargs}),
    "governance:motion_close": ("host", "post", {"_": _motion_kwargs}),
    "governance:motion_roll_call": ("representative", "get", {"_": _motion_kwargs}),
    "governance:minutes": (
        "representative",
        "get",
        {**S, "pk": lambda p: _published_meeting(p).pk},
    ),
    "governance:minutes_edit": ("core_team", "get", {**S, "pk": lambda p: _meeting(p).pk}),
    "governance:minutes_publish": ("host", "post", {**S, "pk": lambda p: _meeting(p).pk}),
    "governance:followup_add": ("core_team", "post", {**S, "pk": lambda p: _meeting(p).pk}),
    "governance:my_followups": ("supporter", "get", S),
    "governance:followup_done": ("supporter", "post", {**S, "pk": lambda p: _follow_up(p).pk}),
    "governance:priorities": ("representative", "get", S),
    "governance:priority_actionable": ("core_team", "post", {**S, "pk": lambda p: _priority(p).pk}),
    "governance:priority_review": (
        "representative",
        "post",
        {**S, "pk": lambda p: _priority(p).pk},
    ),
    "governance:reviews": ("representative", "get", S),
    "relationships:contacts": ("representative", "get", S),
    "relationships:contact_add": ("representative", "get", S),
    "relationships:contact": ("representative", "get", {**S, "pk": lambda p: _contact(p).pk}),
    "relationships:contact_edit": (
        "representative",
        "get",
        {**S, "pk": lambda p: _contact(p).pk},
    ),
    "relationships:relationship_add": (
        "representative",
        "post",
        {**S, "pk": lambda p: _contact(p).pk},
    ),
    "relationships:relationship_end": ("core_team", "post", {**S, "pk": _relationship}),
    "relationships:power": ("representative", "get", S),
    "relationships:messengers": ("representative", "get", S),
    "relationships:pipeline": ("representative", "get", S),
    "relationships:pipeline_entry": ("representative", "get", {**S, "pk": _pipeline}),
    "relationships:letters": ("representative", "get", S),
    "relationships:letter_add": ("core_team", "get", S),
    "relationships:letter_edit": ("core_team", "get", {**S, "pk": _letter}),
    "relationships:letter_merge": ("representative", "get", {**S, "pk": _letter}),
    "relationships:one_to_ones": ("representative", "get", S),
    "relationships:leaders": ("representative", "get", S),
    "communications:notices": ("supporter", "get", S),
    "communications:notice_new": ("host", "get", S),
    "communications:notice": ("supporter", "get", {**S, "pk": _notice}),
    "communications:notice_progress": ("host", "get", {**S, "pk": _notice}),
    "communications:notice_send": ("host", "post", {**S, "pk": _notice}),
    "communications:updates": ("supporter", "get", S),
    "communications:statements": ("representative", "get", S),
    "communications:statement": ("representative", "get", {**S, "pk": _statement}),
    "communications:statement_action": (
        "host",
        "post",
        {**S, "pk": _statement, "action": "remind"},
    ),
    "communications:statement_public": (
        "public",
        "get",
        {**S, "pk": lambda p: _statement(p, "published")},
    ),
    "communications:statement_logo": (
        "public",
        "get",
        {**S, "pk": lambda p: _statement(p, "published"), "member_pk": lambda p: p.member.pk},
    ),
    "communications:documents": ("supporter", "get", S),
    "communications:document": ("supporter", "get", {**S, "pk": _public_document}),
    "communications:ledger": ("host", "get", S),
    "links:unsubscribe": ("public", "get", {"token": _unsubscribe_token}),
    "links:signon": ("public", "get", {"token": _signon_token}),
    "api:root": ("token", "get", {}),
    "api:openapi": ("public", "get", {}),
    "api:docs": ("public", "get", {}),
    "api:people": ("token", "get", {}),
    "api:signup": ("token", "post", {}),
    "api:person": ("token", "get", {"uuid": lambda p: p.member.people.get().uuid}),
    "api:person_taggings": ("token", "get", {"uuid": lambda p: p.member.people.get().uuid}),
    "api:tags": ("token", "get", {}),
    "api:tag": ("token", "get", {"uuid": lambda p: "00000000-0000-0000-0000-000000000000"}),
    "api:tag_taggings": (
        "token",
        "get",
        {"uuid": lambda p: "00000000-0000-0000-0000-000000000000"},
    ),
    "api:members": ("token", "get", {}),
    "api:meetings": ("token", "get", {}),
    "api:statements": ("token", "get", {}),
    "api:events": ("token", "get", {}),
    "api:campaigns": ("token", "get", {}),
    "api:event": ("token", "get", {"uuid": lambda p: "00000000-0000-0000-0000-000000000000"}),
    "api:attendances": (
        "token",
        "get",
        {"uuid": lambda p: "00000000-0000-0000-0000-000000000000"},
    ),
    "api:attendance": (
        "token",
        "get",
        {"uuid": lambda p: "00000000-0000-0000-0000-000000000000", "aid": lambda p: 1},
    ),
    "api:person_attendances": (
        "token",
        "get",
        {"uuid": lambda p: p.member.people.get().uuid},
    ),
    "api:person_attendance": (
        "token",
        "get",
        {"uuid": lambda p: p.member.people.get().uuid, "aid": lambda p: 1},
    ),
    "api:person_by_identifier": ("token", "get", {"ref": lambda p: "nobody"}),
    "api:tagging": (
        "token",
        "get",
        {
            "uuid": lambda p: "00000000-0000-0000-0000-000000000000",
            "tagging": lambda p: "00000000-0000-0000-0000-000000000000",
        },
    ),
    "api:not_found": ("public", "get", {"rest": "nowhere"}),
    "api_pages:tokens": ("signed_in", "get", {}),
    "api_pages:token_revoke": ("signed_in", "post", {"pk": lambda p: 999999}),
    "api_pages:webhooks": ("host", "get", S),
    "events:list": ("supporter", "get", S),
    "events:feed": ("public", "get", {**S, "token": _feed_token}),
    "events:add": ("core_team", "get", S),
    "events:event": ("representative", "get", {**S, "pk": _event_pk}),
    "events:edit": ("core_team", "get", {**S, "pk": _event_pk}),
    "events:status": ("core_team", "post", {**S, "pk": _event_pk}),
    "events:step": ("core_team", "post", {"_": _event_step}),
    "events:speaker_add": ("core_team", "post", {**S, "pk": _event_pk}),
    "events:speaker_remove": ("core_team", "post", {"_": _event_speaker}),
    "events:guests": ("core_team", "get", {**S, "pk": _event_pk}),
    "events:invitation_template": ("core_team", "post", {**S, "pk": _event_pk}),
    "events:guests_invite": ("core_team", "post", {**S, "pk": _event_pk}),
    "events:guests_remind": ("core_team", "post", {**S, "pk": _event_pk}),
    "events:guest_update": ("core_team", "post", {"_": _event_guest}),
    "events:invitation_letter": ("core_team", "get", {"_": _event_guest}),
    "events:press_release": ("core_team", "get", {**S, "pk": _event_pk}),
    "events:attendance_add": ("core_team", "post", {**S, "pk": _event_pk}),
    "events:followup_add": ("core_team", "post", {**S, "pk": _event_pk}),
    "events:followup_done": ("supporter", "post", {**S, "pk": _event_followup}),
    "events:signins": ("core_team", "get", {**S, "pk": _event_pk}),
    "events:signin_paper": ("core_team", "post", {**S, "pk": _event_pk}),
    "events:kiosk_lock": ("core_team", "post", {**S, "pk": _event_pk}),
    "events:sheet": ("core_team", "get", {"_": _event_sheet}),
    "events:postcards": ("core_team", "get", {**S, "pk": _event_pk}),
    "events:postcards_csv": ("core_team", "get", {**S, "pk": _event_pk}),
    "districts:who_represents": ("supporter", "get", S),
    "relationships:contact_pick": ("representative", "get", S),
    "districts:save_zip": ("supporter", "post", S),
    "events:action_add": ("core_team", "post", {**S, "pk": _event_pk}),
    "events:press_contacts": ("core_team", "post", {**S, "pk": _event_pk}),
    "events:purge": ("core_team", "post", {**S, "pk": _event_pk}),
    "events_public:page": ("public", "get", {"_": _event_public}),
    "events_public:ics": ("public", "get", {"_": _event_public}),
    "events_public:rsvp": ("public", "get", {"token": _rsvp_token}),
    "events_public:kiosk": ("public", "get", {"token": _kiosk_token}),
    "events_public:kiosk_sign": ("public", "post", {"token": _kiosk_token}),
    "events_public:signin_confirm": ("public", "get", {"token": _signin_credit_token}),
    "events:signin_credit": ("host", "post", {"_": _event_signin}),
    "events_public:kiosk_representative": ("public", "get", {"token": _kiosk_token}),
    "imports:start": ("host", "get", S),
    "imports:job": ("host", "get", {**S, "pk": _import_job}),
    "imports:progress": ("host", "get", {**S, "pk": _import_job}),
    "imports:discard": ("host", "post", {**S, "pk": _import_job}),
    "imports:export_people": ("representative", "get", S),
    "imports:export_members": ("representative", "get", S),
    "imports:export_attendance": ("host", "get", S),
    "imports:export_signons": ("host", "get", S),
    # Privacy: hosts act on anyone; everyone with a role sees and exports their own data.
    "privacy:settings": ("host", "get", S),
    "privacy:lockdown": ("host", "post", S),
    "privacy:lockdown_lift": ("host", "post", S),
    "privacy:person": ("host", "get", {**S, "pk": lambda p: p.member.people.get().pk}),
    "privacy:person_export": ("host", "get", {**S, "pk": lambda p: p.member.people.get().pk}),
    "privacy:erase": ("host", "post", {**S, "pk": lambda p: p.member.people.get().pk}),
    "privacy:mine": ("supporter", "get", S),
    "privacy:my_export": ("supporter", "get", S),
    "privacy:erasure_request": ("supporter", "post", S),
}
# Views whose allowed answer is not 200 even for the right person.
ALLOWED_STATUS = {
    # The old task pages lead to My work (issue 16).
    "campaigns:my_work": {302},
    "governance:my_followups": {302},
    # The link is for new@example.org: any other signed-in login is told so (403).
    "accounts:accept": {200, 403},
    "accounts:invitation_resend": {302},
    "accounts:invitation_revoke": {302},
    "members:person_leave": {302},
    "members:member_people_leave": {302},
    "privacy:lockdown": {302},
    "privacy:lockdown_lift": {302},
    "privacy:erase": {302},  # an unticked confirmation: allowed, sent back with a message
    "privacy:erasure_request": {302},
    "events:status": {302},
    "events:step": {302},
    "events:speaker_add": {302},
    "events:speaker_remove": {302},
    "events:invitation_template": {302},
    "events:guests_invite": {302},
    "events:guests_remind": {302},
    "events:guest_update": {302},
    "events:attendance_add": {302},
    "events:followup_add": {302},
    # Only the owner (here the supporter) or the event's planners tick it; others 404.
    "events:followup_done": {302, 404},
    "events:signin_paper": {302},
    "events:kiosk_lock": {302},
    "events:signin_credit": {302},
    "events:action_add": {302},
    "events:press_contacts": {302},
    "events:purge": {302},
    "districts:save_zip": {302},
    "events_public:kiosk_sign": {400},  # an empty signature: allowed, refused as bad input
    "start_root": {200, 302},
    "login": {200, 302},
    "logout": {302},
    "set_language": {302},
    "members:application_logo": {404},  # no logo uploaded: allowed, but nothing to send
    "members:logo": {404},
    "members:person_add": {302},
    "members:team_join": {302},
    "members:team_leave": {302},
    "members:primary_contact": {302},
    "imports:discard": {302},
    "api:not_found": {404},
    "api_pages:token_revoke": {404},  # someone else's (here: no) token is not found
    "communications:notice_send": {302},
    "communications:statement_action": {302},
    "communications:statement_logo": {404},  # no logo: allowed, nothing to send
    "communications:document": {302},  # a link document redirects to its address
    "relationships:relationship_add": {400},  # an empty form: allowed, refused as bad input
    "relationships:relationship_end": {302},
    "governance:change": {302},
    "governance:agenda_item_remove": {302},
    "governance:agenda_template": {302},
    "governance:agenda_publish": {302},
    "governance:agenda_priorities": {302},
    "governance:absence": {302},
    "governance:absence_withdraw": {302},
    "governance:attendance_close": {302},
    "governance:motion_open": {302},
    "governance:ballot": {302},
    "governance:motion_close": {302},
    "governance:minutes_publish": {302},
    "governance:followup_add": {400},  # an empty form: allowed, shown again with its errors
    # Only the owner (here the supporter) or the Core Team may tick a follow-up; others 404.
    "governance:followup_done": {302, 404},
    "governance:priority_actionable": {302},
    "governance:priority_review": {302},
}
# --- Campaigns: the campaign's team is the Core Team, so its editors are core and host. ---


def _campaign(p):
    from juntos.campaigns.services import campaign_start

    return campaign_start(
        coalition=p.coalition,
        actor=p.host,
        team=p.core_team,
        title="IDs for all",
        playbook="municipal_id",
    )


def _campaign_kwargs(p, **more):
    campaign = _campaign(p)
    return {
        "slug": p.coalition.slug,
        "pk": campaign.pk,
        **{k: v(campaign) for k, v in more.items()},
    }


def _campaign_goal(campaign):
    from datetime import date
    from decimal import Decimal

    from juntos.campaigns.services import goal_save

    return goal_save(
        campaign=campaign,
        actor=None,
        term="short",
        text="Pass it",
        measure="votes",
        target_value=Decimal(5),
        due_on=date(2099, 1, 1),
        winners=list(campaign.coalition.members.all()[:1]),
    ).pk


def _supporters_deliverable(campaign):
    from datetime import date

    from juntos.campaigns.services import deliverable_add
    from juntos.members.models import Person

    owner = Person.objects.get(coalition=campaign.coalition, role="supporter")
    return deliverable_add(
        campaign=campaign,
        coalition=campaign.coalition,
        actor=None,
        title="Collect stories",
        due_on=date(2099, 1, 1),
        owner_person=owner,
    ).pk


def _campaign_tactic(campaign):
    from datetime import date

    from juntos.campaigns.models import Tactic

    return Tactic.objects.create(
        campaign=campaign, coalition=campaign.coalition, rung=1, title="Visit", on=date(2099, 1, 5)
    ).pk


def _campaign_key_date(campaign):
    from datetime import date

    from juntos.campaigns.models import KeyDate

    return KeyDate.objects.create(
        coalition=campaign.coalition,
        campaign=campaign,
        kind="external",
        category="recess",
        title="Spring recess",
        starts_on=date(2099, 3, 1),
    ).pk


def _dm_meeting(campaign):
    from juntos.campaigns.models import DecisionMakerMeeting

    return DecisionMakerMeeting.objects.create(
        campaign=campaign, decision_maker="Mayor", purpose="p", requests="r"
    ).pk


def _bill(p):
    from juntos.campaigns.models import Bill

    return Bill.objects.create(
        coalition=p.coalition,
        jurisdiction="Georgia",
        session="2015",
        identifier="SB 6",
        title="t",
        position="oppose",
    ).pk


def _survey(p):
    from juntos.campaigns.models import Survey

    return Survey.objects.create(
        coalition=p.coalition, kind="survey", title="S", questions=["Q"]
    ).pk


EXPECTED.update(
    {
        "campaigns:list": ("representative", "get", S),
        "campaigns:start": ("representative", "get", S),
        "campaigns:my_work": ("supporter", "get", S),
        "campaigns:detail": ("representative", "get", {"_": _campaign_kwargs}),
        "campaigns:chart": ("representative", "get", {"_": _campaign_kwargs}),
        "campaigns:chart_edit": ("core_team", "get", {"_": _campaign_kwargs}),
        "campaigns:stakeholder_add": ("core_team", "post", {"_": _campaign_kwargs}),
        "campaigns:target_add": ("core_team", "post", {"_": _campaign_kwargs}),
        "campaigns:chart_row_remove": (
            "core_team",
            "post",
            {
                "_": lambda p: _campaign_kwargs(
                    p, kind=lambda c: "stakeholder", row_pk=lambda c: c.stakeholders.first().pk
                )
            },
        ),
        "campaigns:goals": ("representative", "get", {"_": _campaign_kwargs}),
        "campaigns:goal_add": ("core_team", "get", {"_": _campaign_kwargs}),
        "campaigns:goal_edit": (
            "core_team",
            "get",
            {"_": lambda p: _campaign_kwargs(p, goal_pk=_campaign_goal)},
        ),
        "campaigns:goal_progress": (
            "core_team",
            "post",
            {"_": lambda p: _campaign_kwargs(p, goal_pk=_campaign_goal)},
        ),
        "campaigns:deliverables": ("representative", "get", {"_": _campaign_kwargs}),
        "campaigns:deliverable_add": ("core_team", "post", {"_": _campaign_kwargs}),
        "campaigns:deliverable_from_followup": ("core_team", "post", {"_": _campaign_kwargs}),
        "campaigns:deliverable_check_in": (
            "supporter",
            "post",
            {"_": lambda p: _campaign_kwargs(p, d_pk=_supporters_deliverable)},
        ),
        "campaigns:timeline": ("representative", "get", {"_": _campaign_kwargs}),
        "campaigns:feed": (
            "public",
            "get",
            {"_": lambda p: {**_campaign_kwargs(p), "token": _feed_token(p)}},
        ),
        "campaigns:tactic_add": ("core_team", "get", {"_": _campaign_kwargs}),
        "campaigns:tactic_status": (
            "core_team",
            "post",
            {"_": lambda p: _campaign_kwargs(p, t_pk=_campaign_tactic)},
        ),
        "campaigns:key_date_add": ("core_team", "post", {"_": _campaign_kwargs}),
        "campaigns:tactic": (
            "core_team",
            "get",
            {"_": lambda p: _campaign_kwargs(p, t_pk=_campaign_tactic)},
        ),
        "campaigns:tactic_done": (
            "core_team",
            "post",
            {"_": lambda p: _campaign_kwargs(p, t_pk=_campaign_tactic)},
        ),
        "campaigns:tactic_delete": (
            "core_team",
            "post",
            {"_": lambda p: _campaign_kwargs(p, t_pk=_campaign_tactic)},
        ),
        "campaigns:key_date_edit": (
            "core_team",
            "get",
            {"_": lambda p: _campaign_kwargs(p, k_pk=_campaign_key_date)},
        ),
        "campaigns:key_date_delete": (
            "core_team",
            "post",
            {"_": lambda p: _campaign_kwargs(p, k_pk=_campaign_key_date)},
        ),
        "campaigns:dm_meeting_add": ("core_team", "get", {"_": _campaign_kwargs}),
        "campaigns:dm_meeting": (
            "representative",
            "get",
            {"_": lambda p: _campaign_kwargs(p, m_pk=_dm_meeting)},
        ),
        "campaigns:dm_meeting_step": (
            "core_team",
            "post",
            {"_": lambda p: _campaign_kwargs(p, m_pk=_dm_meeting, step=lambda c: "requested")},
        ),
        "campaigns:bills": ("representative", "get", S),
        "campaigns:bill_add": ("core_team", "get", S),
        "campaigns:bill_import": ("core_team", "get", S),
        "campaigns:bill": ("representative", "get", {**S, "pk": _bill}),
        "campaigns:bill_status": ("core_team", "post", {**S, "pk": _bill}),
        "campaigns:bill_edit": ("core_team", "get", {**S, "pk": _bill}),
        "campaigns:bill_watch": ("representative", "post", {**S, "pk": _bill}),
        "campaigns:surveys": ("representative", "get", S),
        "campaigns:survey_add": ("core_team", "get", S),
        "campaigns:survey": ("representative", "get", {**S, "pk": _survey}),
        "campaigns:survey_response_add": ("core_team", "post", {**S, "pk": _survey}),
        "campaigns:survey_import": ("core_team", "post", {**S, "pk": _survey}),
    }
)
ALLOWED_STATUS.update(
    {
        name: {302}
        for name in (
            "campaigns:stakeholder_add",
            "campaigns:target_add",
            "campaigns:chart_row_remove",
            "campaigns:goal_progress",
            "campaigns:deliverable_add",
            "campaigns:deliverable_from_followup",
            "campaigns:tactic_status",
            "campaigns:key_date_add",
            "campaigns:tactic_delete",
            "campaigns:key_date_delete",
            "campaigns:dm_meeting_step",
            "campaigns:bill_status",
            "campaigns:bill_watch",
            "campaigns:survey_response_add",
            "campaigns:survey_import",
        )
    }
)
# Only the person a deliverable is delegated to (here the supporter) or the team may check
# in; others get 404.
ALLOWED_STATUS["campaigns:deliverable_check_in"] = {302, 404}
ALLOWED_STATUS["operator:coalitions"] = {404}
ALLOWED_STATUS["operator:request_decide"] = {404}
ALLOWED_STATUS["requests:coalition_request"] = {404}
# An empty "done" form: allowed, refused as bad input (the date is required).
ALLOWED_STATUS["campaigns:tactic_done"] = {400}
SKIP_PREFIXES = ("admin:",)


# --- Meetings that hold up, and a meeting followed live (issue 16) ------------------------
_M = {**S, "pk": lambda p: _meeting(p).pk}
EXPECTED.update(
    {
        "governance:attendance_reopen": ("host", "post", _M),
        "governance:absences": ("host", "get", _M),
        "governance:agenda_item_move": ("core_team", "post", {"_": _item_kwargs}),
        "governance:agenda_current": ("host", "post", _M),
        "governance:motion_live": ("representative", "get", {"_": _motion_kwargs}),
        "governance:projector": ("representative", "get", _M),
        "governance:projector_live": ("representative", "get", _M),
        "web:audit_export": ("host", "get", S),
        "governance:packet": ("representative", "get", _M),
        "governance:my_work": ("supporter", "get", S),
        "governance:alternates": ("representative", "get", S),
    }
)
ALLOWED_STATUS.update(
    {
        "governance:attendance_reopen": {302},  # not closed: refused with a message
        "governance:agenda_item_move": {302},
        "governance:agenda_current": {302},
        "governance:alternates": {200, 302},  # a host without a member is sent back
    }
)


def all_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            yield from all_url_names(entry, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_has_a_row():
    names = {n for n in all_url_names() if not n.startswith(SKIP_PREFIXES)}
    missing = sorted(names - set(EXPECTED))
    assert not missing, f"add these URLs to the permission matrix: {missing}"


def test_every_view_declares_its_audience():
    from juntos.core.access import view_access

    resolver = get_resolver()

    def walk(res):
        for entry in res.url_patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace == "admin":
                    continue
                yield from walk(entry)
            else:
                yield entry

    undeclared = [p.name for p in walk(resolver) if view_access(p.callback) is None]
    assert not undeclared


def expected_allowed(minimum: str, persona: str) -> bool:
    if minimum == "public":
        return True
    if persona == "anonymous":
        return False
    if minimum == "signed_in":
        return True
    if persona == "outsider":
        return False
    return RANK[ROLE_OF[persona]] >= RANK[minimum]


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("persona", PERSONAS)
def test_matrix(personas, name, persona):
    minimum, method, kwarg_makers = EXPECTED[name]
    kwargs = {k: (v(personas) if callable(v) else v) for k, v in kwarg_makers.items()}
    if "_" in kwargs:  # one maker for several kwargs that must agree (meeting and its item)
        kwargs = kwargs.pop("_")
    url = reverse(name, kwargs=kwargs)
    client = personas.client(None if persona == "anonymous" else persona)
    response = getattr(client, method)(url)
    status = response.status_code
    if minimum == "token":
        # The API takes tokens, never the session: a signed-in browser gets 401 too.
        assert status == 401, (name, persona, status)
        return
    if expected_allowed(minimum, persona):
        assert status in ALLOWED_STATUS.get(name, {200}), (name, persona, status)
    elif persona == "anonymous":
        assert status == 302 and "/accounts/login/" in response["Location"], (name, status)
    elif persona == "outsider" and minimum not in ("public", "signed_in"):
        assert status == 404, (name, persona, status)  # outsiders learn nothing
    else:
        assert status == 403, (name, persona, status)


def test_outsider_cannot_see_other_coalition_even_as_host(personas):
    client = personas.client("outsider")
    assert client.get(reverse("web:home", args=[personas.coalition.slug])).status_code == 404
    assert client.get(reverse("web:home", args=[personas.other_coalition.slug])).status_code == 200


def test_unknown_view_is_denied_by_default(rf):
    from django.core.exceptions import PermissionDenied
    from django.http import HttpResponse

    from juntos.core.access import DenyByDefaultMiddleware

    def undeclared(request):
        return HttpResponse("secret")

    middleware = DenyByDefaultMiddleware(lambda r: HttpResponse())
    with pytest.raises(PermissionDenied):
        middleware.process_view(rf.get("/"), undeclared, (), {})
