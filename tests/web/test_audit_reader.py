"""The audit log at any size (issue 16): paged, filtered, in the reader's words, as CSV."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from juntos.audit import reader
from juntos.audit.log import audit_record
from juntos.audit.models import Action, AuditEntry

pytestmark = pytest.mark.django_db


def test_a_quorum_change_reads_as_a_sentence_not_keys():
    # In English whatever language an earlier test's request left active in this thread.
    with translation.override("en"):
        lines = reader.change_lines({"quorum_numerator": [2, 3], "quorum_denominator": [3, 5]})
    assert lines == ["Quorum changed from 2/3 to 3/5"]


def test_stamps_and_flags_read_in_the_readers_language():
    changes = {"published_at": [None, "2027-03-10T23:30:00+00:00"], "late": [None, True]}
    with translation.override("en"):
        lines = reader.change_lines(changes)
    assert "2027-03-10T23:30" not in " ".join(lines)
    assert "Late: yes" in lines
    with translation.override("es"):
        spanish = reader.change_lines(changes)
    assert "Late" not in " ".join(spanish) and "sí" in " ".join(spanish)


def test_the_log_is_paged_and_filtered(personas, time_machine):
    time_machine.move_to(datetime(2027, 3, 10, 12, 0, tzinfo=ZoneInfo("America/Chicago")))
    for i in range(60):
        audit_record(
            coalition=personas.coalition,
            actor=personas.core,
            action=Action.AGENDA_CHANGED,
            target=personas.member,
            changes={"added": [None, f"Row {i}"]},
        )
    client = personas.client("host")
    url = reverse("web:audit", args=[personas.coalition.slug])
    first = client.get(url).content.decode()
    assert "Page 1 of" in first and "Row 59" in first and "Row 0<" not in first
    only = client.get(url, {"who": "Cora", "action": "agenda.changed"})
    assert only.context["page"].paginator.count == 60
    assert "Added: Row 59" in only.content.decode()
    none = client.get(url, {"since": "2027-03-11", "action": "agenda.changed"})
    assert none.context["page"].paginator.count == 0
    today = client.get(url, {"since": "2027-03-10", "until": "2027-03-10", "record": "Casa"})
    assert today.context["page"].paginator.count >= 60
    bad = client.get(url, {"since": "2027-03-12", "until": "2027-03-10"})
    assert bad.status_code == 200


def test_hosts_export_the_filtered_log_as_csv_without_formulas(personas):
    audit_record(
        coalition=personas.coalition,
        actor=None,
        action=Action.AGENDA_CHANGED,
        target=personas.member,
        changes={"added": [None, "=HYPERLINK(1)"]},
    )
    response = personas.client("host").get(
        reverse("web:audit_export", args=[personas.coalition.slug]), {"action": "agenda.changed"}
    )
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    assert body.splitlines()[0] == "When,Who,What,Record,Changes"
    assert "Added: =HYPERLINK" in body  # inside the sentence, not at the start of a cell
    assert "Member added" not in body  # filtered
    assert AuditEntry.objects.count() > 1


def test_spanish_log_reads_record_as_a_noun_and_the_date_range_as_until(personas):
    client = personas.client("host")
    client.post(reverse("set_language"), {"language": "es", "next": "/"})
    page = client.get(reverse("web:audit", args=[personas.coalition.slug])).content.decode()
    assert "<th>Registro</th>" in page and ">Registrar<" not in page
    assert "Hasta" in page
    with translation.override("es"):
        header = next(reader.csv_rows(AuditEntry.objects.none(), "es"))
    assert "Registro" in header and "Registrar" not in header


def test_changes_read_field_names_and_choices_in_the_readers_language(personas):
    changes = {
        "role": [None, "supporter"],
        "state": [None, "MO"],
        "primary_contact": [None, False],
        "member": [None, None],
    }
    with translation.override("es"):
        lines = reader.change_lines(changes, "members.person")
    assert "Rol: Simpatizante" in lines and "Contacto principal: no" in lines
    assert "Miembro: —" in lines  # nothing before or after: no "changed from — to —"
    with translation.override("es"):
        member = reader.change_lines(
            {"state": [None, "MO"], "kind": [None, "organization"]}, "members.member"
        )
    assert member[0].startswith("Estado: ") and "organization" not in member[1]
