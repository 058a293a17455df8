"""CSV formula injection: every export neutralizes cells a spreadsheet would evaluate."""

import csv
import io
from pathlib import Path

import pytest
from django.urls import reverse

import juntos
from juntos.core.csv_safe import safe_cell
from juntos.members.models import Member, Person


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("+13145550111", "+13145550111"),  # a phone number is not a formula
        ("-12.5", "-12.5"),
        ("Casa Test", "Casa Test"),
        ("", ""),
        (3, 3),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_people_and_members_exports_neutralize_formulas_from_any_source(personas):
    Person.objects.filter(user=personas.rep).update(
        full_name="=cmd|' /C calc'!A0 Rep", given_name="=cmd|' /C calc'!A0"
    )
    Member.objects.filter(pk=personas.member.pk).update(name="@SUM(1+1)*cmd|' /C calc'!A0")
    host = personas.client("host")
    slug = personas.coalition.slug
    people = rows(host.get(reverse("imports:export_people", args=[slug])))
    cells = [c for row in people[1:] for c in row]
    assert "'=cmd|' /C calc'!A0" in cells and not any(c.startswith(("=", "@")) for c in cells)
    members = rows(host.get(reverse("imports:export_members", args=[slug])))
    names = [row[0] for row in members[1:]]
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in names


def test_no_code_writes_csv_except_through_the_safe_writer():
    root = Path(juntos.__file__).parent
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path.name != "csv_safe.py"
        and any(w in path.read_text() for w in ("csv.writer(", "csv.DictWriter("))
    ]
    assert offenders == []
