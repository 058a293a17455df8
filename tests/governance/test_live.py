"""The meeting followed live (issue 16): the motion card's fragment and the projector view."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from juntos.governance import services

from .helpers import core_member, governance_url, meeting, open_vote

pytestmark = pytest.mark.django_db

FROZEN = datetime(2027, 3, 10, 18, 5, tzinfo=ZoneInfo("America/Chicago"))


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(FROZEN, tick=False)


url = governance_url


@pytest.fixture
def voting(personas):
    return open_vote(personas, "Hold a press conference")


def test_live_card_counts_ballots_and_names_who_has_not_voted(personas, voting):
    m, motion = voting
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=personas.rep)
    live = url(personas, "motion_live", pk=m.pk, motion_pk=motion.pk)
    body = personas.client("other_rep").get(live).content.decode()
    assert "1 yes, 0 no, 0 abstaining; 2 not voted yet" in body
    assert "Core Org" in body and "Labor Test" in body
    assert 'hx-trigger="every 3s, ballot-recorded' in body  # polls while the vote is open
    assert "<html" not in body  # a fragment, not a page


def test_live_card_shows_the_result_with_its_rule_once_closed_and_stops_polling(personas, voting):
    m, motion = voting
    for member in (personas.member, personas.other_member):
        services.ballot_cast(motion=motion, member=member, choice="yes", actor=personas.host)
    services.ballot_cast(
        motion=motion, member=core_member(personas), choice="no", actor=personas.host
    )
    services.motion_close(motion=motion, actor=personas.host)
    live = url(personas, "motion_live", pk=m.pk, motion_pk=motion.pk)
    body = personas.client("rep").get(live).content.decode()
    assert "2 yes, 1 no, 0 abstaining: passes" in body
    assert "a majority of votes cast" in body
    assert "hx-trigger" not in body


def test_a_result_closed_in_english_reads_in_spanish(personas, voting):
    m, motion = voting
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=personas.rep)
    with translation.override("en"):
        services.motion_close(motion=motion, actor=personas.host)
    client = personas.client("rep")
    client.cookies["django_language"] = "es"
    body = client.get(
        url(personas, "motion_live", pk=m.pk, motion_pk=motion.pk), HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert "1 yes" not in body and "passes" not in body
    assert "1 a favor, 0 en contra, 0 abstenciones: se aprueba" in body


def test_projector_shows_the_row_in_progress_quorum_and_the_live_tally(personas, voting):
    m, motion = voting
    item = services.agenda_item_add(meeting=m, actor=personas.host, goal="Press strategy")
    personas.client("host").post(url(personas, "agenda_current", pk=m.pk), {"item": item.pk})
    services.ballot_cast(motion=motion, member=personas.member, choice="no", actor=personas.rep)
    page = personas.client("rep").get(url(personas, "projector", pk=m.pk)).content.decode()
    assert "Press strategy" in page
    assert "3 of 3 present, 2 needed" in page
    assert "Hold a press conference" in page
    assert "0 yes, 1 no, 0 abstaining; 2 not voted yet" in page
    assert "yes needed now" in page and "<svg" in page
    assert "nav" not in page.split("<body", 1)[1].split("projector-live")[0]  # full screen
    fragment = personas.client("rep").get(url(personas, "projector_live", pk=m.pk))
    assert "<html" not in fragment.content.decode()
    services.motion_close(motion=motion, actor=personas.host)
    closed = personas.client("rep").get(url(personas, "projector_live", pk=m.pk)).content.decode()
    assert "Did not pass" in closed and "Rule applied" in closed


def test_a_confidential_row_in_progress_is_not_projected_to_those_it_does_not_name(personas):
    m = meeting(personas, hour=18, minute=0)
    item = services.agenda_item_add(
        meeting=m, actor=personas.host, goal="Litigation strategy", confidential=True
    )
    services.meeting_current_item(meeting=m, actor=personas.host, item=item)
    page = personas.client("rep").get(url(personas, "projector", pk=m.pk)).content.decode()
    assert "Litigation strategy" not in page
    host = personas.client("host").get(url(personas, "projector", pk=m.pk)).content.decode()
    assert "Litigation strategy" in host


def test_the_live_fragment_costs_a_fixed_number_of_queries(
    personas, voting, django_assert_max_num_queries
):
    m, motion = voting
    client = personas.client("rep")
    live = url(personas, "motion_live", pk=m.pk, motion_pk=motion.pk)
    client.get(live)
    with django_assert_max_num_queries(25):
        client.get(live)


def test_on_the_motion_page_a_closed_vote_replaces_the_whole_card(personas, voting):
    m, motion = voting
    live = url(personas, "motion_live", pk=m.pk, motion_pk=motion.pk)
    polling = personas.client("rep").get(live, {"card": "1"}).content.decode()
    assert "live/?card=1" in polling  # each poll keeps asking for the card
    services.motion_close(motion=motion, actor=personas.host)
    response = personas.client("rep").get(live, {"card": "1"})
    assert response["HX-Retarget"] == f"#vote-card-{motion.pk}"
    assert f'id="vote-card-{motion.pk}"' in response.content.decode()


# --- The projector speaks the meeting's language --------------------------------------------


def test_projector_is_in_the_meetings_language_not_the_viewers(personas, voting):
    m, motion = voting
    services.meeting_update(meeting=m, actor=personas.host, language="es")
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=personas.rep)
    host = personas.client("host")  # the host reads the site in English
    assert "Meetings" in host.get(url(personas, "meeting", pk=m.pk)).content.decode()
    response = host.get(url(personas, "projector", pk=m.pk))
    page = response.content.decode()
    assert '<html lang="es">' in page and response["Content-Language"] == "es"
    assert "Hay quórum" in page and "Abierta a votación" in page
    assert "1 a favor, 0 en contra, 0 abstenciones" in page
    assert "Quorum reached" not in page and "Open for votes" not in page
    # Its polled fragment too, with the meeting's language in its ETag.
    fragment = host.get(url(personas, "projector_live", pk=m.pk))
    body = fragment.content.decode()
    assert "Hay quórum" in body and "1 a favor, 0 en contra, 0 abstenciones" in body
    assert "Quorum reached" not in body
    assert "-es-" in fragment["ETag"]
    assert (
        host.get(
            url(personas, "projector_live", pk=m.pk), HTTP_IF_NONE_MATCH=fragment["ETag"]
        ).status_code
        == 304
    )
    # The host switches the meeting to English: the ETag held no longer matches.
    services.meeting_update(meeting=m, actor=personas.host, language="en")
    again = host.get(url(personas, "projector_live", pk=m.pk), HTTP_IF_NONE_MATCH=fragment["ETag"])
    assert again.status_code == 200 and "-en-" in again["ETag"]
    assert "Quorum reached" in again.content.decode()
    # The meeting page itself stays in the viewer's language.
    assert "Hay quórum" not in host.get(url(personas, "meeting", pk=m.pk)).content.decode()


def test_an_english_meeting_is_projected_in_english_to_a_spanish_reader(personas, voting):
    m, _motion = voting
    core = personas.client("core")  # Cora reads the site in Spanish
    assert "Reuniones" in core.get(url(personas, "meeting", pk=m.pk)).content.decode()
    page = core.get(url(personas, "projector", pk=m.pk)).content.decode()
    assert "Quorum reached" in page and "Hay quórum" not in page
    body = core.get(url(personas, "projector_live", pk=m.pk)).content.decode()
    assert "Quorum reached" in body and "Hay quórum" not in body


def test_a_generated_row_in_progress_is_projected_in_the_meetings_words(personas):
    m = meeting(personas, hour=18, minute=0, language="es")
    services.agenda_template_apply(meeting=m, actor=personas.host, template="regular")
    closing = m.items.order_by("position").last()
    assert closing.goal == ""  # facts: its words are generated per reader
    services.meeting_current_item(meeting=m, actor=personas.host, item=closing)
    page = personas.client("host").get(url(personas, "projector", pk=m.pk)).content.decode()
    with translation.override("es"):
        from juntos.governance import phrases

        assert phrases.row_text(closing, "goal") in page


def test_a_meeting_takes_the_coalitions_first_language_and_hosts_change_it(personas):
    from juntos.audit.models import Action, AuditEntry

    personas.coalition.languages = ["es", "en"]
    personas.coalition.save(update_fields=["languages"])
    host = personas.client("host")
    form = host.get(reverse("governance:add", args=[personas.coalition.slug])).content.decode()
    assert 'name="language"' in form and '<option value="es" selected>' in form
    m = meeting(personas, hour=18, minute=0)
    assert m.language == "es"
    edit = host.get(url(personas, "edit", pk=m.pk)).content.decode()
    assert '<option value="es" selected>' in edit
    data = {
        "title": "",
        "format": "in_person",
        "place": "Union Hall",
        "accessibility_notes": "",
        "call_link": "",
        "duration_minutes": 120,
        "language": "en",
    }
    response = host.post(url(personas, "edit", pk=m.pk), data)
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.language == "en"
    entry = AuditEntry.objects.filter(action=Action.MEETING_CHANGED).latest("pk")
    assert entry.changes["language"] == ["es", "en"]
    # A language the site does not have is refused with a message, not saved.
    refused = host.post(url(personas, "edit", pk=m.pk), {**data, "language": "fr"})
    assert refused.status_code == 200 and "errorlist" in refused.content.decode()
    m.refresh_from_db()
    assert m.language == "en"
    # Only hosts edit a meeting.
    assert personas.client("core").post(url(personas, "edit", pk=m.pk), data).status_code == 403


def test_the_meeting_language_service_refuses_an_unknown_language(personas):
    m = meeting(personas, hour=18, minute=0)
    with pytest.raises(services.GovernanceError):
        services.meeting_update(meeting=m, actor=personas.host, language="fr")


def test_one_vote_needed_reads_in_the_singular_in_spanish():
    from types import SimpleNamespace

    from django.utils import translation

    from juntos.governance import words

    def live(n):
        return SimpleNamespace(tally=SimpleNamespace(needed=n), threshold_label="mayoría")

    with translation.override("es"):
        assert words.needed_line(live(1)) == "Se necesita ahora 1 voto a favor (mayoría)"
        assert words.needed_line(live(3)) == "Se necesitan ahora 3 votos a favor (mayoría)"
