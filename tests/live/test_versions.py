"""Unchanged is nearly free (issue 21): a poll carrying the current ETag gets 304 without
rendering; every change a live panel shows bumps the meeting's version; one viewer never
gets another's fragment."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from juntos.governance import services
from juntos.live import versions
from juntos.live.models import MeetingVersion
from tests.governance.helpers import all_present, check_in, core_member, meeting, on_meeting_day

pytestmark = pytest.mark.django_db

FROZEN = datetime(2027, 3, 10, 18, 5, tzinfo=ZoneInfo("America/Chicago"))


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(FROZEN, tick=False)


def url(p, name, **kwargs):
    return reverse(f"governance:{name}", kwargs={"slug": p.coalition.slug, **kwargs})


def version(m) -> tuple:
    row = MeetingVersion.objects.filter(pk=m.pk).values_list("attendance", "votes", "agenda")
    return row.first() or (0, 0, 0)


class Rendered:
    def __init__(self):
        self.templates = []

    def __enter__(self):
        template_rendered.connect(self.record)
        return self

    def record(self, sender, template, context, **kwargs):
        self.templates.append(template.name)

    def __exit__(self, *exc):
        template_rendered.disconnect(self.record)


@pytest.fixture
def voting(personas):
    m = meeting(personas, hour=18, minute=0)
    all_present(personas, m)
    motion = services.motion_open(
        meeting=m, actor=personas.host, kind="general", text="Hold a press conference"
    )
    return m, motion


def live_urls(p, m, motion):
    return [
        url(p, "quorum", pk=m.pk),
        url(p, "motion_live", pk=m.pk, motion_pk=motion.pk),
        url(p, "projector_live", pk=m.pk),
    ]


def test_a_poll_with_the_current_etag_gets_304_and_renders_nothing(personas, voting):
    m, motion = voting
    client = personas.client("rep")
    for live in live_urls(personas, m, motion):
        first = client.get(live)
        assert first.status_code == 200 and first["ETag"]
        assert first["Cache-Control"] == "private, no-cache"
        client.get(live, HTTP_IF_NONE_MATCH=first["ETag"])  # warm the session and caches
        with Rendered() as rendered, CaptureQueriesContext(connection) as queries:
            again = client.get(live, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304
        assert again.content == b""
        assert rendered.templates == []
        assert again["ETag"] == first["ETag"]
        # The access version (session, user and person are remembered), the counters.
        assert len(queries) == 2, [q["sql"] for q in queries]


def test_an_old_etag_gets_the_fragment(personas, voting):
    m, motion = voting
    client = personas.client("rep")
    live = url(personas, "motion_live", pk=m.pk, motion_pk=motion.pk)
    old = client.get(live)["ETag"]
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=personas.rep)
    with Rendered() as rendered:
        fresh = client.get(live, HTTP_IF_NONE_MATCH=old)
    assert fresh.status_code == 200
    assert rendered.templates  # rendered again
    assert fresh["ETag"] != old
    assert "1 yes" in fresh.content.decode()


def test_the_access_check_still_runs_before_the_etag(personas, voting):
    m, motion = voting
    live = url(personas, "quorum", pk=m.pk)
    tag = personas.client("rep").get(live)["ETag"]
    assert personas.client("outsider").get(live, HTTP_IF_NONE_MATCH=tag).status_code == 404
    assert personas.client("supporter").get(live, HTTP_IF_NONE_MATCH=tag).status_code == 403
    assert personas.client(None).get(live, HTTP_IF_NONE_MATCH=tag).status_code == 302


def test_a_core_team_meeting_is_404_to_a_representative_even_with_an_etag(personas):
    m = meeting(personas, hour=18, minute=0, kind="core_team")
    live = url(personas, "quorum", pk=m.pk)
    tag = personas.client("host").get(live)["ETag"]
    assert personas.client("rep").get(live, HTTP_IF_NONE_MATCH=tag).status_code == 404


def test_every_kind_of_change_bumps_the_version_and_the_next_poll_gets_200(personas):
    p = personas
    m = meeting(p, hour=18, minute=30)  # the absence notice comes before its start
    client = p.client("rep")
    live = url(p, "projector_live", pk=m.pk)
    tag = client.get(live)["ETag"]

    def changed(label):
        nonlocal tag
        response = client.get(live, HTTP_IF_NONE_MATCH=tag)
        assert response.status_code == 200, label
        assert response["ETag"] != tag, label
        tag = response["ETag"]
        assert client.get(live, HTTP_IF_NONE_MATCH=tag).status_code == 304, label

    services.absence_notify(meeting=m, member=p.member, person=None, actor=p.host)
    changed("absence notice")
    check_in(p, m, p.other_member)
    changed("check-in")
    with on_meeting_day(m):
        services.attendance_remove(meeting=m, member=p.other_member, actor=p.host)
    changed("check-out")
    check_in(p, m, p.other_member, core_member(p))
    changed("check-ins")
    item = services.agenda_item_add(meeting=m, actor=p.host, goal="Press strategy")
    changed("agenda row added")
    services.meeting_current_item(meeting=m, actor=p.host, item=item)
    changed("agenda row in progress")
    with on_meeting_day(m, minutes=1):
        motion = services.motion_open(meeting=m, actor=p.host, kind="general", text="Go")
        changed("motion opened")
        services.ballot_cast(motion=motion, member=p.other_member, choice="no", actor=p.host)
        changed("ballot cast")
        services.ballot_cast(motion=motion, member=p.other_member, choice="yes", actor=p.host)
        changed("ballot changed")
        services.motion_close(motion=motion, actor=p.host)
        changed("motion closed")
    with on_meeting_day(m, minutes=1):
        services.attendance_close(meeting=m, actor=p.host)
    changed("attendance closed")
    with on_meeting_day(m, minutes=2):
        services.attendance_reopen(meeting=m, actor=p.host)
    changed("attendance reopened")


def test_a_failed_change_does_not_bump(personas, voting):
    m, motion = voting
    before = version(m)
    services.motion_close(motion=motion, actor=personas.host)
    closed = version(m)
    assert closed > before
    with pytest.raises(services.GovernanceError):
        services.ballot_cast(
            motion=motion, member=personas.member, choice="yes", actor=personas.rep
        )
    assert version(m) == closed


def test_another_language_never_gets_the_others_fragment(personas, voting):
    m, motion = voting
    live = url(personas, "motion_live", pk=m.pk, motion_pk=motion.pk)
    english = personas.client("rep").get(live)
    spanish_client = personas.client("rep")
    spanish_client.cookies["django_language"] = "es"
    spanish = spanish_client.get(live, HTTP_IF_NONE_MATCH=english["ETag"])
    assert spanish.status_code == 200
    assert spanish["ETag"] != english["ETag"]
    assert "a favor" in spanish.content.decode()


def test_another_role_never_gets_the_others_fragment(personas, voting):
    m, motion = voting
    live = url(personas, "quorum", pk=m.pk)
    host_tag = personas.client("host").get(live)["ETag"]
    as_rep = personas.client("rep").get(live, HTTP_IF_NONE_MATCH=host_tag)
    assert as_rep.status_code == 200


def test_the_projector_etag_is_per_person_for_confidential_rows(personas, voting):
    m, motion = voting
    live = url(personas, "projector_live", pk=m.pk)
    rep_tag = personas.client("rep").get(live)["ETag"]
    other = personas.client("other_rep").get(live, HTTP_IF_NONE_MATCH=rep_tag)
    assert other.status_code == 200
    assert other["ETag"] != rep_tag


def test_live_answers_say_how_often_to_poll_and_lengthen_it_under_load(
    personas, voting, settings, monkeypatch
):
    m, motion = voting
    client = personas.client("rep")
    live = url(personas, "motion_live", pk=m.pk, motion_pk=motion.pk)
    monkeypatch.setattr(versions.os, "getloadavg", lambda: (0.1, 0.1, 0.1))
    assert client.get(live)["Juntos-Poll-Seconds"] == "3"
    assert client.get(url(personas, "quorum", pk=m.pk))["Juntos-Poll-Seconds"] == "10"
    cores = versions.os.cpu_count() or 1

    def load(per_core):
        monkeypatch.setattr(versions.os, "getloadavg", lambda: (per_core * cores,) * 3)

    load(2.0)  # above 1.5 per core: twice as long
    response = client.get(live)
    assert response["Juntos-Poll-Seconds"] == "6"
    assert client.get(live, HTTP_IF_NONE_MATCH=response["ETag"])["Juntos-Poll-Seconds"] == "6"
    load(20.0)  # never more than four times
    assert client.get(live)["Juntos-Poll-Seconds"] == "12"
    load(0.1)
    settings.JUNTOS_LIVE_POLL_FACTOR = 2
    assert client.get(live)["Juntos-Poll-Seconds"] == "6"


def test_the_first_change_of_a_meeting_without_a_version_row_makes_it(personas):
    m = meeting(personas, hour=18, minute=0)
    MeetingVersion.objects.filter(pk=m.pk).delete()  # as after a bulk import of meetings
    versions.bump(m.pk, "votes")
    versions.bump(m.pk, "votes")
    assert version(m) == (0, 2, 0)


def test_the_page_loads_the_poll_script(personas, voting):
    m, motion = voting
    page = personas.client("rep").get(url(personas, "meeting", pk=m.pk)).content.decode()
    assert "live/poll.js" in page


def test_a_worker_shares_a_fresh_card_while_votes_pour_in(personas, voting, settings):
    """Every ballot is a change; within the freshness window delegates get the card this
    worker rendered last (with its own ETag) instead of one render each."""
    settings.JUNTOS_LIVE_FRESH_SECONDS = 60
    m, motion = voting
    live = url(personas, "motion_live", pk=m.pk, motion_pk=motion.pk)
    first = personas.client("rep").get(live)
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=personas.rep)
    with Rendered() as rendered:
        shared = personas.client("other_rep").get(live)
        unchanged = personas.client("rep").get(live, HTTP_IF_NONE_MATCH=first["ETag"])
    assert rendered.templates == []
    assert shared.status_code == 200 and shared["ETag"] == first["ETag"]
    assert shared.content == first.content
    assert unchanged.status_code == 304
    settings.JUNTOS_LIVE_FRESH_SECONDS = 0
    fresh = personas.client("rep").get(live, HTTP_IF_NONE_MATCH=first["ETag"])
    assert fresh.status_code == 200 and "1 yes" in fresh.content.decode()


def test_a_ballot_leaves_the_quorum_panel_unchanged(personas, voting):
    m, motion = voting
    client = personas.client("rep")
    live = url(personas, "quorum", pk=m.pk)
    tag = client.get(live)["ETag"]
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=personas.rep)
    assert client.get(live, HTTP_IF_NONE_MATCH=tag).status_code == 304


def test_live_panels_reuse_the_voting_picture_until_attendance_changes(
    personas, voting, settings, monkeypatch
):
    settings.JUNTOS_LIVE_PICTURE_SECONDS = 60
    m, motion = voting
    computed = count_pictures(monkeypatch)
    client = personas.client("rep")
    live = url(personas, "motion_live", pk=m.pk, motion_pk=motion.pk)
    client.get(live)
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=personas.rep)
    assert "1 yes" in client.get(live).content.decode()
    client.get(url(personas, "quorum", pk=m.pk))
    assert len(computed) == 1 + 1  # the panels once; the ballot's own check under its lock
    with on_meeting_day(m):
        services.attendance_remove(meeting=m, member=personas.other_member, actor=personas.host)
    body = client.get(live).content.decode()
    assert len(computed) == 3
    assert "Labor Test" not in body.split("Not voted yet")[-1]


def count_pictures(monkeypatch) -> list:
    """A list that gets an item each time a voting picture is computed."""
    from juntos.governance import selectors

    computed = []
    real = selectors.voting_picture
    monkeypatch.setattr(selectors, "voting_picture", lambda mt: computed.append(1) or real(mt))
    return computed


@pytest.fixture
def two_voting(personas):
    """A motion open at a meeting the member and the core team's member checked in to (the
    other member did not), on the meeting's day while the test runs."""
    m = meeting(personas, hour=18, minute=0)
    check_in(personas, m, personas.member, core_member(personas))
    with on_meeting_day(m, minutes=1):
        yield m, services.motion_open(meeting=m, actor=personas.host, kind="general", text="Go")


