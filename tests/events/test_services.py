import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from juntos.audit.models import Action, AuditEntry
from juntos.events import models, services
from juntos.events.models import EventAction, EventAttendance, SignIn
from juntos.events.selectors import counts_for
from juntos.events.services import EventError
from juntos.relationships.models import Contact
from tests.conftest import make_coalition
from tests.events.conftest import plan


def sign(event, name="Ana Pérez", list_kind="guest", client_id=None, **extra):
    fields = services.signin.SIGNIN_FIELDS
    data = {"name": name, **{k: extra.pop(k) for k in list(extra) if k in fields}}
    return services.signin_record(
        event=event,
        list_kind=list_kind,
        client_id=client_id or uuid.uuid4().hex,
        data=data,
        **extra,
    )


def test_planning_gives_the_fifteen_steps_due_before_the_day(personas, event):
    steps = list(event.steps.all())
    assert [s.position for s in steps] == list(range(1, 16))
    day = timezone.localtime(event.starts_at).date()
    venue = next(s for s in steps if s.key == "venue")
    assert venue.due_on == day - timedelta(days=28)
    assert event.slug.startswith("community-forum-on-immigration-")
    assert event.principles == "Make the state welcoming."  # the charter's mission
    assert AuditEntry.objects.filter(action="event.planned", target_id=str(event.pk)).exists()


def test_planning_refuses_bad_input(personas):
    with pytest.raises(EventError):
        plan(personas, hosts=[])
    start = timezone.now()
    with pytest.raises(EventError):
        services.event_plan(
            coalition=personas.coalition,
            actor=personas.host,
            hosts=[personas.member],
            data={
                "kind": "rally",
                "title": "X",
                "starts_at": start,
                "ends_at": start - timedelta(hours=1),
            },
        )
    other = make_coalition(slug="third", name="Third")
    from juntos.members.services import member_add

    stranger = member_add(coalition=other, actor=None, data={"kind": "organization", "name": "S"})
    with pytest.raises(EventError):
        plan(personas, hosts=[stranger])


def test_step_update_records_owner_date_and_done(personas, event):
    from tests.events.conftest import person_of

    step = event.steps.get(position=6)
    rep = person_of(personas.rep)
    services.step_update(step=step, actor=personas.host, owner=rep, due_on=step.due_on, done=True)
    step.refresh_from_db()
    assert step.owner == rep and step.done_at is not None
    entry = AuditEntry.objects.filter(action="event.step").latest("id")
    assert entry.changes["done"] == [False, True]
    services.step_update(step=step, actor=personas.host, owner=rep, due_on=step.due_on, done=False)
    step.refresh_from_db()
    assert step.done_at is None


def test_invitations_are_personal_and_track_rsvp_and_reminders(
    personas, event, django_capture_on_commit_callbacks
):
    services.speaker_add(
        event=event,
        actor=personas.host,
        name="Mayor Lee",
        affiliation="City of St. Louis",
        perspective="the city",
    )
    a = services.guest_add(
        event=event,
        actor=personas.host,
        data={
            "name": "Sen. Diaz",
            "title": "State Senator",
            "email": "diaz@senate.example",
            "personal_note": "We met in May.",
        },
    )
    b = services.guest_add(
        event=event,
        actor=personas.host,
        data={"name": "Rep. Ortiz", "email": "ortiz@house.example", "language": "es"},
    )
    c = services.guest_add(event=event, actor=personas.host, data={"name": "Pastor Kim"})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.invitations_send(event=event, actor=personas.host, guests=[a, b, c])
    assert sent == 2  # Pastor Kim has no email: a printed letter
    by_to = {m.to[0]: m for m in mail.outbox}
    diaz = by_to["diaz@senate.example"]
    assert "Dear Sen. Diaz" in diaz.body and "State Senator" in diaz.body
    assert "We met in May." in diaz.body and "Mayor Lee (City of St. Louis)" in diaz.body
    assert "/rsvp/" in diaz.body
    assert "We met in May." not in by_to["ortiz@house.example"].body
    a.refresh_from_db()
    c.refresh_from_db()
    assert a.invited_at and not c.invited_at
    assert event.steps.get(key="guests").done_at is not None

    services.guest_rsvp(guest=a, answer="no")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.guests_remind(event=event, actor=personas.host) == 1  # Ortiz only
    assert [m.to for m in mail.outbox] == [["ortiz@house.example"]]
    b.refresh_from_db()
    assert b.reminders == 1 and b.reminded_at
    with pytest.raises(EventError):
        services.guest_rsvp(guest=a, answer="maybe")


