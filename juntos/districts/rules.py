"""District data as pure functions: reading crosswalks and shapes, point in polygon, the
nearest office, and how an official is addressed. Nothing here touches the database.

Crosswalk formats read (a header row decides which):
- the project's national file: `state_fips,state_abbr,zcta,cd` (chamber: Congress);
- a state legislative crosswalk: `zcta,state,state_fips,chamber,district[,district_name]`;
- the Census Bureau's relationship files (pipe-delimited, e.g. `tab20_cd11920_zcta520_natl.txt`
  or a state legislative district × ZCTA file): the columns `GEOID_ZCTA5_20` and
  `GEOID_CD119_20` / `GEOID_SLDU2024_20` / `GEOID_SLDL2024_20` (the district's GEOID is the
  state's FIPS code and the district's code). The plan (Congress or year) is read from the
  column name when not given.

Shapes: GeoJSON FeatureCollections of Census TIGER/Line districts (properties `GEOID20` or
`GEOID`, and `CD118FP` / `CD119FP` / `SLDUST` / `SLDLST`); Polygon and MultiPolygon.
"""

import csv
import io
import math
import re
from dataclasses import dataclass

CONGRESS = "congress"
UPPER = "upper"
LOWER = "lower"
CHAMBERS = (CONGRESS, UPPER, LOWER)
AT_LARGE = "at-large"

FIPS = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
    "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
    "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
    "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
    "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
    "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
    "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
    "55": "WI", "56": "WY", "60": "AS", "66": "GU", "69": "MP", "72": "PR", "78": "VI",
}  # fmt: skip
ZIP_RE = re.compile(r"^\s*(\d{5})(?:-?\d{4})?\s*$")
CENSUS_DISTRICT_RE = re.compile(r"^GEOID_(CD|SLDU|SLDL)(\d+)_\d+$")
CENSUS_ZCTA_RE = re.compile(r"^GEOID_ZCTA5_\d+$")
NOT_A_DISTRICT = {"ZZ", "ZZZ", "ZZZZ", ""}


class DistrictDataError(ValueError):
    """A file that cannot be read as district data; the message says why (in English: it is
    shown to the operator running the command)."""


@dataclass(frozen=True)
class Area:
    """One row of a crosswalk: this ZCTA overlaps this district."""

    zcta: str
    state: str
    chamber: str
    district: str
    name: str = ""


@dataclass
class Crosswalk:
    rows: list[Area]
    plan: str  # "119th Congress", "2024"


def normalize_zip(text) -> str | None:
    """ "65101", "65101-1234" or " 65101 " → "65101"; anything else → None."""
    match = ZIP_RE.match(str(text or ""))
    return match.group(1) if match else None


def district_code(raw: str) -> str:
    """A district as officials carry it: "003" → "3", "00" → "at-large", "A" stays "A"."""
    raw = str(raw).strip()
    if raw.isdigit():
        return AT_LARGE if int(raw) == 0 else str(int(raw))
    return raw.lstrip("0") or raw


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# ---- crosswalks ------------------------------------------------------------------------------


def read_crosswalk(text: str, *, plan: str = "") -> Crosswalk:
    """Rows of any of the three crosswalk formats; raises DistrictDataError."""
    first = text.split("\n", 1)[0]
    if "|" in first:
        return _read_census(text, plan)
    reader = csv.DictReader(io.StringIO(text))
    fields = set(reader.fieldnames or [])
    rows = []
    if {"zcta", "cd"} <= fields and ("state_abbr" in fields or "state_fips" in fields):
        for n, row in enumerate(reader, start=2):
            state = _state(row.get("state_abbr"), row.get("state_fips"), n)
            rows.append(Area(_zcta(row["zcta"], n), state, CONGRESS, district_code(row["cd"])))
        return Crosswalk(rows, plan)
    if {"zcta", "chamber", "district"} <= fields and ("state" in fields or "state_fips" in fields):
        for n, row in enumerate(reader, start=2):
            chamber = (row["chamber"] or "").strip().lower()
            if chamber not in CHAMBERS:
                raise DistrictDataError(f"line {n}: chamber must be upper, lower or congress")
            rows.append(
                Area(
                    _zcta(row["zcta"], n),
                    _state(row.get("state"), row.get("state_fips"), n),
                    chamber,
                    district_code(row["district"]),
                    (row.get("district_name") or "").strip(),
                )
            )
        return Crosswalk(rows, plan)
    raise DistrictDataError(
        "not a crosswalk: expected the columns state_fips,state_abbr,zcta,cd or "
        "zcta,state,chamber,district, or a Census relationship file (pipe-delimited)"
    )


def _zcta(raw, line) -> str:
    zcta = normalize_zip(raw)
    if zcta is None:
        raise DistrictDataError(f"line {line}: {raw!r} is not a five-digit ZIP")
    return zcta


def _state(abbr, fips, line) -> str:
    abbr = (abbr or "").strip().upper()
    if abbr in FIPS.values():
        return abbr
    fips = (fips or "").strip().zfill(2)
    if fips in FIPS:
        return FIPS[fips]
    raise DistrictDataError(f"line {line}: unknown state {abbr or fips!r}")


