"""Governance's person pickers (follow-up owners, who heard an absence notice, alternates)
use the contact pickers' widget: a select while people are few, past 300 a box suggesting
names as you type (htmx, accents and case aside, with organization and district), fed by
members:person_pick, which only ever suggests people the viewer may see."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from juntos.governance.forms import AbsenceRecordForm, AlternateForm, FollowUpForm
from juntos.members.models import Member, Person

pytestmark = pytest.mark.django_db


def crowd(personas, n=305):
    """Enough people of the rep's organization (Casa Test, ZIP 63101: MO-1) to pass 300."""
    Person.objects.bulk_create(
        [
            Person(
                coalition=personas.coalition,
                member=personas.member,
                full_name=f"Volunteer {i:04d}",
                role="representative",
            )
            for i in range(n)
        ]
    )
    return Person.objects.create(
        coalition=personas.coalition,
        member=personas.member,
        full_name="Lucía Hernández",
        role="representative",
    )


def pick(client, personas, text, among=""):
    url = reverse("members:person_pick", args=[personas.coalition.slug])
    params = {"owner": text}
    if among:
        params["among"] = among
    return client.get(url, params)


def test_suggestions_fold_accents_and_case_and_show_organization_and_district(personas):
    lucia = crowd(personas)
    body = pick(personas.client("rep"), personas, "HERNANDEZ").content.decode()
    assert f'value="Lucía Hernández (#{lucia.pk})"' in body
    assert "Casa Test" in body and "MO-1" in body
    by_org = pick(personas.client("rep"), personas, "casa test").content.decode()
    assert "Lucía Hernández" in by_org
    assert pick(personas.client("rep"), personas, "l").content.decode().strip() == ""


@pytest.mark.parametrize(
    ("who", "sees_supporter", "sees_removed"),
    [("host", True, True), ("core", False, False), ("rep", False, False)],
)
def test_suggestions_are_only_people_the_viewer_may_see(
    personas, who, sees_supporter, sees_removed
):
    gone = Member.objects.create(
        coalition=personas.coalition, name="Gone Org", status=Member.Status.REMOVED
    )
    Person.objects.create(
        coalition=personas.coalition, member=gone, full_name="Ramona Gone", role="representative"
    )
    Person.objects.filter(user=personas.supporter).update(full_name="Ramón Supporter")
    body = pick(personas.client(who), personas, "ramo").content.decode()
    assert ("Ramón Supporter" in body) is sees_supporter
    assert ("Ramona Gone" in body) is sees_removed


def test_suggestions_are_refused_to_supporters_outsiders_and_strangers(personas):
    assert pick(personas.client("supporter"), personas, "hana").status_code == 403
    assert pick(personas.client("outsider"), personas, "hana").status_code == 404
    assert pick(personas.client(None), personas, "hana").status_code == 302


def test_alternates_suggest_only_people_the_rep_may_name(personas):
    lucia = crowd(personas)
    Person.objects.create(
        coalition=personas.coalition,
        member=personas.other_member,
        full_name="Lucía Otra",
        role="representative",
    )
    client = personas.client("rep")
    body = pick(client, personas, "lucia", among="alternates").content.decode()
    assert f"(#{lucia.pk})" in body and "Lucía Otra" not in body
    assert "Rene Rep" not in pick(client, personas, "rene", among="alternates").content.decode()
    assert "Lucía Otra" in pick(client, personas, "lucia").content.decode()


