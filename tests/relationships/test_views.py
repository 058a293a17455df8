"""Relationships pages: members only, confidential entries for their author and the hosts,
bad input refused with a message, and the pictures drawn."""

import io
import zipfile
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from juntos.audit.models import AuditEntry
from juntos.relationships import services
from juntos.relationships.models import (
    Contact,
    EngagementStep,
    LetterTemplate,
    OneToOne,
    PipelineEntry,
    PowerPlacement,
    Relationship,
)


def url(p, name, **kwargs):
    return reverse(f"relationships:{name}", kwargs={"slug": p.coalition.slug, **kwargs})


MARCH_10 = datetime(2027, 3, 10, 12, 0, tzinfo=ZoneInfo("America/Chicago"))


@pytest.fixture
def web(personas):
    """A small map: our member Casa Test → Ana (board) → Chamber → Bo (works for) → Senator."""
    p = personas
    c = p.coalition

    def add(name, **kw):
        return services.contact_add(coalition=c, actor=p.host, data={"name": name, **kw})

    p.casa = add("Casa Test", kind="organization", member=p.member)
    p.ana = add("Ana Ruiz", category="business")
    p.chamber = add("Springfield Chamber", kind="organization", category="business")
    p.bo = add("Bo Chen", category="staff")
    p.senator = add(
        "Sen. Vega",
        category="decision_maker",
        level="state",
        chamber="upper",
        state="MO",
        district="7",
        interests=["business"],
    )

    def rel(a, b, kind, strength=3, **kw):
        return services.relationship_add(
            coalition=c,
            actor=kw.pop("actor", p.host),
            source=a,
            target=b,
            kind=kind,
            strength=strength,
            **kw,
        )

    rel(p.ana, p.casa, "board_member", 4, role="board chair")
    rel(p.ana, p.chamber, "board_member", 4)
    rel(p.bo, p.chamber, "works_for", 3, role="vice president")
    rel(p.bo, p.senator, "professional", 3, role="meets the chief of staff monthly")
    return p


def test_contacts_search_by_state_chamber_and_district(web):
    client = web.client("rep")
    page = client.get(url(web, "contacts"), {"state": "MO", "chamber": "upper", "district": "07"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "Sen. Vega" in body and "Ana Ruiz" not in body
    assert "Sen. Vega" not in client.get(url(web, "contacts"), {"district": "8"}).content.decode()


def test_contacts_list_query_count_does_not_grow_with_rows(web, django_assert_max_num_queries):
    client = web.client("rep")
    client.get(url(web, "contacts"))
    for i in range(30):
        Contact.objects.create(coalition=web.coalition, name=f"Extra {i}", member=web.member)
    with django_assert_max_num_queries(12):
        client.get(url(web, "contacts"))


def test_contact_page_draws_the_neighbourhood_with_members_marked(web):
    page = web.client("rep").get(url(web, "contact", pk=web.chamber.pk))
    body = page.content.decode()
    assert page.status_code == 200
    assert '<svg class="relmap"' in body
    for name in ("Ana Ruiz", "Bo Chen", "Casa Test"):
        assert name in body
    assert "★" in body  # Casa Test is ours


def test_svg_escapes_names(web):
    evil = Contact.objects.create(coalition=web.coalition, name="<script>x</script>")
    Relationship.objects.create(
        coalition=web.coalition, source=evil, target=web.chamber, kind="generic"
    )
    body = web.client("rep").get(url(web, "contact", pk=web.chamber.pk)).content.decode()
    assert "<script>x" not in body and "&lt;script&gt;x" in body


def test_other_coalitions_contacts_are_404(web):
    stranger = Contact.objects.create(coalition=web.other_coalition, name="Elsewhere")
    assert web.client("host").get(url(web, "contact", pk=stranger.pk)).status_code == 404


def test_messenger_search_finds_the_chain_and_tells_it(web):
    page = web.client("rep").get(url(web, "messengers"), {"target": web.senator.pk})
    body = page.content.decode()
    assert page.status_code == 200
    assert "Ana Ruiz sits on the board of Casa Test as board chair" in body
    assert "Bo Chen works with Sen. Vega (meets the chief of staff monthly)" in body
    assert "4 steps" in body
    assert "matches their interests" not in body  # Bo is staff, not business
    assert "Business or chamber of commerce" in body  # suggested by the senator's interests


def test_messenger_search_kind_filter_and_bad_input(web):
    client = web.client("rep")
    page = client.get(url(web, "messengers"), {"target": web.senator.pk, "kinds": ["family"]})
    assert "No chain" in page.content.decode()
    assert client.get(url(web, "messengers"), {"target": "abc"}).status_code == 400
    assert client.get(url(web, "messengers"), {"target": web.casa.pk}).status_code == 400
    bad = client.get(url(web, "messengers"), {"target": web.senator.pk, "max_steps": 9})
    assert bad.status_code == 400


def test_add_relationship_through_the_page(web):
    client = web.client("rep")
    response = client.post(
        url(web, "relationship_add", pk=web.senator.pk),
        {"direction": "in", "kind": "lobbies", "other": web.casa.pk, "strength": 2},
    )
    assert response.status_code == 302
    rel = Relationship.objects.get(kind="lobbies")
    assert (rel.source, rel.target, rel.author) == (web.casa, web.senator, web.rep)
    assert AuditEntry.objects.filter(action="relationship.added", target_id=str(rel.pk)).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"direction": "out", "kind": "lobbies", "strength": 2},  # no other contact
        {"direction": "out", "kind": "nope", "other": "X", "strength": 2},
        {"direction": "out", "kind": "social", "other": "SELF", "strength": 3},
        {"direction": "out", "kind": "social", "other": "CASA", "strength": 9},
        {"direction": "out", "kind": "social", "other": "CASA", "role": "<b>x</b>"},
        {
            "direction": "out",
            "kind": "social",
            "other": "CASA",
            "strength": 3,
            "started_on": "2024-05-01",
            "ended_on": "2020-01-01",
        },
    ],
)
def test_bad_relationship_input_is_refused(web, data):
    data = dict(data)
    data["other"] = {"SELF": web.senator.pk, "CASA": web.casa.pk}.get(data.get("other"), "x")
    if "other" not in data:
        data.pop("other", None)
    before = Relationship.objects.count()
    response = web.client("rep").post(url(web, "relationship_add", pk=web.senator.pk), data)
    assert response.status_code == 400
    assert Relationship.objects.count() == before


