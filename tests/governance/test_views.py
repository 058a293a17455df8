"""Governance pages: who may do what, what the page says, and bad input."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from juntos.governance import services
from juntos.governance.models import (
    AgendaItem,
    Attendance,
    Ballot,
    FollowUp,
    IssuePriority,
    Meeting,
)
from juntos.governance.phrases import row_text
from juntos.governance.views import feed_token
from juntos.members import services as member_services
from juntos.members.models import Member

from .helpers import (
    all_present,
    application,
    check_in,
    close_attendance,
    core_member,
    meeting,
    on_meeting_day,
    person_of,
)

pytestmark = pytest.mark.django_db


def url(p, name, **kwargs):
    return reverse(f"governance:{name}", kwargs={"slug": p.coalition.slug, **kwargs})


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_meeting_page_shows_quorum_and_who_is_missing(personas):
    m = meeting(personas)
    check_in(personas, m, personas.member)
    page = personas.client("rep").get(url(personas, "meeting", pk=m.pk)).content.decode()
    assert "1 of 3 present, 2 needed (2/3)" in page
    assert "No quorum" in page
    assert "Labor Test" in page and "Core Org" in page


def test_quorum_panel_is_a_fragment_that_refreshes_itself(personas):
    m = meeting(personas)
    all_present(personas, m)
    response = personas.client("rep").get(url(personas, "quorum", pk=m.pk), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and 'hx-trigger="every 10s"' in body
    assert "3 of 3 present" in body and "Quorum reached" in body


def test_representative_checks_in_on_their_phone(personas):
    m = meeting(personas)
    client = personas.client("rep")
    response = client.post(url(personas, "check_in", pk=m.pk), {"action": "self"}, follow=True)
    assert "You are checked in." in messages_of(response)
    attendance = Attendance.objects.get(meeting=m)
    assert attendance.member == personas.member
    assert attendance.person == person_of(personas, personas.rep)


def test_representative_cannot_mark_other_members_present(personas):
    m = meeting(personas)
    personas.client("rep").post(
        url(personas, "check_in", pk=m.pk),
        {"action": "mark", "member": personas.other_member.pk},
    )
    assert not Attendance.objects.exists()


def test_host_marks_a_member_present_naming_the_person(personas):
    m = meeting(personas)
    other = person_of(personas, personas.other_rep)
    personas.client("host").post(
        url(personas, "check_in", pk=m.pk),
        {"action": "mark", "member": personas.other_member.pk, "person": other.pk},
    )
    assert Attendance.objects.get(meeting=m).person == other
    page = personas.client("host").get(url(personas, "check_in", pk=m.pk)).content.decode()
    assert "Olga Other" in page and "1 of 3 present" in page


def test_ballot_without_quorum_is_refused_with_the_rule(personas):
    m = meeting(personas)
    check_in(personas, m, personas.member, personas.other_member)
    motion = services.motion_open(meeting=m, actor=personas.host, kind="general", text="Adjourn")
    services.attendance_remove(meeting=m, member=personas.other_member, actor=personas.host)
    response = personas.client("rep").post(
        url(personas, "ballot", pk=m.pk, motion_pk=motion.pk), {"choice": "yes"}, follow=True
    )
    (message,) = messages_of(response)
    assert "No ballot can be recorded without quorum" in message and "2/3" in message
    assert not Ballot.objects.exists()
    page = response.content.decode()
    assert "No ballot can be recorded without quorum" in page  # said on the page too


def test_motion_page_tells_the_host_why_no_vote_is_possible(personas):
    m = meeting(personas)
    all_present(personas, m)
    motion = services.motion_open(meeting=m, actor=personas.host, kind="general", text="Adjourn")
    for member in (personas.member, personas.other_member, core_member(personas)):
        services.attendance_remove(meeting=m, member=member, actor=personas.host)
    page = personas.client("host").get(url(personas, "motion", pk=m.pk, motion_pk=motion.pk))
    body = page.content.decode()
    assert "No ballot can be recorded without quorum." in body
    assert "This motion needs a majority of votes cast." in body
    all_present(personas, m)
    page = personas.client("host").get(url(personas, "motion", pk=m.pk, motion_pk=motion.pk))
    assert "No ballot can be recorded without quorum." not in page.content.decode()


def test_ballot_with_a_bad_choice_records_nothing(personas):
    m = meeting(personas)
    all_present(personas, m)
    motion = services.motion_open(meeting=m, actor=personas.host, kind="general", text="Adjourn")
    personas.client("rep").post(
        url(personas, "ballot", pk=m.pk, motion_pk=motion.pk), {"choice": "maybe"}
    )
    assert not Ballot.objects.exists()


def test_representative_votes_only_for_their_own_member(personas):
    m = meeting(personas)
    all_present(personas, m)
    motion = services.motion_open(meeting=m, actor=personas.host, kind="general", text="Adjourn")
    personas.client("rep").post(
        url(personas, "ballot", pk=m.pk, motion_pk=motion.pk),
        {"choice": "no", "member": personas.other_member.pk},
    )
    assert list(Ballot.objects.values_list("member", "choice")) == [(personas.member.pk, "no")]


def test_host_records_a_ballot_and_closes_the_vote(personas):
    m = meeting(personas)
    all_present(personas, m)
    motion = services.motion_open(meeting=m, actor=personas.host, kind="general", text="Adjourn")
    host = personas.client("host")
    for member in (personas.member, personas.other_member):
        host.post(
            url(personas, "ballot", pk=m.pk, motion_pk=motion.pk),
            {"choice": "yes", "member": member.pk},
        )
    response = host.post(url(personas, "motion_close", pk=m.pk, motion_pk=motion.pk), follow=True)
    page = response.content.decode()
    assert "2 yes, 0 no, 0 abstaining: passes" in page
    assert "a majority of votes cast" in page
    assert (
        personas.client("rep")
        .post(url(personas, "motion_close", pk=m.pk, motion_pk=motion.pk))
        .status_code
        == 403
    )


def test_admission_vote_from_the_meeting_page(personas):
    m = meeting(personas)
    all_present(personas, m)
    app = application(personas)
    host = personas.client("host")
    response = host.post(
        url(personas, "motion_open", pk=m.pk),
        {"kind": "admit_member", "text": "Admit Nueva Org", "subject_application": app.pk},
    )
    motion = m.motions.get()
    assert response.status_code == 302 and motion.subject_application == app
    for member in (personas.member, personas.other_member, core_member(personas)):
        host.post(
            url(personas, "ballot", pk=m.pk, motion_pk=motion.pk),
            {"choice": "yes", "member": member.pk},
        )
    response = host.post(url(personas, "motion_close", pk=m.pk, motion_pk=motion.pk), follow=True)
    assert "Nueva Org is now a member." in messages_of(response)
    assert Member.objects.filter(name="Nueva Org", status="active").exists()


def test_fifth_priority_refused_on_the_page(personas):
    for n in range(4):
        IssuePriority.objects.create(
            coalition=personas.coalition,
            title=f"P{n}",
            status="active",
            adopted_on=date(2026, 1, 1),
        )
    fifth = IssuePriority.objects.create(coalition=personas.coalition, title="Fifth")
    m = meeting(personas)
    response = personas.client("host").post(
        url(personas, "motion_open", pk=m.pk),
        {"kind": "adopt_priority", "text": "Adopt", "subject_priority": fifth.pk},
        follow=True,
    )
    (message,) = messages_of(response)
    assert "dissolve one before adopting another" in message and "at most 4" in message
    assert not m.motions.exists()
    page = personas.client("rep").get(url(personas, "priorities")).content.decode()
    assert "4 of 4" in page and "The limit is reached" in page


def test_motion_form_with_missing_subject_says_so(personas):
    m = meeting(personas)
    response = personas.client("host").post(
        url(personas, "motion_open", pk=m.pk),
        {"kind": "remove_member", "text": "Remove"},
        follow=True,
    )
    assert messages_of(response) == ["Choose an active member."]


def test_confidential_row_hidden_from_members_it_does_not_name(personas):
    m = meeting(personas)
    services.agenda_item_add(meeting=m, actor=personas.host, goal="Open reports")
    services.agenda_item_add(
        meeting=m,
        actor=personas.host,
        goal="Litigation strategy",
        confidential=True,
        named_members=[personas.member],
        notes="Counsel advises waiting",
    )
    services.agenda_publish(meeting=m, actor=personas.host)
    with on_meeting_day(m, minutes=m.duration_minutes):
        services.minutes_publish(meeting=m, actor=personas.host)
    for view in ("meeting", "agenda_print", "minutes"):
        other = personas.client("other_rep").get(url(personas, view, pk=m.pk)).content.decode()
        assert "Open reports" in other and "Litigation strategy" not in other, view
        named = personas.client("rep").get(url(personas, view, pk=m.pk)).content.decode()
        assert "Litigation strategy" in named, view
    minutes = personas.client("other_rep").get(url(personas, "minutes", pk=m.pk)).content.decode()
    assert "Counsel advises waiting" not in minutes


def test_agenda_row_refuses_markup(personas):
    m = meeting(personas)
    response = personas.client("core").post(
        url(personas, "agenda", pk=m.pk), {"goal": "<script>alert(1)</script>", "kind": "report"}
    )
    assert response.status_code == 200 and response.context["form"].errors["goal_es"]
    assert not AgendaItem.objects.exists()


def test_agenda_editor_shows_the_lead_time(personas):
    m = meeting(personas, days=3)
    page = personas.client("host").get(url(personas, "agenda", pk=m.pk)).content.decode()
    assert "at least 7 days before the meeting" in page
    assert "publishing now will be recorded as late" in page


def test_late_publish_is_shown_as_late(personas):
    m = meeting(personas, days=2)
    services.agenda_item_add(meeting=m, actor=personas.host, goal="Welcome")
    response = personas.client("host").post(url(personas, "agenda_publish", pk=m.pk), follow=True)
    assert any("It is late" in msg for msg in messages_of(response))
    assert "Published late" in response.content.decode()


def test_core_team_meeting_is_hidden_from_representatives(personas):
    m = meeting(personas, kind="core_team")
    assert personas.client("rep").get(url(personas, "meeting", pk=m.pk)).status_code == 404
    assert personas.client("core").get(url(personas, "meeting", pk=m.pk)).status_code == 200


def test_other_coalitions_meeting_is_not_found(personas):
    theirs = services.meeting_add(
        coalition=personas.other_coalition,
        actor=personas.outsider,
        kind="regular",
        starts_at=meeting(personas).starts_at,
    )
    assert personas.client("host").get(url(personas, "meeting", pk=theirs.pk)).status_code == 404


def test_draft_minutes_are_not_shown_to_representatives(personas):
    m = meeting(personas)
    assert personas.client("rep").get(url(personas, "minutes", pk=m.pk)).status_code == 404
    assert personas.client("core").get(url(personas, "minutes", pk=m.pk)).status_code == 200


def test_moving_without_a_reason_changes_nothing(personas):
    m = meeting(personas, days=5)
    response = personas.client("host").post(
        url(personas, "change", pk=m.pk),
        {"action": "move", "starts_at": "2031-05-05T18:00", "reason": ""},
        follow=True,
    )
    assert messages_of(response)
    m.refresh_from_db()
    assert m.moved_from is None


def test_cancel_shows_the_reason(personas):
    m = meeting(personas, days=5)
    personas.client("host").post(
        url(personas, "change", pk=m.pk), {"action": "cancel", "reason": "Ice storm"}
    )
    page = personas.client("rep").get(url(personas, "meeting", pk=m.pk)).content.decode()
    assert "Ice storm" in page and "Cancelled" in page


def test_schedule_page_generates_the_year(personas):
    response = personas.client("host").post(
        url(personas, "schedule"), {"year": "2032", "start_time": "18:30", "place": "Hall"}
    )
    assert response.status_code == 302
    assert Meeting.objects.filter(coalition=personas.coalition).count() == 12


def test_absence_notice_from_the_meeting_page(personas):
    m = meeting(personas, days=3)
    response = personas.client("rep").post(
        url(personas, "absence", pk=m.pk), {"reason": "Staff retreat"}, follow=True
    )
    assert "The hosts know your organization will be absent." in messages_of(response)
    assert m.absence_notices.get().member == personas.member


def test_calendar_feed(personas):
    m = meeting(personas, days=5)
    services.meeting_cancel(meeting=m, actor=personas.host, reason="Snow; roads closed")
    meeting(personas, kind="core_team", days=6)
    rep = person_of(personas, personas.rep)
    client = personas.client(None)
    body = client.get(url(personas, "feed", token=feed_token(rep))).content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 1  # the Core Team meeting is not for representatives
    assert "STATUS:CANCELLED" in body and "Snow\\; roads closed" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    core = person_of(personas, personas.core)
    assert client.get(url(personas, "feed", token=feed_token(core))).content.count(b"VEVENT") == 4
    assert client.get(url(personas, "feed", token="forged")).status_code == 404
    supporter = person_of(personas, personas.supporter)
    assert client.get(url(personas, "feed", token=feed_token(supporter))).status_code == 404


def test_follow_up_is_a_task_only_its_owner_ticks(personas):
    m = meeting(personas)
    task = services.followup_add(
        meeting=m,
        actor=personas.host,
        text="Call Senator Diaz",
        owner=person_of(personas, personas.rep),
        due_on=date(2030, 1, 1),
    )
    # The old address leads to My work, where the follow-up is with every other task.
    assert (
        personas.client("rep").get(url(personas, "my_followups"))["Location"].endswith("/my-work/")
    )
    page = personas.client("rep").get(url(personas, "my_work")).content.decode()
    assert "Call Senator Diaz" in page
    assert (
        "Call Senator Diaz"
        not in personas.client("other_rep").get(url(personas, "my_work")).content.decode()
    )
    assert (
        personas.client("other_rep").post(url(personas, "followup_done", pk=task.pk)).status_code
        == 404
    )
    assert (
        personas.client("rep").post(url(personas, "followup_done", pk=task.pk)).status_code == 302
    )
    assert FollowUp.objects.get(pk=task.pk).done_at is not None


def test_raise_a_review_from_the_reviews_page(personas):
    m = meeting(personas, days=9)
    response = personas.client("rep").post(
        url(personas, "reviews"),
        {"member": personas.other_member.pk, "reason": "Spoke against our bill"},
    )
    assert response.status_code == 302
    assert row_text(m.items.get(), "goal") == "Removal review: Labor Test"
    own = personas.client("rep").post(
        url(personas, "reviews"), {"member": personas.member.pk, "reason": "x"}
    )
    assert own.status_code == 200 and own.context["form"].errors["member"]


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx)


def _more_members(p, n):
    for i in range(n):
        member_services.member_add(
            coalition=p.coalition,
            actor=p.host,
            data={"kind": "organization", "name": f"Extra {i}"},
            representative={"full_name": f"Rep {i}", "email": f"rep{i}@x.example"},
        )


@pytest.mark.usefixtures("rendered_every_time")
def test_meeting_page_and_directory_queries_do_not_grow_with_members(personas):
    m = meeting(personas)
    all_present(personas, m)
    close_attendance(personas, m)
    host = personas.client("host")
    meeting_path = url(personas, "meeting", pk=m.pk)
    directory = reverse("members:directory", args=[personas.coalition.slug])
    before = (_queries(host, meeting_path), _queries(host, directory))
    _more_members(personas, 6)
    after = (_queries(host, meeting_path), _queries(host, directory))
    assert after == before


def test_standing_counts_attendance_of_the_year(personas):
    for hour in (20, 21):
        m = meeting(personas, hour=hour)
        check_in(personas, m, personas.member)
        close_attendance(personas, m)
    page = personas.client("rep").get(
        reverse("members:detail", args=[personas.coalition.slug, personas.member.pk])
    )
    standing = page.context["standing"]
    assert (standing.attended, standing.unnotified_absences) == (2, 0)
    other = personas.client("host").get(
        reverse("members:detail", args=[personas.coalition.slug, personas.other_member.pk])
    )
    assert other.context["standing"].unnotified_absences == 2


def test_motion_kinds_are_in_the_hosts_language(personas):
    m = meeting(personas)
    host = personas.client("host")
    host.post(reverse("set_language"), {"language": "es", "next": "/"})
    page = host.get(url(personas, "meeting", pk=m.pk)).content.decode()
    assert "Admitir a un miembro" in page and "Admit a member" not in page
    assert "Abrir la votación" in page


def test_refused_follow_up_is_shown_again_open_with_what_was_typed(personas):
    m = meeting(personas)
    owner = person_of(personas, personas.rep)
    response = personas.client("core").post(
        url(personas, "followup_add", pk=m.pk),
        {"text": "Call <b>Senator</b> Diaz", "owner": owner.pk, "due_on": "2099-01-15"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert '<details class="card" id="add-follow-up" open>' in html
    assert "Call &lt;b&gt;Senator&lt;/b&gt; Diaz" in html  # in the box, escaped
    assert 'value="2099-01-15"' in html
    assert "has-error" in html and "etiquetas HTML" in html  # beside the field, in Spanish
    assert response.context["followup_form"].errors["text"]
    assert not FollowUp.objects.filter(meeting=m).exists()


def test_accepted_follow_up_goes_back_to_the_meeting(personas):
    m = meeting(personas)
    owner = person_of(personas, personas.rep)
    response = personas.client("core").post(
        url(personas, "followup_add", pk=m.pk),
        {"text": "Call Senator Diaz", "owner": owner.pk, "due_on": "2099-01-15"},
    )
    assert response.status_code == 302
    assert FollowUp.objects.get(meeting=m).text == "Call Senator Diaz"
    page = personas.client("core").get(response["Location"]).content.decode()
    assert '<details class="card" id="add-follow-up">' in page  # closed again


def test_check_in_page_weeks_before_says_when_it_opens_instead_of_buttons(personas):
    m = meeting(personas, days=21)
    for who in ("rep", "host"):
        page = personas.client(who).get(url(personas, "check_in", pk=m.pk)).content.decode()
        assert "Check-in opens on" in page
        assert 'value="self"' not in page and 'value="mark"' not in page
    with on_meeting_day(m):
        rep = personas.client("rep").get(url(personas, "check_in", pk=m.pk)).content.decode()
        host = personas.client("host").get(url(personas, "check_in", pk=m.pk)).content.decode()
    assert "Check-in opens on" not in rep + host
    assert 'value="self"' in rep and 'value="mark"' in host
