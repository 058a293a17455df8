"""A campaign started from a playbook shows the playbook's words in each reader's
language: nothing is stored in the language of whoever started it."""

import pytest
from django.utils import translation

from juntos.campaigns import phrases, services
from juntos.campaigns.models import Campaign

from .conftest import make_campaign


@pytest.fixture(autouse=True)
def _language_restored():
    """Requests here switch the thread's language; the next test starts in English."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db


def in_both(fn, *args):
    out = {}
    for lang in ("en", "es"):
        with translation.override(lang):
            out[lang] = fn(*args)
    return out


def test_playbook_words_are_rendered_per_reader(personas):
    with translation.override("es"):
        campaign = make_campaign(personas, playbook="drivers_licenses")
    campaign = Campaign.objects.get(pk=campaign.pk)
    assert campaign.case == "" and campaign.messaging == "" and campaign.issue == ""
    for field in ("issue", "case", "tactics_notes"):
        words = in_both(phrases.campaign_text, campaign, field)
        assert words["en"] and words["es"] and words["en"] != words["es"], field
    rows = list(campaign.stakeholders.all()) + list(campaign.targets.all())
    assert rows and all(r.playbook_ref and r.name == "" for r in rows)
    for row in rows:
        names = in_both(str, row)
        assert names["en"] and names["es"], row.playbook_ref
    names = in_both(lambda: {str(r) for r in rows})
    assert "Governor" in names["en"] and "Governor" not in names["es"]


def test_the_chart_page_follows_the_readers_language(personas):
    campaign = make_campaign(personas, playbook="drivers_licenses")
    url = f"/c/{personas.coalition.slug}/campaigns/{campaign.pk}/chart/"
    client = personas.client("host")
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 200, url
    assert "Faith congregations" in english.content.decode()
    client.cookies["django_language"] = "es"
    with translation.override("es"):
        faith = phrases.row_text(campaign.stakeholders.get(playbook_ref="ally:1"), "name")
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert faith in spanish and "Faith congregations" not in spanish


def test_saving_the_chart_unchanged_keeps_the_playbook_reference(personas):
    campaign = make_campaign(personas, playbook="municipal_id")
    with translation.override("es"):
        case = phrases.campaign_text(campaign, "case")
        kept = phrases.keep_playbook(campaign, {"case": case, "messaging": "Una ciudad"})
    assert kept == {"case": "", "messaging": "Una ciudad"}


def test_a_meeting_with_a_playbook_target_is_addressed_by_its_name(personas):
    from .test_services import planned_meeting

    campaign = make_campaign(personas, playbook="municipal_id")
    target = campaign.targets.get(level="primary")
    meeting = planned_meeting(personas, campaign, decision_maker="", target=target)
    assert meeting.decision_maker == "City council"
    with translation.override("es"):
        letter = services.dm_request_message(meeting)
    assert "City council" in letter and "Dear" not in letter
