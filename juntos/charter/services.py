"""Writes to a coalition's charter. Every one is atomic and audited."""

import re
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.audit.log import audit_record
from juntos.audit.models import Action
from juntos.charter import presets
from juntos.charter import rules as charter_rules
from juntos.charter.models import CharterVersion, Coalition

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE_CODES = ("en", "es")


class CoalitionError(ValueError):
    """Raised with a dict of {field: message} for every problem, before anything is written."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class LaterVersionsExist(ValueError):
    """An amendment would take effect before versions already recorded for later dates."""

    def __init__(self, versions):
        super().__init__("later versions exist")
        self.versions = versions


def coalition_check(*, slug: str, name: str, host_email: str = "", template: str = "") -> dict:
    """Every problem with a new coalition's basics, in the user's language."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    errors = {}
    if not (name or "").strip():
        errors["name"] = _("Give the coalition a name.")
    if not SLUG_RE.match(slug or "") or len(slug) > 50:
        errors["slug"] = _(
            "Use lowercase letters, numbers and hyphens, for example kc-welcoming-table."
        )
    elif Coalition.objects.filter(slug=slug).exists():
        errors["slug"] = _("Another coalition already has this address.")
    if host_email:
        try:
            validate_email(host_email)
        except ValidationError:
            errors["host_email"] = _("Enter a valid email address.")
    if template and template not in presets.TEMPLATES:
        errors["template"] = _("Choose seed, simple or blank.")
    return errors


def coalition_create(
    *,
    slug: str,
    name: str,
    host_name: str = "",
    mission: str = "",
    values: list | None = None,
    agreements: list | None = None,
    rules: dict | None = None,
    template: str = "",
    effective_from: date | None = None,
    actor=None,
    parent: Coalition | None = None,
    languages: list | None = None,
    host_email: str = "",
    host_full_name: str = "",
    language: str = "en",
    guided: bool = False,
):
    """Start a coalition with its first charter version, from `rules` or a template.

    The one way a coalition is made: the `juntos coalition create` command, the operator's
    page and the demo all call it. With `host_email` the host is made too: an existing
    login becomes host at once, anyone else gets an invitation to be host (returned as
    `coalition.host_invitation`). `guided` shows the first host the set-up guide.
    """
    errors = coalition_check(slug=slug, name=name, host_email=host_email, template=template)
    if language not in LANGUAGE_CODES:
        errors["language"] = _("Choose English or Spanish.")
    if errors:
        raise CoalitionError(errors)
    if rules is None:
        rules = presets.template_rules(template or presets.SEED)
    parsed = charter_rules.rules_from_dict(rules)
    effective_from = effective_from or timezone.localdate()
    with transaction.atomic():
        coalition = Coalition.objects.create(
            slug=slug,
            name=name.strip(),
            host_name=host_name.strip(),
            parent=parent,
            languages=languages or [language, *[c for c in LANGUAGE_CODES if c != language]],
            setup_finished_at=None if guided else timezone.now(),
        )
        version = CharterVersion.objects.create(
            coalition=coalition,
            number=1,
            effective_from=effective_from,
            mission=mission,
            values=values or [],
            agreements=agreements or [],
            language=coalition.primary_language,  # the founders' texts are in it
            rules=parsed.to_dict(explicit=True),
            summary="Charter adopted",
            recorded_by=actor,
            adopted_how=CharterVersion.Adoption.FOUNDING,
            template=template,
        )
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.CHARTER_ADOPTED,
            target=version,
            changes={
                "coalition": [None, slug],
                "template": [None, template or "custom"],
                "host_email": [None, host_email.lower()] if host_email else [None, ""],
            },
        )
        coalition.host_invitation = None
        if host_email:
            coalition.host_invitation = _host_add(
                coalition, actor, host_email, host_full_name, language
            )
    return coalition