def test_guest_from_the_directory_and_not_twice(personas, event):
    official = Contact.objects.create(
        coalition=personas.coalition,
        name="Rep. Cleaver",
        title="U.S. Representative",
        email="cleaver@house.example",
    )
    guest = services.guest_add(event=event, actor=personas.host, data={}, contact=official)
    assert guest.name == "Rep. Cleaver" and guest.email == "cleaver@house.example"
    with pytest.raises(EventError):
        services.guest_add(event=event, actor=personas.host, data={}, contact=official)


def test_unknown_merge_fields_are_refused(personas, event):
    with pytest.raises(EventError):
        services.invitation_template_save(
            event=event, actor=personas.host, subject="Hi", body="Dear {{ guest_nme }}"
        )


def test_press_release_draft_is_filled_from_the_event(personas, event):
    text = services.press_release_draft(event)
    assert event.title in text and "Casa Test" in text and "{{" not in text


def test_the_same_client_id_signs_once(personas, event):
    first = sign(event, client_id="abcdef123456")
    again = sign(event, client_id="abcdef123456")
    assert first.created and not again.created and again.signin.pk == first.signin.pk
    assert SignIn.objects.filter(event=event).count() == 1


def test_a_double_tap_with_a_new_id_signs_once_but_a_namesake_signs(personas, event):
    sign(event, "Luis Gómez", client_id="tap-one-000001", email="luis@example.org")
    tap = sign(event, "luis gomez", client_id="tap-two-000002", email="LUIS@example.org")
    assert not tap.created
    namesake = sign(event, "Luis Gómez", client_id="tap-three-0003", email="other@example.org")
    assert namesake.created
    assert SignIn.objects.filter(event=event).count() == 2


def test_signing_in_asks_the_press_for_an_outlet(personas, event):
    with pytest.raises(EventError):
        sign(event, "Reporter", list_kind="press", client_id="press-000001")
    ok = sign(event, "Reporter", list_kind="press", client_id="press-000002", organization="KSDK")
    assert ok.signin.list == "press"
    with pytest.raises(EventError):
        sign(event, "", client_id="empty-000001")
    with pytest.raises(EventError):
        sign(event, "X", client_id="bad id!")


def test_no_signing_in_to_a_cancelled_or_purged_event(personas, event):
    services.event_status_set(event=event, actor=personas.host, status="cancelled")
    with pytest.raises(EventError):
        sign(event, client_id="cancelled-0001")


def test_sign_in_matches_people_but_credits_a_member_only_after_a_host_confirms(personas, event):
    # Anyone with the kiosk link could type a representative's email: that alone used to
    # record attendance for the member (and its standing).
    rene = sign(event, "Rene Rep", client_id="rene-00000001", email="REP@test.example")
    labor = sign(event, "Someone", client_id="someone-000001", organization="labor test")
    assert not EventAttendance.objects.filter(event=event).exists()
    for result in (rene, labor):
        assert services.signin_credit(signin=result.signin, actor=personas.host, via="host")
    assert not services.signin_credit(signin=rene.signin, actor=personas.host, via="host")
    rows = EventAttendance.objects.filter(event=event)
    assert {(r.member.name, r.person.full_name if r.person else None) for r in rows} == {
        ("Casa Test", "Rene Rep"),
        ("Labor Test", None),
    }


