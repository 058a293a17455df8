"""Meetings that hold up (issue 16): no vote without quorum, acts in the meeting's time,
notices the hosts received, corrections, and the agenda's order.

The clock is frozen on a Wednesday evening in the coalition's zone before the personas
are made, so the members are admitted on that day and no test reads the wall clock."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from juntos.audit.models import Action, AuditEntry
from juntos.governance import phrases, rules, selectors, services
from juntos.governance.models import AbsenceNotice, AgendaItem, Motion, RemovalReview
from juntos.governance.services import GovernanceError

from .helpers import all_present, check_in, close_attendance, core_member, meeting, person_of

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")
FROZEN = datetime(2027, 3, 10, 17, 0, tzinfo=CHICAGO)


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(FROZEN, tick=False)
    return time_machine


def url(p, name, **kwargs):
    return reverse(f"governance:{name}", kwargs={"slug": p.coalition.slug, **kwargs})


def at_meeting(clock, m, minutes=5):
    clock.move_to(m.starts_at + timedelta(minutes=minutes), tick=False)


# --- 1. No vote without quorum -------------------------------------------------------------


def test_motion_opening_rule_refuses_without_quorum_and_cites_the_rule(personas):
    charter = selectors.rules_for(personas.coalition)
    quorum = rules.meeting_quorum(present_ids=[1], voting_ids=[1, 2, 3], rules=charter)
    answer = rules.motion_opening_allowed(kind="general", quorum=quorum, rules=charter)
    assert not answer.allowed
    assert "1 of 3" in answer.reason and "2 needed" in answer.reason
    assert "Quorum" in answer.rule and "discuss, but not vote" in answer.rule
    met = rules.meeting_quorum(present_ids=[1, 2], voting_ids=[1, 2, 3], rules=charter)
    assert rules.motion_opening_allowed(kind="general", quorum=met, rules=charter).allowed


def test_motion_cannot_be_opened_without_quorum_but_discussion_goes_on(personas, _clock):
    m = meeting(personas, hour=18, minute=0)
    at_meeting(_clock, m)
    services.attendance_check_in(
        meeting=m, member=personas.member, person=None, actor=personas.host
    )
    with pytest.raises(GovernanceError) as refused:
        services.motion_open(meeting=m, actor=personas.host, kind="general", text="Adjourn")
    assert "without quorum" in refused.value.message and "Quorum" in refused.value.rule
    assert not Motion.objects.exists()
    # Discussion stays possible.
    services.agenda_item_add(meeting=m, actor=personas.host, goal="Talk it through")
    response = personas.client("host").post(
        url(personas, "motion_open", pk=m.pk), {"kind": "general", "text": "Adjourn"}, follow=True
    )
    page = response.content.decode()
    assert "No motion can be opened without quorum" in page and "Rule" in page
    assert not Motion.objects.exists()


# --- 2. Acts belong to the meeting's time --------------------------------------------------


def test_check_in_refused_before_the_meeting_day_unless_the_window_allows(personas, settings):
    m = meeting(personas, days=7, hour=18, minute=0)
    with pytest.raises(GovernanceError) as refused:
        services.attendance_check_in(
            meeting=m, member=personas.member, person=None, actor=personas.host
        )
    assert "not happened yet" in refused.value.message
    assert "day of the meeting" in refused.value.rule
    settings.JUNTOS_MEETING_DAY_WINDOW = 7
    services.attendance_check_in(
        meeting=m, member=personas.member, person=None, actor=personas.host
    )


def test_check_in_uses_the_coalitions_date_not_utc(personas, _clock):
    """22:30 in Chicago is already tomorrow in UTC: still the meeting's day."""
    m = meeting(personas, hour=18, minute=0)
    _clock.move_to(datetime(2027, 3, 10, 22, 30, tzinfo=CHICAGO), tick=False)
    services.attendance_check_in(
        meeting=m, member=personas.member, person=None, actor=personas.host
    )


def test_ballot_refused_once_the_meeting_day_is_over(personas, _clock):
    m = meeting(personas, hour=18, minute=0)
    at_meeting(_clock, m)
    all_present(personas, m)
    motion = services.motion_open(meeting=m, actor=personas.host, kind="general", text="Adjourn")
    _clock.move_to(datetime(2027, 3, 11, 9, 0, tzinfo=CHICAGO), tick=False)
    with pytest.raises(GovernanceError) as refused:
        services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=None)
    assert "over" in refused.value.message
    assert not motion.ballots.exists()


