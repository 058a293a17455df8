"""Writes of district data: one plan per state and chamber, replaced whole, in one
transaction (a bad file imports nothing)."""

import json
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from juntos.districts import rules
from juntos.districts.models import DistrictPlan, DistrictShape, ZipDistrict

MAX_BYTES = 200 * 1024 * 1024


@dataclass
class ImportReport:
    plans: list[str] = field(default_factory=list)
    rows: int = 0

    def __str__(self):
        return f"{self.rows} rows in {len(self.plans)} plan(s): " + ", ".join(self.plans)


def read_location(location) -> tuple[str, str]:
    """(text, name) of a file path or an http(s) URL."""
    text = str(location)
    if text.startswith(("http://", "https://")):
        with urllib.request.urlopen(text, timeout=120) as response:  # noqa: S310 (http/https)
            body = response.read(MAX_BYTES + 1)
        if len(body) > MAX_BYTES:
            raise rules.DistrictDataError("the file is larger than 200 MB")
        if text.endswith(".zip"):
            return _unzip(body), text
        return body.decode("utf-8-sig"), text
    path = Path(text)
    if not path.is_file():
        raise rules.DistrictDataError(f"no such file: {text}")
    if path.suffix == ".zip":
        return _unzip(path.read_bytes()), text
    return path.read_text(encoding="utf-8-sig"), text


def _unzip(body: bytes) -> str:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        names = [n for n in archive.namelist() if n.endswith((".txt", ".csv", ".geojson", ".json"))]
        if len(names) != 1:
            raise rules.DistrictDataError("the zip file must hold exactly one .txt/.csv/.geojson")
        return archive.read(names[0]).decode("utf-8-sig")


def import_districts(location, *, plan: str = "", chamber: str = "", state: str = ""):
    """Import a crosswalk or a GeoJSON of shapes; returns an ImportReport."""
    text, source = read_location(location)
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise rules.DistrictDataError(f"not valid JSON (line {exc.lineno})") from None
        shapes = rules.read_shapes(data, chamber=chamber)
        if state:
            shapes = [s for s in shapes if s.state == state.upper()]
        if not plan:
            raise rules.DistrictDataError(
                "say which plan the shapes describe with --plan (e.g. '119th Congress' or 2024)"
            )
        return _save_shapes(shapes, plan=plan, source=source)
    crosswalk = rules.read_crosswalk(text, plan=plan)
    if not crosswalk.plan:
        raise rules.DistrictDataError(
            "say which plan the file describes with --plan (e.g. '119th Congress' or 2024)"
        )
    rows = crosswalk.rows
    if chamber:
        rows = [r for r in rows if r.chamber == chamber]
    if state:
        rows = [r for r in rows if r.state == state.upper()]
    if not rows:
        raise rules.DistrictDataError("no rows to import")
    return _save_crosswalk(rows, plan=crosswalk.plan, source=source)


@transaction.atomic
def _save_crosswalk(rows, *, plan, source) -> ImportReport:
    report = ImportReport()
    groups = defaultdict(list)
    for area in rows:
        groups[(area.state, area.chamber)].append(area)
    for (state, chamber), areas in sorted(groups.items()):
        record = _plan(state, chamber, plan, source)
        record.zips.all().delete()
        record.has_crosswalk = True
        record.save()
        ZipDistrict.objects.bulk_create(
            [
                ZipDistrict(plan=record, zcta=a.zcta, district=a.district, name=a.name)
                for a in areas
            ],
            batch_size=2000,
        )
        report.plans.append(str(record))
        report.rows += len(areas)
    return report


@transaction.atomic
def _save_shapes(shapes, *, plan, source) -> ImportReport:
    report = ImportReport()
    groups = defaultdict(list)
    for shape in shapes:
        groups[(shape.state, shape.chamber)].append(shape)
    for (state, chamber), items in sorted(groups.items()):
        record = _plan(state, chamber, plan, source)
        record.shapes.all().delete()
        record.has_shapes = True
        record.save()
        DistrictShape.objects.bulk_create(
            [
                DistrictShape(
                    plan=record,
                    district=s.district,
                    name=s.name,
                    polygons=s.polygons,
                    min_lon=s.bbox[0],
                    min_lat=s.bbox[1],
                    max_lon=s.bbox[2],
                    max_lat=s.bbox[3],
                )
                for s in items
            ]
        )
        report.plans.append(str(record))
        report.rows += len(items)
    return report


def _plan(state, chamber, plan, source) -> DistrictPlan:
    """The state's plan for the chamber; a different plan replaces the old one whole."""
    record = DistrictPlan.objects.filter(state=state, chamber=chamber).first()
    if record is not None and record.plan != plan:
        record.delete()
        record = None
    if record is None:
        record = DistrictPlan.objects.create(state=state, chamber=chamber, plan=plan, source=source)
    record.source = source[:500]
    return record


def person_zip_save(*, person, zip_code: str, actor) -> None:
    """Keep a ZIP code on the person's profile, only when they ask for it; audited."""
    from juntos.audit.log import audit_record
    from juntos.audit.models import Action

    zcta = rules.normalize_zip(zip_code)
    if zcta is None:
        raise rules.DistrictDataError("not a ZIP code")
    with transaction.atomic():
        before = person.zip_code
        person.zip_code = zcta
        person.save(update_fields=["zip_code"])
        audit_record(
            coalition=person.coalition,
            actor=actor,
            action=Action.PERSON_CHANGED,
            target=person,
            changes={"zip_code": [bool(before), True]},
        )
