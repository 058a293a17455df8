"""A national assembly on one page (issue 21): the motion page and its live card cost the
same at 300 voters as at 20 (counts, the reader's own ballot, a dozen names), the whole roll
call is on its own paginated page, and the server asks a larger room to poll less often."""

import datetime
from datetime import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from juntos.governance import services
from juntos.governance.models import Attendance, Ballot
from juntos.live import versions
from juntos.members.models import Member, Person

from .helpers import governance_url, open_vote

pytestmark = pytest.mark.django_db

FROZEN = dt(2027, 3, 10, 18, 5, tzinfo=ZoneInfo("America/Chicago"))


@pytest.fixture(autouse=True)
def _clock(time_machine, monkeypatch):
    time_machine.move_to(FROZEN, tick=False)
    monkeypatch.setattr(versions.os, "getloadavg", lambda: (0.1, 0.1, 0.1))
    monkeypatch.setattr(versions, "ROOM_RECOUNT_SECONDS", 0)  # each check-in counts at once


url = governance_url


@pytest.fixture
def voting(personas):
    return open_vote(personas, "Adopt the national platform")


def grow_room(p, m, motion, upto: int) -> None:
    """Voting members present, named alike, until `upto` have been added; half voted."""
    have = Member.objects.filter(coalition=p.coalition, name__startswith="Assembly Org").count()
    agreed = timezone.now() - datetime.timedelta(days=400)
    members = Member.objects.bulk_create(
        Member(
            coalition=p.coalition,
            kind="organization",
            name=f"Assembly Org {i:04d}",
            admitted_on=datetime.date(2021, 1, 1),
            agreed_to_charter_at=agreed,
        )
        for i in range(have, upto)
    )
    Person.objects.bulk_create(
        Person(
            coalition=p.coalition,
            member=member,
            full_name=f"Delegate of {member.name}",
            email=f"d{member.pk}@assembly.example",
            role="representative",
            is_primary_contact=True,
        )
        for member in members
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=m, member=member, checked_in_by=p.host) for member in members
    )
    Ballot.objects.bulk_create(
        Ballot(motion=motion, member=member, choice="yes", cast_by=p.host)
        for member in members[::2]
    )
    versions.bump(m.pk)


def measured(client, path) -> tuple[int, int, str]:
    client.get(path)  # the first request may fill caches (charter, translations)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx), len(response.content), response.content.decode()


@pytest.mark.parametrize("who", ["rep", "host"])
def test_the_motion_page_costs_the_same_at_300_voters_as_at_20(personas, voting, who):
    m, motion = voting
    page = url(personas, "motion", pk=m.pk, motion_pk=motion.pk)
    services.ballot_cast(motion=motion, member=personas.member, choice="no", actor=personas.rep)
    client = personas.client(who)
    grow_room(personas, m, motion, 20)
    small_queries, small_size, small = measured(client, page)
    grow_room(personas, m, motion, 300)
    queries, size, big = measured(client, page)
    assert queries == small_queries
    assert size < small_size + 400, (small_size, size)  # a few longer numbers
    assert big.count("Assembly Org") <= 2 * 12 + 1  # a dozen ballots, a dozen not voted
    assert "and 140 more" in big  # of the 152 who have not voted
    assert "Roll call: every ballot" in big
    if who == "rep":  # the reader's own organization's ballot and the buttons
        assert "Your organization voted: No." in big
        assert 'name="choice" value="yes"' in big
    else:  # the host records a ballot called out in the room by name past 300 present
        assert '<select name="member"' in small and 'id="ballot-member-options"' not in small
        assert '<select name="member"' not in big and 'id="ballot-member-options"' in big


def test_the_live_card_costs_the_same_at_300_voters_as_at_20(personas, voting):
    m, motion = voting
    card = url(personas, "motion_live", pk=m.pk, motion_pk=motion.pk) + "?card=1"
    client = personas.client("rep")
    grow_room(personas, m, motion, 20)
    small_queries, small_size, small = measured(client, card)
    grow_room(personas, m, motion, 300)
    queries, size, big = measured(client, card)
    assert queries == small_queries
    assert abs(size - small_size) < 200, (small_size, size)
    assert "Not voted yet" in big and "and 141 more" in big  # Casa Test has not voted here


