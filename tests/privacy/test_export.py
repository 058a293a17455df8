"""A person's data, out: the host and the person download everything, readable and JSON."""

import json

from django.urls import reverse

from juntos.audit.models import Action, AuditEntry
from juntos.communications.models import Delivery, Notice
from juntos.privacy.models import AccessRecord
from juntos.relationships.services import one_to_one_log
from tests.privacy.helpers import person, share_contacts


def _rich(personas, who="rep"):
    subject = share_contacts(personas, who)
    one_to_one_log(
        coalition=personas.coalition,
        actor=personas.host,
        organizer=person(personas, "host"),
        person=subject,
        cares_about="Driver's licenses for everyone",
    )
    notice = Notice.objects.create(
        coalition=personas.coalition,
        audience="chosen",
        status="sent",
        subject_en="Meeting moved",
        subject_es="Reunión cambiada",
    )
    Delivery.objects.create(
        notice=notice, person=subject, email=subject.email, language="en", status="sent"
    )
    return subject


def test_host_downloads_everything_about_a_person_as_json(personas):
    rep = _rich(personas)
    url = reverse("privacy:person_export", args=[personas.coalition.slug, rep.pk])
    response = personas.client("host").get(url, {"format": "json"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["person"]["email"] == "rep@test.example"
    assert data["person"]["phone"] == "+13145550122"
    assert data["person"]["member"] == "Casa Test"
    assert [c["kind"] for c in data["consents"]] == ["contact_sharing"]
    assert data["one_to_ones"][0]["cares_about"] == "Driver's licenses for everyone"
    assert data["notices"][0]["subject"] == "Meeting moved"
    assert data["login"]["email"] == "rep@test.example"


def test_the_readable_page_is_in_the_persons_language(personas):
    core = _rich(personas, "core")  # Cora prefers Spanish
    url = reverse("privacy:person_export", args=[personas.coalition.slug, core.pk])
    response = personas.client("host").get(url)
    html = response.content.decode()
    assert response["Content-Language"] == "es"
    assert "Reunión cambiada" in html
    assert "Consentimientos" in html or "consentimientos" in html


def test_the_person_downloads_their_own_data_from_their_page(personas):
    _rich(personas)
    client = personas.client("rep")
    mine = client.get(reverse("privacy:mine", args=[personas.coalition.slug]))
    assert mine.status_code == 200
    response = client.get(reverse("privacy:my_export", args=[personas.coalition.slug]))
    assert "Driver&#x27;s licenses for everyone" in response.content.decode()
    # Reading your own data is not "someone else saw it".
    assert not AccessRecord.objects.filter(viewer=personas.rep).exists()


def test_profile_links_to_my_data_in_each_coalition(personas):
    html = personas.client("rep").get(reverse("accounts:profile")).content.decode()
    assert reverse("privacy:mine", args=[personas.coalition.slug]) in html


def test_an_export_by_a_host_is_audited_and_recorded_as_seen(personas):
    rep = _rich(personas)
    url = reverse("privacy:person_export", args=[personas.coalition.slug, rep.pk])
    personas.client("host").get(url)
    assert AuditEntry.objects.filter(action=Action.PERSON_EXPORTED, target_id=str(rep.pk)).exists()
    record = AccessRecord.objects.get(person=rep, what="export")
    assert record.viewer == personas.host and record.page == url


def test_the_export_includes_who_has_seen_the_persons_details(personas):
    rep = _rich(personas)
    host_client = personas.client("host")
    host_client.get(reverse("members:detail", args=[personas.coalition.slug, personas.member.pk]))
    data = personas.client("rep").get(
        reverse("privacy:my_export", args=[personas.coalition.slug]), {"format": "json"}
    )
    seen = json.loads(data.content)["seen_by"]
    assert any(r["viewer"] == "Hana Host" and r["what"] == "contact" for r in seen)
    assert rep.pk
