"""CSV of people in the column layout Action Network exports, and any other by hand.

Pure functions: mapping columns, refusing columns that look like immigration status,
checking one row, and merging duplicates by email, then phone. The import service streams
the file through these, so 200,000 rows never sit in memory at once.
"""

import re
from dataclasses import dataclass, field

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

CONTACT_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "address",
    "city",
    "state",
    "zip_code",
    "country",
)
FIELDS = (
    *CONTACT_FIELDS,
    "tags",
    "subscription",
    "sms_status",
    "identifier",
    "language",
    "role",
    "member",
)
# A column kept as a custom field named after its header (the default for columns Juntos
# does not recognise: nothing in a file is dropped unless the host says so).
CUSTOM = "custom"
ACTION_NETWORK = {
    "first_name": "first_name",
    "last_name": "last_name",
    "email": "email",
    "zip_code": "zip_code",
    "can2_phone": "phone",
    "can2_user_address": "address",
    "can2_user_city": "city",
    "can2_state_abbreviated": "state",
    "can2_user_state": "state",
    "can2_country": "country",
    "can2_user_country": "country",
    "can2_user_tags": "tags",
    "can2_subscription_status": "subscription",
    "can2_sms_status": "sms_status",
    "uuid": "identifier",
    "juntos_language": "language",
    "juntos_role": "role",
    "juntos_member": "member",
}
# Action Network's export columns that are facts about its own system, not the person.
AN_SYSTEM_COLUMNS = {"can2_user_id", "can2_action_date", "can2_created_date"}
EXPORT_COLUMNS = [
    "identifiers",
    "first_name",
    "last_name",
    "email",
    "zip_code",
    "can2_phone",
    "can2_user_address",
    "can2_user_city",
    "can2_state_abbreviated",
    "can2_country",
    "can2_user_tags",
    "can2_subscription_status",
    "can2_sms_status",
    "juntos_role",
    "juntos_member",
    "juntos_language",
]
_LOOSE = {
    "first": "first_name",
    "firstname": "first_name",
    "given_name": "first_name",
    "last": "last_name",
    "lastname": "last_name",
    "family_name": "last_name",
    "surname": "last_name",
    "e-mail": "email",
    "email_address": "email",
    "phone_number": "phone",
    "mobile": "phone",
    "telephone": "phone",
    "zip": "zip_code",
    "postal_code": "zip_code",
    "zipcode": "zip_code",
    "street": "address",
    "state_abbreviated": "state",
    "region": "state",
    "tags": "tags",
    "identifiers": "identifier",
    "subscription_status": "subscription",
    "email_status": "subscription",
}

# Juntos keeps no record of anyone's immigration status. A column that looks like one is
# refused before anything is read from it.
_STATUS_WORDS = re.compile(
    r"immigra|citizen|ciudadan|visa|legal.?status|undocument|indocument|"
    r"documented|papeles|a.?number|alien|green.?card|residen(cy|t).?status|daca|\btps\b|"
    r"asylum|asilo|deport|migratori|nationality|nacionalidad|country.?of.?birth|"
    r"pa[ií]s.?de.?nacimiento",
    re.IGNORECASE,
)


def refused_columns(headers: list[str]) -> list[str]:
    return [h for h in headers if _STATUS_WORDS.search(h or "")]


def auto_mapping(headers: list[str]) -> dict[str, str]:
    """{column: field} for every column: recognised ones to their field, the others kept
    as custom fields (CUSTOM), which the host may change or leave out in the preview."""
    mapping = {}
    for header in headers:
        key = (header or "").strip().lower()
        target = ACTION_NETWORK.get(key) or (key if key in FIELDS else _LOOSE.get(key))
        if target and target not in mapping.values():
            mapping[header] = target
        elif (header or "").strip() and key not in AN_SYSTEM_COLUMNS:
            mapping[header] = CUSTOM
        else:
            mapping[header] = ""
    return mapping


@dataclass
class Row:
    line: int
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    city: str = ""
    state: str = ""
    zip_code: str = ""
    country: str = ""
    tags: list[str] = field(default_factory=list)
    email_status: str = ""
    sms_status: str = ""
    identifiers: list[str] = field(default_factory=list)
    language: str = ""
    role: str = ""
    member: str = ""
    custom_fields: dict = field(default_factory=dict)

    @property
    def full_name(self) -> str:
        return " ".join(x for x in (self.first_name, self.last_name) if x)[:NAME_MAX]

    @property
    def unsubscribed(self) -> bool:
        return self.email_status in ("unsubscribed", "spam complaint")


EMAIL_MAX = 254  # Person.email (EmailField)
NAME_MAX = 200  # Person.full_name
_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>")


