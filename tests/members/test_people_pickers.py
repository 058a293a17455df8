"""Pickers that choose several people, contacts or officials (a decision-maker visit's
storytellers and attendees, a notice's recipients, a document's named people, a letter's
recipients): checkboxes while there are up to 300, past that a box suggesting names as you
type whose choices become checked checkboxes ("chips"). The form still posts a list of ids
and checks them against the same choices as before."""

import pytest
from django.urls import reverse

from juntos.campaigns.forms import DMMeetingForm
from juntos.campaigns.models import DecisionMakerMeeting
from juntos.communications.forms import DocumentForm, NoticeForm
from juntos.communications.models import Notice
from juntos.members.models import Person
from juntos.relationships.forms import MergeForm
from juntos.relationships.models import Contact
from tests.campaigns.conftest import make_campaign

pytestmark = pytest.mark.django_db


def crowd(personas, n=305):
    """Enough people of the rep's organization to pass 300, and two to choose."""
    Person.objects.bulk_create(
        [
            Person(
                coalition=personas.coalition,
                member=personas.member,
                full_name=f"Volunteer {i:04d}",
                role="representative",
                email=f"v{i}@example.org",
            )
            for i in range(n)
        ]
    )
    make = Person.objects.create
    lucia = make(
        coalition=personas.coalition,
        member=personas.member,
        full_name="Lucía Hernández",
        role="representative",
        email="lucia@example.org",
    )
    jose = make(
        coalition=personas.coalition,
        member=personas.member,
        full_name="José Muñoz",
        role="representative",
        email="jose@example.org",
    )
    return lucia, jose


def elsewhere(personas):
    return Person.objects.create(
        coalition=personas.other_coalition,
        full_name="Elsewhere Person",
        role="host",
        email="else@example.org",
    )


PLAN = {"decision_maker": "Mayor Lee", "purpose": "Fund IDs", "requests": "Budget line"}


def test_few_people_stay_checkboxes_labelled_with_their_organization(personas):
    campaign = make_campaign(personas)
    html = str(DMMeetingForm(campaign=campaign)["storytellers"])
    assert 'type="checkbox"' in html and "hx-get" not in html
    assert "Rene Rep (Casa Test)" in html


def test_past_300_every_several_people_picker_suggests_as_you_type(personas):
    crowd(personas)
    coalition = personas.coalition
    people = reverse("members:person_pick", args=[coalition.slug])
    campaign = make_campaign(personas)
    fields = [
        (DMMeetingForm(campaign=campaign), "storytellers", people),
        (DMMeetingForm(campaign=campaign), "attendees", people),
        (NoticeForm(coalition=coalition), "chosen", f"{people}?among=emailed"),
        (DocumentForm(coalition=coalition), "people", people),
    ]
    for form, name, url in fields:
        html = str(form[name])
        assert f'hx-get="{url}"' in html, (type(form).__name__, name)
        assert f'data-pick-multiple="id_{name}-chosen"' in html
        assert f'<datalist id="id_{name}-options">' in html
        assert 'type="checkbox"' not in html and "Volunteer" not in html
        assert "required" not in html  # chips may be chosen with the box left empty


def test_past_300_chosen_ids_are_accepted_and_shown_as_checked_chips(personas):
    lucia, jose = crowd(personas)
    campaign = make_campaign(personas)
    form = DMMeetingForm(
        {**PLAN, "storytellers": [str(lucia.pk), f"José Muñoz (#{jose.pk})", ""]},
        campaign=campaign,
    )
    assert form.is_valid(), form.errors
    assert set(form.cleaned_data["storytellers"]) == {lucia, jose}
    html = str(form["storytellers"])
    for person in (lucia, jose):
        assert (
            f'<input type="checkbox" name="storytellers" value="{person.pk}" checked> '
            f"{person.full_name} (Casa Test)"
        ) in html