def test_a_small_meeting_names_everyone_as_before(personas, voting):
    m, motion = voting
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=personas.rep)
    page = personas.client("rep").get(url(personas, "motion", pk=m.pk, motion_pk=motion.pk))
    text = page.content.decode()
    assert "Casa Test: <strong>Yes</strong>" in text
    assert "Not voted yet" in text and "Core Org, Labor Test" in text and "more" not in text
    host = personas.client("host").get(url(personas, "motion", pk=m.pk, motion_pk=motion.pk))
    assert '<select name="member"' in host.content.decode()  # the present members, listed


def test_the_roll_call_lists_every_ballot_fifty_a_page(personas, voting):
    m, motion = voting
    grow_room(personas, m, motion, 120)  # 60 ballots
    services.ballot_cast(motion=motion, member=personas.member, choice="no", actor=personas.rep)
    roll = url(personas, "motion_roll_call", pk=m.pk, motion_pk=motion.pk)
    client = personas.client("other_rep")
    first = client.get(roll)
    assert first.status_code == 200
    assert len(first.context["page"].object_list) == 50
    assert first.context["page"].paginator.count == 61
    second = client.get(roll, {"page": 2}).context["page"].object_list
    names = [n for n, _c in first.context["page"].object_list] + [n for n, _c in second]
    assert len(names) == 61 and names == sorted(names)
    assert ("Casa Test", "No") in second
    waiting = client.get(roll, {"show": "waiting"}).context["page"]
    assert waiting.paginator.count == 60 + 2  # half the room, Labor Test and Core Org
    # Once closed it is the record for the minutes: every ballot, still.
    services.motion_close(motion=motion, actor=personas.host)
    closed = client.get(roll, {"show": "waiting", "page": 2})
    assert closed.context["page"].paginator.count == 61
    assert not closed.context["waiting"]


def test_the_roll_call_is_seen_by_those_who_see_the_motion(personas, voting):
    m, motion = voting
    roll = url(personas, "motion_roll_call", pk=m.pk, motion_pk=motion.pk)
    assert personas.client("rep").get(roll).status_code == 200
    assert personas.client("supporter").get(roll).status_code == 403
    assert personas.client("outsider").get(roll).status_code == 404
    assert personas.client(None).get(roll).status_code == 302


def test_the_poll_interval_grows_with_the_room(personas, voting, settings):
    assert [versions.room_factor(n) for n in (12, 276, 277, 500, 1000, 2000)] == [1, 1, 2, 2, 4, 8]
    m, motion = voting
    client = personas.client("rep")
    live = url(personas, "motion_live", pk=m.pk, motion_pk=motion.pk)
    quorum = url(personas, "quorum", pk=m.pk)
    assert client.get(live)["Juntos-Poll-Seconds"] == "3"
    assert client.get(quorum)["Juntos-Poll-Seconds"] == "10"
    settings.JUNTOS_LIVE_POLL_BUDGET = 50  # 53 present at 1/3 + 1/10 a second: 23 a second
    grow_room(personas, m, motion, 50)
    assert client.get(live)["Juntos-Poll-Seconds"] == "3"
    grow_room(personas, m, motion, 120)  # 123 present: 53 a second, twice the UI's interval
    response = client.get(live)
    assert response["Juntos-Poll-Seconds"] == "6"
    unchanged = client.get(live, HTTP_IF_NONE_MATCH=response["ETag"])
    assert unchanged.status_code == 304 and unchanged["Juntos-Poll-Seconds"] == "6"
    assert client.get(quorum)["Juntos-Poll-Seconds"] == "20"
    settings.JUNTOS_LIVE_POLL_BUDGET = 0  # off: the UI's pace whatever the room
    assert client.get(live)["Juntos-Poll-Seconds"] == "3"


