"""The "who represents me" page and the member page's elected officials."""

import re

import pytest
from django.urls import reverse

from juntos.audit.models import AuditEntry
from juntos.relationships.models import Contact

pytestmark = pytest.mark.django_db


def official(personas, name, chamber, district="", level="federal"):
    return Contact.objects.create(
        coalition=personas.coalition,
        name=name,
        category="decision_maker",
        level=level,
        chamber=chamber,
        state="MO",
        district=district,
    )


def url(personas, name="who_represents"):
    return reverse(f"districts:{name}", args=[personas.coalition.slug])


def test_a_zip_names_representative_and_senators_and_stores_nothing(personas):
    official(personas, "Ann Wagner", "lower", "2")
    official(personas, "Josh Hawley", "upper")
    client = personas.client("supporter")
    page = client.get(url(personas), {"zip_code": "63017"}).content.decode()
    assert "Ann Wagner" in page and "U.S. Representative, MO-2" in page
    assert "Josh Hawley" in page and "U.S. Senator, MO" in page
    # A supporter sees names, not links into the relationship map.
    assert "/relationships/contacts/" not in page
    supporter = personas.supporter.people.get(coalition=personas.coalition)
    supporter.refresh_from_db()
    assert supporter.zip_code == ""
    assert not AuditEntry.objects.filter(action="person.changed").exists()


def test_saving_the_zip_needs_the_persons_own_request(personas):
    client = personas.client("rep")
    client.post(url(personas, "save_zip"), {"zip_code": "63017"})  # no agreement
    rep = personas.rep.people.get(coalition=personas.coalition)
    rep.refresh_from_db()
    assert rep.zip_code == ""
    client.post(url(personas, "save_zip"), {"zip_code": "63017", "agree": "1"})
    rep.refresh_from_db()
    assert rep.zip_code == "63017"
    assert AuditEntry.objects.filter(action="person.changed", target_id=str(rep.pk)).exists()
    # Next time the page starts from it.
    assert "63017" in client.get(url(personas)).content.decode()


def test_split_zip_offers_candidates_and_i_dont_know(personas):
    official(personas, "Robert F. Onder, Jr.", "lower", "3")
    official(personas, "Jason Smith", "lower", "8")
    client = personas.client("rep")
    page = client.get(url(personas), {"zip_code": "63012"}).content.decode()
    assert "more than one congressional district" in page
    assert 'name="district" value="MO-8"' in page and 'value="all"' in page
    chosen = client.get(url(personas), {"zip_code": "63012", "district": "MO-8"})
    text = chosen.content.decode()
    assert "more than one congressional district" not in text and "Jason Smith" in text


def test_bad_or_unknown_zip_is_told_clearly(personas):
    client = personas.client("rep")
    bad = client.get(url(personas), {"zip_code": "abc"})
    assert bad.status_code == 200 and "five digits" in bad.content.decode()
    nowhere = client.get(url(personas), {"zip_code": "00501"}).content.decode()
    assert "in no district we know of" in nowhere


def test_member_page_shows_the_members_elected_officials(personas):
    official(personas, "Ann Wagner", "lower", "2")
    personas.member.zip_code = "63017"
    personas.member.save(update_fields=["zip_code"])
    page = personas.client("rep").get(
        reverse("members:detail", args=[personas.coalition.slug, personas.member.pk])
    )
    assert "Elected officials for this member" in page.content.decode()
    assert "Ann Wagner" in page.content.decode()


def test_messenger_finder_starts_from_members_in_the_district_and_reads_one_step_right(
    personas,
):
    from juntos.relationships import services as rel

    wagner = official(personas, "Ann Wagner", "lower", "2")
    personas.member.zip_code = "63017"  # Chesterfield: MO-2
    personas.member.save(update_fields=["zip_code"])
    personas.other_member.zip_code = "64111"  # Kansas City: MO-5
    personas.other_member.save(update_fields=["zip_code"])
    ours = Contact.objects.create(
        coalition=personas.coalition, name="Lucía Ruiz", member=personas.member
    )
    rel.relationship_add(
        coalition=personas.coalition,
        actor=personas.host,
        source=ours,
        target=wagner,
        kind="lobbies",
        strength=4,
    )
    page = personas.client("rep").get(
        reverse("relationships:messengers", args=[personas.coalition.slug]),
        {"target": wagner.pk},
    )
    body = page.content.decode()
    section = body[body.index('id="constituents"') :]
    section = section[: section.index("</div>")]
    assert personas.member.name in section and personas.other_member.name not in section
    assert "from the district" in body
    chains = " | ".join(re.findall(r"<summary>(.*?)</summary>", body, re.S))  # not the menu's
    assert "Lucía Ruiz → Ann Wagner" in chains
    assert "Lucía Ruiz → Lucía Ruiz" not in chains
    assert "Score 80 of 100" in body


