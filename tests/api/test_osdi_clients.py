"""Real OSDI / Action Network client libraries from PyPI, unchanged, against a live Juntos.

Each library is pointed at Juntos by its base URL only (the one place each keeps it) and
every operation it offers that Juntos has a resource for is driven here. The README's table
"OSDI client libraries" lists what works and, for the rest, why not.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from juntos.api.models import ApiToken
from juntos.members.models import Person, Tag, Tagging
from tests.conftest import make_personas

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def juntos(live_server):
    personas = make_personas()
    _t, raw = ApiToken.issue(
        user=personas.host, coalition=personas.coalition, name="clients", scope="read_write"
    )
    personas.raw = raw
    personas.api = f"{live_server.url}/api"
    return personas


def _event(personas, **extra):
    from juntos.events.models import Event

    start = timezone.now() + timedelta(days=7)
    event = Event.objects.create(
        coalition=personas.coalition,
        kind="rally",
        title="Rally for licenses",
        slug="rally",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        status="published",
        **extra,
    )
    event.hosts.set([personas.member])
    return event


# --- osdi (osdi 0.3.1: ActionNetworkService, ANPerson, ANTagging) ------------------------


def test_osdi_library_people_tags_and_taggings(juntos):
    from osdi.action_network.person import ANPerson
    from osdi.action_network.service import ActionNetworkService

    Tag.objects.create(coalition=juntos.coalition, name="volunteer")
    Tag.objects.create(coalition=juntos.coalition, name="donor")
    service = ActionNetworkService(juntos.api, juntos.raw)  # reads every tag, paging
    assert set(service.tags_by_name) == {"volunteer", "donor"}

    created = service.create_person(
        "María José", "García López", "mj@example.org", custom_fields={"shirt": "M"}
    )
    stored = Person.objects.get(email="mj@example.org")
    assert (stored.given_name, stored.family_name) == ("María José", "García López")
    assert stored.full_name == "María José García López"
    assert stored.custom_fields == {"shirt": "M"}
    assert created["given_name"] == "María José"

    # Found by email (filter=email_address eq '…') and by id, as ANPerson models.
    found = service.find_person(email="mj@example.org", model=ANPerson)
    assert found.id == str(stored.uuid) and found.email == "mj@example.org"
    by_id = service.person_by_id(str(stored.uuid), model=ANPerson)
    assert by_id.custom_fields == {"shirt": "M"}
    assert service.find_person(email="nobody@example.org", model=ANPerson) is None

    # Tags added and a custom field changed: PUT people/{id}, POST tags/{id}/taggings.
    by_id.update_tag("volunteer", True)
    by_id.update_field("shirt", "L")
    by_id.update()
    stored.refresh_from_db()
    assert stored.custom_fields == {"shirt": "L"}
    assert list(stored.taggings.values_list("tag__name", flat=True)) == ["volunteer"]

    # Reloaded, the tagging is removed through its own URL (DELETE the tagging).
    again = service.person_by_id(str(stored.uuid), model=ANPerson)
    assert set(again.tags) == {"volunteer"}
    before = Person.objects.get(pk=stored.pk).updated_at
    again.update_tag("volunteer", False)
    again.update()
    assert not Tagging.objects.filter(person=stored).exists()
    assert Person.objects.get(pk=stored.pk).updated_at > before

    # Signing up again with the same email updates, never duplicates.
    service.create_person("María José", "García López", "MJ@example.org")
    assert Person.objects.filter(email="mj@example.org").count() == 1


def test_osdi_library_finds_by_phone(juntos):
    from osdi.action_network.person import ANPerson
    from osdi.action_network.service import ActionNetworkService

    person = Person.objects.create(
        coalition=juntos.coalition, full_name="Tel Only", phone="+13145550199", role="supporter"
    )
    service = ActionNetworkService(juntos.api, juntos.raw)
    found = service.find_person(phone="(314) 555-0199", model=ANPerson)
    assert found.id == str(person.uuid)


# --- pyactionnetwork (pyActionNetwork 0.11.2: ActionNetworkApi) -------------------------


def _pyactionnetwork(juntos):
    import requests
    from pyactionnetwork import ActionNetworkApi

    class Api(ActionNetworkApi):
        # The library fetches its configuration from a fixed Action Network address; this
        # is that address, changed, and nothing else.
        def refresh_config(self):
            self.config = requests.get(url=f"{juntos.api}/", headers=self.headers).json()

    api = Api(juntos.raw)
    api.base_url = f"{juntos.api}/"
    return api


def test_pyactionnetwork_create_find_update_and_resources(juntos, capsys):
    api = _pyactionnetwork(juntos)
    assert "Juntos" in capsys.readouterr().out  # the library prints the API's motd

    created = api.create_person(
        email="ana@example.org",
        given_name="Ana",
        family_name="Pérez",
        address=["12 Queen St W"],
        city="Toronto",
        state="ON",
        country="CA",
        postal_code="M5H 2N2",
        tags=["newsletter"],
        custom_fields={"source": "petition"},
    )
    person = Person.objects.get(email="ana@example.org")
    assert (person.given_name, person.family_name) == ("Ana", "Pérez")
    assert (person.country, person.state, person.zip_code) == ("CA", "ON", "M5H 2N2")
    assert created["postal_addresses"][0]["country"] == "CA"
    assert list(person.taggings.values_list("tag__name", flat=True)) == ["newsletter"]

    # Found by email: the library writes filter=email eq '…' (not email_address).
    found = api.get_person(search_string="ana@example.org")
    assert found["total_records"] == 1
    assert found["_embedded"]["osdi:people"][0]["identifiers"][0] == f"juntos:{person.uuid}"
    assert api.get_person(person_id=str(person.uuid))["family_name"] == "Pérez"

    # A signup with only a given name (the library sends family_name='') blanks nothing.
    api.create_person(email="ana@example.org", given_name="Anita")
    person.refresh_from_db()
    assert (person.given_name, person.family_name) == ("Anita", "Pérez")
    assert person.city == "Toronto"

    # update_person sends None for what it does not change: nothing is blanked.
    updated = api.update_person(person_id=str(person.uuid), family_name="Pérez Ruiz", tags=["sms"])
    person.refresh_from_db()
    assert (person.given_name, person.family_name) == ("Anita", "Pérez Ruiz")
    assert person.email == "ana@example.org" and person.city == "Toronto"
    assert updated["family_name"] == "Pérez Ruiz"
    assert set(person.taggings.values_list("tag__name", flat=True)) == {"newsletter", "sms"}

    people = api.get_resource("people")
    assert people["total_records"] == Person.objects.filter(coalition=juntos.coalition).count()
    assert api.get_resource("tags")["total_records"] == 2
    assert api.resource_to_url("person_signup_helper").endswith("/api/people/signup")


# --- py-actionnetworkorg (1.1.9: ActionNetwork) -----------------------------------------


def _py_actionnetworkorg(juntos):
    from action_network.action_network import ActionNetwork
    from action_network.models.utils.utils import Utils

    Utils._instance = None  # the library keeps one shared instance per process
    an = ActionNetwork(osdi_token=juntos.raw)
    an.people._utils._base_url = f"{juntos.api}/"  # its one base URL, shared by every model
    return an


def test_py_actionnetworkorg_people_tags_taggings(juntos):
    an = _py_actionnetworkorg(juntos)
    page = an.people.get()  # sends page=None&per_page=25filter=None
    assert page["total_records"] == Person.objects.filter(coalition=juntos.coalition).count()
    everyone = an.people.get(page=1, per_page=2)  # every page, following total_records
    assert sum(len(p) for p in everyone) == page["total_records"]

    made = an.person.create(
        {
            "person": {
                "given_name": "Luz",
                "family_name": "Rivera",
                "email_addresses": [{"address": "luz@example.org", "status": "unsubscribed"}],
                "phone_numbers": [{"number": "+44 20 7946 0958", "status": "subscribed"}],
            }
        }
    )
    person = Person.objects.get(email="luz@example.org")
    assert made["identifiers"][0] == f"juntos:{person.uuid}"
    assert person.phone == "+442079460958" and person.email_status == "unsubscribed"
    assert person.unsubscribed_at is not None
    assert an.person.get(str(person.uuid))["phone_numbers"][0]["number"] == "+442079460958"
    assert an.people.create([{"person": {"email_addresses": [{"address": "x@example.org"}]}}])

    tag = an.tag.create({"name": "rapid response"})
    tag_id = tag["_links"]["self"]["href"].rsplit("/", 1)[-1]
    assert an.tag.get(tag_id)["name"] == "rapid response"
    assert an.tags.get()["total_records"] == 1
    person_href = f"{juntos.api}/people/{person.uuid}"
    tagging = an.tagging.create(tag_id, {"_links": {"osdi:person": {"href": person_href}}})
    tagging_id = tagging["_links"]["self"]["href"].rsplit("/", 1)[-1]
    assert an.tagging.get_by_tag(tag_id, tagging_id)["_links"]["osdi:person"]["href"] == (
        person_href
    )
    assert an.taggings.get_by_tag(tag_id)["total_records"] == 1
    assert an.taggings.create(tag_id, [{"_links": {"osdi:person": {"href": person_href}}}])
    assert Tagging.objects.filter(person=person).count() == 1


def test_py_actionnetworkorg_events_and_attendances(juntos):
    event = _event(juntos)
    an = _py_actionnetworkorg(juntos)
    assert an.events.get()["total_records"] == 1
    assert an.event.get(str(event.uuid))["title"] == "Rally for licenses"
    changed = an.event.update(str(event.uuid), {"title": "Rally for driver's licenses"})
    assert changed["title"] == "Rally for driver's licenses"
    made = an.events.create(
        [
            {
                "title": "Know your rights",
                "start_date": "2027-03-20T18:00:00Z",
                "location": {"venue": "Casa", "address_lines": ["1 Main St"]},
                "juntos:hosts": ["Casa Test"],
            }
        ]
    )
    assert made[0]["title"] == "Know your rights"

    attended = an.attendance.create(
        str(event.uuid),
        {"person": {"given_name": "Eva", "email_addresses": [{"address": "eva@example.org"}]}},
    )
    person = Person.objects.get(email="eva@example.org")
    attendance_id = attended["identifiers"][0].rsplit(":", 1)[-1]
    assert an.attendances.get_by_event(str(event.uuid))["total_records"] == 1
    assert an.attendances.get_by_person(str(person.uuid))["total_records"] == 1
    assert an.attendance.get_by_event(str(event.uuid), attendance_id)["attended"] is True
    by_person = an.attendance.get_by_person(str(person.uuid), attendance_id)
    assert by_person["_links"]["osdi:event"]["href"].endswith(f"/api/events/{event.uuid}")


def test_py_actionnetworkorg_operations_juntos_does_not_have_answer_json_errors(juntos):
    """Petitions, donations, forms… are Action Network's own; Juntos answers a clean 404
    (and the library's POST-to-update calls a clean 405), never a page or a 500."""
    an = _py_actionnetworkorg(juntos)
    assert an.petitions.get()["status"] == 404
    assert an.person.update(str(Person.objects.first().uuid), {"given_name": "X"})["status"] == (
        405
    )


def test_osdi_library_updates_people_synced_from_action_network(juntos):
    """The library builds a person's URL from its `action_network:` identifier; Juntos
    answers /api/people/<that id> for people that carry it."""
    from osdi.action_network.person import ANPerson
    from osdi.action_network.service import ActionNetworkService

    person = Person.objects.create(
        coalition=juntos.coalition,
        given_name="Iris",
        email="iris@example.org",
        identifiers=["action_network:5c1e-aa"],
        role="supporter",
    )
    service = ActionNetworkService(juntos.api, juntos.raw)
    found = service.find_person(email="iris@example.org", model=ANPerson)
    assert found.id == "5c1e-aa"
    found.update_field("team", "east")
    found.update()
    person.refresh_from_db()
    assert person.custom_fields == {"team": "east"}
    assert service.person_by_id("5c1e-aa")["given_name"] == "Iris"


def test_action_network_uuid_ids_address_people_and_events_synced_from_there(juntos):
    """Action Network's ids are UUIDs too: /api/people/<its id> and /api/events/<its id>
    find what a sync brought from there (Juntos' own id first, then the foreign one)."""
    from osdi.action_network.service import ActionNetworkService

    an_person, an_event = (
        "d91b4b2e-ae0e-4cd3-9ed7-d0ec501b0bc3",
        "6f1a0c3e-1b2d-4c5e-8f90-123456789abc",
    )
    Person.objects.create(
        coalition=juntos.coalition,
        given_name="Iris",
        email="iris@example.org",
        identifiers=[f"action_network:{an_person}"],
        role="supporter",
    )
    event = _event(juntos, identifiers=[f"action_network:{an_event}"])
    service = ActionNetworkService(juntos.api, juntos.raw)
    assert service.person_by_id(an_person)["given_name"] == "Iris"
    an = _py_actionnetworkorg(juntos)
    got = an.event.get(an_event)
    assert got["identifiers"] == [f"juntos:{event.uuid}", f"action_network:{an_event}"]
    assert an.attendances.get_by_event(an_event)["total_records"] == 0
    assert an.attendances.get_by_person(an_person)["total_records"] == 0