def test_a_relationship_to_another_coalitions_contact_is_refused(web):
    stranger = Contact.objects.create(coalition=web.other_coalition, name="Elsewhere")
    response = web.client("rep").post(
        url(web, "relationship_add", pk=web.senator.pk),
        {"direction": "out", "kind": "social", "other": stranger.pk, "strength": 3},
    )
    assert response.status_code == 400
    assert not Relationship.objects.filter(target=stranger).exists()


# ---- confidentiality -------------------------------------------------------------------------


@pytest.fixture
def secret(web):
    """Rene (rep) knows the senator's spouse; only Rene and the hosts may see it."""
    spouse = Contact.objects.create(coalition=web.coalition, name="Secret Spouse")
    services.relationship_add(
        coalition=web.coalition,
        actor=web.rep,
        source=spouse,
        target=web.senator,
        kind="family",
        strength=5,
        confidential=True,
    )
    services.relationship_add(
        coalition=web.coalition,
        actor=web.rep,
        source=web.casa,
        target=spouse,
        kind="social",
        strength=5,
        confidential=True,
    )
    return spouse


@pytest.mark.parametrize(("who", "sees"), [("rep", True), ("host", True), ("core", False)])
def test_confidential_relationships_only_for_author_and_hosts(web, secret, who, sees):
    client = web.client(who)
    page = client.get(url(web, "contact", pk=web.senator.pk)).content.decode()
    # The contact itself is not secret (it is in the pickers); the relationship is.
    assert ("Secret Spouse and Sen. Vega are family" in page) is sees  # the table
    assert ("<title>Secret Spouse</title>" in page) is sees  # the picture
    found = client.get(url(web, "messengers"), {"target": web.senator.pk}).content.decode()
    # The two-step chain through the spouse exists only for those who may see it.
    assert found.count('<details class="chain"') == (2 if sees else 1)
    assert ("Secret Spouse and Sen. Vega are family" in found) is sees


def test_confidential_one_to_ones(web):
    services.one_to_one_log(
        coalition=web.coalition,
        actor=web.rep,
        organizer=web.rep.people.get(),
        person=web.other_rep.people.get(),
        cares_about="her son's school",
        confidential=True,
    )
    for who, sees in (("rep", True), ("host", True), ("core", False), ("other_rep", False)):
        page = web.client(who).get(url(web, "one_to_ones")).content.decode()
        assert ("her son&#x27;s school" in page) is sees, who


