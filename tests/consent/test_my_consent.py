from django.urls import reverse

from juntos.audit.models import AuditEntry
from juntos.consent.models import ConsentEvent


def test_person_grants_and_revokes_contact_sharing_with_history_and_audit(personas):
    url = reverse("consent:mine", args=[personas.coalition.slug])
    client = personas.client("rep")
    client.post(url, {"contact_sharing": "on", "notice_frequency": "immediate"})
    client.post(url, {"contact_sharing": "on", "notice_frequency": "immediate"})  # no change
    client.post(url, {"notice_frequency": "immediate"})
    events = list(ConsentEvent.objects.order_by("at", "id"))
    assert [e.granted for e in events] == [True, False]
    assert all(e.recorded_by == personas.rep for e in events)
    actions = list(
        AuditEntry.objects.filter(action__startswith="consent.")
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == ["consent.granted", "consent.revoked"]
    assert "revoked" in client.get(url).content.decode()


def test_representative_consents_for_the_organization_and_chooses_a_digest(personas):
    from juntos.consent.services import consents_for
    from juntos.members.models import Person

    url = reverse("consent:mine", args=[personas.coalition.slug])
    personas.client("rep").post(url, {"notice_frequency": "weekly", "org_logo": "on"})
    assert consents_for(member=personas.member) == {"logo": True}
    assert Person.objects.get(user=personas.rep).notice_frequency == "weekly"


def test_supporter_can_stop_and_restart_updates(personas):
    from juntos.members.models import Person

    url = reverse("consent:mine", args=[personas.coalition.slug])
    client = personas.client("supporter")
    client.post(url, {})
    assert Person.objects.get(user=personas.supporter).unsubscribed_at is not None
    client.post(url, {"supporter_updates": "on"})
    assert Person.objects.get(user=personas.supporter).unsubscribed_at is None