@time_machine.travel(datetime(2027, 2, 10, 12, tzinfo=ZoneInfo("America/Chicago")), tick=False)
def test_past_300_the_governance_pickers_search_as_you_type(personas):
    lucia = crowd(personas)
    coalition = personas.coalition
    pick_url = reverse("members:person_pick", args=[coalition.slug])
    for form, name in (
        (FollowUpForm(coalition=coalition), "owner"),
        (AbsenceRecordForm(coalition=coalition), "told_to"),
    ):
        html = str(form[name])
        assert f'hx-get="{pick_url}"' in html and "<datalist" in html and "<option" not in html
    candidates = Person.objects.filter(coalition=coalition, member=personas.member)
    html = str(AlternateForm(coalition=coalition, candidates=candidates)["person"])
    assert f'hx-get="{pick_url}?among=alternates"' in html

    data = {"text": "Call the clerk", "due_on": "2027-03-01"}
    chosen = FollowUpForm({**data, "owner": f"Lucía Hernández (#{lucia.pk})"}, coalition=coalition)
    assert chosen.is_valid(), chosen.errors
    assert chosen.cleaned_data["owner"] == lucia
    typed = FollowUpForm({**data, "owner": "lucia HERNANDEZ"}, coalition=coalition)
    assert typed.is_valid(), typed.errors
    assert typed.cleaned_data["owner"] == lucia
    elsewhere = Person.objects.create(
        coalition=personas.other_coalition, full_name="Elsewhere Person", role="host"
    )
    foreign = FollowUpForm(
        {**data, "owner": f"Elsewhere Person (#{elsewhere.pk})"}, coalition=coalition
    )
    assert not foreign.is_valid()


def test_few_people_stay_a_select_labelled_with_their_organization(personas):
    html = str(FollowUpForm(coalition=personas.coalition)["owner"])
    assert "<select" in html and "hx-get" not in html
    assert "Rene Rep (Casa Test)" in html


def test_every_single_person_picker_past_300_searches_as_you_type(personas):
    from juntos.campaigns.forms import DebriefForm, DeliverableForm, DMMeetingForm
    from juntos.events.forms import FollowUpForm as EventFollowUpForm
    from juntos.relationships.forms import OneToOneForm, StepForm
    from tests.campaigns.conftest import make_campaign

    crowd(personas)
    coalition = personas.coalition
    pick_url = reverse("members:person_pick", args=[coalition.slug])
    campaign = make_campaign(personas)
    fields = [
        (DeliverableForm(coalition=coalition), "owner_person", ""),
        (DMMeetingForm(campaign=campaign), "facilitator", ""),
        (DMMeetingForm(campaign=campaign), "asker", ""),
        (DebriefForm(coalition=coalition), "step0_owner", ""),
        (EventFollowUpForm(coalition=coalition), "owner", ""),
        (OneToOneForm(coalition=coalition), "person", "?among=anyone"),
        (StepForm(coalition=coalition), "person", "?among=anyone"),
    ]
    for form, name, among in fields:
        html = str(form[name])
        assert f'hx-get="{pick_url}{among}"' in html, (type(form).__name__, name)


def test_anyone_includes_people_without_a_role_the_viewer_may_see(personas):
    Person.objects.create(
        coalition=personas.coalition, member=personas.member, full_name="Renata Sinrol", role=""
    )
    client = personas.client("rep")
    assert "Renata Sinrol" in pick(client, personas, "renata", among="anyone").content.decode()
    assert "Renata Sinrol" not in pick(client, personas, "renata").content.decode()


def test_event_steps_choose_their_owner_with_the_picker(personas):
    """Fifteen owner choosers on one page: one set of choices, each box its own id; past
    300 each suggests as you type and shows the chosen owner as a suggestion names them."""
    from tests.events.conftest import plan

    event = plan(personas)
    client = personas.client("rep")
    page = reverse("events:event", args=[personas.coalition.slug, event.pk])
    body = client.get(page).content.decode()
    assert len(re.findall(r'<select name="owner" id="step-\d+-owner"', body)) == 15
    assert "Rene Rep (Casa Test)" in body
    lucia = crowd(personas)
    step = event.steps.get(position=6)
    url = reverse("events:step", args=[personas.coalition.slug, event.pk, step.pk])
    response = client.post(url, {"owner": "lucia hernandez"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    step.refresh_from_db()
    assert step.owner == lucia
    assert f'value="Lucía Hernández (#{lucia.pk})"' in response.content.decode()
    body = client.get(page).content.decode()
    assert f'id="step-{step.pk}-owner"' in body and f'list="step-{step.pk}-owner-options"' in body
    assert len(re.findall(r'<datalist id="step-\d+-owner-options"', body)) == 15
    assert '<select name="owner"' not in body