def test_the_closed_card_is_rendered_once_and_placed_for_everyone(personas, voting, settings):
    m, motion = voting
    live = url(personas, "motion_live", pk=m.pk, motion_pk=motion.pk)
    services.motion_close(motion=motion, actor=personas.host)
    first = personas.client("rep").get(live, {"card": "1"})
    settings.JUNTOS_LIVE_FRESH_SECONDS = 60
    with CaptureQueriesContext(connection) as ctx:
        again = personas.client("other_rep").get(live, {"card": "1"})
    assert again.content == first.content
    assert again["HX-Retarget"] == f"#vote-card-{motion.pk}" and again["HX-Reswap"] == "outerHTML"
    assert not any("governance_ballot" in q["sql"] for q in ctx.captured_queries)


def test_a_page_first_polls_at_the_rooms_pace(personas, voting, settings):
    m, motion = voting
    page = url(personas, "motion", pk=m.pk, motion_pk=motion.pk)
    client = personas.client("rep")
    text = client.get(page).content.decode()
    wait = round(settings.JUNTOS_LIVE_FRESH_SECONDS * 1000) + 100  # and a little more
    after = f"ballot-recorded from:body delay:{wait}ms"
    assert f'hx-trigger="every 3s, {after}"' in text and 'hx-trigger="every 10s"' in text
    settings.JUNTOS_LIVE_POLL_BUDGET = 50
    grow_room(personas, m, motion, 120)  # 123 present: twice the UI's interval
    text = client.get(page).content.decode()
    assert f'hx-trigger="every 6s, {after}"' in text and 'hx-trigger="every 20s"' in text
    card = client.get(url(personas, "motion_live", pk=m.pk, motion_pk=motion.pk), {"card": 1})
    assert f'hx-trigger="every 6s, {after}"' in card.content.decode()
    assert card["Juntos-Poll-Seconds"] == "6"


def test_a_large_room_is_not_slowed_again_by_the_load(personas, voting, settings, monkeypatch):
    m, motion = voting
    settings.JUNTOS_LIVE_POLL_BUDGET = 50
    grow_room(personas, m, motion, 120)  # the room's factor: 2
    live = url(personas, "motion_live", pk=m.pk, motion_pk=motion.pk)
    cores = versions.os.cpu_count() or 1
    monkeypatch.setattr(versions.os, "getloadavg", lambda: (2.0 * cores,) * 3)  # load: 2
    assert personas.client("rep").get(live)["Juntos-Poll-Seconds"] == "6"
    monkeypatch.setattr(versions.os, "getloadavg", lambda: (20.0 * cores,) * 3)  # load: 4
    assert personas.client("rep").get(live)["Juntos-Poll-Seconds"] == "12"


def test_a_ballot_computes_the_voting_picture_before_the_motions_lock(
    personas, voting, settings, monkeypatch
):
    from juntos.governance import selectors

    m, motion = voting
    settings.JUNTOS_LIVE_BALLOT_PICTURE_SECONDS = 5
    depth = len(connection.atomic_blocks)
    computed = []
    real = selectors.voting_picture

    def spy(meeting):
        computed.append(len(connection.atomic_blocks) - depth)  # 0: outside the transaction
        return real(meeting)

    monkeypatch.setattr(selectors, "voting_picture", spy)
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=personas.rep)
    services.ballot_cast(
        motion=motion, member=personas.other_member, choice="no", actor=personas.other_rep
    )
    assert computed == [0]  # once, before the lock; the second ballot reuses it
    assert motion.ballots.count() == 2


def test_a_motion_is_found_only_through_its_own_coalition(personas, voting):
    m, motion = voting
    # The outsider hosts another coalition: its slug, this coalition's meeting and motion.
    other = reverse(
        "governance:motion",
        kwargs={"slug": personas.other_coalition.slug, "pk": m.pk, "motion_pk": motion.pk},
    )
    assert personas.client("outsider").get(other).status_code == 404
    assert personas.client("outsider").get(other + "roll-call/").status_code == 404
    wrong_meeting = url(personas, "motion", pk=m.pk + 1000, motion_pk=motion.pk)
    assert personas.client("rep").get(wrong_meeting).status_code == 404


