"""Hosts change the charter only by recording an amendment; every version is kept."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from juntos.audit.models import AuditEntry
from juntos.charter.forms import AmendmentForm
from juntos.charter.models import CharterVersion


def form_data(personas, **overrides):
    current = personas.coalition.charter_versions.get(number=1)
    data = {k: v for k, v in AmendmentForm.initial_from(current).items() if v is not None}
    data.update(
        summary="Quorum lowered to 3/5",
        reason="Members asked for it at the retreat.",
        effective_from=timezone.localdate().isoformat(),
        adopted_by_body="General assembly",
    )
    data.update(overrides)
    for key in ("session_months", "interim_months"):
        data[key] = [str(m) for m in data[key]]
    for key in ("interim_starts_in_person", "primary_contact_required"):
        if data.get(key) is True:
            data[key] = "on"
        elif not data.get(key):
            data.pop(key, None)
    return data


def amend_url(personas):
    return reverse("charter:amend", args=[personas.coalition.slug])


def test_amendment_adds_a_version_and_keeps_the_old_one(personas):
    response = personas.client("host").post(
        amend_url(personas), form_data(personas, quorum_numerator=3, quorum_denominator=5)
    )
    assert response.status_code == 302, response.context["form"].errors
    versions = CharterVersion.objects.filter(coalition=personas.coalition)
    assert versions.count() == 2
    new = versions.get(number=2)
    assert new.rules["quorum_numerator"] == 3 and new.reason.startswith("Members asked")
    assert versions.get(number=1).rules["quorum_numerator"] == 2
    entry = AuditEntry.objects.get(action="charter.amended")
    assert entry.changes["quorum_numerator"] == [2, 3]
    assert entry.actor == personas.host


def test_rules_in_force_on_any_date(personas):
    tomorrow = timezone.localdate() + timedelta(days=1)
    personas.client("host").post(
        amend_url(personas),
        form_data(personas, max_active_priorities=5, effective_from=tomorrow.isoformat()),
    )
    coalition = personas.coalition
    assert coalition.charter_in_force().number == 1
    assert coalition.charter_in_force(tomorrow).number == 2
    assert coalition.charter_in_force(date(2019, 12, 31)) is None
    url = reverse("charter:charter", args=[coalition.slug])
    html = personas.client("rep").get(url, {"on": tomorrow.isoformat()}).content.decode()
    assert "At most 5 issue priorities" in html
    html = personas.client("rep").get(url).content.decode()
    assert "At most 4 issue priorities" in html


def test_bad_date_on_charter_page_is_explained(personas):
    url = reverse("charter:charter", args=[personas.coalition.slug])
    html = personas.client("rep").get(url, {"on": "soon"}).content.decode()
    assert "YYYY-MM-DD" in html


def test_invalid_rules_are_refused_and_nothing_is_saved(personas):
    client = personas.client("host")
    for overrides, field in (
        ({"quorum_numerator": 0}, "quorum_numerator"),
        ({"quorum_numerator": 4, "quorum_denominator": 3}, "quorum_numerator"),
        ({"max_active_priorities": -1}, "max_active_priorities"),
        ({"agenda_lead_days": -2}, "agenda_lead_days"),
        ({"summary": ""}, "summary"),
        ({"quorum_denominator": "two"}, "quorum_denominator"),
    ):
        response = client.post(amend_url(personas), form_data(personas, **overrides))
        assert response.status_code == 200
        assert field in response.context["form"].errors, field
    assert CharterVersion.objects.filter(coalition=personas.coalition).count() == 1
    assert not AuditEntry.objects.filter(action="charter.amended").exists()


def test_quorum_error_message_is_plain(personas):
    response = personas.client("host").post(
        amend_url(personas), form_data(personas, quorum_numerator=5, quorum_denominator=3)
    )
    assert "above 0 and at most 1" in response.content.decode()


def test_amendment_form_starts_from_the_current_charter(personas):
    html = personas.client("host").get(amend_url(personas)).content.decode()
    assert "Dignity: Everyone counts." in html