def test_ballots_reuse_the_picture_until_attendance_moves(
    personas, two_voting, settings, monkeypatch
):
    """At 2,000 members the picture is the cost of a ballot under the motion's lock: a
    worker reuses it while the attendance counter stands, and a check-in is seen at once."""
    settings.JUNTOS_LIVE_BALLOT_PICTURE_SECONDS = 60
    p, (m, motion) = personas, two_voting
    computed = count_pictures(monkeypatch)
    services.ballot_cast(motion=motion, member=p.member, choice="yes", actor=p.rep)
    services.ballot_cast(motion=motion, member=core_member(p), choice="no", actor=p.host)
    assert len(computed) == 1
    with pytest.raises(services.GovernanceError):  # not checked in
        services.ballot_cast(motion=motion, member=p.other_member, choice="yes", actor=p.host)
    services.attendance_check_in(meeting=m, member=p.other_member, person=None, actor=p.host)
    services.ballot_cast(motion=motion, member=p.other_member, choice="yes", actor=p.host)
    assert len(computed) == 2
    assert motion.ballots.count() == 3


def test_a_ballot_is_checked_against_the_panels_picture_in_its_own_language(
    personas, two_voting, settings, monkeypatch
):
    """When a vote opens, the first page a worker serves computes the picture its first
    ballot is checked against; the picture words its rule when computed, so a ballot cast
    in Spanish is checked against a Spanish one."""
    from django.utils import translation

    settings.JUNTOS_LIVE_PICTURE_SECONDS = 60
    settings.JUNTOS_LIVE_BALLOT_PICTURE_SECONDS = 60
    p, (m, motion) = personas, two_voting
    computed = count_pictures(monkeypatch)
    with translation.override("en"):
        p.client("rep").get(url(p, "quorum", pk=m.pk))
        assert len(computed) == 1
        services.ballot_cast(motion=motion, member=p.member, choice="yes", actor=p.rep)
        assert len(computed) == 1  # the panel's picture
    with translation.override("es"):
        services.ballot_cast(motion=motion, member=core_member(p), choice="no", actor=p.host)
        assert len(computed) == 2  # its own, worded in Spanish
        assert "Quórum" in versions.ballot_picture(m).quorum.rule
        with pytest.raises(services.GovernanceError, match="Solo votan los miembros presentes"):
            services.ballot_cast(motion=motion, member=p.other_member, choice="yes", actor=p.host)
    assert len(computed) == 2
    assert motion.ballots.count() == 2