def _read_census(text: str, plan: str) -> Crosswalk:
    reader = csv.DictReader(io.StringIO(text), delimiter="|")
    fields = reader.fieldnames or []
    zcta_col = next((f for f in fields if CENSUS_ZCTA_RE.match(f)), None)
    district_col, match = None, None
    for f in fields:
        match = CENSUS_DISTRICT_RE.match(f)
        if match:
            district_col = f
            break
    if zcta_col is None or district_col is None or match is None:
        raise DistrictDataError(
            "a Census relationship file needs a GEOID_ZCTA5_.. column and a GEOID_CD.., "
            "GEOID_SLDU.. or GEOID_SLDL.. column"
        )
    kind, number = match.group(1), int(match.group(2))
    chamber = {"CD": CONGRESS, "SLDU": UPPER, "SLDL": LOWER}[kind]
    if not plan:
        plan = f"{ordinal(number)} Congress" if kind == "CD" else str(number)
    name_col = district_col.replace("GEOID_", "NAMELSAD_")
    rows, seen = [], set()
    for n, row in enumerate(reader, start=2):
        geoid = (row.get(district_col) or "").strip()
        zcta = (row.get(zcta_col) or "").strip()
        if not zcta or len(geoid) < 3:
            continue  # a part of a district outside any ZCTA (water, parks)
        if row.get("AREALAND_PART", "1").strip() == "0":
            continue  # touches the ZCTA only over water
        code = geoid[2:]
        if code in NOT_A_DISTRICT:
            continue
        area = Area(
            _zcta(zcta, n),
            _state("", geoid[:2], n),
            chamber,
            district_code(code),
            (row.get(name_col) or "").strip(),
        )
        if area not in seen:
            seen.add(area)
            rows.append(area)
    return Crosswalk(rows, plan)


# ---- shapes ----------------------------------------------------------------------------------


@dataclass
class Shape:
    state: str
    chamber: str
    district: str
    name: str
    polygons: list  # [[ring, hole, ...], ...] with rings as [[lon, lat], ...]
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


SHAPE_DISTRICT_KEYS = (
    (CONGRESS, ("CD119FP", "CD118FP", "CD117FP", "CD116FP", "CDFP")),
    (UPPER, ("SLDUST", "SLDUST20")),
    (LOWER, ("SLDLST", "SLDLST20")),
)


def read_shapes(data, *, chamber: str = "") -> list[Shape]:
    """Districts from a GeoJSON FeatureCollection (already parsed)."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise DistrictDataError("not a GeoJSON FeatureCollection")
    out = []
    for i, feature in enumerate(data.get("features") or []):
        props = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        state_fips = str(props.get("STATEFP20") or props.get("STATEFP") or "")
        geoid = str(props.get("GEOID20") or props.get("GEOID") or "")
        found_chamber, code = "", ""
        for kind, keys in SHAPE_DISTRICT_KEYS:
            for key in keys:
                if key in props:
                    found_chamber, code = kind, str(props[key])
                    break
            if found_chamber:
                break
        if not code and len(geoid) > 2:
            code = geoid[2:]
        state_fips = state_fips or geoid[:2]
        if state_fips not in FIPS or not code:
            raise DistrictDataError(f"feature {i}: no state and district (GEOID) in properties")
        if code in NOT_A_DISTRICT:
            continue
        polygons = _polygons(geometry, i)
        xs = [pt[0] for poly in polygons for pt in poly[0]]
        ys = [pt[1] for poly in polygons for pt in poly[0]]
        out.append(
            Shape(
                state=FIPS[state_fips],
                chamber=chamber or found_chamber or CONGRESS,
                district=district_code(code),
                name=str(props.get("NAMELSAD20") or props.get("NAMELSAD") or ""),
                polygons=polygons,
                bbox=(min(xs), min(ys), max(xs), max(ys)),
            )
        )
    if not out:
        raise DistrictDataError("no district features found")
    return out


def _polygons(geometry, i) -> list:
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    if kind == "Polygon" and isinstance(coords, list) and coords:
        return [coords]
    if kind == "MultiPolygon" and isinstance(coords, list) and coords:
        return [p for p in coords if p]
    raise DistrictDataError(f"feature {i}: geometry must be a Polygon or MultiPolygon")


def in_ring(lon: float, lat: float, ring) -> bool:
    """Ray casting (even-odd rule)."""
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def in_polygons(lon: float, lat: float, polygons, bbox=None) -> bool:
    if bbox is not None and not (bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]):
        return False
    for rings in polygons:
        if in_ring(lon, lat, rings[0]) and not any(in_ring(lon, lat, h) for h in rings[1:]):
            return True
    return False


def shapes_containing(lat: float, lon: float, shapes) -> list:
    return [s for s in shapes if in_polygons(lon, lat, s.polygons, s.bbox)]


# ---- offices and how officials are addressed -------------------------------------------------


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def choose_office(offices: list[dict], *, prefer: str, near: tuple[float, float] | None):
    """The office a postcard goes to: with prefer="district", the district office nearest
    `near` (the first district office when the distance is unknown), else the Washington
    ("capitol") office; falls back to whichever exists. None when there is no address."""
    with_address = [o for o in offices or [] if o.get("address")]
    capitol = [o for o in with_address if o.get("classification") == "capitol"]
    district = [o for o in with_address if o.get("classification") == "district"]
    if prefer == "district" and district:
        located = [o for o in district if _coords(o) is not None]
        if near is not None and located:
            return min(located, key=lambda o: distance_km(near, _coords(o)))
        return district[0]
    if capitol:
        return capitol[0]
    return (district or with_address or [None])[0]


def _coords(office) -> tuple[float, float] | None:
    try:
        return float(office["latitude"]), float(office["longitude"])
    except (KeyError, TypeError, ValueError):
        return None
