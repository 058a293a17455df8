"""The motion page from a kept frame (juntos/live/frames.py, issue 21): when a vote opens the
whole room opens the page at once, so each worker renders it once per position and fills in
each reader's name and form token. What a reader gets must be what a full rendering gives
them: their own name and token, their own organization's ballot, nobody else's."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import translation

from juntos.governance import services
from juntos.live import frames
from juntos.privacy.services import lockdown_start

from .helpers import core_member, governance_url, open_vote

pytestmark = pytest.mark.django_db

FROZEN = datetime(2027, 3, 10, 18, 5, tzinfo=ZoneInfo("America/Chicago"))
TOKEN = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]+')
NEXT = re.compile(r'name="next" type="hidden" value="[^"]*"')


@pytest.fixture(autouse=True)
def _kept(time_machine, settings):
    time_machine.move_to(FROZEN, tick=False)
    settings.JUNTOS_LIVE_PICTURE_SECONDS = 60  # frames kept as in production
    frames._frames.clear()
    yield
    frames._frames.clear()


@pytest.fixture
def voting(personas):
    return open_vote(personas, "Endorse the <b>Dignity</b> Act & its amendments")


def page_of(personas, who, m, motion, *, language=None, query="") -> str:
    client = personas.client(who)
    if language:
        client.cookies["django_language"] = language
    path = governance_url(personas, "motion", pk=m.pk, motion_pk=motion.pk) + query
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def comparable(html: str) -> str:
    """A page without what differs between two renderings for the same reader: the masked
    form token and the language form's return address (it carries the query)."""
    return NEXT.sub("next", TOKEN.sub(r"\1token", html))


def kept_and_full(personas, who, m, motion, **kw) -> tuple[str, str]:
    page_of(personas, who, m, motion, **kw)  # fills the frame for this position
    kept = page_of(personas, who, m, motion, **kw)
    full = page_of(personas, who, m, motion, query="?full=1", **kw)  # a query: rendered
    return comparable(kept), comparable(full)


@pytest.mark.parametrize("who", ["rep", "other_rep", "core"])
def test_a_kept_page_is_the_page_the_reader_would_have_got(personas, voting, who):
    m, motion = voting
    kept, full = kept_and_full(personas, who, m, motion)
    assert kept == full
    assert frames.slot("name")[:14] not in kept  # no slot left unfilled


def test_each_reader_gets_their_own_name_and_ballot(personas, voting):
    m, motion = voting
    services.ballot_cast(motion=motion, member=personas.member, choice="no", actor=personas.rep)
    rene = page_of(personas, "rep", m, motion)
    olga = page_of(personas, "other_rep", m, motion)
    assert ">Rene<" in rene and "Olga" not in rene
    assert ">Olga<" in olga and "Rene" not in olga
    assert "Your organization voted: No" in rene
    assert "Your organization voted" not in olga
    kept, full = kept_and_full(personas, "rep", m, motion)
    assert kept == full


def test_after_a_ballot_the_reader_sees_it_on_the_page(personas, voting):
    m, motion = voting
    assert "Your organization voted" not in page_of(personas, "rep", m, motion)
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=personas.rep)
    assert "Your organization voted: Yes" in page_of(personas, "rep", m, motion)


def test_the_token_on_a_kept_page_lets_its_reader_vote(personas, voting):
    m, motion = voting
    page_of(personas, "other_rep", m, motion)  # the frame, filled first for someone else
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.rep)
    path = governance_url(personas, "motion", pk=m.pk, motion_pk=motion.pk)
    html = client.get(path).content.decode()
    token = re.search(r'csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', html).group(1)
    assert f'"X-CSRFToken": "{token}"' in html
    answer = client.post(path + "ballot/", {"choice": "yes", "csrfmiddlewaretoken": token})
    assert answer.status_code == 302
    assert motion.ballots.get(member=personas.member).choice == "yes"


def test_a_name_is_escaped_when_filled_in(personas, voting):
    m, motion = voting
    personas.rep.full_name = "<script>alert(1)</script> Rene"
    personas.rep.save()
    html = page_of(personas, "rep", m, motion)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html
    assert "&lt;b&gt;Dignity&lt;/b&gt; Act &amp; its amendments" in html  # the motion, escaped


def test_spanish_and_english_readers_each_get_their_language(personas, voting):
    m, motion = voting
    english = page_of(personas, "rep", m, motion)
    spanish = page_of(personas, "other_rep", m, motion, language="es")
    assert 'lang="en"' in english and "Open for votes" in english
    assert 'lang="es"' in spanish and "Abierta a votación" in spanish
    kept, full = kept_and_full(personas, "other_rep", m, motion, language="es")
    assert kept == full
    translation.activate("en")


def test_a_member_that_may_not_vote_is_told_why_and_others_are_not(personas, voting):
    m, motion = voting
    services.attendance_remove(meeting=m, member=personas.member, actor=personas.host)
    rene = page_of(personas, "rep", m, motion)
    olga = page_of(personas, "other_rep", m, motion)
    assert 'role="alert"' in rene and 'name="choice"' not in rene.split('id="my-ballot-')[1][:600]
    assert 'name="choice" value="yes"' in olga
    kept, full = kept_and_full(personas, "rep", m, motion)
    assert kept == full


def test_lockdown_shows_on_a_kept_page(personas, voting):
    m, motion = voting
    assert "lockdown-banner" not in page_of(personas, "rep", m, motion)
    lockdown_start(coalition=personas.coalition, actor=personas.host)
    kept, full = kept_and_full(personas, "rep", m, motion)
    assert "lockdown-banner" in kept and kept == full


def test_the_host_gets_the_page_rendered_with_the_call_out_form(personas, voting):
    m, motion = voting
    page_of(personas, "rep", m, motion)
    html = page_of(personas, "host", m, motion)
    assert "Record a ballot called out in the room" in html
    assert "Record a ballot called out in the room" not in page_of(personas, "rep", m, motion)


def test_a_closed_motion_shows_its_result_on_a_kept_page(personas, voting):
    m, motion = voting
    page_of(personas, "rep", m, motion)
    for member in (personas.member, personas.other_member, core_member(personas)):
        services.ballot_cast(motion=motion, member=member, choice="yes", actor=personas.host)
    services.motion_close(motion=motion, actor=personas.host)
    kept, full = kept_and_full(personas, "rep", m, motion)
    assert kept == full
    assert "3 yes, 0 no, 0 abstaining: passes" in kept
    assert "Your organization voted: Yes" in kept
    assert "Open for votes" not in kept


def test_a_one_time_message_is_shown_once_on_a_rendered_page(personas, voting):
    m, motion = voting
    client = personas.client("rep")
    path = governance_url(personas, "motion", pk=m.pk, motion_pk=motion.pk)
    answer = client.post(path + "ballot/", {"choice": "abstain"}, follow=True)
    assert "Ballot recorded for" in answer.content.decode()
    again = client.get(path).content.decode()
    assert "Ballot recorded for" not in again
    assert "Your organization voted: Abstain" in again