def test_a_client_holding_a_newer_card_than_the_worker_shares_gets_304(personas, voting, settings):
    """Delegates' polls land on different workers: one whose shared card is older than the
    client's answers 304, never the older tally."""
    settings.JUNTOS_LIVE_FRESH_SECONDS = 60
    m, motion = voting
    live = url(personas, "motion_live", pk=m.pk, motion_pk=motion.pk)
    old = personas.client("rep").get(live)  # this worker's shared card
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=personas.rep)
    kind, pk, numbers, *rest = old["ETag"].split("-")
    attendance, votes, motions = (int(n) for n in numbers.split("."))

    def tag(a, v):
        return "-".join([kind, pk, f"{a}.{v}.{motions}", *rest])

    newer = tag(attendance, votes + 1)  # the card another worker rendered after the ballot
    response = personas.client("other_rep").get(live, HTTP_IF_NONE_MATCH=newer)
    assert response.status_code == 304
    assert response["ETag"] == newer
    ahead = tag(attendance, votes + 5)  # newer than the counters: no such card
    assert personas.client("rep").get(live, HTTP_IF_NONE_MATCH=ahead).status_code == 200


def test_a_meeting_deleted_with_its_motions_ballots_and_attendance_leaves_no_version(
    personas, voting
):
    m, motion = voting
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=personas.rep)
    services.motion_close(motion=motion, actor=personas.host)
    m.delete()
    assert not MeetingVersion.objects.filter(pk=m.pk).exists()


