from django.urls import reverse

from juntos.audit.models import AuditEntry
from juntos.consent.models import ConsentEvent


def test_person_grants_and_revokes_contact_sharing_with_history_and_audit(personas):
    url = reverse("consent:mine", args=[personas.coalition.slug])
    client = personas.client("rep")
    client.post(url, {"contact_sharing": "on"})
    client.post(url, {"contact_sharing": "on"})  # no change: nothing written
    client.post(url, {})
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
