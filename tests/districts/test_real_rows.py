"""`juntos import-districts` on rows cut from the real files of ../shared/data/districts
(committed in fixtures/, sources in fixtures/README.md), so these run without ../shared:
the national congressional crosswalk, Missouri's state legislative one and a GeoJSON shape."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from juntos.districts import rules, selectors
from juntos.districts.models import DistrictPlan

FIXTURES = Path(__file__).resolve().parent / "fixtures"

pytestmark = pytest.mark.django_db


def import_districts(*args) -> str:
    out = StringIO()
    call_command("import-districts", *map(str, args), stdout=out)
    return out.getvalue()


def test_real_rows_of_the_national_congressional_crosswalk():
    path = FIXTURES / "zcta-congress-119-rows.csv"
    crosswalk = rules.read_crosswalk(path.read_text(), plan="119th Congress")
    assert [(a.zcta, a.state, a.chamber, a.district) for a in crosswalk.rows] == [
        ("99501", "AK", "congress", "at-large"),
        ("20001", "DC", "congress", "at-large"),
        ("63012", "MO", "congress", "3"),
        ("63012", "MO", "congress", "8"),
        ("65101", "MO", "congress", "3"),
        ("82001", "WY", "congress", "at-large"),
    ]
    output = import_districts(path, "--plan", "119th Congress")
    assert "6 rows" in output, output
    plans = DistrictPlan.objects.filter(chamber="congress").order_by("state")
    assert [(p.state, p.plan) for p in plans] == [
        ("AK", "119th Congress"),
        ("DC", "119th Congress"),
        ("MO", "119th Congress"),
        ("WY", "119th Congress"),
    ]
    # A split ZIP offers both districts; an at-large state reads at-large; a ZIP the
    # imported Missouri plan does not list is in no Missouri district.
    assert selectors.districts_for("63012").congress == [("MO", "3"), ("MO", "8")]
    assert selectors.districts_for("82001").congress == [("WY", "at-large")]
    assert selectors.districts_for("64106").congress == []


def test_real_rows_of_the_missouri_legislative_crosswalk():
    output = import_districts(FIXTURES / "zcta-mo-legislature-2024-rows.csv", "--plan", "2024")
    assert "12 rows in 2 plan(s)" in output, output
    found = selectors.districts_for("65101")
    assert found.upper == [("MO", "10"), ("MO", "26"), ("MO", "6")]
    assert found.lower == [("MO", "49"), ("MO", "59"), ("MO", "60"), ("MO", "61")]
    assert found.plans["upper"] == found.plans["lower"] == "2024"
    # The state legislature's plan leaves the package's congressional answer alone.
    assert found.congress == [("MO", "3")]
    assert not DistrictPlan.objects.filter(chamber="congress").exists()


def test_a_real_district_shape_decides_by_point():
    import_districts(FIXTURES / "mo-congress-05-simplified.geojson", "--plan", "118th Congress")
    plan = DistrictPlan.objects.get(state="MO", chamber="congress")
    shape = plan.shapes.get()
    assert (shape.district, shape.name) == ("5", "Congressional District 5")
    # Kansas City's City Hall is in MO-5; the State Capitol in Jefferson City is not.
    assert selectors.districts_for(point=(39.1003, -94.5781)).congress == [("MO", "5")]
    assert selectors.districts_for(point=(38.5791, -92.1729)).congress == []