def _host_add(coalition, actor, email: str, full_name: str, language: str):
    from juntos.accounts.models import User
    from juntos.accounts.services import invitation_send
    from juntos.members.services import person_add

    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        # A name typed for the host names them in this coalition; the account keeps its own.
        person_add(
            coalition=coalition,
            actor=actor,
            full_name=(full_name or user.full_name or email)[:200],
            email=user.email,
            preferred_language=language,
            role="host",
            user=user,
        )
        return None
    return invitation_send(
        coalition=coalition,
        actor=actor,
        email=email,
        full_name=(full_name or email.split("@")[0])[:200],
        role="host",
        language=language,
    )


def coalition_texts_set(
    *,
    coalition: Coalition,
    actor,
    name: str,
    host_name: str,
    languages: list,
    postal_address: str | None = None,
) -> Coalition:
    """The coalition's name, host, languages and (when given) the host's postal address."""
    with transaction.atomic():
        before = {
            "name": coalition.name,
            "host_name": coalition.host_name,
            "postal_address": coalition.postal_address,
        }
        coalition.name = name
        coalition.host_name = host_name
        coalition.languages = languages
        if postal_address is not None:
            lines = (line.strip() for line in postal_address.replace("\r\n", "\n").split("\n"))
            coalition.postal_address = "\n".join(line for line in lines if line)
        coalition.save(
            update_fields=["name", "host_name", "postal_address", "languages", "updated_at"]
        )
        version = coalition.charter_versions.order_by("-number").first()
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.CHARTER_AMENDED,
            target=version,
            changes={
                k: [before[k], getattr(coalition, k)]
                for k in before
                if before[k] != getattr(coalition, k)
            },
        )
    return coalition


def setup_step_mark(*, coalition: Coalition, actor, step: str, state: str) -> Coalition:
    """Mark a set-up step done or skipped (skipped steps stay on the checklist)."""
    from juntos.charter.setup import STEPS

    if step not in STEPS or state not in ("done", "skipped", ""):
        raise ValueError(step)
    with transaction.atomic():
        locked = Coalition.objects.select_for_update().get(pk=coalition.pk)
        steps = dict(locked.setup_steps)
        if state:
            steps[step] = state
        else:
            steps.pop(step, None)
        locked.setup_steps = steps
        locked.save(update_fields=["setup_steps", "updated_at"])
    coalition.setup_steps = steps
    return coalition


def setup_finish(*, coalition: Coalition, actor, reopen: bool = False) -> Coalition:
    with transaction.atomic():
        coalition.setup_finished_at = None if reopen else timezone.now()
        coalition.save(update_fields=["setup_finished_at", "updated_at"])
    return coalition


def founding_charter_revise(
    *,
    coalition: Coalition,
    actor,
    mission: str | None = None,
    values: list | None = None,
    agreements: list | None = None,
    rules: dict | None = None,
    template: str | None = None,
    language: str | None = None,
    translations: dict | None = None,
) -> CharterVersion:
    """While the first host sets the coalition up, the founding charter is still a draft:
    the set-up guide writes it in place (audited). Once set-up is finished, or once a
    second version exists, the charter changes only by amendment. A coalition left with
    no charter at all (made in the admin before it required one) gets its first here."""
    coalition.__dict__.pop("_versions_cache", None)
    if not coalition.charter_versions.exists():
        with transaction.atomic():
            version = CharterVersion.objects.create(
                coalition=coalition,
                number=1,
                effective_from=timezone.localdate(),
                mission=mission or "",
                values=values or [],
                agreements=agreements or [],
                language=language or "",
                translations=translations or {},
                rules=charter_rules.rules_from_dict(
                    rules or presets.template_rules(template or presets.SIMPLE)
                ).to_dict(explicit=True),
                summary="Charter adopted",
                recorded_by=actor,
                adopted_how=CharterVersion.Adoption.FOUNDING,
                template=template or "",
            )
            audit_record(
                coalition=coalition, actor=actor, action=Action.CHARTER_ADOPTED, target=version
            )
        return version
    with transaction.atomic():
        version = (
            CharterVersion.objects.select_for_update()
            .filter(coalition=coalition)
            .order_by("-number")
            .first()
        )
        if coalition.setup_finished_at is not None or version.number != 1:
            raise ValueError("the founding charter can no longer be revised in place")
        before = {
            "mission": version.mission,
            "values": version.values,
            "agreements": version.agreements,
            "rules": version.rules,
            "language": version.language,
            "translations": version.translations,
        }
        if mission is not None:
            version.mission = mission
        if values is not None:
            version.values = values
        if agreements is not None:
            version.agreements = agreements
        if rules is not None:
            version.rules = charter_rules.rules_from_dict(rules).to_dict(explicit=True)
        if template is not None:
            version.template = template
        version.language, version.translations = texts_in_other_languages(
            before,
            {key: getattr(version, key) for key in TEXT_KEYS},
            language=language,
            translations=translations,
        )
        version.save()
        changes = charter_rules.rules_diff(before["rules"], version.rules)
        for key in ("mission", "values", "agreements", "language", "translations"):
            if before[key] != getattr(version, key):
                changes[key] = [before[key], getattr(version, key)]
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.CHARTER_AMENDED,
            target=version,
            changes={**changes, "set_up": [None, True]},
        )
    return version