def test_supporters_and_outsiders_do_not_see_relationships(web):
    assert web.client("supporter").get(url(web, "contacts")).status_code == 403
    assert web.client("outsider").get(url(web, "contacts")).status_code == 404


def test_only_hosts_add_decision_makers(web):
    data = {"kind": "person", "category": "decision_maker", "name": "Chief Ortiz"}
    data.update({"level": "local", "chamber": "executive", "state": "MO"})
    refused = web.client("rep").post(url(web, "contact_add"), data)
    assert refused.status_code == 200 and not Contact.objects.filter(name="Chief Ortiz").exists()
    done = web.client("host").post(url(web, "contact_add"), data)
    assert done.status_code == 302
    chief = Contact.objects.get(name="Chief Ortiz")
    assert (chief.category, chief.chamber, chief.created_by) == (
        "decision_maker",
        "executive",
        web.host,
    )


def test_contact_refuses_markup_and_bad_phone(web):
    response = web.client("rep").post(
        url(web, "contact_add"),
        {"kind": "person", "category": "press", "name": "<img src=x>", "phone": "12"},
    )
    assert response.status_code == 200
    assert "remove HTML" in response.content.decode()
    assert not Contact.objects.filter(category="press").exists()


# ---- power map -------------------------------------------------------------------------------


def test_power_map_keeps_history_and_draws_the_grid(web):
    client = web.client("rep")
    for power, stance, day in ((4, -1, "2025-01-10"), (4, 1, "2025-03-01")):
        response = client.post(
            url(web, "power"),
            {"contact": web.senator.pk, "power": power, "stance": stance, "placed_on": day},
        )
        assert response.status_code == 302
    assert PowerPlacement.objects.filter(contact=web.senator).count() == 2
    body = client.get(url(web, "power")).content.decode()
    assert '<svg class="powergrid"' in body and "<polyline" in body
    assert "Jan 10, 2025: 4/-1 → Mar 1, 2025: 4/+1" in body
    assert "Powerful ally" in body


def test_power_map_stances_are_in_the_readers_language(web):
    client = web.client("rep")
    client.post(reverse("set_language"), {"language": "es", "next": "/"})
    body = client.get(url(web, "power")).content.decode()
    assert "+2 · Apoyo firme" in body and "Strong ally" not in body


def test_power_map_refuses_out_of_range(web):
    response = web.client("rep").post(
        url(web, "power"), {"contact": web.senator.pk, "power": 6, "stance": 3}
    )
    assert response.status_code == 400 and not PowerPlacement.objects.exists()


def test_power_maps_per_issue_are_separate(web):
    client = web.client("rep")
    client.post(url(web, "power"), {"contact": web.senator.pk, "power": 5, "stance": 0})
    client.post(
        url(web, "power"),
        {"contact": web.chamber.pk, "power": 2, "stance": 2, "issue": "Driver's licenses"},
    )
    general = client.get(url(web, "power")).content.decode()
    issue = client.get(url(web, "power"), {"issue": "Driver's licenses"}).content.decode()
    assert "Target to move" in general and "Ally</strong>" not in general
    assert "Ally</strong>" in issue and "Target to move" not in issue


# ---- pipeline --------------------------------------------------------------------------------


