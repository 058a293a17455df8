"""Read officials from public data in its standard formats, without touching the database.

- Open States people YAML: one file per person (`id: ocd-person/...`, `name`, `party[]`,
  `roles[]` with `type`, `jurisdiction`, `district`, `start_date`/`end_date`,
  `offices[]`, `email`, `links[]`).
- congress-legislators YAML: `legislators-current.yaml` (a list: `id.bioguide`, `name`,
  `terms[]` with `type` rep/sen, `state`, `district`, `party`, `address`, `phone`,
  `contact_form`, `url`) and optionally `legislators-district-offices.yaml`.

`read_path` takes a file, a folder (read recursively) or an http(s) URL of one file and
returns a `Batch`, or raises `ImportProblem` listing every problem as file, field and
message. Nothing is written here: `services.officials_import` applies a whole batch in
one transaction, so a bad file never leaves half an import behind.
"""

import re
import tempfile
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from django.utils import timezone

OCD_RE = re.compile(r"^ocd-person/[0-9a-f-]{36}$")
BIOGUIDE_RE = re.compile(r"^[A-Z][0-9]{6}$")
STATE_RE = re.compile(r"/state:([a-z]{2})(?:/|$)")
OPENSTATES_CHAMBERS = {"upper": "upper", "lower": "lower", "legislature": "legislature"}
CONGRESS_CHAMBERS = {"sen": "upper", "rep": "lower"}
MAX_PROBLEMS_SHOWN = 20
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when available


class ImportProblem(Exception):
    """Every problem found, each as (file, field, message)."""

    def __init__(self, problems: list[tuple[str, str, str]]):
        self.problems = problems
        lines = [f"{f}: {fld}: {msg}" for f, fld, msg in problems[:MAX_PROBLEMS_SHOWN]]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            lines.append(f"... and {len(problems) - MAX_PROBLEMS_SHOWN} more")
        super().__init__("\n".join(lines))


@dataclass
class Official:
    key: str  # "ocd_id" or "bioguide_id"
    ident: str
    name: str
    source: str  # "openstates" or "congress"
    level: str
    chamber: str
    state: str
    district: str
    party: str = ""
    email: str = ""
    website: str = ""
    offices: list = field(default_factory=list)
    in_office: bool = True
    file: str = ""


@dataclass
class Batch:
    officials: list[Official] = field(default_factory=list)
    # What the batch covers, so people missing from it can be marked out of office:
    # ("openstates", "MO") per state seen; ("congress", "*") for legislators-current.
    scopes: set = field(default_factory=set)
    files: int = 0


class _Problems:
    def __init__(self):
        self.items: list[tuple[str, str, str]] = []

    def add(self, file, fld, message):
        self.items.append((str(file), fld, message))


