"""Who represents a ZIP (or a point): districts first, then the officials the coalition
imported for them. Reads only; a lookup stores nothing about the person asking."""

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from juntos.districts import rules
from juntos.districts.models import DistrictPlan, DistrictShape, ZipDistrict

PACKAGE_CROSSWALK = Path(__file__).parent / "data" / "zcta-congress-119.csv"
PACKAGE_PLAN = "119th Congress"
ALL = "all"


@lru_cache(maxsize=1)
def national_crosswalk() -> dict[str, tuple[tuple[str, str], ...]]:
    """{zcta: ((state, district), ...)} for the U.S. House, from the package data."""
    out: dict[str, tuple] = {}
    with PACKAGE_CROSSWALK.open(encoding="utf-8") as handle:
        next(handle)  # state_fips,state_abbr,zcta,cd (the file is checked by a test)
        for line in handle:
            _fips, state, zcta, cd = line.rstrip("\n").split(",")
            pair = (state, rules.AT_LARGE if cd == "0" else cd)
            pairs = out.get(zcta, ())
            if pair not in pairs:
                out[zcta] = (*pairs, pair)
    return out


@dataclass
class Districts:
    """The districts a ZIP or point falls in, per chamber: [(state, district), ...]."""

    zip: str | None = None
    congress: list = field(default_factory=list)
    upper: list = field(default_factory=list)
    lower: list = field(default_factory=list)
    plans: dict = field(default_factory=dict)  # chamber -> plan label
    by_point: set = field(default_factory=set)  # chambers answered from shapes

    @property
    def found(self) -> bool:
        return bool(self.congress or self.upper or self.lower)

    @property
    def states(self) -> list[str]:
        seen = []
        for state, _ in self.congress + self.upper + self.lower:
            if state not in seen:
                seen.append(state)
        return seen


def districts_for(zip_code=None, point: tuple[float, float] | None = None) -> Districts:
    """Districts from the ZIP (crosswalks) and, where shapes are loaded, from the point
    (which then wins for that chamber: it is exact where a ZIP can be split)."""
    zcta = rules.normalize_zip(zip_code) if zip_code else None
    out = Districts(zip=zcta)
    if zcta:
        national = list(national_crosswalk().get(zcta, ()))
        imported: dict[str, list] = {rules.CONGRESS: [], rules.UPPER: [], rules.LOWER: []}
        replaced_states = set()
        for row in ZipDistrict.objects.filter(zcta=zcta).select_related("plan").order_by("pk"):
            imported[row.plan.chamber].append((row.plan.state, row.district))
            out.plans[row.plan.chamber] = row.plan.plan
            if row.plan.chamber == rules.CONGRESS:
                replaced_states.add(row.plan.state)
        # A state whose congressional plan was imported uses it, not the package's.
        states_imported = set(
            DistrictPlan.objects.filter(chamber=rules.CONGRESS, has_crosswalk=True).values_list(
                "state", flat=True
            )
        )
        out.congress = [p for p in national if p[0] not in states_imported] + [
            p for p in imported[rules.CONGRESS] if p not in national or p[0] in states_imported
        ]
        if national and rules.CONGRESS not in out.plans:
            out.plans[rules.CONGRESS] = PACKAGE_PLAN
        out.upper = _unique(imported[rules.UPPER])
        out.lower = _unique(imported[rules.LOWER])
        out.congress = _unique(out.congress)
    if point is not None:
        lat, lon = point
        candidates = DistrictShape.objects.filter(
            min_lat__lte=lat, max_lat__gte=lat, min_lon__lte=lon, max_lon__gte=lon
        ).select_related("plan")
        hits: dict[str, list] = {}
        for shape in candidates:
            if rules.in_polygons(lon, lat, shape.polygons):
                hits.setdefault(shape.plan.chamber, []).append((shape.plan.state, shape.district))
                out.plans[shape.plan.chamber] = shape.plan.plan
        for chamber, pairs in hits.items():
            setattr(out, chamber, _unique(pairs))
            out.by_point.add(chamber)
    return out


def _unique(pairs):
    out = []
    for p in pairs:
        if p not in out:
            out.append(p)
    return out


@dataclass
class Seat:
    """A district and whoever the coalition knows holds it (None if not imported)."""

    state: str
    district: str
    official: object | None