def test_pipeline_board_by_stage(web):
    client = web.client("rep")
    response = client.post(url(web, "pipeline"), {"organization": web.chamber.pk})
    entry = PipelineEntry.objects.get()
    assert response.status_code == 302 and entry.stage == 1
    response = client.post(
        url(web, "pipeline_entry", pk=entry.pk),
        {"stage": 6, "note_2": "Needs workers for the new plant", "note_6": "Coffee with Ana"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.stage == 6 and entry.notes == {
        "2": "Needs workers for the new plant",
        "6": "Coffee with Ana",
    }
    board = client.get(url(web, "pipeline")).content.decode()
    column = board.split('id="step-6"')[1].split("</section>")[0]
    assert "Springfield Chamber" in column
    assert client.post(url(web, "pipeline_entry", pk=entry.pk), {"stage": 11}).status_code == 400


def test_pipeline_only_takes_organizations_once(web):
    client = web.client("rep")
    assert client.post(url(web, "pipeline"), {"organization": web.senator.pk}).status_code == 400
    client.post(url(web, "pipeline"), {"organization": web.chamber.pk})
    assert client.post(url(web, "pipeline"), {"organization": web.chamber.pk}).status_code == 400
    assert PipelineEntry.objects.count() == 1


# ---- letters ---------------------------------------------------------------------------------


def test_letter_of_introduction_is_offered_and_saved_by_core_team(web):
    client = web.client("core")
    page = client.get(url(web, "letter_add")).content.decode()
    assert "{{ recipient_name }}" in page
    form = {
        "name": "Intro",
        "subject": "Hello {{ organization }}",
        "body": "Dear {{ recipient_name }}, {{ unknown_thing }}",
        "language": "en",
    }
    refused = client.post(url(web, "letter_add"), form)
    assert refused.status_code == 400 and "unknown_thing" in refused.content.decode()
    form["body"] = "Dear {{ recipient_name }}, from {{ member_name }} in {{ state }}."
    assert client.post(url(web, "letter_add"), form).status_code == 302
    assert LetterTemplate.objects.get().name == "Intro"
    assert web.client("rep").get(url(web, "letter_add")).status_code == 403


@pytest.fixture
def letter(web):
    return services.letter_template_save(
        coalition=web.coalition,
        actor=web.host,
        name="Intro",
        subject="Partnership with {{ organization }}",
        body="Dear {{ recipient_name }}, {{ recipient_title }}.\n{{ member_name }}, {{ state }}."
        "\n{{ sender_name }}",
        language="en",
    )


def test_merge_refuses_unfilled_fields_before_generating_anything(web, letter):
    web.ana.title = ""
    web.ana.save()
    response = web.client("rep").post(
        url(web, "letter_merge", pk=letter.pk),
        {"recipients": [web.ana.pk, web.chamber.pk], "member_name": "Casa Test", "state": ""},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ana Ruiz" in body and "Recipient&#x27;s title" in body
    assert "Recipient&#x27;s organization" in body
    assert response["Content-Type"].startswith("text/html")
    assert not AuditEntry.objects.filter(action="letters.merged").exists()


def test_merge_makes_one_pdf_and_one_draft_per_recipient(web, letter):
    for c, title in ((web.ana, "President"), (web.chamber, "Board")):
        c.title, c.organization_name = title, "Springfield Chamber"
        c.save()
    response = web.client("rep").post(
        url(web, "letter_merge", pk=letter.pk),
        {"recipients": [web.ana.pk, web.chamber.pk], "member_name": "Casa Test", "state": "MO"},
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    files = zipfile.ZipFile(io.BytesIO(response.content))
    names = sorted(files.namelist())
    assert len(names) == 4 and sum(n.endswith(".pdf") for n in names) == 2
    assert all(files.read(n).startswith(b"%PDF") for n in names if n.endswith(".pdf"))
    draft = files.read([n for n in names if n.endswith(".eml") and "ana" in n][0]).decode()
    assert "X-Unsent: 1" in draft and "Dear Ana Ruiz, President." in draft
    assert "Subject: Partnership with Springfield Chamber" in draft
    assert AuditEntry.objects.filter(action="letters.merged").exists()


@pytest.fixture
def official(web):
    contact = services.contact_add(
        coalition=web.coalition,
        actor=web.host,
        data={"name": "Rosa Vega", "level": "state", "chamber": "upper", "state": "MO"},
    )
    contact.offices = [
        {"classification": "capitol", "address": "201 W Capitol Ave; Jefferson City, MO 65101"}
    ]
    contact.save(update_fields=["offices"])
    return contact


def test_merge_rows_address_an_official_by_honorific_and_date_in_words(web, official, time_machine):
    time_machine.move_to(MARCH_10, tick=False)
    web.ana.title = "President"
    sender = type("Sender", (), {"full_name": "Ana Morales", "title": "Director"})()
    kw = {"recipients": [official, web.ana], "member_name": "Casa Test", "state": "MO"}
    senator, ana = services.merge_rows(**kw, sender=sender)
    assert senator["address_block"] == [
        "The Honorable Rosa Vega",
        "State Senate",
        "201 W Capitol Ave",
        "Jefferson City, MO 65101",
    ]
    assert senator["salutation"] == "Dear Sen. Vega," and senator["date"] == "March 10, 2027"
    assert ana["address_block"] == ["Ana Ruiz", "President"]
    assert ana["salutation"] == "Dear Ana Ruiz,"
    with override("es"):
        senator, ana = services.merge_rows(**kw, sender=sender)
    assert senator["address_block"][:2] == ["Honorable Rosa Vega", "Senado estatal"]
    assert senator["salutation"] == "Estimado/a Sen. Vega:"
    assert senator["date"] == "10 de marzo de 2027" and ana["salutation"] == "Estimado/a Ana Ruiz:"


def test_merge_writes_in_the_letters_language_whatever_the_page(web, official, time_machine):
    time_machine.move_to(MARCH_10, tick=False)
    template = services.letter_template_save(
        coalition=web.coalition,
        actor=web.host,
        name="Carta",
        subject="Reunión",
        body="{{ salutation }}\n\nLe escribimos el {{ date }}.\n\n"
        "Atentamente,\n\n{{ member_name }}",
        language="es",
    )
    response = web.client("rep").post(
        url(web, "letter_merge", pk=template.pk),
        {"recipients": [official.pk], "member_name": "Casa Test", "state": "MO"},
    )
    assert response.status_code == 200
    files = zipfile.ZipFile(io.BytesIO(response.content))
    draft = files.read(next(n for n in files.namelist() if n.endswith(".eml")))
    text = draft.decode()
    assert "Estimado/a Sen. Vega:" in text and "10 de marzo de 2027" in text


# ---- one-to-ones and leaders -----------------------------------------------------------------


def test_one_to_one_logged_and_bad_input_refused(web):
    client = web.client("rep")
    person = web.supporter.people.get()
    ok = client.post(
        url(web, "one_to_ones"),
        {"person": person.pk, "met_on": "2025-02-02", "cares_about": "Bus routes"},
    )
    assert ok.status_code == 302
    meeting = OneToOne.objects.get()
    assert meeting.organizer == web.rep.people.get() and meeting.author == web.rep
    bad = client.post(url(web, "one_to_ones"), {"person": person.pk, "met_on": "yesterday"})
    assert bad.status_code == 400 and OneToOne.objects.count() == 1


def test_leaders_ladder_keeps_history_and_filters_by_team(web):
    client = web.client("rep")
    core_person = web.core.people.get()
    supporter = web.supporter.people.get()
    for person, level, on in (
        (core_person, "supporter", "2024-01-01"),
        (core_person, "volunteer", "2024-06-01"),
        (core_person, "leader", "2025-01-01"),
        (supporter, "volunteer", "2025-02-01"),
    ):
        response = client.post(url(web, "leaders"), {"person": person.pk, "level": level, "on": on})
        assert response.status_code == 302
    assert EngagementStep.objects.filter(person=core_person).count() == 3
    body = client.get(url(web, "leaders")).content.decode()
    assert "Jan 1, 2024 supporter → Jun 1, 2024 volunteer → Jan 1, 2025 leader" in body
    team_page = client.get(url(web, "leaders"), {"team": web.core_team.pk}).content.decode()
    team_only = team_page.split('id="leaders"')[1].split("</table>")[0]
    assert "Cora Core" in team_only and "Sol Supporter" not in team_only
    bad = client.post(url(web, "leaders"), {"person": supporter.pk, "level": "boss", "on": "x"})
    assert bad.status_code == 400


def test_no_immigration_status_field_anywhere():
    from django.apps import apps

    words = ("immigration", "citizen", "document", "visa", "undocumented", "alien", "status")
    for model in apps.get_app_config("relationships").get_models():
        for field in model._meta.get_fields():
            assert not any(w in field.name.lower() for w in words), (model, field.name)


def test_relationship_end_by_author_or_core_team(web):
    rel = services.relationship_add(
        coalition=web.coalition,
        actor=web.other_rep,
        source=web.ana,
        target=web.bo,
        kind="social",
    )
    assert web.client("rep").post(url(web, "relationship_end", pk=rel.pk)).status_code == 403
    assert web.client("other_rep").post(url(web, "relationship_end", pk=rel.pk)).status_code == 302
    rel.refresh_from_db()
    assert rel.ended_on == timezone.localdate()


def test_edit_a_contact_and_only_hosts_reclassify_decision_makers(web):
    client = web.client("rep")
    page = client.get(url(web, "contact_edit", pk=web.senator.pk))
    assert page.status_code == 200 and 'name="category"' not in page.content.decode()
    response = client.post(
        url(web, "contact_edit", pk=web.senator.pk),
        {"kind": "person", "name": "Sen. Vega", "title": "Senator, District 7"},
    )
    assert response.status_code == 302
    web.senator.refresh_from_db()
    assert web.senator.title == "Senator, District 7"
    assert (web.senator.category, web.senator.chamber) == ("decision_maker", "upper")
    entry = AuditEntry.objects.filter(action="contact.changed").get()
    assert entry.changes["title"] == ["", "Senator, District 7"]
    bad = client.post(url(web, "contact_edit", pk=web.ana.pk), {"kind": "person", "name": ""})
    assert bad.status_code == 400


def _grow(web, n):
    c, host = web.coalition, web.host
    people = list(web.coalition.people.all())
    for i in range(n):
        contact = Contact.objects.create(coalition=c, name=f"Org {n}-{i}", kind="organization")
        services.relationship_add(
            coalition=c, actor=host, source=contact, target=web.senator, kind="lobbies"
        )
        services.power_place(coalition=c, actor=host, contact=contact, power=2, stance=1)
        services.power_place(coalition=c, actor=host, contact=contact, power=3, stance=1)
        services.pipeline_start(coalition=c, actor=host, organization=contact)
        person = people[i % len(people)]
        services.one_to_one_log(
            coalition=c, actor=host, organizer=person, person=person, cares_about="x"
        )
        services.engagement_step_record(coalition=c, actor=host, person=person, level="leader")


@pytest.mark.parametrize(
    "name",
    ["contacts", "power", "pipeline", "one_to_ones", "leaders", "letters", "messengers"],
)
def test_list_pages_do_not_query_per_row(web, name, rendered_every_time):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = web.client("host")
    target = {"target": web.senator.pk} if name == "messengers" else {}

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(web, name), target).status_code == 200
        return len(ctx.captured_queries)

    _grow(web, 3)
    few = count()
    _grow(web, 12)
    assert count() == few


@pytest.mark.usefixtures("rendered_every_time")
def test_contact_page_does_not_query_per_relationship(web):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = web.client("host")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(url(web, "contact", pk=web.senator.pk))
        return len(ctx.captured_queries)

    _grow(web, 2)
    few = count()
    _grow(web, 10)
    assert count() == few


def test_power_map_as_it_stood_on_a_date(web):
    for power, stance, day in ((4, -2, date(2025, 1, 10)), (4, 1, date(2025, 6, 1))):
        services.power_place(
            coalition=web.coalition,
            actor=web.host,
            contact=web.senator,
            power=power,
            stance=stance,
            placed_on=day,
        )
    client = web.client("rep")
    then = client.get(url(web, "power"), {"on": "2025-02-01"}).content.decode()
    now = client.get(url(web, "power")).content.decode()
    assert "Powerful opponent" in then and "Powerful ally" not in then
    assert "Powerful ally" in now
    assert client.get(url(web, "power"), {"on": "not-a-date"}).status_code == 200
    assert client.get(url(web, "power"), {"on": "2025-13-45"}).status_code == 200


def test_a_hub_keeps_a_readable_picture_and_a_bounded_list(web):
    many = [Contact(coalition=web.coalition, name=f"Lobbyist {i:03d}") for i in range(130)]
    Contact.objects.bulk_create(many)
    Relationship.objects.bulk_create(
        Relationship(
            coalition=web.coalition,
            source=c,
            target=web.senator,
            kind="lobbies",
            strength=5 if i < 3 else 1,
        )
        for i, c in enumerate(Contact.objects.filter(name__startswith="Lobbyist"))
    )
    body = web.client("rep").get(url(web, "contact", pk=web.senator.pk)).content.decode()
    picture = body.split('<svg class="relmap"')[1].split("</svg>")[0]
    assert picture.count("<circle") <= 1 + 16 + 12
    assert "Lobbyist 000" in picture  # the strongest are drawn
    assert "(131)" in body  # Bo Chen's and the 130 lobbyists'
    table = body.split("<tbody>")[1].split("</tbody>")[0]
    assert table.count("<tr>") == 25  # a page of them, strongest first
    assert "Page 1 of 6" in body
    second = web.client("rep").get(url(web, "contact", pk=web.senator.pk) + "?page=6")
    assert second.content.decode().split("<tbody>")[1].count("<tr>") == 131 - 5 * 25


# ---- a campaign's power map -------------------------------------------------------------------


def _campaign(coalition, title="IDs for every resident"):
    from juntos.campaigns.models import Campaign
    from juntos.members.models import Team

    team = Team.objects.filter(coalition=coalition).first() or Team.objects.create(
        coalition=coalition, kind="core_team", name="Core Team"
    )
    return Campaign.objects.create(coalition=coalition, team=team, title=title, issue=title)


def test_power_map_filters_by_campaign(web):
    ids = _campaign(web.coalition)
    client = web.client("rep")
    response = client.post(
        url(web, "power"), {"contact": web.senator.pk, "power": 5, "stance": -1, "campaign": ids.pk}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"?campaign={ids.pk}")
    placement = PowerPlacement.objects.get()
    assert placement.campaign == ids and placement.issue == "IDs for every resident"
    client.post(url(web, "power"), {"contact": web.chamber.pk, "power": 2, "stance": 2})
    client.post(
        url(web, "power"),
        {"contact": web.ana.pk, "power": 3, "stance": 1, "issue": "IDs for every resident"},
    )
    on_campaign = client.get(url(web, "power"), {"campaign": ids.pk})
    rows = [c.name for c, *_rest in on_campaign.context["rows"]]
    assert rows == ["Sen. Vega"]
    body = on_campaign.content.decode()
    assert "Power map: IDs for every resident" in body
    assert reverse("campaigns:detail", args=[web.coalition.slug, ids.pk]) in body
    assert f'<option value="{ids.pk}" selected>' in body
    # Maps on their own keep working, the campaign's placements never mixed in, even under
    # the same words.
    general = client.get(url(web, "power"))
    assert [c.name for c, *_rest in general.context["rows"]] == ["Springfield Chamber"]
    named = client.get(url(web, "power"), {"issue": "IDs for every resident"})
    assert [c.name for c, *_rest in named.context["rows"]] == ["Ana Ruiz"]
    assert general.context["issues"] == ["", "IDs for every resident"]


def test_a_campaign_placement_ignores_the_free_text_and_is_audited(web):
    ids = _campaign(web.coalition)
    web.client("rep").post(
        url(web, "power"),
        {"contact": web.senator.pk, "power": 4, "stance": 0, "campaign": ids.pk, "issue": "Other"},
    )
    placement = PowerPlacement.objects.get()
    assert placement.campaign == ids and placement.issue == ids.title
    entry = AuditEntry.objects.filter(
        target_type="relationships.powerplacement", target_id=str(placement.pk)
    ).get()
    assert entry.changes["campaign"] == [None, ids.pk]


def test_power_map_refuses_a_campaign_of_another_coalition(web):
    from django.core.exceptions import ValidationError

    theirs = _campaign(web.other_coalition, title="Their campaign")
    _campaign(web.coalition, title="Our campaign")  # so the form offers campaigns at all
    client = web.client("rep")
    assert client.get(url(web, "power"), {"campaign": theirs.pk}).status_code == 404
    assert client.get(url(web, "power"), {"campaign": "nope"}).status_code == 404
    response = client.post(
        url(web, "power"),
        {"contact": web.senator.pk, "power": 4, "stance": 0, "campaign": theirs.pk},
    )
    assert response.status_code == 400 and not PowerPlacement.objects.exists()
    with pytest.raises(ValidationError):
        services.power_place(
            coalition=web.coalition,
            actor=web.host,
            contact=web.senator,
            power=3,
            stance=0,
            campaign=theirs,
        )
    assert not PowerPlacement.objects.exists()


def test_a_campaigns_power_map_keeps_the_pages_permissions(web):
    ids = _campaign(web.coalition)
    assert web.client("supporter").get(url(web, "power"), {"campaign": ids.pk}).status_code == 403
    outsider = web.client("outsider").get(url(web, "power"), {"campaign": ids.pk})
    assert outsider.status_code in (403, 404)
    assert web.client("rep").get(url(web, "power"), {"campaign": ids.pk}).status_code == 200


def test_a_campaigns_map_survives_as_a_map_on_its_own_when_the_campaign_goes(web):
    ids = _campaign(web.coalition)
    services.power_place(
        coalition=web.coalition,
        actor=web.host,
        contact=web.senator,
        power=5,
        stance=1,
        campaign=ids,
    )
    ids.delete()
    named = web.client("rep").get(url(web, "power"), {"issue": "IDs for every resident"})
    assert [c.name for c, *_rest in named.context["rows"]] == ["Sen. Vega"]
