"""Erasure: a host erases a person and nothing that identifies them is left in any table."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.core import mail
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from juntos.accounts.models import User
from juntos.audit.models import Action, AuditEntry
from juntos.communications.models import Delivery, Notice
from juntos.core.models import OutboxMessage
from juntos.events.models import Event, SignIn
from juntos.governance.models import Ballot, Meeting
from juntos.governance.services import motion_open
from juntos.members.models import Person
from juntos.privacy.erasure import text_fields
from juntos.privacy.models import ErasureRequest
from juntos.relationships.models import Contact, OneToOne, Relationship
from juntos.relationships.services import one_to_one_log
from tests.conftest import PASSWORD
from tests.governance.helpers import all_present, on_meeting_day
from tests.privacy.helpers import person, share_contacts

ERASED = ["Rene Rep", "rep@test.example", "+13145550122", "(314) 555-0122"]


def _everything_about_rene(personas):
    rep = share_contacts(personas, "rep")
    host = person(personas, "host")
    one_to_one_log(
        coalition=personas.coalition,
        actor=personas.host,
        organizer=host,
        person=rep,
        cares_about="Rene Rep worries about his cousin; call (314) 555-0122",
    )
    contact = Contact.objects.create(
        coalition=personas.coalition,
        name="Rene Rep",
        email="rep@test.example",
        person=rep,
        notes="Met Rene Rep at the forum",
    )
    other = Contact.objects.create(coalition=personas.coalition, name="Sen. Smith")
    Relationship.objects.create(
        coalition=personas.coalition,
        source=contact,
        target=other,
        kind="knows",
        how_we_know="Rene Rep went to school with the senator",
    )
    start = timezone.now() - timedelta(days=3)
    event = Event.objects.create(
        coalition=personas.coalition,
        kind="community_forum",
        title="Forum",
        slug="forum",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    SignIn.objects.create(
        event=event,
        list="guest",
        client_id="a1",
        name="Rene Rep",
        email="REP@test.example",
        phone="+13145550122",
    )
    notice = Notice.objects.create(
        coalition=personas.coalition, audience="chosen", status="sent", subject_en="Hi"
    )
    Delivery.objects.create(
        notice=notice, person=rep, email=rep.email, language="en", status="sent"
    )
    OutboxMessage.objects.create(
        coalition_slug=personas.coalition.slug,
        to="rep@test.example",
        subject="Hi",
        body="Dear Rene Rep",
    )
    meeting = Meeting.objects.create(
        coalition=personas.coalition,
        kind="regular",
        starts_at=timezone.now() + timedelta(hours=1),  # the members vote in it
        takeaways="Rene Rep will bring the flyers (rep@test.example)",
    )
    # A motion opens during its meeting, with quorum (the meeting's rules).
    all_present(personas, meeting)
    with on_meeting_day(meeting, minutes=1):
        motion = motion_open(meeting=meeting, actor=personas.host, kind="general", text="Adjourn")
    Ballot.objects.create(motion=motion, member=personas.member, choice="yes", cast_by=personas.rep)
    return rep


def _erase(personas, rep, who="host"):
    url = reverse("privacy:erase", args=[personas.coalition.slug, rep.pk])
    return personas.client(who).post(url, {"confirm": "on"})


def _find_everywhere(values) -> list[str]:
    """Every row of every table whose text columns hold one of `values`."""
    found = []
    for model in apps.get_models():
        for field in text_fields(model):
            match = Q()
            for value in values:
                match |= Q(**{f"{field.name}__icontains": value})
            for row in model._default_manager.filter(match).values_list("pk", field.name):
                found.append(f"{model._meta.label}.{field.name} #{row[0]}: {row[1]!r}")
    return found


def test_the_search_finds_the_values_before_the_erasure(personas):
    _everything_about_rene(personas)
    assert len(_find_everywhere(ERASED)) > 10


def test_after_erasure_no_table_holds_the_persons_name_email_or_phone(personas):
    rep = _everything_about_rene(personas)
    response = _erase(personas, rep)
    assert response.status_code == 302
    assert _find_everywhere(ERASED) == []


def test_the_search_covers_every_table_with_text(personas):
    # Guard against a scrubber that only knows some models: the test walks them all.
    tables = {m._meta.label for m in apps.get_models() if text_fields(m)}
    assert {"audit.AuditEntry", "core.OutboxMessage", "accounts.User", "events.SignIn"} <= tables
    assert all(
        isinstance(f, (models.CharField, models.TextField, models.JSONField))
        for m in apps.get_models()
        for f in text_fields(m)
    )


def test_what_only_concerns_them_goes_and_the_coalitions_record_stays(personas):
    rep = _everything_about_rene(personas)
    _erase(personas, rep)
    assert not OneToOne.objects.filter(person_id=rep.pk).exists()
    assert not Contact.objects.filter(person_id=rep.pk).exists()
    assert not Relationship.objects.filter(how_we_know__icontains="senator").exists()
    assert SignIn.objects.count() == 1  # counted, without the name
    assert Delivery.objects.filter(person_id=rep.pk).count() == 1
    ballot = Ballot.objects.get()
    assert ballot.member == personas.member  # the vote stays with the member
    tombstone = Person.objects.get(pk=rep.pk)
    assert tombstone.full_name == "" and tombstone.user_id is None and tombstone.role == ""


def test_votes_are_attributed_to_a_former_representative_in_the_audit_log(personas):
    rep = _everything_about_rene(personas)
    AuditEntry.objects.create(
        coalition=personas.coalition,
        actor=personas.rep,
        actor_label="Rene Rep",
        action=Action.BALLOT_CAST,
        target_type="governance.ballot",
        target_id="1",
        target_label="Adjourn",
    )
    _erase(personas, rep)
    html = personas.client("host").get(reverse("web:audit", args=[personas.coalition.slug]))
    assert "a former representative" in html.content.decode()


def test_the_audit_tombstone_says_who_and_when_not_what(personas):
    rep = _everything_about_rene(personas)
    _erase(personas, rep)
    entry = AuditEntry.objects.get(action=Action.PERSON_ERASED)
    assert entry.actor == personas.host
    assert entry.changes == {} and entry.target_label == ""


def test_the_erased_login_can_no_longer_sign_in(personas):
    rep = _everything_about_rene(personas)
    _erase(personas, rep)
    user = User.objects.get(pk=personas.rep.pk)
    assert not user.is_active and not user.has_usable_password()
    response = personas.client(None).post(
        reverse("login"), {"username": "rep@test.example", "password": PASSWORD}
    )
    assert response.status_code == 200 and "_auth_user_id" not in response.wsgi_request.session


def test_erasure_needs_the_confirmation_and_hosts_cannot_erase_themselves(personas):
    rep = person(personas, "rep")
    url = reverse("privacy:erase", args=[personas.coalition.slug, rep.pk])
    personas.client("host").post(url, {})
    assert Person.objects.get(pk=rep.pk).full_name == "Rene Rep"
    host = person(personas, "host")
    _erase(personas, host)
    assert Person.objects.get(pk=host.pk).full_name == "Hana Host"


def test_other_coalitions_are_untouched(personas):
    from juntos.members import services as members

    members.person_add(
        coalition=personas.other_coalition,
        actor=personas.outsider,
        full_name="Rene Rep",
        email="rene@elsewhere.example",
        role="supporter",
    )
    rep = _everything_about_rene(personas)
    _erase(personas, rep)
    assert Person.objects.filter(coalition=personas.other_coalition, full_name="Rene Rep").exists()


@pytest.mark.parametrize("days", [30, 7])
def test_the_person_asks_to_be_erased_and_hosts_are_told_with_the_deadline(
    personas, days, django_capture_on_commit_callbacks
):
    from juntos.privacy.models import PrivacySettings
    from juntos.privacy.services import settings_for

    PrivacySettings.objects.filter(pk=settings_for(personas.coalition).pk).update(erasure_days=days)
    url = reverse("privacy:erasure_request", args=[personas.coalition.slug])
    with django_capture_on_commit_callbacks(execute=True):
        personas.client("rep").post(url)
    request = ErasureRequest.objects.get()
    assert request.due_on == timezone.localdate(request.requested_at) + timedelta(days=days)
    assert [m.to for m in mail.outbox] == [["host@test.example"]]
    assert "Rene" not in mail.outbox[0].body  # the mail does not name them
    settings_page = personas.client("host").get(
        reverse("privacy:settings", args=[personas.coalition.slug])
    )
    assert "Rene Rep" in settings_page.content.decode()
    _erase(personas, person(personas, "rep"))
    request.refresh_from_db()
    assert request.status == "done"


def test_the_person_can_withdraw_their_request(personas):
    url = reverse("privacy:erasure_request", args=[personas.coalition.slug])
    client = personas.client("rep")
    client.post(url)
    client.post(url, {"withdraw": "1"})
    assert ErasureRequest.objects.get().status == "withdrawn"