def test_attendance_closes_only_after_the_start_with_a_confirmation(personas, _clock):
    m = meeting(personas, hour=18, minute=0)
    host = personas.client("host")
    with pytest.raises(GovernanceError):
        services.attendance_close(meeting=m, actor=personas.host)
    page = host.get(url(personas, "attendance_close", pk=m.pk)).content.decode()
    assert "only once the meeting has started" in page
    host.post(url(personas, "attendance_close", pk=m.pk))
    m.refresh_from_db()
    assert m.attendance_closed_at is None

    at_meeting(_clock, m)
    check_in(personas, m, personas.member)
    page = host.get(url(personas, "attendance_close", pk=m.pk)).content.decode()
    assert "Closing will record" in page
    assert "Absent without notice (2)" in page and "Labor Test" in page
    assert "Present (1)" in page and "Casa Test" in page
    assert m.attendance_closed_at is None  # looking changes nothing
    host.post(url(personas, "attendance_close", pk=m.pk))
    m.refresh_from_db()
    assert m.attendance_closed_at is not None


def test_once_attendance_is_closed_the_quorum_card_no_longer_waits_for_anyone(personas, _clock):
    m = meeting(personas, hour=18, minute=0)
    at_meeting(_clock, m)
    check_in(personas, m, personas.member, core_member(personas))
    rep = personas.client("rep")  # no Hosts card on the page: only the quorum card speaks

    def quorum_card(path):
        body = rep.get(url(personas, path, pk=m.pk)).content.decode()
        return body.split('id="quorum-body"', 1)[1].split("</div>", 1)[0]

    card = quorum_card("meeting")
    assert "Not here yet" in card and "Labor Test" in card
    assert "Attendance closed" not in card
    close_attendance(personas, m)
    for path in ("meeting", "quorum"):
        card = quorum_card(path)
        assert "Not here yet" not in card
        assert "Attendance closed" in card
        assert "Absent without notice" in card and "Labor Test" in card
    projected = rep.get(url(personas, "projector_live", pk=m.pk)).content.decode()
    assert "Not here yet" not in projected and "Attendance closed" in projected
    # In Spanish: no "Todavía no llegan" either.
    core = personas.client("core")
    spanish = core.get(url(personas, "meeting", pk=m.pk)).content.decode()
    assert "Todavía no llegan" not in spanish and "Asistencia cerrada" in spanish


def test_the_follow_up_toggle_is_a_card_apart_from_the_hosts_card(personas):
    m = meeting(personas, days=3, hour=18, minute=0)
    page = personas.client("host").get(url(personas, "meeting", pk=m.pk)).content.decode()
    toggle = page.split("Add a follow-up", 1)[0].rsplit("<details", 1)[1]
    assert 'class="card"' in toggle  # the card's margin keeps it off the Hosts card below


def test_closing_attendance_is_undone_the_same_day_and_its_reviews_withdrawn(personas, _clock):
    later = meeting(personas, days=20, hour=18, minute=0)
    for hour in (18, 19, 20):
        m = meeting(personas, hour=hour, minute=0)
        check_in(personas, m, personas.member, core_member(personas))
        reviews = close_attendance(personas, m)
    assert [r.member for r in reviews] == [personas.other_member]
    item = reviews[0].agenda_item
    assert item.meeting == later
    _clock.move_to(m.starts_at + timedelta(hours=2), tick=False)
    assert services.attendance_reopen(meeting=m, actor=personas.host) == 1
    m.refresh_from_db()
    assert m.attendance_closed_at is None
    review = RemovalReview.objects.get(pk=reviews[0].pk)
    assert review.status == RemovalReview.Status.WITHDRAWN
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    counts = selectors.attendance_summary(personas.coalition, 2027, [personas.other_member])
    assert counts[personas.other_member.pk].unnotified_absences == 2
    assert AuditEntry.objects.filter(action=Action.ATTENDANCE_REOPENED).count() == 1
    # The next day it cannot be undone any more.
    close_attendance(personas, m)
    _clock.move_to(datetime(2027, 3, 11, 9, 0, tzinfo=CHICAGO), tick=False)
    with pytest.raises(GovernanceError) as refused:
        services.attendance_reopen(meeting=m, actor=personas.host)
    assert "on the day it was closed" in refused.value.message


def test_minutes_are_published_only_after_the_meeting(personas, _clock):
    m = meeting(personas, hour=18, minute=0)
    with pytest.raises(GovernanceError) as refused:
        services.minutes_publish(meeting=m, actor=personas.host)
    assert "not over" in refused.value.message
    _clock.move_to(m.ends_at + timedelta(minutes=1), tick=False)
    services.minutes_publish(meeting=m, actor=personas.host)
    m.refresh_from_db()
    assert m.minutes_published_at is not None