def test_past_300_a_typed_name_is_found_accents_and_case_aside_without_script(personas):
    lucia, jose = crowd(personas)
    campaign = make_campaign(personas)
    form = DMMeetingForm(
        {**PLAN, "attendees": [str(jose.pk), "lucia HERNANDEZ"]}, campaign=campaign
    )
    assert form.is_valid(), form.errors
    assert set(form.cleaned_data["attendees"]) == {lucia, jose}
    unknown = DMMeetingForm({**PLAN, "attendees": [str(jose.pk), "Nadie Nunca"]}, campaign=campaign)
    assert not unknown.is_valid()
    assert "No one called “Nadie Nunca” can be chosen here" in str(unknown.errors["attendees"])
    html = str(unknown["attendees"])  # the chosen one stays chosen, the typed name stays
    assert f'value="{jose.pk}" checked' in html and 'value="Nadie Nunca"' in html


def test_past_300_an_id_the_viewer_may_not_see_is_refused_and_nothing_is_saved(personas):
    lucia, _jose = crowd(personas)
    stranger = elsewhere(personas)
    campaign = make_campaign(personas)
    url = reverse("campaigns:dm_meeting_add", args=[personas.coalition.slug, campaign.pk])
    facilitator = Person.objects.get(user=personas.core)
    response = personas.client("host").post(
        url,
        {
            **PLAN,
            "facilitator": facilitator.pk,
            "storytellers": [lucia.pk, f"Elsewhere Person (#{stranger.pk})"],
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert f"Number {stranger.pk} is not among those you may choose here" in body
    assert not DecisionMakerMeeting.objects.exists()
    assert f'value="{lucia.pk}" checked' in body  # still chosen when the form comes back


def test_past_300_a_notice_reaches_the_people_chosen_and_refuses_others(personas):
    lucia, jose = crowd(personas)
    stranger = elsewhere(personas)
    url = reverse("communications:notice_new", args=[personas.coalition.slug])
    client = personas.client("host")
    data = {"audience": "chosen", "subject_en": "Hello", "body_en": "Meeting moved."}
    refused = client.post(url, {**data, "chosen": [lucia.pk, stranger.pk]})
    assert f"Number {stranger.pk} is not among those" in refused.content.decode()
    assert not Notice.objects.exists()
    client.post(url, {**data, "chosen": [f"Lucía Hernández (#{lucia.pk})", "jose munoz"]})
    assert set(Notice.objects.get().chosen.all()) == {lucia, jose}


def test_past_300_a_document_names_people_only_of_its_coalition(personas):
    lucia, jose = crowd(personas)
    coalition = personas.coalition
    base = {"title": "Plan", "url": "https://example.org/plan", "visibility": "named"}
    ok = DocumentForm({**base, "people": [lucia.pk, jose.pk]}, coalition=coalition)
    assert ok.is_valid(), ok.errors
    assert set(ok.cleaned_data["people"]) == {lucia, jose}
    foreign = DocumentForm(
        {**base, "people": [lucia.pk, elsewhere(personas).pk]}, coalition=coalition
    )
    assert not foreign.is_valid() and "people" in foreign.errors


def test_past_300_letters_choose_several_officials_by_name(personas):
    coalition = personas.coalition
    Contact.objects.bulk_create(
        [
            Contact(coalition=coalition, name=f"Legislator {i:03d}", category="official")
            for i in range(301)
        ]
    )
    peña = Contact.objects.create(coalition=coalition, name="Ana Peña", category="official")
    ours = Contact.objects.create(
        coalition=coalition, name="Casa Contact", category="official", member=personas.member
    )
    html = str(MergeForm(coalition=coalition, category="official")["recipients"])
    pick = reverse("relationships:contact_pick", args=[coalition.slug])
    assert f'hx-get="{pick}?among=outside"' in html and "Legislator" not in html
    form = MergeForm(
        {"recipients": [f"Ana Peña (#{peña.pk})", "legislator 007"]},
        coalition=coalition,
        category="official",
    )
    assert form.is_valid(), form.errors
    assert {c.name for c in form.cleaned_data["recipients"]} == {"Ana Peña", "Legislator 007"}
    refused = MergeForm({"recipients": [ours.pk]}, coalition=coalition, category="official")
    assert not refused.is_valid()
    client = personas.client("rep")
    body = client.get(pick, {"among": "outside", "q": "casa"}).content.decode()
    assert "Casa Contact" not in body
    assert "Casa Contact" in client.get(pick, {"q": "casa"}).content.decode()


def test_notice_suggestions_are_people_with_an_email(personas):
    Person.objects.create(
        coalition=personas.coalition, member=personas.member, full_name="Sinmail Persona"
    )
    Person.objects.create(
        coalition=personas.coalition,
        member=personas.member,
        full_name="Conmail Persona",
        email="con@example.org",
    )
    url = reverse("members:person_pick", args=[personas.coalition.slug])
    body = personas.client("host").get(url, {"among": "emailed", "q": "persona"}).content.decode()
    assert "Conmail Persona" in body and "Sinmail Persona" not in body


def many_members(personas, n=301):
    from juntos.members.models import Member

    Member.objects.bulk_create(
        [
            Member(coalition=personas.coalition, name=f"Chapter {i:03d}", zip_code="63101")
            for i in range(n)
        ]
    )
    removed = Member.objects.create(
        coalition=personas.coalition, name="Cerrada Org", status=Member.Status.REMOVED
    )
    return removed


def test_past_300_organizations_an_event_is_hosted_by_are_chosen_by_name(personas):
    """An event's hosts are organizations, not people, with the same widget: suggestions
    from members:member_pick (active members only), chips, ids checked as before."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from juntos.events.forms import EventForm
    from juntos.events.models import Event

    removed = many_members(personas)
    coalition = personas.coalition
    pick = reverse("members:member_pick", args=[coalition.slug])
    html = str(EventForm(coalition=coalition)["hosts"])
    assert f'hx-get="{pick}"' in html and "Chapter 000" not in html
    start = datetime(2027, 3, 1, 18, tzinfo=ZoneInfo("America/Chicago"))
    data = {
        "kind": "educational_forum",
        "title": "Know your rights",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": start.replace(hour=20).strftime("%Y-%m-%dT%H:%M"),
        "retention_days": 60,
    }
    form = EventForm(
        {
            **data,
            "hosts": [personas.member.pk, f"Casa Test (#{personas.member.pk})", "casa TEST"],
        },
        coalition=coalition,
    )
    assert form.is_valid(), form.errors
    assert list(form.cleaned_data["hosts"]) == [personas.member]
    client = personas.client("host")
    refused = client.post(
        reverse("events:add", args=[coalition.slug]),
        {**data, "hosts": [personas.member.pk, removed.pk]},
    )
    assert refused.status_code == 200  # the form again, with the message
    assert f"Number {removed.pk} is not among those" in refused.content.decode()
    assert not Event.objects.exists()
    body = client.get(pick, {"q": "chapter 00"}).content.decode()
    assert "Chapter 001" in body and "MO-1" in body
    assert "Cerrada" not in client.get(pick, {"q": "cerrada"}).content.decode()
    assert personas.client("supporter").get(pick, {"q": "chapter"}).status_code == 403


def test_past_300_a_goals_winners_and_an_agenda_rows_named_members_are_chosen_by_name(personas):
    """The other several-organization pickers take the same widget: a search box past 300,
    ids checked against active members, a removed organization refused."""
    from juntos.campaigns.forms import GoalForm
    from juntos.governance.forms import AgendaItemForm

    removed = many_members(personas)
    coalition = personas.coalition
    pick = reverse("members:member_pick", args=[coalition.slug])
    for form_class, name in ((GoalForm, "winners"), (AgendaItemForm, "named_members")):
        html = str(form_class(coalition=coalition)[name])
        assert f'hx-get="{pick}"' in html and "Chapter 000" not in html, name
        field = form_class(coalition=coalition).fields[name]
        chosen = set(field.clean([personas.member.pk, "chapter 007"]))
        assert chosen == {personas.member, field.queryset.get(name="Chapter 007")}
        with pytest.raises(Exception, match="not among those"):
            field.clean([removed.pk])
