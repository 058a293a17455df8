"""People in from OSDI tools: read an OSDI person, find who it is, write only what was sent.

`parse_person` turns an OSDI person (signup helper, PUT, sync) into the fields that were
actually sent; `person_upsert` finds the person (by foreign identifier, then email, then
phone, as Action Network's signup helper does) and writes through one audited transaction.
A field that was not sent, or sent empty, never blanks what Juntos has; an unsubscribe or a
spam complaint is never turned back into a subscription (members.rules.merge_subscription).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from juntos.api.osdi import BadRequest, Unprocessable, clean_text
from juntos.audit.log import audit_record, field_changes
from juntos.audit.models import Action
from juntos.members.models import Person, Tag, Tagging
from juntos.members.rules import compose_name, merge_subscription, normalize_status

# Identifiers Juntos gives out itself; any other prefix is another system's and is kept.
OWN_PREFIX = "juntos:"
_IDENTIFIER = re.compile(r"^[a-z0-9_\-]{1,40}:[^\s]{1,100}$", re.IGNORECASE)
CUSTOM_FIELDS_MAX = 100
MAX_IDENTIFIERS = 20
# Field names Juntos used to put in custom_fields; never stored as user data.
RESERVED_CUSTOM = ("juntos_role", "juntos_member", "tags")


@dataclass
class PersonInput:
    fields: dict = field(default_factory=dict)  # model field -> value, only what was sent
    email: str = ""
    phone: str = ""
    email_status: str | None = None
    sms_status: str | None = None
    custom_fields: dict = field(default_factory=dict)
    identifiers: list[str] = field(default_factory=list)
    own_uuid: str = ""


def _list_of_dicts(value, name: str) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
        raise BadRequest(f"{name} must be a list of objects.")
    return value


def _primary(items: list[dict], key: str) -> dict | None:
    """The primary entry that has a value, else the first that has one."""
    with_value = [x for x in items if x.get(key)]
    for item in with_value:
        if item.get("primary"):
            return item
    return with_value[0] if with_value else None


def clean_phone(raw: str, name: str, region: str = "US") -> str:
    try:
        number = phonenumbers.parse(raw, region or "US")
    except phonenumbers.NumberParseException:
        raise Unprocessable(f"{name} is not a valid phone number.") from None
    if not phonenumbers.is_valid_number(number):
        raise Unprocessable(f"{name} is not a valid phone number.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def parse_person(data: dict, *, strict: bool = True) -> PersonInput:
    """The fields an OSDI person carries, cleaned; BadRequest names the bad field.

    A custom field whose name looks like immigration or citizenship status is refused
    (strict, the API) or dropped (a sync): Juntos never stores one."""
    from juntos.api.csv_people import refused_columns

    if not isinstance(data, dict):
        raise BadRequest("The person must be a JSON object.")
    out = PersonInput()
    for key, model_field in (("given_name", "given_name"), ("family_name", "family_name")):
        value = clean_text(data.get(key), key, 100)
        if value:
            out.fields[model_field] = value

    emails = _list_of_dicts(data.get("email_addresses"), "email_addresses")
    email = _primary(emails, "address")
    if email:
        address = clean_text(email["address"], "email_addresses[].address", 254).lower()
        try:
            validate_email(address)
        except ValidationError:
            raise Unprocessable("email_addresses[].address must be a valid email.") from None
        out.email = address
        out.email_status = _status(email.get("status"), "email_addresses[].status")

    addresses = _list_of_dicts(data.get("postal_addresses"), "postal_addresses")
    postal = next((a for a in addresses if a.get("primary")), addresses[0] if addresses else None)
    region = "US"
    if postal:
        country = clean_text(postal.get("country"), "postal_addresses[].country", 2).upper()
        if country and not re.fullmatch(r"[A-Z]{2}", country):
            raise BadRequest("postal_addresses[].country must be a two-letter ISO code.")
        region = country or "US"
        lines = postal.get("address_lines") or []
        if not isinstance(lines, list):
            raise BadRequest("postal_addresses[].address_lines must be a list.")
        street = ", ".join(clean_text(x, "postal_addresses[].address_lines[]") for x in lines if x)[
            :200
        ]
        values = {
            "address": street,
            "city": clean_text(postal.get("locality"), "postal_addresses[].locality", 100),
            "state": clean_text(postal.get("region"), "postal_addresses[].region", 50),
            "zip_code": clean_text(postal.get("postal_code"), "postal_addresses[].postal_code", 16),
            "country": country,
        }
        if values["state"] and region == "US":
            values["state"] = values["state"].upper()
        out.fields.update({k: v for k, v in values.items() if v})

    phones = _list_of_dicts(data.get("phone_numbers"), "phone_numbers")
    phone = _primary(phones, "number")
    if phone:
        raw = clean_text(phone["number"], "phone_numbers[].number", 32)
        out.phone = clean_phone(raw, "phone_numbers[].number", region)
        out.sms_status = _status(phone.get("status"), "phone_numbers[].status")

    languages = data.get("languages_spoken")
    if languages is not None and not isinstance(languages, list):
        raise BadRequest("languages_spoken must be a list.")
    if languages:
        first = str(languages[0]).lower()[:2]
        if first in ("en", "es"):
            out.fields["preferred_language"] = first

    custom = data.get("custom_fields")
    if custom is not None:
        if not isinstance(custom, dict):
            raise BadRequest("custom_fields must be an object of strings.")
        if len(custom) > CUSTOM_FIELDS_MAX:
            raise BadRequest(f"custom_fields holds at most {CUSTOM_FIELDS_MAX} fields.")
        for key, value in custom.items():
            try:
                name = clean_text(key, "custom_fields key", 100)
            except BadRequest as error:  # OpenAPI 3.0 cannot limit an object's keys
                raise Unprocessable(str(error)) from None
            if not name or name in RESERVED_CUSTOM or value is None:
                continue
            if refused_columns([name]):
                if strict:
                    raise Unprocessable(
                        f"custom_fields.{name}: Juntos never stores anyone's immigration or "
                        "citizenship status."
                    )
                continue
            if isinstance(value, (bool, int, float)):
                value = str(value).lower() if isinstance(value, bool) else str(value)
            out.custom_fields[name] = clean_text(value, f"custom_fields.{name}", 1000)

    identifiers = data.get("identifiers")
    if identifiers is not None:
        if not isinstance(identifiers, list):
            raise BadRequest("identifiers must be a list of strings like 'action_network:…'.")
        if len(identifiers) > MAX_IDENTIFIERS:
            raise BadRequest(f"identifiers holds at most {MAX_IDENTIFIERS}.")
        for value in identifiers:
            text = clean_text(value, "identifiers[]", 140)
            if not _IDENTIFIER.match(text):
                raise BadRequest("identifiers[] must look like 'system:id'.")
            if text.lower().startswith(OWN_PREFIX) and not out.own_uuid:
                # Ours if it names a person here; else another Juntos's id, kept like any.
                out.own_uuid = text[len(OWN_PREFIX) :]
            if text not in out.identifiers:
                out.identifiers.append(text)
    return out


def _status(value, name: str) -> str | None:
    if value in (None, ""):
        return None
    status = normalize_status(value)
    if status is None:
        raise BadRequest(
            f"{name} must be one of subscribed, unsubscribed, bouncing, spam complaint."
        )
    return status


def find_person(coalition, parsed: PersonInput) -> Person | None:
    """The person this input is about: Juntos id, a foreign identifier, email, then phone
    (phone only for input without an email, as Action Network's signup helper does)."""
    import uuid as uuid_module

    people = Person.objects.select_for_update().filter(coalition=coalition)
    own = []
    for text in [
        parsed.own_uuid,
        *(i[len(OWN_PREFIX) :] for i in parsed.identifiers if i.lower().startswith(OWN_PREFIX)),
    ]:
        try:
            own.append(uuid_module.UUID(text))
        except (ValueError, AttributeError, TypeError):
            continue
    if own:
        found = people.filter(uuid__in=own).order_by("pk").first()
        if found:
            return found
    if parsed.identifiers:
        wanted = set(parsed.identifiers)
        for candidate in people.exclude(identifiers=[]).order_by("pk"):
            if wanted & set(candidate.identifiers or []):
                return candidate
    if parsed.email:
        found = people.filter(email=parsed.email).first()
        if found:
            return found
    if parsed.phone and not parsed.email:
        # By phone only when no email was sent (a household can share a phone).
        return people.filter(phone=parsed.phone).order_by("pk").first()
    return None


def apply_input(person: Person, parsed: PersonInput) -> dict:
    """Set what was sent on `person` (unsaved); return {field: [before, after]}."""
    before = {
        k: getattr(person, k)
        for k in (
            *parsed.fields,
            "email",
            "phone",
            "email_status",
            "sms_status",
            "custom_fields",
            "identifiers",
        )
    }
    for key, value in parsed.fields.items():
        setattr(person, key, value)
    if parsed.email:
        person.email = parsed.email
    if parsed.phone:
        person.phone = parsed.phone
    if parsed.email_status:
        person.email_status = merge_subscription(person.email_status, parsed.email_status)
    if parsed.sms_status:
        person.sms_status = merge_subscription(person.sms_status, parsed.sms_status)
    if parsed.custom_fields:
        person.custom_fields = {**(person.custom_fields or {}), **parsed.custom_fields}
    own = f"{OWN_PREFIX}{person.uuid}"
    new_ids = [i for i in parsed.identifiers if i != own and i not in (person.identifiers or [])]
    if new_ids:
        person.identifiers = [*(person.identifiers or []), *new_ids]
    after = {k: getattr(person, k) for k in before}
    return field_changes(before, after)


def person_upsert(
    *, coalition, parsed: PersonInput, actor, add_tags=(), remove_tags=(), person=None
) -> tuple[Person, bool]:
    """Create or update one person from OSDI input, audited; (person, created)."""
    if person is None and not (
        parsed.email or parsed.phone or parsed.own_uuid or parsed.identifiers
    ):
        raise Unprocessable("A person needs an email address or a phone number.")
    with transaction.atomic():
        found = person or find_person(coalition, parsed)
        created = found is None
        if created:
            if not (parsed.email or parsed.phone):
                raise Unprocessable(
                    "No person here has these identifiers; a new person needs an email "
                    "address or a phone number."
                )
            found = Person(coalition=coalition, role="supporter")
        changes = apply_input(found, parsed)
        if created and not found.full_name:
            composed = compose_name(found.given_name, found.family_name)
            # Someone known only by an address is shown by it (an email may be 254 long).
            found.full_name = (composed or found.email or found.phone)[:200]
        if created or changes:
            found.save()
            audit_record(
                coalition=coalition,
                actor=actor,
                action=Action.PERSON_ADDED if created else Action.PERSON_CHANGED,
                target=found,
                changes={k: v for k, v in changes.items() if k not in ("email", "phone")},
            )
        for name in add_tags:
            tag, _ = Tag.objects.get_or_create(coalition=coalition, name=name)
            if not Tagging.objects.filter(tag=tag, person=found).exists():
                Tagging.objects.create(tag=tag, person=found)
        for name in remove_tags:
            for tagging in Tagging.objects.filter(
                tag__coalition=coalition, tag__name=name, person=found
            ):
                tagging.delete()
    if created or changes or add_tags or remove_tags:
        found.refresh_from_db()
    return found, created


def may_delete(person: Person) -> tuple[bool, str]:
    """Through the API only contacts may be deleted: never a login, a host or a member's
    representative (removing those is a decision the coalition takes on its pages)."""
    if person.user_id:
        return False, "This person has a login; remove them on the member pages."
    if person.role in ("host", "core_team", "representative") or person.member_id:
        return False, "Members' people are removed on the member pages, not through the API."
    return True, ""


def person_delete(*, person: Person, actor) -> None:
    with transaction.atomic():
        audit_record(
            coalition=person.coalition,
            actor=actor,
            action=Action.PERSON_CHANGED,
            target=person,
            changes={"deleted": [False, True]},
        )
        person.delete()


def tag_names(value, name: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadRequest(f"{name} must be a list of tag names.")
    names = [clean_text(t, f"{name}[]", 100) for t in value]
    if not all(names):
        raise BadRequest(f"{name} must not contain empty names.")
    return names