@dataclass
class Representatives:
    districts: Districts
    house: list[Seat] = field(default_factory=list)  # the candidates (one unless split)
    chosen: list[Seat] = field(default_factory=list)  # after the person's choice
    senators: list = field(default_factory=list)
    state_senators: list[Seat] = field(default_factory=list)  # candidates, as `house`
    state_representatives: list[Seat] = field(default_factory=list)
    chosen_upper: list[Seat] = field(default_factory=list)
    chosen_lower: list[Seat] = field(default_factory=list)

    @property
    def split(self) -> bool:
        return len(self.house) > 1

    @property
    def upper_split(self) -> bool:
        return len({seat_key(s) for s in self.state_senators}) > 1

    @property
    def lower_split(self) -> bool:
        return len({seat_key(s) for s in self.state_representatives}) > 1

    @property
    def undecided(self) -> list[str]:
        """The chambers whose district the ZIP leaves open and the person has not chosen:
        "congress", "upper", "lower" (the lookup's parameters district, upper, lower)."""
        return [
            chamber
            for chamber, split, chosen in (
                ("congress", self.split, self.chosen),
                ("upper", self.upper_split, self.chosen_upper),
                ("lower", self.lower_split, self.chosen_lower),
            )
            if split and not chosen
        ]

    @property
    def officials(self) -> list:
        seats = self.chosen + self.chosen_upper + self.chosen_lower
        return [s.official for s in seats if s.official] + list(self.senators)


def _choose(seats: list[Seat], choice: str | None) -> list[Seat]:
    if len({seat_key(s) for s in seats}) <= 1 or choice == ALL:
        return list(seats)
    return [s for s in seats if seat_key(s) == choice] if choice else []


def representatives(
    coalition,
    districts: Districts,
    choice: str | None = None,
    *,
    upper: str | None = None,
    lower: str | None = None,
) -> Representatives:
    """The officials of the coalition's directory for these districts. `choice` is the
    House district the person picked when the ZIP is split ("state-district"), or "all"
    ("I don't know"); without a choice a split ZIP chooses no one yet. `upper` and `lower`
    are the same choice for the state senate and house districts."""
    from juntos.relationships.models import Contact

    out = Representatives(districts=districts)
    if not districts.found:
        return out
    officials = list(
        Contact.objects.filter(
            coalition=coalition, in_office=True, state__in=districts.states
        ).filter(level__in=["federal", "state"], chamber__in=["upper", "lower", "legislature"])
    )
    index: dict[tuple, list] = {}
    for o in officials:
        index.setdefault((o.level, o.chamber, o.state, o.district), []).append(o)

    def seats(level, chamber, pairs):
        found = []
        for state, district in pairs:
            people = index.get((level, chamber, state, district)) or [None]
            found.extend(Seat(state, district, p) for p in people)
        return found

    out.house = seats("federal", "lower", districts.congress)
    out.chosen = _choose(out.house, choice)
    states_for_senate = (
        {s.state for s in out.chosen} or {s for s, _ in districts.congress} or set(districts.states)
    )
    out.senators = sorted(
        (
            o
            for o in officials
            if o.level == "federal" and o.chamber == "upper" and o.state in states_for_senate
        ),
        key=lambda o: o.name,
    )
    out.state_senators = seats("state", "upper", districts.upper)
    out.state_representatives = seats("state", "lower", districts.lower)
    out.chosen_upper = _choose(out.state_senators, upper)
    out.chosen_lower = _choose(out.state_representatives, lower)
    return out


def seat_key(seat: Seat) -> str:
    return f"{seat.state}-{seat.district}"


def lookup(
    coalition, zip_code=None, point=None, choice=None, *, upper=None, lower=None
) -> Representatives:
    return representatives(
        coalition, districts_for(zip_code, point), choice, upper=upper, lower=lower
    )


def zip_location(zip_code) -> tuple[float, float] | None:
    """The ZIP's own (lat, lon) from the offline `zipcodes` package, for the nearest office."""
    zcta = rules.normalize_zip(zip_code)
    if not zcta:
        return None
    try:
        import zipcodes

        found = zipcodes.matching(zcta)
    except (ImportError, ValueError, TypeError):
        return None
    for row in found:
        try:
            return float(row["lat"]), float(row["long"])
        except (KeyError, TypeError, ValueError):
            continue
    return None


def plans() -> list[DistrictPlan]:
    return list(DistrictPlan.objects.all())


@dataclass
class PostcardTarget:
    official: object
    address: str