def _is(value, kind) -> bool:
    if kind is str:
        return isinstance(value, str)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def _opt(d: dict, key: str, kind, file, path, problems, default=None):
    """d[key] if present and of the right type; a problem (and default) otherwise."""
    if key not in d or d[key] is None:
        return default
    value = d[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if not any(_is(value, k) for k in kinds):
        names = " or ".join(
            {str: "text", int: "a number", list: "a list", dict: "a mapping"}.get(k, k.__name__)
            for k in kinds
        )
        problems.add(file, f"{path}{key}", f"must be {names}, not {type(value).__name__}")
        return default
    return value


def _as_date(value):
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _load_yaml(path: Path, problems):
    try:
        with path.open("rb") as fh:
            return yaml.load(fh, Loader=LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problems.add(path, "(file)", f"not valid YAML{where}")
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(path, "(file)", f"cannot be read: {exc}")
    return None


# ---- Open States -------------------------------------------------------------------------


def _offices_openstates(items, file, problems):
    out = []
    for i, office in enumerate(items or []):
        if not isinstance(office, dict):
            problems.add(file, f"offices[{i}]", "must be a mapping")
            continue
        entry = {}
        for key in ("classification", "address", "voice", "fax", "email", "name"):
            value = _opt(office, key, str, file, f"offices[{i}].", problems)
            if value:
                entry[key] = value
        out.append(entry)
    return out


def parse_openstates_person(data, file, problems, today: date) -> Official | None:
    if not isinstance(data, dict):
        problems.add(file, "(file)", "an Open States person file must be a mapping")
        return None
    before = len(problems.items)
    ident = data.get("id")
    if ident is None:
        problems.add(file, "id", "missing")
    elif not isinstance(ident, str) or not OCD_RE.match(ident):
        problems.add(file, "id", f"must be an ocd-person id, not {ident!r}")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.add(file, "name", "missing" if name is None else "must be text")
    roles = data.get("roles")
    if not isinstance(roles, list) or not roles:
        problems.add(file, "roles", "missing" if roles is None else "must be a non-empty list")
        roles = []
    current = None
    for i, role in enumerate(roles):
        if not isinstance(role, dict):
            problems.add(file, f"roles[{i}]", "must be a mapping")
            continue
        rtype = _opt(role, "type", str, file, f"roles[{i}].", problems)
        juris = _opt(role, "jurisdiction", str, file, f"roles[{i}].", problems)
        district = _opt(role, "district", (str, int), file, f"roles[{i}].", problems, "")
        if rtype is None:
            problems.add(file, f"roles[{i}].type", "missing")
        if juris is None:
            problems.add(file, f"roles[{i}].jurisdiction", "missing")
        end = _as_date(role.get("end_date"))
        if role.get("end_date") is not None and end is None:
            problems.add(file, f"roles[{i}].end_date", "must be a date (YYYY-MM-DD)")
        if rtype and juris and (end is None or end >= today):
            current = (rtype, juris, str(district))
    if current is None and roles:
        last = roles[-1] if isinstance(roles[-1], dict) else {}
        current = (str(last.get("type", "")), str(last.get("jurisdiction", "")), "")
        in_office = False
    else:
        in_office = current is not None
    party = ""
    parties = _opt(data, "party", list, file, "", problems, [])
    for i, p in enumerate(parties):
        if not isinstance(p, dict) or not isinstance(p.get("name"), str):
            problems.add(file, f"party[{i}].name", "must be text")
            continue
        end = _as_date(p.get("end_date"))
        if end is None or end >= today:
            party = p["name"]
    email = _opt(data, "email", str, file, "", problems, "")
    offices = _offices_openstates(
        _opt(data, "offices", list, file, "", problems, []), file, problems
    )
    website = ""
    for i, link in enumerate(_opt(data, "links", list, file, "", problems, [])):
        if not isinstance(link, dict) or not isinstance(link.get("url"), str):
            problems.add(file, f"links[{i}].url", "must be text")
        elif not website:
            website = link["url"]
    if len(problems.items) > before or current is None:
        return None
    rtype, juris, district = current
    match = STATE_RE.search(juris)
    level = "local" if ("/place:" in juris or "/county:" in juris) else "state"
    return Official(
        key="ocd_id",
        ident=ident,
        name=name.strip(),
        source="openstates",
        level=level,
        chamber=OPENSTATES_CHAMBERS.get(rtype, "executive"),
        state=match.group(1).upper() if match else "",
        district=district,
        party=party,
        email=email,
        website=website,
        offices=offices,
        in_office=in_office,
        file=str(file),
    )


# ---- congress-legislators ----------------------------------------------------------------


def parse_congress_list(data, file, problems) -> list[Official]:
    out = []
    for i, item in enumerate(data):
        at = f"[{i}]."
        if not isinstance(item, dict):
            problems.add(file, f"[{i}]", "must be a mapping")
            continue
        before = len(problems.items)
        ids = item.get("id")
        bioguide = ids.get("bioguide") if isinstance(ids, dict) else None
        if bioguide is None:
            problems.add(file, f"{at}id.bioguide", "missing")
        elif not isinstance(bioguide, str) or not BIOGUIDE_RE.match(bioguide):
            problems.add(file, f"{at}id.bioguide", f"must be a bioguide id, not {bioguide!r}")
        names = item.get("name")
        name = ""
        if not isinstance(names, dict):
            problems.add(file, f"{at}name", "missing" if names is None else "must be a mapping")
        else:
            full = names.get("official_full")
            first, last = names.get("first"), names.get("last")
            if isinstance(full, str) and full.strip():
                name = full.strip()
            elif isinstance(first, str) and isinstance(last, str):
                name = f"{first} {last}"
            else:
                problems.add(file, f"{at}name.official_full", "missing or not text")
        terms = item.get("terms")
        if not isinstance(terms, list) or not terms:
            problems.add(file, f"{at}terms", "missing" if terms is None else "must be a list")
            continue
        term = terms[-1]
        tat = f"{at}terms[{len(terms) - 1}]."
        if not isinstance(term, dict):
            problems.add(file, tat.rstrip("."), "must be a mapping")
            continue
        ttype = _opt(term, "type", str, file, tat, problems)
        if ttype not in CONGRESS_CHAMBERS:
            problems.add(file, f"{tat}type", f"must be rep or sen, not {ttype!r}")
        state = _opt(term, "state", str, file, tat, problems)
        if state is None or len(state) != 2:
            problems.add(file, f"{tat}state", "must be a two-letter state")
        district = _opt(term, "district", int, file, tat, problems)
        party = _opt(term, "party", str, file, tat, problems, "")
        address = _opt(term, "address", str, file, tat, problems, "")
        phone = _opt(term, "phone", str, file, tat, problems, "")
        url = _opt(term, "url", str, file, tat, problems, "")
        form = _opt(term, "contact_form", str, file, tat, problems, "")
        if len(problems.items) > before:
            continue
        office = {"classification": "capitol"}
        if address:
            office["address"] = address
        if phone:
            office["voice"] = phone
        if form:
            office["contact_form"] = form
        out.append(
            Official(
                key="bioguide_id",
                ident=bioguide,
                name=name,
                source="congress",
                level="federal",
                chamber=CONGRESS_CHAMBERS[ttype],
                state=state.upper(),
                district="" if ttype == "sen" else ("at-large" if district == 0 else str(district)),
                party=party,
                website=url,
                offices=[office] if len(office) > 1 else [],
                file=str(file),
            )
        )
    return out


def parse_district_offices(data, file, problems) -> dict[str, list[dict]]:
    out = {}
    for i, item in enumerate(data):
        ids = item.get("id") if isinstance(item, dict) else None
        bioguide = ids.get("bioguide") if isinstance(ids, dict) else None
        if not isinstance(bioguide, str):
            problems.add(file, f"[{i}].id.bioguide", "missing")
            continue
        offices = item.get("offices") or []
        if not isinstance(offices, list):
            problems.add(file, f"[{i}].offices", "must be a list")
            continue
        entries = []
        for j, o in enumerate(offices):
            if not isinstance(o, dict):
                problems.add(file, f"[{i}].offices[{j}]", "must be a mapping")
                continue
            parts = [o.get("building"), o.get("address"), o.get("suite")]
            place = " ".join(str(p) for p in (o.get("state"), o.get("zip")) if p)
            city = ", ".join(str(p) for p in (o.get("city"), place) if p)
            address = ", ".join(str(p) for p in [*parts, city] if p)
            entry = {"classification": "district", "address": address}
            if o.get("phone"):
                entry["voice"] = str(o["phone"])
            # Kept so a postcard can go to the district office nearest the sender's ZIP.
            for key in ("latitude", "longitude"):
                if isinstance(o.get(key), int | float) and not isinstance(o.get(key), bool):
                    entry[key] = float(o[key])
            entries.append(entry)
        out[bioguide] = entries
    return out


# ---- files and folders -------------------------------------------------------------------


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())
    return [path]


def read_path(path, *, offices=None, today: date | None = None) -> Batch:
    """Read a file, folder or URL (and an optional district-offices file)."""
    today = today or timezone.localdate()
    problems = _Problems()
    batch = Batch()
    paths = [_fetch(path)]
    if offices:
        paths.append(_fetch(offices))
    district_offices: dict[str, list[dict]] = {}
    for root in paths:
        if not root.exists():
            problems.add(root, "(file)", "no such file or folder")
            continue
        for file in _files(root):
            batch.files += 1
            before = len(problems.items)
            data = _load_yaml(file, problems)
            if len(problems.items) > before:
                continue
            if data is None:
                problems.add(file, "(file)", "empty")
                continue
            if isinstance(data, dict):
                official = parse_openstates_person(data, file, problems, today)
                if official is not None:
                    batch.officials.append(official)
                    batch.scopes.add(("openstates", official.state))
            elif isinstance(data, list):
                first = data[0] if data and isinstance(data[0], dict) else {}
                if "terms" in first or ("offices" not in first):
                    batch.officials.extend(parse_congress_list(data, file, problems))
                    batch.scopes.add(("congress", "*"))
                else:
                    district_offices.update(parse_district_offices(data, file, problems))
            else:
                problems.add(
                    file,
                    "(file)",
                    "neither an Open States person nor a congress-legislators list",
                )
    seen: dict[tuple[str, str], str] = {}
    for official in batch.officials:
        key = (official.key, official.ident)
        if key in seen:
            problems.add(official.file, "id", f"{official.ident} also appears in {seen[key]}")
        seen[key] = official.file
        if official.key == "bioguide_id" and official.ident in district_offices:
            official.offices = official.offices + district_offices[official.ident]
    if problems.items:
        raise ImportProblem(problems.items)
    return batch


def _fetch(location) -> Path:
    text = str(location)
    if not text.startswith(("http://", "https://")):
        return Path(text)
    suffix = ".yaml" if not text.endswith(".yml") else ".yml"
    with urllib.request.urlopen(text, timeout=60) as response:  # noqa: S310 (http/https only)
        content = response.read()
    handle = tempfile.NamedTemporaryFile(suffix=suffix, delete=False)  # noqa: SIM115
    with handle:
        handle.write(content)
    return Path(handle.name)