def later_versions(coalition: Coalition, effective_from: date) -> list[CharterVersion]:
    return list(
        coalition.charter_versions.filter(effective_from__gt=effective_from).order_by(
            "effective_from", "number"
        )
    )


TEXT_KEYS = ("mission", "values", "agreements")


def texts_in_other_languages(
    before, texts: dict, *, language: str | None, translations: dict | None
) -> tuple[str, dict]:
    """The original's language and the other versions for new charter texts. Given ones
    are taken; otherwise the previous ones are kept, except for a text that changed: its
    old translation no longer says the same thing, so readers get the new original (with
    the "not yet translated" mark) until someone translates it. `before` is a version or
    a dict of its values."""
    get = before.get if isinstance(before, dict) else lambda k: getattr(before, k, None)
    if translations is not None:
        return language or "", translations
    changed = {key for key in TEXT_KEYS if get(key) != texts.get(key)}
    kept = {}
    for code, by_field in (get("translations") or {}).items():
        by_field = {k: v for k, v in (by_field or {}).items() if k not in changed}
        if by_field:
            kept[code] = by_field
    return (language if language is not None else get("language") or ""), kept


def _carry_forward(coalition, actor, version, named_keys, effective_from):
    """Versions already recorded for later dates were written without this amendment; so
    that they do not silently undo it, each gets a copy with its changes carried on top
    (what a later version itself names still wins there). Nothing is edited."""
    later = later_versions(coalition, effective_from)
    originals = [v for v in later if v.pk != version.pk and v.carried_from is None]
    number = version.number
    for v in originals:
        own = set(v.changed_rules or [])
        if not own:  # recorded before amendments named their rules: compare with the one before
            prev = (
                coalition.charter_versions.filter(number__lt=v.number).order_by("-number").first()
            )
            if prev is not None:
                own = set(
                    charter_rules.named_changes(
                        charter_rules.rules_from_dict(prev.rules).to_dict(explicit=True),
                        charter_rules.rules_from_dict(v.rules).to_dict(explicit=True),
                    )
                ) | {k for k in TEXT_KEYS if getattr(prev, k) != getattr(v, k)}
        keys = [k for k in named_keys if k not in own]
        if not keys:
            continue
        latest_that_day = (
            coalition.charter_versions.filter(effective_from=v.effective_from)
            .order_by("-number")
            .first()
        )
        rules = charter_rules.apply_named(
            charter_rules.rules_from_dict(latest_that_day.rules).to_dict(explicit=True),
            charter_rules.rules_from_dict(version.rules).to_dict(explicit=True),
            [k for k in keys if k not in TEXT_KEYS],
        )
        texts = {k: getattr(version if k in keys else latest_that_day, k) for k in TEXT_KEYS}
        # Each text keeps the other-language versions of the version it came from.
        texts["translations"] = {}
        for k in TEXT_KEYS:
            source = version if k in keys else latest_that_day
            for code, by_field in (source.translations or {}).items():
                if k in (by_field or {}):
                    texts["translations"].setdefault(code, {})[k] = by_field[k]
        texts["language"] = latest_that_day.language
        number += 1
        CharterVersion.objects.create(
            coalition=coalition,
            number=number,
            effective_from=v.effective_from,
            rules=charter_rules.rules_from_dict(rules).to_dict(explicit=True),
            summary=version.summary,
            reason=version.reason,
            recorded_by=actor,
            adopted_how=version.adopted_how,
            adopted_by_body=version.adopted_by_body,
            adopted_on=version.adopted_on,
            motion_id=version.motion_id,
            changed_rules=keys,
            carried_from=version.number,
            **texts,
        )


