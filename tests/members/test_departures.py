"""Removal ends access (issue 14, "Removal ends access"): when a member is removed or a
person leaves a member, roles, API tokens and pending sign-on links end; published
statements list a removed member only if it signed before the removal."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from juntos.api.models import ApiToken
from juntos.audit.models import AuditEntry
from juntos.communications import services as comms
from juntos.communications.models import SignOnAnswer, SignOnInvite
from juntos.members import departures
from juntos.members.models import Member, Person, TeamSeat
from juntos.members.services import member_remove

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def requested(personas, django_capture_on_commit_callbacks):
    statement = comms.statement_create(
        coalition=personas.coalition, actor=personas.host, title="Licenses", body="For all."
    )
    with django_capture_on_commit_callbacks(execute=True):
        comms.signon_request(statement=statement, actor=personas.host)
    statement.refresh_from_db()
    return statement


def link(email, choice="in"):
    message = next(m for m in mail.outbox if m.to == [email])
    words = [w for w in message.body.split() if "/signon/" in w]
    url = words[0] if choice == "in" else words[1]
    return url[url.index("/signon/") :]


def rep_person(personas):
    return Person.objects.get(user=personas.rep, coalition=personas.coalition)


def test_removed_members_people_become_supporters_and_lose_tokens_and_links(personas, requested):
    token, raw = ApiToken.issue(
        user=personas.rep, coalition=personas.coalition, name="sync", scope="read"
    )
    other_coalition_token, _ = ApiToken.issue(
        user=personas.rep, coalition=personas.other_coalition, name="x", scope="read"
    )
    pending = link("rep@test.example")
    member_remove(member=personas.member, actor=personas.host, reason="Vote")

    assert rep_person(personas).role == "supporter"
    token.refresh_from_db()
    assert token.revoked_at is not None
    other_coalition_token.refresh_from_db()
    assert other_coalition_token.revoked_at is None  # only this coalition's tokens end
    assert not SignOnInvite.objects.filter(member=personas.member).exists()
    response = personas.client(None).post(pending)
    assert response.status_code == 400
    assert not SignOnAnswer.objects.filter(member=personas.member).exists()
    # The representative's pages are closed to them now.
    rep = personas.client("rep")
    assert rep.get(reverse("members:directory", args=[personas.coalition.slug])).status_code == 403
    api = personas.client(None).get("/api/people", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.status_code == 401
    entry = AuditEntry.objects.get(action="access.ended", target_id=rep_person(personas).pk)
    assert entry.changes["role"] == ["representative", "supporter"]


def test_published_statement_lists_a_removed_member_only_if_it_signed_before(
    personas, requested, time_machine
):
    time_machine.move_to(requested.requested_at)
    personas.client(None).post(link("rep@test.example"))  # Casa Test signs first
    member_remove(member=personas.member, actor=personas.host)
    other = Member.objects.get(pk=personas.other_member.pk)
    member_remove(member=other, actor=personas.host)
    # Labor Test "answers" after its removal (an answer recorded by old code or by hand).
    SignOnAnswer.objects.create(
        statement=requested, member=other, signed=True, answered_by="x", via="app"
    )
    comms.statement_publish(statement=requested, actor=personas.host, reason="Press deadline")
    names = [m.name for m in comms.statement_signers(requested)]
    assert names == ["Casa Test"]


def test_removed_member_cannot_answer_in_the_app(personas, requested):
    member_remove(member=personas.member, actor=personas.host)
    with pytest.raises(comms.TokenRefused):
        comms.signon_answer(
            statement=requested, member=personas.member, signed=True, by_name="R", via="app"
        )


def test_removals_recorded_before_the_moment_was_kept_count_from_the_day():
    from juntos.communications.rules import signed_before_removal

    removed_on = date(2027, 3, 10)
    before = datetime(2027, 3, 9, 23, 0, tzinfo=CHICAGO)
    same_day = datetime(2027, 3, 10, 9, 0, tzinfo=CHICAGO)
    assert signed_before_removal(before, None, removed_on)
    assert not signed_before_removal(same_day, None, removed_on)
    assert signed_before_removal(same_day, datetime(2027, 3, 10, 10, tzinfo=CHICAGO))
    assert signed_before_removal(same_day, None, None)


def test_host_chooses_that_a_removed_members_people_leave_the_coalition(personas):
    member_remove(member=personas.member, actor=personas.host)
    url = reverse("members:member_people_leave", args=[personas.coalition.slug, personas.member.pk])
    assert personas.client("host").post(url).status_code == 302
    assert rep_person(personas).role == ""
    home = reverse("web:home", args=[personas.coalition.slug])
    assert personas.client("rep").get(home).status_code == 404


def test_the_follow_up_is_only_for_removed_members(personas):
    url = reverse("members:member_people_leave", args=[personas.coalition.slug, personas.member.pk])
    assert personas.client("host").post(url).status_code == 404
    assert rep_person(personas).role == "representative"


def test_person_removed_from_a_member_loses_its_access(personas, requested):
    token, _ = ApiToken.issue(
        user=personas.rep, coalition=personas.coalition, name="sync", scope="read"
    )
    pending = link("rep@test.example")
    person = rep_person(personas)
    url = reverse("members:person_leave", args=[personas.coalition.slug, person.pk])
    response = personas.client("host").post(url, {"outcome": "supporter"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.role == "supporter" and person.member is None
    assert not person.is_primary_contact
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert personas.client(None).post(pending).status_code == 400
    assert AuditEntry.objects.filter(action="access.ended", target_id=person.pk).exists()


def test_person_leaving_the_coalition_also_leaves_their_teams(personas):
    person = rep_person(personas)
    TeamSeat.objects.create(team=personas.core_team, person=person)
    departures.person_leave_member(person=person, actor=personas.host, outcome="leave")
    person.refresh_from_db()
    assert person.role == "" and not TeamSeat.objects.filter(person=person).exists()


def test_a_host_keeps_hosting_when_their_member_is_removed(personas):
    host = Person.objects.get(user=personas.host, coalition=personas.coalition)
    host.member = personas.other_member
    host.save()
    member_remove(member=personas.other_member, actor=personas.host)
    host.refresh_from_db()
    assert host.role == "host"


def test_role_after_departure():
    assert departures.role_after_departure("representative", "supporter") == "supporter"
    assert departures.role_after_departure("core_team", "leave") == ""
    assert departures.role_after_departure("host", "leave") == "host"
    assert departures.role_after_departure("", "supporter") == ""


def test_only_hosts_remove_people_from_members(personas):
    person = rep_person(personas)
    url = reverse("members:person_leave", args=[personas.coalition.slug, person.pk])
    assert personas.client("core").post(url).status_code == 403
    assert rep_person(personas).role == "representative"