_ROLES = {"host", "core_team", "representative", "supporter", "contact"}


def check_row(
    values: dict[str, str], line: int, custom: dict | None = None
) -> tuple[Row | None, str]:
    """A clean Row, or None and the reason in plain words."""
    from juntos.members.rules import normalize_status

    v = {k: (values.get(k) or "").strip() for k in FIELDS}
    custom = {k: (val or "").strip() for k, val in (custom or {}).items()}
    # The database's own limits, checked here so the preview refuses what it would refuse.
    if any("\x00" in x for x in [*v.values(), *custom.values()]):
        return None, "contains a NUL character"
    if len(v["email"]) > EMAIL_MAX:
        return None, f"email is longer than {EMAIL_MAX} characters"
    if any(_MARKUP.search(x) for x in [*v.values(), *custom.values()]):
        return None, "contains HTML or code"
    row = Row(
        line=line,
        first_name=v["first_name"][:100],
        last_name=v["last_name"][:100],
        address=v["address"][:200],
        city=v["city"][:100],
        member=v["member"][:200],
        custom_fields={k[:100]: val[:1000] for k, val in custom.items() if val},
    )
    country = v["country"].upper()
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        return None, f"country {v['country']!r} should be a two-letter code, like US or MX"
    row.country = country
    if v["email"]:
        try:
            validate_email(v["email"])
        except ValidationError:
            return None, f"email {v['email']!r} is not valid"
        row.email = v["email"].lower()
    if v["phone"]:
        try:
            number = phonenumbers.parse(v["phone"], country or "US")
            if not phonenumbers.is_valid_number(number):
                raise phonenumbers.NumberParseException(0, "invalid")
        except phonenumbers.NumberParseException:
            return None, f"phone {v['phone']!r} is not valid"
        row.phone = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not row.email and not row.phone:
        return None, "needs an email or a phone number"
    us = country in ("", "US")
    if v["zip_code"]:
        if us and not _ZIP.match(v["zip_code"]):
            return None, f"ZIP code {v['zip_code']!r} is not valid"
        if not us and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 \-]{1,15}", v["zip_code"]):
            return None, f"postal code {v['zip_code']!r} is not valid"
        row.zip_code = v["zip_code"].upper() if not us else v["zip_code"]
    if v["state"]:
        if us and not re.fullmatch(r"[A-Za-z]{2}", v["state"]):
            return None, f"state {v['state']!r} should be two letters, like MO"
        row.state = v["state"].upper() if us else v["state"][:50]
    if not row.full_name:
        row.first_name = row.email.split("@")[0] if row.email else "—"
    row.tags = sorted({t.strip()[:100] for t in v["tags"].split(",") if t.strip()})
    for name, target in (("subscription", "email_status"), ("sms_status", "sms_status")):
        if v[name]:
            status = normalize_status(v[name])
            if status is None:
                return None, f"{v[name]!r} is not a subscription status"
            setattr(row, target, status)
    row.identifiers = [i.strip() for i in re.split(r"[,\s]+", v["identifier"]) if i.strip()]
    if any(":" not in i for i in row.identifiers):
        # Action Network's own export has a bare uuid.
        row.identifiers = [i if ":" in i else f"action_network:{i}" for i in row.identifiers]
    if v["language"]:
        language = v["language"].lower()[:2]
        row.language = language if language in ("en", "es") else ""
    if v["role"]:
        if v["role"] not in _ROLES:
            return None, f"role {v['role']!r} is not one of {', '.join(sorted(_ROLES))}"
        row.role = v["role"]
    return row, ""


def merge(into: Row, other: Row) -> Row:
    """Duplicates in one file: the first row wins; later rows fill its blanks and add tags."""
    from juntos.members.rules import merge_subscription

    for name in (*CONTACT_FIELDS, "language", "role", "member"):
        if not getattr(into, name) and getattr(other, name):
            setattr(into, name, getattr(other, name))
    into.tags = sorted(set(into.tags) | set(other.tags))
    into.email_status = merge_subscription(into.email_status, other.email_status)
    into.sms_status = merge_subscription(into.sms_status, other.sms_status)
    into.identifiers = [
        *into.identifiers,
        *(i for i in other.identifiers if i not in into.identifiers),
    ]
    into.custom_fields = {**other.custom_fields, **into.custom_fields}
    return into


MERGE_RULES = (
    "A row is the same person as another when its email matches (ignoring case), or, "
    "without an email, its phone number. The first row wins; later rows only fill in "
    "what is empty and add their tags. For people already in Juntos, nothing they have "
    "is overwritten: empty fields are filled in and tags are added, except that an "
    "unsubscribe or a spam complaint in the file always applies."
)
