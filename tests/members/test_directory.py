"""The member directory: contact details follow consent; hosts always see them."""

import pytest
from django.urls import reverse

from juntos.consent.services import consent_set
from juntos.members.models import Person


def directory(personas, who):
    url = reverse("members:directory", args=[personas.coalition.slug])
    return personas.client(who).get(url).content.decode()


def test_contact_hidden_from_members_without_consent(personas):
    html = directory(personas, "rep")
    assert "Olga Other" in html  # names are shown
    assert "other@test.example" not in html
    assert "Contact not shared" in html


def test_rep_sees_own_contact(personas):
    assert "rep@test.example" in directory(personas, "rep")


def test_hosts_always_see_contacts(personas):
    assert "other@test.example" in directory(personas, "host")


def test_consent_shows_the_contact_and_revoking_hides_it_at_once(personas):
    olga = Person.objects.get(user=personas.other_rep)
    consent_set(
        coalition=personas.coalition,
        kind="contact_sharing",
        granted=True,
        actor=personas.other_rep,
        person=olga,
    )
    html = directory(personas, "rep")
    assert "other@test.example" in html and "(314) 555-0133" in html
    consent_set(
        coalition=personas.coalition,
        kind="contact_sharing",
        granted=False,
        actor=personas.other_rep,
        person=olga,
    )
    assert "other@test.example" not in directory(personas, "rep")


def test_member_page_follows_consent_too(personas):
    url = reverse("members:detail", args=[personas.coalition.slug, personas.other_member.pk])
    html = personas.client("core").get(url).content.decode()
    assert "Olga Other" in html and "other@test.example" not in html


def test_standing_is_visible_to_the_member_and_hosts_only(personas):
    url = reverse("members:detail", args=[personas.coalition.slug, personas.member.pk])
    assert "Standing this year" in personas.client("rep").get(url).content.decode()
    assert "Standing this year" in personas.client("host").get(url).content.decode()
    assert "Standing this year" not in personas.client("other_rep").get(url).content.decode()


def test_directory_shows_sectors_teams_and_standing(personas):
    html = directory(personas, "host")
    assert "Immigrant rights" in html and "Core Team" in html and "Good standing" in html


def test_removed_members_are_hidden_unless_hosts_ask(personas):
    personas.other_member.status = "removed"
    personas.other_member.save()
    assert "Labor Test" not in directory(personas, "host")
    url = reverse("members:directory", args=[personas.coalition.slug]) + "?removed=1"
    assert "Labor Test" in personas.client("host").get(url).content.decode()


@pytest.mark.usefixtures("rendered_every_time")
def test_directory_query_count_does_not_grow_with_members(
    personas, django_assert_max_num_queries, rendered_every_time
):
    from juntos.members import services

    url = reverse("members:directory", args=[personas.coalition.slug])
    client = personas.client("host")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    assert len(small.captured_queries) < 25
    for i in range(25):
        services.member_add(
            coalition=personas.coalition,
            actor=personas.host,
            data={"kind": "organization", "name": f"Org {i}", "sectors": ["labor"]},
            representative={"full_name": f"Rep {i}", "email": f"r{i}@example.org"},
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_host_adds_a_member_directly(personas):
    url = reverse("members:add", args=[personas.coalition.slug])
    response = personas.client("host").post(
        url,
        {
            "kind": "organization",
            "name": "Nueva Org",
            "tax_status": "c3",
            "city": "Joplin",
            "state": "MO",
            "zip_code": "64801",
            "sectors": ["healthcare"],
            "rep_name": "Pat Lee",
            "rep_email": "pat@example.org",
            "rep_phone": "417-555-0100",
            "rep_language": "en",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(full_name="Pat Lee")
    assert person.member.name == "Nueva Org" and person.is_primary_contact
    assert person.phone == "+14175550100"


def test_add_member_bad_input_saves_nothing(personas):
    url = reverse("members:add", args=[personas.coalition.slug])
    before = Person.objects.count()
    response = personas.client("host").post(
        url,
        {
            "kind": "organization",
            "name": "<script>x</script>",
            "tax_status": "c3",
            "zip_code": "1",
            "rep_name": "",
            "rep_language": "en",
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"name", "zip_code", "rep_name"}
    assert Person.objects.count() == before


def test_primary_contact_is_unique_per_member(personas):
    from juntos.members import services

    second = services.person_add(
        coalition=personas.coalition,
        actor=personas.host,
        full_name="Second",
        member=personas.member,
    )
    url = reverse("members:primary_contact", args=[personas.coalition.slug, second.pk])
    personas.client("host").post(url)
    primaries = personas.member.people.filter(is_primary_contact=True)
    assert list(primaries) == [second]


def test_directory_shows_standing_only_to_the_member_itself_and_hosts(personas):
    # The member page already hid it; the directory showed every member's standing and
    # its reasons to every member.
    for who, own in (("rep", "Casa Test"), ("other_rep", "Labor Test")):
        html = directory(personas, who)
        assert html.count("Good standing") + html.count("Needs attention") == 1, who
        assert own in html
    host_html = directory(personas, "host")
    assert host_html.count("Good standing") + host_html.count("Needs attention") == 3
    core_html = directory(personas, "core")  # Core Team (in Spanish): its own member only
    assert core_html.count('aria-hidden="true">—') == 2


def test_standing_rule_is_the_member_and_the_hosts():
    from juntos.members.rules import standing_visible

    assert standing_visible(viewer_role="host", viewer_member_id=None, member_id=3)
    assert standing_visible(viewer_role="representative", viewer_member_id=3, member_id=3)
    assert not standing_visible(viewer_role="core_team", viewer_member_id=4, member_id=3)
    assert not standing_visible(viewer_role="representative", viewer_member_id=None, member_id=3)