def postcard_targets(found: Representatives, *, prefer: str, zip_code=None) -> list[PostcardTarget]:
    """Where the postcards of a person go: each chosen U.S. Representative, at the district
    office nearest the person's ZIP or at the Washington office, as the event chooses."""
    near = zip_location(zip_code) if prefer == "district" else None
    out = []
    for seat in found.chosen:
        if seat.official is None:
            continue
        office = rules.choose_office(seat.official.offices, prefer=prefer, near=near)
        out.append(PostcardTarget(seat.official, office["address"] if office else ""))
    return out


@lru_cache(maxsize=1)
def _zips_by_district() -> dict[tuple[str, str], frozenset]:
    out: dict[tuple[str, str], set] = {}
    for zcta, pairs in national_crosswalk().items():
        for pair in pairs:
            out.setdefault(pair, set()).add(zcta)
    return {k: frozenset(v) for k, v in out.items()}


def zips_of(official) -> set[str] | None:
    """The ZIP codes (ZCTAs) overlapping an official's district or state; None when the
    official has no district Juntos can place."""
    if official is None or not official.state:
        return None
    state = official.state
    if official.level == "federal" and official.chamber == "upper":
        return {
            z for (s, _d), zips in _zips_by_district().items() if s == state for z in zips
        } | set(
            ZipDistrict.objects.filter(plan__state=state, plan__chamber=rules.CONGRESS).values_list(
                "zcta", flat=True
            )
        )
    if not official.district:
        return None
    if official.level == "federal" and official.chamber == "lower":
        imported = DistrictPlan.objects.filter(
            state=state, chamber=rules.CONGRESS, has_crosswalk=True
        ).first()
        if imported is not None:
            return set(
                imported.zips.filter(district=official.district).values_list("zcta", flat=True)
            )
        return set(_zips_by_district().get((state, official.district), ()))
    if official.level == "state" and official.chamber in (rules.UPPER, rules.LOWER):
        return set(
            ZipDistrict.objects.filter(
                plan__state=state, plan__chamber=official.chamber, district=official.district
            ).values_list("zcta", flat=True)
        )
    return None


@dataclass
class Constituents:
    members: list
    people: int  # how many of the coalition's people give a ZIP in the district


def constituents(coalition, official) -> Constituents | None:
    """Member organizations (by their public ZIP) and the number of the coalition's people
    (by the ZIP they chose to give) in the official's district; None if it is unknown."""
    from juntos.members.models import Member, Person

    zips = zips_of(official)
    if zips is None:
        return None
    members = list(
        Member.objects.filter(
            coalition=coalition, status=Member.Status.ACTIVE, zip_code__in=zips
        ).order_by("name")
    )
    people = Person.objects.filter(coalition=coalition, zip_code__in=zips).exclude(role="").count()
    return Constituents(members, people)


@dataclass
class MemberSeat:
    """One official (or an unfilled district) and the member organizations it represents."""

    label: str
    official: object | None
    members: list = field(default_factory=list)


def officials_of_members(coalition, kind: str) -> tuple[list[MemberSeat], list]:
    """For a "each member's own ..." target: each official with the active member
    organizations whose ZIP falls in their district ("house", "upper" or "lower"), and the
    members Juntos cannot place (no ZIP, or a ZIP in no known district). A member whose ZIP
    spans districts is listed under each candidate."""
    from juntos.districts.addressing import seat_label
    from juntos.members.models import Member

    seats: dict[tuple, MemberSeat] = {}
    unplaced = []
    for member in Member.objects.filter(coalition=coalition, status=Member.Status.ACTIVE).order_by(
        "name"
    ):
        found = lookup(coalition, member.zip_code, choice=ALL) if member.zip_code else None
        if found is None:
            unplaced.append(member)
            continue
        chosen = {
            "house": found.house,
            "upper": found.state_senators,
            "lower": found.state_representatives,
        }.get(kind, [])
        if not chosen:
            unplaced.append(member)
            continue
        for seat in chosen:
            key = (seat.state, seat.district)
            if key not in seats:
                label = (
                    f"{seat.official.name} ({seat_label(seat.official)})"
                    if seat.official
                    else f"{seat.state}-{seat.district}"
                )
                seats[key] = MemberSeat(label, seat.official)
            seats[key].members.append(member)
    return sorted(seats.values(), key=lambda s: s.label), unplaced