def charter_amend(
    *,
    coalition: Coalition,
    actor,
    effective_from: date,
    summary: str,
    reason: str,
    mission: str,
    values: list,
    agreements: list,
    rules: dict,
    based_on: CharterVersion | None = None,
    adopted_how: str = CharterVersion.Adoption.RECORDED,
    adopted_by_body: str = "",
    adopted_on: date | None = None,
    motion_id: int | None = None,
    confirm_later: bool = True,
    language: str | None = None,
    translations: dict | None = None,
) -> CharterVersion:
    """Record an amendment as a new version. Raises RulesError for invalid rules.

    An amendment changes only what it names: the rules, mission, values and agreements
    that differ from the version it was written against (`based_on`, by default the one
    in force on its effective date) are applied on top of the version in force on its
    effective date, so it never silently undoes another amendment. When versions exist
    for later dates, `confirm_later=False` raises LaterVersionsExist so the host can see
    them first.
    """
    charter_rules.rules_from_dict(rules)
    coalition.__dict__.pop("_versions_cache", None)
    with transaction.atomic():
        # Lock the coalition row so two amendments cannot take the same number.
        Coalition.objects.select_for_update().filter(pk=coalition.pk).first()
        in_force = coalition.charter_in_force(effective_from)
        base = based_on or in_force
        if not confirm_later:
            later = later_versions(coalition, effective_from)
            if later:
                raise LaterVersionsExist(later)
        if base is None or in_force is None:
            named_keys = sorted(rules)
            new_rules = dict(rules)
        else:
            named_keys = charter_rules.named_changes(
                charter_rules.rules_from_dict(base.rules).to_dict(explicit=True),
                charter_rules.rules_from_dict(rules).to_dict(explicit=True),
            )
            new_rules = charter_rules.apply_named(
                charter_rules.rules_from_dict(in_force.rules).to_dict(explicit=True),
                charter_rules.rules_from_dict(rules).to_dict(explicit=True),
                named_keys,
            )
        parsed = charter_rules.rules_from_dict(new_rules)
        texts = {}
        for key, value in (("mission", mission), ("values", values), ("agreements", agreements)):
            if base is None or in_force is None or getattr(base, key) != value:
                texts[key] = value
                named_keys.append(key)
            else:
                texts[key] = getattr(in_force, key)
        if (
            translations is not None
            and base is not None
            and in_force is not None
            and ((base.language, base.translations) == (language or "", translations))
        ):
            translations = None  # as in the version it was written against: carried forward
        texts["language"], texts["translations"] = texts_in_other_languages(
            in_force, texts, language=language, translations=translations
        )
        number = (coalition.charter_versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = CharterVersion.objects.create(
            coalition=coalition,
            number=number,
            effective_from=effective_from,
            rules=parsed.to_dict(explicit=True),
            summary=summary,
            reason=reason,
            recorded_by=actor,
            adopted_how=adopted_how,
            adopted_by_body=adopted_by_body,
            adopted_on=adopted_on,
            motion_id=motion_id,
            changed_rules=named_keys,
            **texts,
        )
        if in_force is not None and base is not None:
            _carry_forward(coalition, actor, version, named_keys, effective_from)
        changes = {}
        if in_force is not None:
            changes = charter_rules.rules_diff(in_force.rules, version.rules)
            for key in ("mission", "values", "agreements", "language", "translations"):
                if getattr(in_force, key) != getattr(version, key):
                    changes[key] = [getattr(in_force, key), getattr(version, key)]
        changes["effective_from"] = [None, effective_from.isoformat()]
        changes["adopted_how"] = [None, adopted_how]
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.CHARTER_AMENDED,
            target=version,
            changes=changes,
        )
    return version