def test_campaign_target_each_members_own_representative(personas):
    from juntos.members.models import Member
    from tests.campaigns.conftest import make_campaign

    official(personas, "Ann Wagner", "lower", "2")
    personas.member.zip_code = "63017"  # MO-2
    personas.member.save(update_fields=["zip_code"])
    personas.other_member.zip_code = "64111"  # MO-5: nobody imported for it
    personas.other_member.save(update_fields=["zip_code"])
    Member.objects.create(coalition=personas.coalition, name="No Zip Org")
    campaign = make_campaign(personas)
    client = personas.client("host")
    before = campaign.targets.count()
    chart = reverse("campaigns:chart", args=[personas.coalition.slug, campaign.pk])
    added = client.post(
        reverse("campaigns:target_add", args=[personas.coalition.slug, campaign.pk]),
        {"level": "primary", "per_member": "house"},
    )
    assert added.status_code == 302
    target = campaign.targets.get(per_member="house")
    assert (target.per_member, target.name) == ("house", "")
    body = client.get(chart).content.decode()
    assert "Each member&#x27;s own U.S. Representative" in body
    assert "Ann Wagner (U.S. Representative, MO-2)</a>: Casa Test" in body
    assert "MO-5: Labor Test" in body
    assert "No Zip Org" in body[body.index("No district known") :]
    # A named target still needs its name.
    client.post(
        reverse("campaigns:target_add", args=[personas.coalition.slug, campaign.pk]),
        {"level": "secondary"},
    )
    assert campaign.targets.count() == before + 1


def test_officials_page_lists_their_history_with_the_coalition(personas):
    from datetime import timedelta

    from django.utils import timezone

    from juntos.events import services as events
    from juntos.events.models import EventAction
    from tests.campaigns.conftest import make_campaign

    wagner = official(personas, "Ann Wagner", "lower", "2")
    campaign = make_campaign(personas)
    from juntos.campaigns import services as campaigns

    campaigns.target_add(
        campaign=campaign, actor=personas.host, level="primary", name="x", contact=wagner
    )
    start = timezone.now() + timedelta(days=3)
    event = events.event_plan(
        coalition=personas.coalition,
        actor=personas.host,
        hosts=[personas.member],
        data={
            "kind": "community_forum",
            "title": "Forum",
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
        },
    )
    events.guest_add(event=event, actor=personas.host, data={}, contact=wagner)
    EventAction.objects.create(event=event, kind="postcard", office=wagner, office_name="x")
    EventAction.objects.create(event=event, kind="postcard", office=wagner, office_name="x")
    page = personas.client("host").get(
        reverse("relationships:contact", args=[personas.coalition.slug, wagner.pk])
    )
    section = page.content.decode().split('id="history"', 1)[1]
    assert "Target of the campaign IDs for every resident" in section
    assert "Invited to Forum" in section and "2 postcards from Forum" in section


def test_who_represents_me_in_spanish(personas):
    official(personas, "Ann Wagner", "lower", "2")
    body = personas.client("core").get(url(personas), {"zip_code": "63017"}).content.decode()
    assert "Quién me representa" in body and "Representantes para 63017" in body
    assert "Representante en el Congreso de EE. UU., MO-2" in body


def test_a_zip_split_between_state_districts_offers_the_candidates_to_choose(personas):
    """Issue 19 item 2: a ZIP that spans districts names the candidates as candidates and
    lets the person choose, per chamber ("I don't know" keeps them all); parties and the
    plans are in words in the reader's language."""
    from io import StringIO
    from pathlib import Path

    from django.core.management import call_command

    rows = Path(__file__).resolve().parent / "fixtures" / "zcta-mo-legislature-2024-rows.csv"
    call_command("import-districts", str(rows), "--plan", "2024", stdout=StringIO())
    smith = official(personas, "Jason Smith", "lower", "8")
    smith.party = "Republican"
    smith.save(update_fields=["party"])
    official(personas, "Ana Ruiz", "lower", "112", level="state")
    official(personas, "Ben Cole", "lower", "113", level="state")
    client = personas.client("rep")
    page = client.get(url(personas), {"zip_code": "63012"}).content.decode()
    assert "one of these is yours" in page
    assert "more than one State House district" in page
    assert 'name="lower" value="MO-112"' in page and 'name="lower" value="all"' in page
    # One state senate district: nothing to choose there.
    assert 'name="upper"' not in page and "State Senate district 22" in page
    assert "District lines: U.S. House, 119th Congress; Missouri legislature, 2024 plan" in page
    chosen = client.get(
        url(personas), {"zip_code": "63012", "district": "MO-8", "lower": "MO-112"}
    ).content.decode()
    assert "one of these is yours" not in chosen and "more than one" not in chosen
    assert "Ana Ruiz" in chosen and "Ben Cole" not in chosen and "Jason Smith" in chosen
    # Choosing one chamber keeps the other's choice open, carrying the ZIP along.
    half = client.get(url(personas), {"zip_code": "63012", "district": "MO-8"}).content.decode()
    assert 'name="district" value="MO-8"' in half and 'name="lower" value="MO-111"' in half
    assert "more than one congressional district" not in half
    every = client.get(
        url(personas), {"zip_code": "63012", "district": "all", "lower": "all"}
    ).content.decode()
    assert "Ana Ruiz" in every and "Ben Cole" in every and "one of these is yours" not in every
    spanish = personas.client("core")
    body = spanish.get(url(personas), {"zip_code": "63012", "district": "MO-8"}).content.decode()
    assert "Su código postal está en más de un distrito" in body
    assert "· republicano" in body and "Republican" not in body
    assert "Límites de los distritos: Cámara de Representantes de EE. UU., 119.º Congreso" in body
    contact = spanish.get(
        reverse("relationships:contact", args=[personas.coalition.slug, smith.pk])
    )
    assert "· republicano" in contact.content.decode()