# --- 3. Notices the hosts received; corrections ---------------------------------------------


def test_a_notice_the_host_took_by_phone_counts_like_the_representatives_own(personas, _clock):
    m = meeting(personas, hour=18, minute=0)
    host_person = person_of(personas, personas.host)
    at_meeting(_clock, m)
    services.absence_record(
        meeting=m,
        member=personas.other_member,
        actor=personas.host,
        recorded_by=host_person,
        told_to=host_person,
        told_at=m.starts_at - timedelta(hours=3),
        channel=AbsenceNotice.Channel.PHONE,
        note="Car trouble",
    )
    check_in(personas, m, personas.member, core_member(personas))
    close_attendance(personas, m)
    counts = selectors.attendance_summary(personas.coalition, 2027, [personas.other_member])
    record = counts[personas.other_member.pk]
    assert (record.notified_absences, record.unnotified_absences) == (1, 0)
    notice = AbsenceNotice.objects.get(meeting=m)
    assert (notice.channel, notice.told_to, notice.recorded_by) == (
        "phone",
        host_person,
        host_person,
    )
    page = personas.client("host").get(url(personas, "absences", pk=m.pk)).content.decode()
    assert "By phone" in page and "Hana Host" in page


def test_a_notice_given_after_the_start_is_not_a_notice(personas, _clock):
    m = meeting(personas, hour=18, minute=0)
    at_meeting(_clock, m, minutes=30)
    with pytest.raises(GovernanceError):
        services.absence_record(
            meeting=m,
            member=personas.other_member,
            actor=personas.host,
            recorded_by=person_of(personas, personas.host),
            told_to=None,
            told_at=m.starts_at + timedelta(minutes=10),
            channel=AbsenceNotice.Channel.TEXT,
        )
    assert not AbsenceNotice.objects.exists()


def test_correcting_a_wrongly_counted_absence_withdraws_the_review(personas, _clock):
    meeting(personas, days=20, hour=18, minute=0)
    held = []
    for hour in (18, 19, 20):
        m = meeting(personas, hour=hour, minute=0)
        check_in(personas, m, personas.member, core_member(personas))
        reviews = close_attendance(personas, m)
        held.append(m)
    (review,) = reviews
    item_pk = review.agenda_item_id
    with pytest.raises(GovernanceError):  # a correction says why
        services.absence_correct(
            meeting=held[0],
            member=personas.other_member,
            actor=personas.host,
            recorded_by=person_of(personas, personas.host),
            reason="  ",
        )
    response = personas.client("host").post(
        url(personas, "absences", pk=held[0].pk),
        {
            "action": "correct",
            "member": personas.other_member.pk,
            "reason": "They told Hana at the last meeting",
        },
    )
    assert response.status_code == 302
    counts = selectors.attendance_summary(personas.coalition, 2027, [personas.other_member])
    assert counts[personas.other_member.pk].unnotified_absences == 2
    review.refresh_from_db()
    assert review.status == RemovalReview.Status.WITHDRAWN
    assert not AgendaItem.objects.filter(pk=item_pk).exists()
    notice = AbsenceNotice.objects.get(meeting=held[0])
    assert notice.channel == "correction" and "Hana" in notice.correction_reason


# --- 6. Agendas -----------------------------------------------------------------------------


def test_an_automatic_row_goes_before_the_parking_lot(personas):
    m = meeting(personas, days=3, hour=18, minute=0)
    services.agenda_template_apply(meeting=m, actor=personas.host, template="regular")
    review = services.removal_review_raise(
        member=personas.other_member,
        raised_by=person_of(personas, personas.rep),
        actor=personas.rep,
        reason="Spoke against the coalition's position",
    )
    goals = [phrases.row_text(i, "goal") for i in m.items.order_by("position", "id")]
    assert goals[-1] == "Parking lot, takeaways and next steps"
    assert goals[-2] == phrases.row_text(review.agenda_item, "goal")


def test_automatic_row_index_rule():
    closing = {"Parking lot, takeaways and next steps"}
    goals = ["Welcome", "Decisions", "Parking lot, takeaways and next steps", "Close"]
    assert rules.automatic_row_index(goals, closing) == 2
    assert rules.automatic_row_index(["Welcome"], closing) == 1
    assert rules.moved_order([1, 2, 3], 2, "up") == [2, 1, 3]
    assert rules.moved_order([1, 2, 3], 3, "down") == [1, 2, 3]


