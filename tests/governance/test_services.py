"""Governance services against the database: every write, refusal and outcome."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from juntos.audit.models import Action, AuditEntry
from juntos.charter.models import CharterVersion
from juntos.governance import selectors, services
from juntos.governance.models import (
    AgendaItem,
    Attendance,
    Ballot,
    FollowUp,
    IssuePriority,
    Meeting,
    Motion,
    RemovalReview,
)
from juntos.governance.phrases import motion_rule, motion_summary, row_text
from juntos.governance.services import GovernanceError
from juntos.governance.templatetags.phrases import review_reason
from juntos.members.models import Application, Member, Person

from .helpers import (
    all_present,
    application,
    at,
    check_in,
    close_attendance,
    core_member,
    meeting,
    on_meeting_day,
    person_of,
)

pytestmark = pytest.mark.django_db


def audited(action) -> int:
    return AuditEntry.objects.filter(action=action).count()


# --- Calendar ------------------------------------------------------------------------------


def test_schedule_year_follows_the_charter_and_is_idempotent(personas):
    created = services.meeting_schedule_year(
        coalition=personas.coalition, actor=personas.host, year=2031, place="Hall"
    )
    assert len(created) == 12
    assert [m.local_date.weekday() for m in created] == [3] * 12  # second Thursday
    assert [m.format for m in created[4:]] == ["in_person", "call"] * 4
    assert all(m.topic == "legislative" for m in created[:4])
    assert created[5].place == ""  # a conference call has no place
    assert audited(Action.MEETING_SCHEDULED) == 12
    again = services.meeting_schedule_year(
        coalition=personas.coalition, actor=personas.host, year=2031
    )
    assert again == []
    assert Meeting.objects.filter(coalition=personas.coalition).count() == 12


def test_schedule_from_a_day_leaves_out_the_days_before_it(personas):
    # The second Thursday of June 2031 is the 12th: a coalition starting on the 15th of
    # June gets its meetings from July on, none in the months nobody met.
    created = services.meeting_schedule_year(
        coalition=personas.coalition, actor=personas.host, year=2031, from_day=date(2031, 6, 15)
    )
    assert [m.local_date.month for m in created] == [7, 8, 9, 10, 11, 12]


def test_the_schedule_page_adds_no_meetings_before_today(personas, time_machine):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.urls import reverse

    time_machine.move_to(datetime(2027, 3, 2, 10, 0, tzinfo=ZoneInfo("America/Chicago")))
    url = reverse("governance:schedule", args=[personas.coalition.slug])
    response = personas.client("host").post(url, {"year": "2027", "start_time": "18:00"})
    assert response.status_code == 302
    days = [m.local_date for m in Meeting.objects.filter(coalition=personas.coalition)]
    # The seed meets on the second Thursday: 11 March 2027 is the first still to come.
    assert days and min(days) == date(2027, 3, 11) and len(days) == 10


def test_moving_or_cancelling_needs_a_reason_and_is_audited(personas):
    m = meeting(personas, days=10)
    with pytest.raises(GovernanceError):
        services.meeting_cancel(meeting=m, actor=personas.host, reason=" ")
    original = m.starts_at
    services.meeting_move(meeting=m, actor=personas.host, starts_at=at(11), reason="Room flooded")
    m.refresh_from_db()
    assert m.moved_from == original and m.starts_at == at(11)
    services.meeting_cancel(meeting=m, actor=personas.host, reason="Snow storm")
    m.refresh_from_db()
    assert m.is_cancelled and m.change_reason == "Snow storm"
    assert audited(Action.MEETING_CHANGED) == 2
    with pytest.raises(GovernanceError):
        services.attendance_check_in(meeting=m, member=personas.member, person=None, actor=None)


# --- Agenda --------------------------------------------------------------------------------


def test_publishing_on_time_notifies_every_member(personas, django_capture_on_commit_callbacks):
    m = meeting(personas, days=30)
    services.agenda_item_add(meeting=m, actor=personas.core, goal="Welcome")
    with django_capture_on_commit_callbacks(execute=True):
        timing = services.agenda_publish(meeting=m, actor=personas.core)
    assert not timing.late
    m.refresh_from_db()
    assert m.agenda_published_at and not m.agenda_published_late
    recipients = sorted(msg.to[0] for msg in mail.outbox)
    assert recipients == ["core@test.example", "other@test.example", "rep@test.example"]
    link = f"/c/{personas.coalition.slug}/meetings/{m.pk}/"
    assert all(link in msg.body for msg in mail.outbox)


def test_publishing_inside_the_lead_time_is_allowed_and_recorded_late(personas):
    m = meeting(personas, days=3)
    services.agenda_item_add(meeting=m, actor=personas.host, goal="Welcome")
    timing = services.agenda_publish(meeting=m, actor=personas.host)
    assert timing.late and "7 days" in timing.rule
    m.refresh_from_db()
    assert m.agenda_published_late
    entry = AuditEntry.objects.get(action=Action.AGENDA_PUBLISHED)
    assert entry.changes["late"] == [None, True]


def test_an_empty_agenda_cannot_be_published(personas):
    with pytest.raises(GovernanceError):
        services.agenda_publish(meeting=meeting(personas, days=30), actor=personas.host)


def test_templates_add_the_facilitator_guide_rows(personas):
    m = meeting(personas, days=30)
    rows = services.agenda_template_apply(meeting=m, actor=personas.host, template="summit")
    goals = [row_text(r, "goal") for r in rows]
    assert "Learn and adopt the SMARTIE Framework" in goals
    assert goals[-1] == "Next steps & close"
    regular = services.agenda_template_apply(meeting=m, actor=personas.host, template="regular")
    assert any(r.kind == AgendaItem.Kind.DECISION for r in regular)
    assert list(m.items.values_list("position", flat=True)) == list(
        range(1, len(rows) + len(regular) + 1)
    )
    with pytest.raises(GovernanceError):
        services.agenda_template_apply(meeting=m, actor=personas.host, template="nope")


def test_confidential_rows_are_seen_by_core_team_and_named_members_only(personas):
    m = meeting(personas, days=30)
    services.agenda_item_add(meeting=m, actor=personas.host, goal="Open row")
    services.agenda_item_add(
        meeting=m,
        actor=personas.host,
        goal="Secret strategy",
        confidential=True,
        named_members=[personas.member],
    )

    def goals(user, role):
        rows = selectors.agenda_items_for(m, role=role, person=person_of(personas, user))
        return [r.goal for r in rows]

    assert goals(personas.core, "core_team") == ["Open row", "Secret strategy"]
    assert goals(personas.rep, "representative") == ["Open row", "Secret strategy"]  # named
    assert goals(personas.other_rep, "representative") == ["Open row"]


# --- Attendance and quorum -----------------------------------------------------------------


def test_quorum_counts_present_voting_members(personas):
    m = meeting(personas)
    picture = selectors.voting_picture(m)
    assert (picture.quorum.result.present, picture.quorum.result.total) == (0, 3)
    assert picture.quorum.result.needed == 2 and not picture.quorum.met
    check_in(personas, m, personas.member, personas.other_member)
    picture = selectors.voting_picture(m)
    assert picture.quorum.met
    assert [x.name for x in picture.missing_members] == ["Core Org"]


def test_checking_in_twice_keeps_one_row_and_needs_an_active_member(personas):
    m = meeting(personas)
    check_in(personas, m, personas.member, personas.member)
    assert Attendance.objects.filter(meeting=m).count() == 1
    assert audited(Action.ATTENDANCE_RECORDED) == 1
    other = Member.objects.create(coalition=personas.other_coalition, name="Elsewhere")
    with pytest.raises(GovernanceError):
        check_in(personas, m, other)


def test_self_check_in_only_on_the_meeting_day_and_for_ones_own_member(personas):
    rep = person_of(personas, personas.rep)
    later = meeting(personas, days=5)
    with pytest.raises(GovernanceError):
        services.attendance_check_in(
            meeting=later, member=rep.member, person=rep, actor=personas.rep, self_check_in=True
        )
    today = meeting(personas)
    with pytest.raises(GovernanceError):
        services.attendance_check_in(
            meeting=today, member=personas.other_member, person=rep, actor=personas.rep
        )
    services.attendance_check_in(
        meeting=today, member=rep.member, person=rep, actor=personas.rep, self_check_in=True
    )
    assert Attendance.objects.get(meeting=today).person == rep


def test_member_admitted_after_the_meeting_is_not_a_voting_member(personas):
    personas.other_member.admitted_on = timezone.localdate() + timedelta(days=1)
    personas.other_member.save(update_fields=["admitted_on"])
    picture = selectors.voting_picture(meeting(personas))
    assert picture.quorum.result.total == 2
    assert personas.other_member.pk not in picture.members


def test_member_without_primary_contact_does_not_count_toward_quorum(personas):
    Person.objects.filter(member=personas.other_member).update(is_primary_contact=False)
    picture = selectors.voting_picture(meeting(personas))
    assert picture.quorum.result.total == 2
    assert "contact" in picture.eligibility[personas.other_member.pk].reason


def test_three_unnotified_absences_put_a_removal_review_on_the_next_agenda(
    personas, django_capture_on_commit_callbacks
):
    next_meeting = meeting(personas, days=20)
    for hour in (20, 21, 22):
        m = meeting(personas, hour=hour)
        check_in(personas, m, personas.member, core_member(personas))
        with django_capture_on_commit_callbacks(execute=True):
            reviews = close_attendance(personas, m)
        if hour < 22:
            assert reviews == []
    assert [r.member for r in reviews] == [personas.other_member]
    review = reviews[0]
    assert review.trigger == RemovalReview.Trigger.ABSENCES
    assert review.agenda_item.meeting == next_meeting
    assert review.agenda_item.kind == AgendaItem.Kind.DECISION
    assert "Labor Test" in row_text(review.agenda_item, "goal")
    assert [msg.to for msg in mail.outbox if "Labor Test" in msg.subject] == [["host@test.example"]]
    counts = selectors.attendance_summary(
        personas.coalition, timezone.localdate().year, [personas.other_member, personas.member]
    )
    assert counts[personas.other_member.pk].unnotified_absences == 3
    assert counts[personas.member.pk].attended == 3
    # Closing another meeting does not open a second review for the same absences.
    m = meeting(personas, hour=23, minute=0)
    assert close_attendance(personas, m) == []


def test_after_a_failed_removal_vote_only_a_new_absence_reopens_the_review(personas):
    meeting(personas, days=20)
    for hour in (18, 19, 20):
        m = meeting(personas, hour=hour)
        check_in(personas, m, personas.member, core_member(personas))
        close_attendance(personas, m)
    review = RemovalReview.objects.get(member=personas.other_member)
    review.status = RemovalReview.Status.DECIDED  # the vote to remove did not pass
    review.save()
    came = meeting(personas, hour=21)
    all_present(personas, came)
    assert close_attendance(personas, came) == []
    missed = meeting(personas, hour=22)
    check_in(personas, missed, personas.member, core_member(personas))
    again = close_attendance(personas, missed)
    assert [r.member for r in again] == [personas.other_member]
    assert again[0].absences == 4 and "4 meetings" in review_reason(again[0])


def test_notified_absences_do_not_count_toward_removal(personas):
    meeting(personas, days=20)
    for hour in (20, 21, 22):
        m = services.meeting_add(
            coalition=personas.coalition,
            actor=personas.host,
            kind="regular",
            starts_at=at(1, hour),
            place="Hall",
        )
        services.absence_notify(
            meeting=m, member=personas.other_member, person=None, actor=personas.other_rep
        )
        check_in(personas, m, personas.member, core_member(personas))
        assert close_attendance(personas, m) == []
    counts = selectors.attendance_summary(personas.coalition, at(1).year, [personas.other_member])[
        personas.other_member.pk
    ]
    assert (counts.notified_absences, counts.unnotified_absences) == (3, 0)


def test_hosts_are_told_of_a_notified_absence(personas, django_capture_on_commit_callbacks):
    m = meeting(personas, days=3)
    with django_capture_on_commit_callbacks(execute=True):
        services.absence_notify(
            meeting=m, member=personas.member, person=None, actor=personas.rep, reason="Retreat"
        )
        services.absence_notify(meeting=m, member=personas.member, person=None, actor=None)
    (message,) = mail.outbox
    assert message.to == ["host@test.example"] and "Casa Test will miss" in message.subject
    assert "Retreat" in message.body


def test_members_hear_of_a_move_once_the_agenda_is_out(
    personas, django_capture_on_commit_callbacks
):
    m = meeting(personas, days=10)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_move(meeting=m, actor=personas.host, starts_at=at(11), reason="Room")
    assert mail.outbox == []  # nothing published yet: nothing to correct
    services.agenda_item_add(meeting=m, actor=personas.host, goal="Welcome")
    services.agenda_publish(meeting=m, actor=personas.host)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=m, actor=personas.host, reason="Ice storm")
    assert len(mail.outbox) == 3
    assert all("Ice storm" in msg.body for msg in mail.outbox)
    # Each in the language of the recipient's login (Cora reads in Spanish).
    subjects = {msg.to[0]: msg.subject for msg in mail.outbox}
    assert subjects["core@test.example"].startswith("Cancelada")
    assert subjects["rep@test.example"].startswith("Cancelled")


def test_absence_cannot_be_notified_after_the_meeting_started(personas):
    m = services.meeting_add(
        coalition=personas.coalition,
        actor=personas.host,
        kind="regular",
        starts_at=timezone.now() - timedelta(minutes=5),
        place="Hall",
    )
    with pytest.raises(GovernanceError):
        services.absence_notify(meeting=m, member=personas.member, person=None, actor=None)


def test_any_member_can_raise_a_conduct_review_for_the_next_regular_meeting(personas):
    special = meeting(personas, days=2, kind="special")
    regular = meeting(personas, days=9)
    rep = person_of(personas, personas.rep)
    review = services.removal_review_raise(
        member=personas.other_member, raised_by=rep, actor=personas.rep, reason="Opposed our bill"
    )
    assert review.agenda_item.meeting == regular != special
    with pytest.raises(GovernanceError):
        services.removal_review_raise(
            member=personas.member, raised_by=rep, actor=personas.rep, reason="Myself"
        )


def test_a_review_waits_for_the_next_scheduled_meeting(personas):
    rep = person_of(personas, personas.rep)
    review = services.removal_review_raise(
        member=personas.other_member, raised_by=rep, actor=personas.rep, reason="Statement"
    )
    assert review.agenda_item is None
    m = meeting(personas, days=14)
    review.refresh_from_db()
    assert review.agenda_item.meeting == m


# --- Motions and ballots -------------------------------------------------------------------


def test_vote_refused_without_quorum(personas):
    m = meeting(personas)
    check_in(personas, m, personas.member, personas.other_member)
    motion = services.motion_open(meeting=m, actor=personas.host, kind="general", text="Adjourn")
    # One leaves: quorum is lost while the motion is open.
    services.attendance_remove(meeting=m, member=personas.other_member, actor=personas.host)
    with pytest.raises(GovernanceError) as refused:
        services.ballot_cast(
            motion=motion, member=personas.member, choice="yes", actor=personas.rep
        )
    assert "1 of 3" in refused.value.message
    assert "Quorum" in refused.value.rule and "2/3" in refused.value.rule
    assert not Ballot.objects.exists()


def test_vote_recorded_once_quorum_is_reached_and_a_change_replaces_it(personas):
    m = meeting(personas)
    check_in(personas, m, personas.member, personas.other_member)
    motion = services.motion_open(meeting=m, actor=personas.host, kind="general", text="Adjourn")
    services.ballot_cast(motion=motion, member=personas.member, choice="no", actor=personas.rep)
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=personas.rep)
    assert list(Ballot.objects.values_list("member", "choice")) == [(personas.member.pk, "yes")]
    assert audited(Action.BALLOT_CAST) == 2


def test_absent_member_cannot_vote(personas):
    m = meeting(personas)
    check_in(personas, m, personas.member, personas.other_member)
    motion = services.motion_open(meeting=m, actor=personas.host, kind="general", text="Adjourn")
    with pytest.raises(GovernanceError):
        services.ballot_cast(motion=motion, member=core_member(personas), choice="yes", actor=None)


def test_member_under_review_cannot_vote_on_its_own_removal(personas):
    m = meeting(personas)
    all_present(personas, m)
    motion = services.motion_open(
        meeting=m,
        actor=personas.host,
        kind="remove_member",
        text="Remove Labor Test",
        subject_member=personas.other_member,
    )
    with pytest.raises(GovernanceError) as refused:
        services.ballot_cast(
            motion=motion, member=personas.other_member, choice="no", actor=personas.other_rep
        )
    assert "own removal" in refused.value.message


def test_unanimous_removal_removes_the_member_and_keeps_it_in_history(personas):
    m = meeting(personas)
    all_present(personas, m)
    rep = person_of(personas, personas.rep)
    services.removal_review_raise(
        member=personas.other_member, raised_by=rep, actor=personas.rep, reason="Statement"
    )
    motion = services.motion_open(
        meeting=m,
        actor=personas.host,
        kind="remove_member",
        text="Remove Labor Test",
        subject_member=personas.other_member,
    )
    for member in (personas.member, core_member(personas)):
        services.ballot_cast(motion=motion, member=member, choice="yes", actor=personas.host)
    closed = services.motion_close(motion=motion, actor=personas.host)
    assert closed.result == Motion.Result.PASSED
    assert closed.tally["eligible"] == 2 and closed.tally["yes"] == 2
    assert "unanimous" in motion_rule(closed)
    removed = Member.objects.get(pk=personas.other_member.pk)
    assert removed.status == Member.Status.REMOVED and removed.removed_on == timezone.localdate()
    assert AuditEntry.objects.filter(action=Action.MEMBER_REMOVED).exists()
    assert not RemovalReview.objects.filter(status=RemovalReview.Status.OPEN).exists()


def test_one_abstention_blocks_a_unanimous_removal(personas):
    m = meeting(personas)
    all_present(personas, m)
    motion = services.motion_open(
        meeting=m,
        actor=personas.host,
        kind="remove_member",
        text="Remove Labor Test",
        subject_member=personas.other_member,
    )
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=None)
    services.ballot_cast(motion=motion, member=core_member(personas), choice="abstain", actor=None)
    closed = services.motion_close(motion=motion, actor=personas.host)
    assert closed.result == Motion.Result.FAILED
    assert Member.objects.get(pk=personas.other_member.pk).status == Member.Status.ACTIVE


def test_admission_makes_the_applicant_a_member_with_a_welcome(
    personas, django_capture_on_commit_callbacks
):
    m = meeting(personas)
    check_in(personas, m, personas.member, personas.other_member)
    app = application(personas)
    motion = services.motion_open(
        meeting=m, actor=personas.host, kind="admit_member", text="Admit", subject_application=app
    )
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=None)
    services.ballot_cast(motion=motion, member=personas.other_member, choice="abstain", actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        closed = services.motion_close(motion=motion, actor=personas.host)
    assert closed.result == Motion.Result.PASSED
    assert motion_summary(closed).startswith("1 yes, 0 no, 1 abstaining")
    member = Member.objects.get(name="Nueva Org")
    assert member.is_active and member.application == app
    assert Application.objects.get(pk=app.pk).status == Application.Status.ADMITTED
    to_nadia = [msg for msg in mail.outbox if msg.to == ["nadia@nueva.example"]]
    welcome = [msg for msg in to_nadia if "Welcome" in msg.subject]
    assert len(welcome) == 1
    assert len(to_nadia) == 2  # and the invitation to sign in as the member's representative


def test_member_admitted_at_a_meeting_does_not_change_its_quorum(personas):
    m = meeting(personas)
    check_in(personas, m, personas.member, personas.other_member)
    motion = services.motion_open(
        meeting=m,
        actor=personas.host,
        kind="admit_member",
        text="Admit",
        subject_application=application(personas),
    )
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=None)
    services.motion_close(motion=motion, actor=personas.host)
    picture = selectors.voting_picture(m)
    assert (picture.quorum.result.present, picture.quorum.result.total) == (2, 3)
    new = Member.objects.get(name="Nueva Org")
    assert "next meeting" in picture.eligibility[new.pk].reason
    later = meeting(personas, days=1)
    assert new.pk in selectors.voting_picture(later).voting_ids


def test_closing_without_quorum_decides_nothing(personas):
    m = meeting(personas)
    app = application(personas)
    all_present(personas, m)
    motion = services.motion_open(
        meeting=m, actor=personas.host, kind="admit_member", text="Admit", subject_application=app
    )
    for member in (personas.member, personas.other_member):
        services.attendance_remove(meeting=m, member=member, actor=personas.host)
    closed = services.motion_close(motion=motion, actor=personas.host)
    assert closed.result == Motion.Result.NO_QUORUM and "Quorum" in motion_rule(closed)
    assert not Member.objects.filter(name="Nueva Org").exists()


def test_no_ballot_after_the_close_and_no_second_close(personas):
    m = meeting(personas)
    all_present(personas, m)
    motion = services.motion_open(meeting=m, actor=personas.host, kind="general", text="Adjourn")
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=None)
    services.motion_close(motion=motion, actor=personas.host)
    with pytest.raises(GovernanceError):
        services.ballot_cast(motion=motion, member=personas.other_member, choice="no", actor=None)
    with pytest.raises(GovernanceError):
        services.motion_close(motion=motion, actor=personas.host)
    assert Ballot.objects.count() == 1


def test_core_team_meetings_take_no_coalition_votes(personas):
    with pytest.raises(GovernanceError):
        services.motion_open(
            meeting=meeting(personas, kind="core_team"),
            actor=personas.host,
            kind="general",
            text="Adjourn",
        )


def test_motion_refuses_subjects_of_the_wrong_kind_or_coalition(personas):
    m = meeting(personas)
    with pytest.raises(GovernanceError):
        services.motion_open(meeting=m, actor=personas.host, kind="admit_member", text="Admit")
    other_app = application(personas, coalition=personas.other_coalition)
    with pytest.raises(GovernanceError):
        services.motion_open(
            meeting=m,
            actor=personas.host,
            kind="admit_member",
            text="Admit",
            subject_application=other_app,
        )
    with pytest.raises(GovernanceError):
        services.motion_open(meeting=m, actor=personas.host, kind="bogus", text="x")


# --- Issue priorities ----------------------------------------------------------------------


def _active(p, title):
    priority = services.priority_propose(
        coalition=p.coalition, actor=p.host, member=p.member, title=title
    )
    priority.status = IssuePriority.Status.ACTIVE
    priority.adopted_on = date(2026, 1, 1)
    priority.save()
    return priority


def test_adopting_a_priority_by_majority_makes_it_active(personas):
    m = meeting(personas)
    all_present(personas, m)
    priority = services.priority_propose(
        coalition=personas.coalition, actor=personas.rep, member=personas.member, title="Licenses"
    )
    motion = services.motion_open(
        meeting=m,
        actor=personas.host,
        kind="adopt_priority",
        text="Adopt",
        subject_priority=priority,
    )
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=None)
    services.motion_close(motion=motion, actor=personas.host)
    priority.refresh_from_db()
    assert priority.status == IssuePriority.Status.ACTIVE
    assert priority.adopted_on == timezone.localdate()


def test_fifth_priority_refused(personas):
    for n in range(4):
        _active(personas, f"Priority {n}")
    fifth = services.priority_propose(
        coalition=personas.coalition, actor=personas.rep, member=personas.member, title="Fifth"
    )
    with pytest.raises(GovernanceError) as refused:
        services.motion_open(
            meeting=meeting(personas),
            actor=personas.host,
            kind="adopt_priority",
            text="Adopt",
            subject_priority=fifth,
        )
    assert "4 issue priorities are active" in refused.value.message
    assert "at most 4" in refused.value.rule


def test_cap_is_checked_again_when_the_vote_closes(personas):
    for n in range(3):
        _active(personas, f"Priority {n}")
    m = meeting(personas)
    all_present(personas, m)
    fourth = services.priority_propose(
        coalition=personas.coalition, actor=personas.rep, member=None, title="Fourth"
    )
    motion = services.motion_open(
        meeting=m, actor=personas.host, kind="adopt_priority", text="Adopt", subject_priority=fourth
    )
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=None)
    _active(personas, "Adopted meanwhile")
    with pytest.raises(GovernanceError):
        services.motion_close(motion=motion, actor=personas.host)
    motion.refresh_from_db()
    assert motion.is_open  # the close rolled back whole
    fourth.refresh_from_db()
    assert fourth.status == IssuePriority.Status.PROPOSED


def test_dissolving_a_priority_needs_every_member_present(personas):
    m = meeting(personas)
    all_present(personas, m)
    priority = _active(personas, "Licenses")
    motion = services.motion_open(
        meeting=m,
        actor=personas.host,
        kind="dissolve_priority",
        text="Dissolve",
        subject_priority=priority,
    )
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=None)
    services.ballot_cast(motion=motion, member=personas.other_member, choice="yes", actor=None)
    first = services.motion_close(motion=motion, actor=personas.host)
    assert first.result == Motion.Result.FAILED  # Core Org present but did not vote
    again = services.motion_open(
        meeting=m,
        actor=personas.host,
        kind="dissolve_priority",
        text="Dissolve",
        subject_priority=priority,
    )
    for member in (personas.member, personas.other_member, core_member(personas)):
        services.ballot_cast(motion=again, member=member, choice="yes", actor=None)
    assert services.motion_close(motion=again, actor=personas.host).result == Motion.Result.PASSED
    priority.refresh_from_db()
    assert priority.status == IssuePriority.Status.ARCHIVED and priority.archived_on


def test_core_team_marks_a_proposal_actionable_with_a_note(personas):
    priority = services.priority_propose(
        coalition=personas.coalition, actor=personas.rep, member=personas.member, title="Licenses"
    )
    services.priority_mark_actionable(
        priority=priority, actor=personas.core, actionable=False, note="Needs a bill sponsor"
    )
    priority.refresh_from_db()
    assert priority.actionable is False and priority.actionable_note == "Needs a bill sponsor"
    assert audited(Action.PRIORITY_CHANGED) == 1


def test_yearly_review_puts_every_proposal_on_the_agenda_once(personas):
    licenses = services.priority_propose(
        coalition=personas.coalition, actor=personas.rep, member=personas.member, title="Licenses"
    )
    services.priority_mark_actionable(
        priority=licenses, actor=personas.core, actionable=True, note="Bill filed"
    )
    services.priority_propose(
        coalition=personas.coalition, actor=personas.rep, member=None, title="Tuition"
    )
    _active(personas, "Already active")
    m = meeting(personas, days=30)
    rows = services.priorities_review_add(meeting=m, actor=personas.core)
    goals = [row_text(r, "goal") for r in rows]
    assert goals == ["Issue priority: Licenses", "Issue priority: Tuition"]
    assert "Casa Test" in row_text(rows[0], "process")
    assert "Bill filed" in row_text(rows[0], "process")
    assert all(r.kind == AgendaItem.Kind.DECISION for r in rows)
    assert services.priorities_review_add(meeting=m, actor=personas.core) == []


def test_a_review_of_an_active_priority_goes_on_the_next_regular_meeting(personas):
    priority = _active(personas, "Licenses")
    with pytest.raises(GovernanceError):
        services.priority_review_call(
            priority=priority, actor=personas.rep, person=person_of(personas, personas.rep)
        )
    m = meeting(personas, days=3)
    item = services.priority_review_call(
        priority=priority, actor=personas.rep, person=person_of(personas, personas.rep)
    )
    assert item.meeting == m and "unanimous" in row_text(item, "process")


# --- Charter amendment ---------------------------------------------------------------------


def test_amendment_by_vote_becomes_the_new_charter_version_today(personas):
    m = meeting(personas)
    all_present(personas, m)
    motion = services.motion_open(
        meeting=m,
        actor=personas.host,
        kind="amend_charter",
        text="Lower quorum",
        amendment={
            "summary": "Quorum 1/2",
            "rules": {"quorum_numerator": 1, "quorum_denominator": 2},
        },
    )
    for member in (personas.member, personas.other_member):
        services.ballot_cast(motion=motion, member=member, choice="yes", actor=None)
    services.ballot_cast(motion=motion, member=core_member(personas), choice="no", actor=None)
    closed = services.motion_close(motion=motion, actor=personas.host)
    assert closed.result == Motion.Result.PASSED and "two thirds" in motion_rule(closed)
    version = CharterVersion.objects.filter(coalition=personas.coalition).order_by("-number")[0]
    assert version.number == 2 and version.effective_from == timezone.localdate()
    assert version.rules["quorum_denominator"] == 2


def test_amendment_with_invalid_rules_is_refused_when_opened(personas):
    with pytest.raises(GovernanceError):
        services.motion_open(
            meeting=meeting(personas),
            actor=personas.host,
            kind="amend_charter",
            text="Bad",
            amendment={"summary": "x", "rules": {"quorum_numerator": 5, "quorum_denominator": 2}},
        )


# --- Minutes and follow-ups ----------------------------------------------------------------


def test_minutes_publish_refused_with_an_open_vote_then_notifies(
    personas, django_capture_on_commit_callbacks
):
    m = meeting(personas)
    item = services.agenda_item_add(meeting=m, actor=personas.host, goal="Reports")
    services.minutes_update(
        meeting=m,
        actor=personas.core,
        parking_lot="Bus passes",
        takeaways="Call legislators",
        item_notes={item.pk: "Three reports given"},
    )
    item.refresh_from_db()
    assert item.notes == "Three reports given"
    all_present(personas, m)
    motion = services.motion_open(meeting=m, actor=personas.host, kind="general", text="Adjourn")
    with on_meeting_day(m, minutes=m.duration_minutes), pytest.raises(GovernanceError):
        services.minutes_publish(meeting=m, actor=personas.host)
    services.motion_close(motion=motion, actor=personas.host)
    with (
        on_meeting_day(m, minutes=m.duration_minutes),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.minutes_publish(meeting=m, actor=personas.host)
    assert len(mail.outbox) == 3
    subjects = {msg.to[0]: msg.subject for msg in mail.outbox}  # each in the reader's language
    assert subjects["rep@test.example"].startswith("Minutes")
    assert subjects["core@test.example"].startswith("Minuta")
    assert audited(Action.MINUTES_CHANGED) == 1 and audited(Action.MINUTES_PUBLISHED) == 1


def test_follow_up_owner_must_belong_to_the_coalition(personas):
    m = meeting(personas)
    outsider = Person.objects.get(coalition=personas.other_coalition, user=personas.outsider)
    with pytest.raises(GovernanceError):
        services.followup_add(
            meeting=m, actor=personas.host, text="x", owner=outsider, due_on=date(2030, 1, 1)
        )
    owner = person_of(personas, personas.rep)
    task = services.followup_add(
        meeting=m,
        actor=personas.host,
        text="Email the senator",
        owner=owner,
        due_on=date(2030, 1, 1),
    )
    services.followup_done(follow_up=task, actor=personas.rep)
    assert FollowUp.objects.get(pk=task.pk).done_at is not None
