"""Who represents a ZIP, with real rows of ../shared/data: a split ZIP, an at-large state,
a ZIP in no district, a point inside Missouri's shapes, and the state legislature."""

from functools import lru_cache
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from juntos.districts import rules, selectors
from juntos.districts.models import DistrictPlan, ZipDistrict
from juntos.relationships.importer import read_path
from juntos.relationships.services import officials_import

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
DISTRICTS = DATA / "districts"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason=f"no public data at {DATA}")


@lru_cache(maxsize=1)
def _batches():
    """The real officials, parsed once for the module (writing them is per test)."""
    offices = DATA / "congress-legislators" / "legislators-district-offices.yaml"
    return (
        read_path(DATA / "congress-legislators" / "legislators-current.yaml", offices=offices),
        read_path(DATA / "openstates-people" / "mo" / "legislature"),
    )


def officials(coalition):
    for batch in _batches():
        officials_import(coalition=coalition, batch=batch)


def import_districts(*args):
    out = StringIO()
    call_command("import-districts", *map(str, args), stdout=out)
    return out.getvalue()


# ---- the package's national crosswalk (no database) ----------------------------------------


def test_package_crosswalk_is_the_national_file():
    table = selectors.national_crosswalk()
    assert len(table) == 33774
    assert table["65101"] == (("MO", "3"),)


def test_split_zip_offers_every_district():
    assert set(selectors.national_crosswalk()["63012"]) == {("MO", "3"), ("MO", "8")}


def test_at_large_state_reads_at_large():
    assert selectors.national_crosswalk()["82001"] == (("WY", "at-large"),)


def test_zip_in_no_district_has_no_answer():
    # 00501 is the IRS's own ZIP in Holtsville, NY: a post office box, not an area.
    assert "00501" not in selectors.national_crosswalk()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("65101", "65101"), (" 65101-1234 ", "65101"), ("651011234", "65101"), ("6510", None)],
)
def test_zip_is_normalized_or_refused(text, expected):
    assert rules.normalize_zip(text) == expected


# ---- representatives -------------------------------------------------------------------------


@needs_data
@pytest.mark.django_db
def test_single_district_zip_names_representative_and_both_senators(personas):
    officials(personas.coalition)
    found = selectors.lookup(personas.coalition, "65101")
    assert not found.split
    assert [s.official.name for s in found.chosen] == ["Robert F. Onder, Jr."]
    assert [o.name for o in found.senators] == ["Eric Schmitt", "Josh Hawley"]


@needs_data
@pytest.mark.django_db
def test_split_zip_waits_for_a_choice_and_i_dont_know_picks_all(personas):
    officials(personas.coalition)
    found = selectors.lookup(personas.coalition, "63012")
    assert found.split
    assert {s.official.name for s in found.house} == {"Robert F. Onder, Jr.", "Jason Smith"}
    assert found.chosen == []
    picked = selectors.lookup(personas.coalition, "63012", choice="MO-8")
    assert [s.official.name for s in picked.chosen] == ["Jason Smith"]
    every = selectors.lookup(personas.coalition, "63012", choice=selectors.ALL)
    assert len(every.chosen) == 2


@needs_data
@pytest.mark.django_db
def test_at_large_state_names_its_one_representative(personas):
    officials(personas.coalition)
    found = selectors.lookup(personas.coalition, "82001")
    assert [s.official.name for s in found.chosen] == ["Harriet M. Hageman"]
    assert {o.name for o in found.senators} == {"John Barrasso", "Cynthia M. Lummis"}


@needs_data
@pytest.mark.django_db
def test_zip_in_no_district_names_no_one(personas):
    officials(personas.coalition)
    found = selectors.lookup(personas.coalition, "00501")
    assert not found.districts.found and found.officials == []


@needs_data
@pytest.mark.django_db
def test_state_legislature_comes_from_an_imported_crosswalk(personas):
    officials(personas.coalition)
    before = selectors.lookup(personas.coalition, "63012")
    assert before.state_senators == []
    output = import_districts(DISTRICTS / "zcta-mo-legislature-2024.csv", "--plan", "2024")
    assert "3344 rows" in output
    found = selectors.lookup(personas.coalition, "63012", choice="MO-3")
    assert [(s.district, bool(s.official)) for s in found.state_senators] == [("22", True)]
    assert [s.district for s in found.state_representatives] == ["111", "112", "113", "114"]
    assert found.districts.plans["upper"] == "2024"


@needs_data
@pytest.mark.django_db
def test_a_point_inside_the_shapes_decides_a_split_zip():
    import_districts(DISTRICTS / "mo-congress-118-119.geojson", "--plan", "119th Congress")
    assert DistrictPlan.objects.get(state="MO", chamber="congress").shapes.count() == 8
    # Kansas City's City Hall (MO-5) and the State Capitol in Jefferson City (MO-3).
    assert selectors.districts_for(point=(39.1003, -94.5781)).congress == [("MO", "5")]
    assert selectors.districts_for(point=(38.5791, -92.1729)).congress == [("MO", "3")]
    # 63012 is split between MO-3 and MO-8; a point in Barnhart picks one.
    found = selectors.districts_for("63012", point=(38.3442, -90.3934))
    assert len(found.congress) == 1 and "congress" in found.by_point
    # Outside Missouri's shapes the ZIP answers alone.
    assert selectors.districts_for(point=(41.14, -104.82)).congress == []