def test_rows_move_up_and_down_and_members_hear_of_it(personas, django_capture_on_commit_callbacks):
    m = meeting(personas, days=10, hour=18, minute=0)
    a = services.agenda_item_add(meeting=m, actor=personas.host, goal="Welcome")
    b = services.agenda_item_add(meeting=m, actor=personas.host, goal="Reports")
    services.agenda_publish(meeting=m, actor=personas.host)
    mail.outbox.clear()
    core = personas.client("core")
    with django_capture_on_commit_callbacks(execute=True):
        response = core.post(
            url(personas, "agenda_item_move", pk=m.pk, item_pk=b.pk),
            {"direction": "up"},
            headers={"HX-Request": "true"},
        )
    assert response.status_code == 200 and "<table" in response.content.decode()
    assert list(m.items.order_by("position").values_list("pk", flat=True)) == [b.pk, a.pk]
    subjects = {msg.subject for msg in mail.outbox}
    assert any("Agenda changed" in s for s in subjects)
    assert any("Moved: Reports, from row 2 to row 1" in msg.body for msg in mail.outbox)
    # Plain POST works without htmx too.
    core.post(url(personas, "agenda_item_move", pk=m.pk, item_pk=b.pk), {"direction": "down"})
    assert list(m.items.order_by("position").values_list("pk", flat=True)) == [a.pk, b.pk]


def test_a_draft_agenda_changes_without_mail(personas, django_capture_on_commit_callbacks):
    m = meeting(personas, days=10, hour=18, minute=0)
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_item_add(meeting=m, actor=personas.host, goal="Welcome")
    assert mail.outbox == []


# --- 5. Admission follows the agenda --------------------------------------------------------


def test_ready_for_a_vote_puts_the_application_on_the_next_regular_agenda(personas):
    from .helpers import application

    m = meeting(personas, days=10, hour=18, minute=0)
    services.agenda_template_apply(meeting=m, actor=personas.host, template="regular")
    app = application(personas, status="questions")
    client = personas.client("host")
    client.post(
        reverse("members:application", args=[personas.coalition.slug, app.pk]),
        {"action": "ready"},
    )
    app.refresh_from_db()
    assert app.status == "ready"
    goals = [phrases.row_text(i, "goal") for i in m.items.order_by("position", "id")]
    assert goals[-2] == "Admission: Nueva Org"
    assert goals[-1] == "Parking lot, takeaways and next steps"


def test_an_admission_on_a_published_agenda_tells_members_in_their_language(
    personas, django_capture_on_commit_callbacks
):
    from .helpers import application

    m = meeting(personas, days=10, hour=18, minute=0)
    services.agenda_template_apply(meeting=m, actor=personas.host, template="regular")
    services.agenda_publish(meeting=m, actor=personas.host)
    app = application(personas, status="questions")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        personas.client("host").post(
            reverse("members:application", args=[personas.coalition.slug, app.pk]),
            {"action": "ready"},
        )
    row = m.items.get(generated__admission=app.pk)
    assert row.goal == ""  # facts: each reader gets the row's name in their language
    by_person = {msg.to[0]: msg for msg in mail.outbox}
    assert set(by_person) == {"core@test.example", "rep@test.example", "other@test.example"}
    english = by_person["rep@test.example"]
    assert "Agenda changed" in english.subject
    assert "Added: Admission: Nueva Org" in english.body
    spanish = by_person["core@test.example"]  # Cora reads in Spanish
    assert "Cambio en la agenda" in spanish.subject
    assert "Agregado: Admisión: Nueva Org" in spanish.body
    assert "Admission" not in spanish.body
    # Marking it ready again does not add the row twice.
    services.admission_put_on_agenda(application=app, actor=personas.host)
    assert m.items.filter(generated__admission=app.pk).count() == 1


def test_removing_a_generated_row_names_it_in_the_mail(
    personas, django_capture_on_commit_callbacks
):
    m = meeting(personas, days=10, hour=18, minute=0)
    services.agenda_template_apply(meeting=m, actor=personas.host, template="regular")
    services.agenda_publish(meeting=m, actor=personas.host)
    closing = m.items.order_by("position").last()
    assert closing.goal == "" and closing.generated
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_item_remove(item=closing, actor=personas.host)
    english = next(msg for msg in mail.outbox if msg.to == ["rep@test.example"])
    assert "Removed: Parking lot, takeaways and next steps" in english.body
    assert "{" not in english.body  # never the stored facts themselves