def test_the_shared_voting_picture_speaks_each_readers_language(personas, voting, settings):
    """The meeting page and the quorum panel share a worker's picture; its rule is worded
    when computed, so an English reader first must not leave a Spanish reader English."""
    settings.JUNTOS_LIVE_PICTURE_SECONDS = 60
    m, _motion = voting
    client = personas.client("rep")
    assert "Quorum: at least" in client.get(url(personas, "meeting", pk=m.pk)).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    body = client.get(url(personas, "quorum", pk=m.pk)).content.decode()
    assert "Quórum: al menos" in body
    assert "Quorum: at least" not in body


def test_the_meeting_page_reuses_the_panels_picture(personas, voting, settings, monkeypatch):
    settings.JUNTOS_LIVE_PICTURE_SECONDS = 60
    m, _motion = voting
    computed = count_pictures(monkeypatch)
    client = personas.client("rep")
    client.get(url(personas, "meeting", pk=m.pk))
    client.get(url(personas, "quorum", pk=m.pk))
    client.get(url(personas, "meeting", pk=m.pk))
    assert len(computed) == 1
    with on_meeting_day(m):
        services.attendance_remove(meeting=m, member=personas.other_member, actor=personas.host)
    client.get(url(personas, "meeting", pk=m.pk))
    assert len(computed) == 2