def structure_set(
    *,
    coalition: Coalition,
    actor,
    core_team_name: str,
    support_pods: list,
    issue_teams: list,
    layers: dict | None = None,
) -> None:
    """Which teams the coalition uses, and their names: new ones are added and the Core
    Team renamed. Nothing is deleted here (teams carry seats, campaigns and documents)."""
    from juntos.members.models import Team

    with transaction.atomic():
        teams = list(Team.objects.select_for_update().filter(coalition=coalition))
        before = sorted(f"{t.kind}:{t.name}" for t in teams)
        layers_before = dict(coalition.structure or {})
        if layers is not None:
            coalition.structure = layers
            coalition.save(update_fields=["structure", "updated_at"])
        core = next((t for t in teams if t.kind == Team.Kind.CORE_TEAM), None)
        if core_team_name and core is None:
            Team.objects.create(coalition=coalition, kind=Team.Kind.CORE_TEAM, name=core_team_name)
        elif core_team_name and core.name != core_team_name:
            core.name = core_team_name
            core.save(update_fields=["name", "updated_at"])
        for kind, names in (
            (Team.Kind.SUPPORT_POD, support_pods),
            (Team.Kind.ISSUE_TEAM, issue_teams),
        ):
            existing = {t.name: t for t in teams if t.kind == kind}
            for name in names:
                if name not in existing:
                    Team.objects.create(coalition=coalition, kind=kind, name=name)
        after = sorted(f"{t.kind}:{t.name}" for t in Team.objects.filter(coalition=coalition))
        if before != after or layers_before != (coalition.structure or {}):
            audit_record(
                coalition=coalition,
                actor=actor,
                action=Action.TEAM_CHANGED,
                target=coalition,
                changes={
                    "teams": [before, after],
                    "structure": [layers_before, coalition.structure],
                },
            )


def coalition_request_submit(
    *, user, name: str, slug: str, template: str, language: str, message: str = ""
):
    """Ask to start a coalition (only when JUNTOS_COALITION_REQUESTS is on)."""
    from juntos.charter.models import CoalitionRequest

    errors = coalition_check(slug=slug, name=name, template=template)
    if CoalitionRequest.objects.filter(slug=slug, status="pending").exists():
        errors["slug"] = _("Another coalition already has this address.")
    if errors:
        raise CoalitionError(errors)
    return CoalitionRequest.objects.create(
        requested_by=user,
        name=name.strip(),
        slug=slug,
        template=template,
        language=language,
        message=message,
    )


def coalition_request_decide(*, request_obj, actor, approve: bool):
    """An operator approves (the coalition is made through coalition_create, the asker its
    host, guided through set-up) or declines a request."""
    from juntos.charter.models import CoalitionRequest

    with transaction.atomic():
        locked = CoalitionRequest.objects.select_for_update().get(pk=request_obj.pk)
        if locked.status != CoalitionRequest.Status.PENDING:
            raise ValueError("already decided")
        if approve:
            locked.coalition = coalition_create(
                slug=locked.slug,
                name=locked.name,
                template=locked.template,
                host_email=locked.requested_by.email,
                language=locked.language,
                actor=actor,
                guided=True,
            )
        locked.status = (
            CoalitionRequest.Status.APPROVED if approve else CoalitionRequest.Status.DECLINED
        )
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save()
    return locked