def test_the_host_records_a_ballot_by_name_past_300_present(personas, voting):
    m, motion = voting
    grow_room(personas, m, motion, 300)
    called = Member.objects.get(coalition=personas.coalition, name="Assembly Org 0007")
    ballot = url(personas, "ballot", pk=m.pk, motion_pk=motion.pk)
    host = personas.client("host")
    host.post(ballot, {"choice": "no", "member": "assembly org 0007"})  # typed, case aside
    assert motion.ballots.get(member=called).choice == "no"
    host.post(ballot, {"choice": "abstain", "member": f"Assembly Org 0007 (#{called.pk})"})
    assert motion.ballots.get(member=called).choice == "abstain"  # as a suggestion names it


def test_the_ballot_buttons_answer_with_the_delegates_own_part(personas, voting):
    """htmx posts the buttons (_my_ballot.html): the answer is the delegate's part of the
    card, with what was recorded, not a redirect to a new page."""
    m, motion = voting
    client = personas.client("rep")
    page = client.get(url(personas, "motion", pk=m.pk, motion_pk=motion.pk)).content.decode()
    assert f'hx-target="#my-ballot-{motion.pk}"' in page
    ballot = url(personas, "ballot", pk=m.pk, motion_pk=motion.pk)
    answer = client.post(ballot, {"choice": "yes"}, HTTP_HX_REQUEST="true")
    body = answer.content.decode()
    assert answer.status_code == 200
    assert body.startswith("<div") or f'id="my-ballot-{motion.pk}"' in body
    assert "<html" not in body and "Ballot recorded for" in body
    assert "Your organization voted: Yes" in body and 'name="choice"' in body
    # The live card is told to ask again (_motion_live.html: ballot-recorded from:body).
    assert answer["HX-Trigger"] == "ballot-recorded"
    again = client.post(ballot, {"choice": "no"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Your organization voted: No" in again
    assert motion.ballots.get(member=personas.member).choice == "no"
    assert motion.ballots.count() == 1
    # The message was said in the part: the next page does not say it again.
    page = client.get(url(personas, "motion", pk=m.pk, motion_pk=motion.pk)).content.decode()
    assert "Ballot recorded for" not in page


def test_a_refused_ballot_says_why_in_the_delegates_part_in_spanish(personas, voting):
    m, motion = voting
    services.motion_close(motion=motion, actor=personas.host)
    client = personas.client("rep")
    client.cookies["django_language"] = "es"
    ballot = url(personas, "ballot", pk=m.pk, motion_pk=motion.pk)
    answer = client.post(ballot, {"choice": "yes"}, HTTP_HX_REQUEST="true")
    body = answer.content.decode()
    assert answer.status_code == 200
    assert 'role="status"' in body and 'name="choice"' not in body  # no buttons once closed
    assert "votación" in body.lower() or "cerr" in body.lower()
    assert not motion.ballots.exists()
    assert "HX-Trigger" not in answer  # nothing new to count


def test_after_a_ballot_the_card_asks_when_no_shared_copy_can_be_older(personas, voting, settings):
    """A worker shares a card for up to JUNTOS_LIVE_FRESH_MS: the card's ask after a ballot
    waits longer than that, so it never gets a copy from before the delegate's ballot."""
    m, motion = voting
    settings.JUNTOS_LIVE_FRESH_SECONDS = 2.5
    card = url(personas, "motion_live", pk=m.pk, motion_pk=motion.pk)
    body = personas.client("rep").get(card, {"card": 1}).content.decode()
    assert "ballot-recorded from:body delay:2600ms" in body


def test_without_javascript_the_ballot_still_comes_back_to_the_page(personas, voting):
    m, motion = voting
    ballot = url(personas, "ballot", pk=m.pk, motion_pk=motion.pk)
    answer = personas.client("rep").post(ballot, {"choice": "abstain"})
    assert answer.status_code == 302
    assert answer["Location"] == url(personas, "motion", pk=m.pk, motion_pk=motion.pk)
    assert motion.ballots.get(member=personas.member).choice == "abstain"


def test_the_motion_page_reads_its_motion_once_while_the_room_votes(personas, voting):
    """A ballot moves only the votes counter: the page reads the counters, not the motion
    again; closing the vote moves the attendance counter and the page shows the result."""
    m, motion = voting
    client = personas.client("rep")
    page = url(personas, "motion", pk=m.pk, motion_pk=motion.pk)
    client.get(page)
    services.ballot_cast(
        motion=motion, member=personas.other_member, choice="no", actor=personas.other_rep
    )
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(page).status_code == 200
    motion_reads = [
        q["sql"]
        for q in ctx.captured_queries
        if 'FROM "governance_motion" INNER JOIN "governance_meeting"' in q["sql"]
    ]
    assert not motion_reads
    services.motion_close(motion=motion, actor=personas.host)
    closed = client.get(page).content.decode()
    motion.refresh_from_db()
    assert "Open for votes" not in closed
    assert motion.get_result_display() in closed


def test_only_an_admission_changes_the_quorum_panel(personas, voting):
    """Who votes changes with an admission, not with any other motion: opening and closing
    the vote leaves every delegate's quorum panel answering 304 (no picture computed again),
    while the motion page still shows the vote closed."""
    from tests.governance.helpers import application

    m, motion = voting
    client = personas.client("rep")
    quorum = url(personas, "quorum", pk=m.pk)
    page = url(personas, "motion", pk=m.pk, motion_pk=motion.pk)
    assert "Open for votes" in client.get(page).content.decode()
    held = client.get(quorum, HTTP_HX_REQUEST="true")["ETag"]
    services.motion_close(motion=motion, actor=personas.host)
    assert client.get(quorum, HTTP_HX_REQUEST="true", HTTP_IF_NONE_MATCH=held).status_code == 304
    assert "Open for votes" not in client.get(page).content.decode()  # the page knows
    services.motion_open(
        meeting=m,
        actor=personas.host,
        kind="admit_member",
        text="Admit",
        subject_application=application(personas),
    )
    assert client.get(quorum, HTTP_HX_REQUEST="true", HTTP_IF_NONE_MATCH=held).status_code == 200


def test_the_card_brings_the_list_of_ballots_with_it(personas, voting):
    """The names under the card follow it (an out-of-band swap): the page never says "no
    ballots yet" beside a card that counts one, open or closed."""
    m, motion = voting
    card = url(personas, "motion_live", pk=m.pk, motion_pk=motion.pk)
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=personas.rep)
    body = personas.client("rep").get(card, {"card": 1}).content.decode()
    assert f'<section id="motion-ballots-{motion.pk}" hx-swap-oob="true">' in body
    assert "Casa Test: <strong>Yes</strong>" in body
    services.motion_close(motion=motion, actor=personas.host)
    closed = personas.client("rep").get(card, {"card": 1}).content.decode()
    assert 'hx-swap-oob="true"' in closed and "Casa Test: <strong>Yes</strong>" in closed
    # The meeting page's card (no ?card) has no list to follow.
    assert "motion-ballots" not in personas.client("rep").get(card).content.decode()


def test_a_card_may_lag_the_ballots_but_never_the_close(personas, voting, settings):
    """Within JUNTOS_LIVE_FRESH_MS a worker answers with the card it shares, a ballot or two
    behind; a close is never answered late (the delegate would wait one more interval)."""
    m, motion = voting
    settings.JUNTOS_LIVE_FRESH_SECONDS = 60
    card = url(personas, "motion_live", pk=m.pk, motion_pk=motion.pk)
    client = personas.client("rep")
    assert "0 yes" in client.get(card, {"card": 1}).content.decode()
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=personas.rep)
    assert "0 yes" in client.get(card, {"card": 1}).content.decode()  # shared, a ballot behind
    services.motion_close(motion=motion, actor=personas.host)
    closed = client.get(card, {"card": 1})
    assert "hx-trigger" not in closed.content.decode().split("<section")[0]  # the result
    assert closed["HX-Retarget"] == f"#vote-card-{motion.pk}"