@needs_data
@pytest.mark.django_db
def test_a_newer_plan_replaces_the_older_one_whole(tmp_path):
    import_districts(DISTRICTS / "zcta-mo-legislature-2024.csv", "--plan", "2024")
    newer = tmp_path / "mo-2032.csv"
    newer.write_text(
        "zcta,state,state_fips,chamber,district,district_name\n63012,MO,29,upper,5,District 5\n"
    )
    import_districts(newer, "--plan", "2032")
    upper = DistrictPlan.objects.get(state="MO", chamber="upper")
    assert upper.plan == "2032" and upper.zips.count() == 1
    assert DistrictPlan.objects.get(state="MO", chamber="lower").plan == "2024"


@pytest.mark.django_db
def test_census_relationship_file_reads_the_plan_from_its_columns(tmp_path):
    head = (
        "OID_CD119_20|GEOID_CD119_20|NAMELSAD_CD119_20|OID_ZCTA5_20|GEOID_ZCTA5_20|"
        "AREALAND_PART|AREAWATER_PART"
    )
    rows = [
        "1|2903|Congressional District 3|9|65101|1000|0",
        "1|2903|Congressional District 3|9|65109|0|30",  # water only
        "2|29ZZ|Not defined|9||0|100",
    ]
    path = tmp_path / "tab20_cd11920_zcta520_st29.txt"
    path.write_text("\n".join([head, *rows]) + "\n")
    import_districts(path)
    plan = DistrictPlan.objects.get(state="MO", chamber="congress")
    assert plan.plan == "119th Congress"
    assert list(plan.zips.values_list("zcta", "district")) == [("65101", "3")]
    # The imported plan is now Missouri's congressional answer (the package's is set aside).
    assert selectors.districts_for("63012").congress == []


@pytest.mark.django_db
def test_a_bad_file_imports_nothing(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("zcta,state,chamber,district\n63012,MO,upper,5\nabc,MO,upper,6\n")
    with pytest.raises(CommandError, match="line 3"):
        import_districts(bad, "--plan", "2024")
    assert not ZipDistrict.objects.exists() and not DistrictPlan.objects.exists()
    with pytest.raises(CommandError, match="--plan"):
        import_districts(DISTRICTS / "zcta-mo-legislature-2024.csv")
    with pytest.raises(CommandError, match="no such file"):
        import_districts(tmp_path / "missing.csv", "--plan", "1")


# ---- pure geometry and offices ---------------------------------------------------------------


def test_point_in_polygon_respects_holes_and_multipolygons():
    square = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]
    island = [[20, 20], [21, 20], [21, 21], [20, 21], [20, 20]]
    polygons = [[square, hole], [island]]
    assert rules.in_polygons(1, 1, polygons)
    assert not rules.in_polygons(5, 5, polygons)  # in the hole
    assert rules.in_polygons(20.5, 20.5, polygons)
    assert not rules.in_polygons(15, 15, polygons)


def test_nearest_district_office_or_washington():
    offices = [
        {"classification": "capitol", "address": "2230 Rayburn"},
        {"classification": "district", "address": "KC", "latitude": 39.1, "longitude": -94.58},
        {"classification": "district", "address": "STL", "latitude": 38.63, "longitude": -90.2},
    ]
    near_stl = (38.6, -90.3)
    assert rules.choose_office(offices, prefer="district", near=near_stl)["address"] == "STL"
    assert (
        rules.choose_office(offices, prefer="capitol", near=near_stl)["address"] == "2230 Rayburn"
    )
    assert rules.choose_office(offices[:1], prefer="district", near=near_stl)["address"] == (
        "2230 Rayburn"
    )
    assert rules.choose_office([], prefer="district", near=None) is None


def test_fast_package_reader_agrees_with_the_general_crosswalk_reader():
    text = selectors.PACKAGE_CROSSWALK.read_text(encoding="utf-8")
    assert text.startswith("state_fips,state_abbr,zcta,cd\n")
    general = index_crosswalk(rules.read_crosswalk(text, plan="119th Congress").rows)
    assert general == selectors.national_crosswalk()


def index_crosswalk(rows) -> dict[str, tuple[tuple[str, str], ...]]:
    """The general reader's rows indexed plainly: the oracle the package's fast reader is
    checked against. {zcta: ((state, district), ...)} in file order, each pair once."""
    out: dict[str, list[tuple[str, str]]] = {}
    for area in rows:
        pairs = out.setdefault(area.zcta, [])
        pair = (area.state, area.district)
        if pair not in pairs:
            pairs.append(pair)
    return {z: tuple(p) for z, p in out.items()}