def test_the_matched_person_confirms_by_the_link_mailed_to_its_own_address(
    personas, event, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.urls import reverse

    with django_capture_on_commit_callbacks(execute=True):
        sign(event, "Rene Rep", client_id="rene-00000002", email="rep@test.example")
    (message,) = [m for m in mail.outbox if m.to == ["rep@test.example"]]
    link = next(w for w in message.body.split() if "/attended/" in w)
    path = link[link.index("/attended/") :]
    client = personas.client(None)
    assert client.get(path).status_code == 200  # a mail scanner's GET confirms nothing
    assert not EventAttendance.objects.filter(event=event).exists()
    assert "is confirmed" in client.post(path).content.decode()
    assert EventAttendance.objects.get(event=event).member == personas.member
    assert "cannot be used" in client.post(path).content.decode()  # single use
    assert reverse("events_public:signin_confirm", args=["forged"]) != path
    assert "cannot be used" in client.get("/attended/forged/").content.decode()


def test_a_paper_entry_typed_by_a_host_counts_at_once(personas, event):
    sign(
        event,
        "Rene Rep",
        client_id="paper-rene-001",
        email="rep@test.example",
        source="paper",
        actor=personas.host,
    )
    assert EventAttendance.objects.filter(event=event, member=personas.member).exists()


def test_purging_sign_ins_removes_their_names_from_attendance(personas, event):
    rene = sign(event, "Rene Rep", client_id="rene-00000003", email="rep@test.example")
    services.signin_credit(signin=rene.signin, actor=personas.host, via="host")
    services.attendance_record(event=event, actor=personas.host, member=personas.other_member)
    services.event_signins_purge(event=event, actor=personas.host)
    rows = EventAttendance.objects.filter(event=event)
    assert {(r.member.name, r.person_id) for r in rows} == {
        ("Casa Test", None),  # the member keeps its credit
        ("Labor Test", None),
    }


def test_the_action_after_the_event(personas, event):
    office = Contact.objects.create(
        coalition=personas.coalition,
        name="Rep. Ann Wagner",
        level="federal",
        chamber="lower",
        state="MO",
        district="2",
        offices=[{"classification": "capitol", "address": "2350 Rayburn HOB, Washington DC"}],
    )
    s = sign(event, client_id="postcard-0001", postcard_office=office, endorse=True)
    sign(event, "B", client_id="postcard-0002", postcard_office_name="Rep. Bush")
    cards = list(EventAction.objects.filter(event=event, kind="postcard").order_by("id"))
    assert cards[0].office_address.startswith("2350 Rayburn") and cards[0].signin == s.signin
    assert cards[1].office_name == "Rep. Bush"
    made = services.action_record(
        event=event, actor=personas.host, kind="postcard", name="", office=office, count=5
    )
    assert len(made) == 5
    counts = counts_for(event)
    assert counts.postcards == 7 and counts.endorsements == 1 and counts.guests == 2
    with pytest.raises(EventError):
        services.action_record(event=event, actor=personas.host, kind="postcard", name="x")


def test_press_list_becomes_media_contacts_with_consent_only(personas, event):
    sign(
        event,
        "Jo Press",
        list_kind="press",
        client_id="press-jo-0001",
        organization="KSDK",
        email="jo@ksdk.example",
        may_contact=True,
    )
    sign(
        event,
        "No Thanks",
        list_kind="press",
        client_id="press-no-0001",
        organization="Post-Dispatch",
        email="no@pd.example",
        may_contact=False,
    )
    Contact.objects.create(
        coalition=personas.coalition, name="Known", category="press", email="known@example.org"
    )
    sign(
        event,
        "Known Reporter",
        list_kind="press",
        client_id="press-kn-0001",
        organization="KWMU",
        email="KNOWN@example.org",
        may_contact=True,
    )
    assert services.press_to_contacts(event=event, actor=personas.host) == (1, 1)
    assert services.press_to_contacts(event=event, actor=personas.host) == (0, 0)
    press = Contact.objects.filter(coalition=personas.coalition, category="press")
    assert sorted(press.values_list("name", flat=True)) == ["Jo Press", "Known"]


def test_purge_erases_details_and_keeps_counts(personas, event):
    ana = sign(
        event,
        "Ana",
        client_id="purge-000001",
        email="ana@example.org",
        phone="+13145550199",
        organization="Casa Test",
        endorse=True,
    )
    services.signin_credit(signin=ana.signin, actor=personas.host, via="host")
    sign(event, "Reporter", list_kind="press", client_id="purge-000002", organization="KSDK")
    report = services.event_signins_purge(event=event, actor=personas.host)
    assert report.signins == 2 and report.actions == 1
    for s in SignIn.objects.filter(event=event):
        assert (s.name, s.email, s.phone, s.organization, s.person_id) == ("", "", "", "", None)
        assert s.purged_at is not None
    assert not EventAction.objects.filter(event=event).exclude(name="").exists()
    counts = counts_for(event)
    assert (counts.guests, counts.press, counts.endorsements) == (1, 1, 1)
    # Attendance of the coalition's own member stays: it is the coalition's record.
    assert EventAttendance.objects.filter(event=event, member=personas.member).exists()
    entry = AuditEntry.objects.filter(action="event.purged").latest("id")
    assert "Ana" not in str(entry.changes)
    with pytest.raises(EventError):
        sign(event, "Late", client_id="purge-000003")


def test_scheduled_purge_erases_only_past_retention(personas):
    old = plan(personas, title="Old", start=timezone.now() - timedelta(days=40), retention_days=30)
    recent = plan(
        personas, title="Recent", start=timezone.now() - timedelta(days=10), retention_days=30
    )
    for e in (old, recent):
        models.SignIn.objects.create(
            event=e,
            list="guest",
            client_id=f"seed-{e.pk}-000",
            name="Someone",
            email="s@example.org",
        )
    call_command("purge_signins")
    assert models.SignIn.objects.get(event=old).name == ""
    assert models.SignIn.objects.get(event=recent).name == "Someone"
    assert services.signins_purge_due().events == 0  # nothing left to do


def test_kiosk_token_stops_working_when_locked(personas, event):
    token = services.kiosk_token(event, "press")
    assert services.kiosk_event(token) == (event, "press")
    assert services.kiosk_event(token + "x") is None
    services.kiosk_lock(event=event, actor=personas.host)
    assert services.kiosk_event(token) is None
    assert services.kiosk_event(services.kiosk_token(event, "guest"))[1] == "guest"


def test_follow_ups_are_tasks_for_their_owner(personas, event):
    from juntos.events.selectors import my_followups
    from tests.events.conftest import person_of

    owner = person_of(personas.rep)
    f = services.followup_add(
        event=event,
        actor=personas.host,
        text="Thank Rep. Cleaver",
        owner=owner,
        due_on=timezone.localdate(),
    )
    assert list(my_followups(owner)) == [f]
    services.followup_done(follow_up=f, actor=personas.rep)
    assert list(my_followups(owner)) == []
    with pytest.raises(EventError):
        services.followup_add(
            event=event, actor=personas.host, text="  ", owner=owner, due_on=timezone.localdate()
        )


NEVER = (
    "immigration",
    "citizen",
    "status_legal",
    "documented",
    "visa",
    "alien",
    "ssn",
    "passport",
    "country_of_birth",
    "nationality",
)


def test_no_field_about_immigration_status_anywhere():
    from django.apps import apps

    for model in apps.get_app_config("events").get_models():
        for field in model._meta.get_fields():
            name = field.name.lower()
            assert not any(word in name for word in NEVER), (model.__name__, field.name)
    from juntos.events.forms import PaperSignInForm, SignInForm

    for form in (SignInForm(), PaperSignInForm()):
        assert set(form.fields) <= {
            "client_id",
            "name",
            "organization",
            "email",
            "phone",
            "may_contact",
            "list",
        }


# --- An event can belong to a campaign ------------------------------------------------------


def _campaign(coalition, title="IDs for every resident"):
    from juntos.campaigns.models import Campaign
    from juntos.members.models import Team

    team = Team.objects.filter(coalition=coalition).first() or Team.objects.create(
        coalition=coalition, kind="core_team", name="Core Team"
    )
    return Campaign.objects.create(coalition=coalition, team=team, title=title, issue=title)


def test_an_event_belongs_to_a_campaign_of_its_own_coalition(personas):
    ours = _campaign(personas.coalition)
    event = plan(personas, campaign=ours)
    assert event.campaign == ours and list(ours.events.all()) == [event]
    entry = AuditEntry.objects.filter(target_id=str(event.pk), action=Action.EVENT_PLANNED).get()
    assert entry.changes["campaign"] == [None, "IDs for every resident"]


def test_the_service_refuses_a_campaign_of_another_coalition(personas):
    theirs = _campaign(personas.other_coalition, title="Their campaign")
    with pytest.raises(EventError):
        plan(personas, campaign=theirs)
    assert not models.Event.objects.exists()
    event = plan(personas)
    with pytest.raises(EventError):
        services.event_update(event=event, actor=personas.host, data={"campaign": theirs})
    event.refresh_from_db()
    assert event.campaign is None


def test_moving_an_event_between_campaigns_is_audited_and_can_be_undone(personas):
    first = _campaign(personas.coalition, "First")
    second = _campaign(personas.coalition, "Second")
    event = plan(personas, campaign=first)
    services.event_update(event=event, actor=personas.host, data={"campaign": second})
    event.refresh_from_db()
    assert event.campaign == second
    entry = AuditEntry.objects.filter(target_id=str(event.pk), action=Action.EVENT_CHANGED).latest(
        "id"
    )
    assert entry.changes == {"campaign": ["First", "Second"]}
    services.event_update(event=event, actor=personas.host, data={"campaign": None})
    event.refresh_from_db()
    assert event.campaign is None
    # The campaign going leaves the event standing on its own.
    event.campaign = first
    event.save()
    first.delete()
    event.refresh_from_db()
    assert event.campaign is None


def test_two_namesakes_without_contact_both_sign_in(personas, event):
    sign(event, "María García", client_id="maria-one-0001")
    second = sign(event, "María García", client_id="maria-two-0002")
    assert second.created
    assert SignIn.objects.filter(event=event).count() == 2


def test_invitation_to_an_imported_official_reads_as_their_seat_never_as_to(personas, event):
    from juntos.events.services.planning import merge_values
    from juntos.relationships.models import Contact

    wagner = Contact.objects.create(
        coalition=personas.coalition,
        name="Ann Wagner",
        level="federal",
        chamber="lower",
        state="MO",
        district="2",
    )
    official = services.guest_add(event=event, actor=personas.host, data={}, contact=wagner)
    plain = services.guest_add(event=event, actor=personas.host, data={"name": "Pastor Kim"})
    subject, body = services.planning.invitation_for(event, official)
    assert "invite you as U.S. Representative to" in body
    assert "invite you as  to" not in body and "as to" not in body
    assert merge_values(event, plain)["guest_title"] == "our guest"
    assert merge_values(event, plain, language="es")["guest_title"] != ""


def test_attendance_from_a_sign_in_moves_the_persons_modified_date(personas, event):
    """An incremental sync reads people changed since; an attendance is such a change."""
    from datetime import UTC, datetime

    from juntos.members.models import Person

    rene = Person.objects.get(user=personas.rep)
    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    Person.objects.filter(pk=rene.pk).update(updated_at=long_ago)
    result = sign(event, "Rene Rep", client_id="rene-00000009", email="rep@test.example")
    services.signin_credit(signin=result.signin, actor=personas.host, via="host")
    row = EventAttendance.objects.get(event=event, person=rene)
    rene.refresh_from_db()
    assert rene.updated_at == row.recorded_at > long_ago