def test_admission_motion_offers_only_applications_ready_for_a_vote(personas, _clock):
    from juntos.governance.forms import MotionForm

    from .helpers import application

    ready = application(personas)
    new = application(personas, status="submitted", organization_name="Otra Org", fingerprint="g")
    choices = set(MotionForm(coalition=personas.coalition).fields["subject_application"].queryset)
    assert choices == {ready}
    m = meeting(personas, hour=18, minute=0)
    at_meeting(_clock, m)
    all_present(personas, m)
    with pytest.raises(GovernanceError) as refused:
        services.motion_open(
            meeting=m,
            actor=personas.host,
            kind="admit_member",
            text="Admit",
            subject_application=new,
        )
    assert "ready for a vote" in refused.value.message


def test_after_admission_the_representative_is_invited_and_placements_offered(
    personas, _clock, django_capture_on_commit_callbacks
):
    from juntos.accounts.models import Invitation
    from juntos.members.models import Member, TeamSeat

    from .helpers import application

    app = application(personas, participation=["core_team", "full_coalition"])
    m = meeting(personas, hour=18, minute=0)
    at_meeting(_clock, m)
    all_present(personas, m)
    motion = services.motion_open(
        meeting=m, actor=personas.host, kind="admit_member", text="Admit", subject_application=app
    )
    for member in (personas.member, personas.other_member):
        services.ballot_cast(motion=motion, member=member, choice="yes", actor=personas.host)
    with django_capture_on_commit_callbacks(execute=True):
        services.motion_close(motion=motion, actor=personas.host)
    new = Member.objects.get(name="Nueva Org")
    invitation = Invitation.objects.get(email="nadia@nueva.example")
    assert (invitation.role, invitation.member) == ("representative", new)
    host = personas.client("host")
    page = host.get(url(personas, "motion", pk=m.pk, motion_pk=motion.pk)).content.decode()
    assert "Place Nueva Org where it asked to take part" in page and "Core Team" in page
    assert not TeamSeat.objects.filter(member=new).exists()  # the host confirms each
    host.post(
        reverse("members:team_join", args=[personas.coalition.slug, new.pk]),
        {"team": personas.core_team.pk},
    )
    assert TeamSeat.objects.filter(member=new, team=personas.core_team).exists()


# --- 10. Alternates -------------------------------------------------------------------------


def test_an_alternate_checks_in_and_votes_once_for_the_member(personas, _clock):
    from juntos.members import services as member_services

    alt_user = type(personas.rep).objects.create_user(
        email="alt@test.example", password="x-long-password-1", full_name="Alma Alternate"
    )
    alt = member_services.person_add(
        coalition=personas.coalition,
        actor=personas.host,
        full_name="Alma Alternate",
        email=alt_user.email,
        role="representative",
        user=alt_user,
    )
    rep = personas.client("rep")
    rep.post(reverse("governance:alternates", args=[personas.coalition.slug]), {"person": alt.pk})
    assert services.member_spoken_for(alt) == personas.member
    m = meeting(personas, hour=18, minute=0)
    at_meeting(_clock, m)
    alt_client = personas.client(None)
    alt_client.force_login(alt_user)
    alt_client.post(url(personas, "check_in", pk=m.pk), {"action": "self"})
    attendance = m.attendances.get(member=personas.member)
    assert attendance.person == alt  # the record says who
    check_in(personas, m, personas.other_member)
    motion = services.motion_open(meeting=m, actor=personas.host, kind="general", text="Adjourn")
    # The representative came later: the alternate checked in first and casts the vote.
    rep.post(url(personas, "ballot", pk=m.pk, motion_pk=motion.pk), {"choice": "no"})
    assert not motion.ballots.exists()
    alt_client.post(url(personas, "ballot", pk=m.pk, motion_pk=motion.pk), {"choice": "yes"})
    (ballot,) = motion.ballots.all()
    assert (ballot.member, ballot.choice, ballot.cast_by) == (personas.member, "yes", alt_user)


def test_the_meeting_that_admits_a_member_is_no_absence_for_it(personas, _clock):
    from juntos.members.models import Member

    from .helpers import application

    m = meeting(personas, hour=18, minute=0)
    at_meeting(_clock, m)
    all_present(personas, m)
    motion = services.motion_open(
        meeting=m,
        actor=personas.host,
        kind="admit_member",
        text="Admit",
        subject_application=application(personas),
    )
    for member in (personas.member, personas.other_member):
        services.ballot_cast(motion=motion, member=member, choice="yes", actor=personas.host)
    services.motion_close(motion=motion, actor=personas.host)
    preview = selectors.attendance_close_preview(m)
    assert "Nueva Org" not in preview.unnotified
    close_attendance(personas, m)
    new = Member.objects.get(name="Nueva Org")
    counts = selectors.attendance_summary(personas.coalition, 2027, [new])[new.pk]
    assert counts.unnotified_absences == 0
