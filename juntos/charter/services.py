"""Writes to a coalition's charter. Every one is atomic and audited."""

from datetime import date

from django.db import transaction
from django.db.models import Max

from juntos.audit.log import audit_record
from juntos.audit.models import Action
from juntos.charter import rules as charter_rules
from juntos.charter.models import CharterVersion, Coalition


def coalition_create(
    *,
    slug: str,
    name: str,
    host_name: str,
    mission: str,
    values: list,
    agreements: list,
    rules: dict | None = None,
    effective_from: date,
    actor=None,
    parent: Coalition | None = None,
) -> Coalition:
    parsed = charter_rules.rules_from_dict(rules or {})
    with transaction.atomic():
        coalition = Coalition.objects.create(
            slug=slug, name=name, host_name=host_name, parent=parent
        )
        version = CharterVersion.objects.create(
            coalition=coalition,
            number=1,
            effective_from=effective_from,
            mission=mission,
            values=values,
            agreements=agreements,
            rules=parsed.to_dict(),
            summary="Charter adopted",
            recorded_by=actor,
        )
        audit_record(
            coalition=coalition, actor=actor, action=Action.CHARTER_ADOPTED, target=version
        )
    return coalition


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
) -> CharterVersion:
    """Record an amendment as a new version. Raises RulesError for invalid rules."""
    parsed = charter_rules.rules_from_dict(rules)
    with transaction.atomic():
        # Lock the coalition row so two amendments cannot take the same number.
        Coalition.objects.select_for_update().filter(pk=coalition.pk).first()
        previous = coalition.charter_versions.order_by("-number").first()
        number = (coalition.charter_versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = CharterVersion.objects.create(
            coalition=coalition,
            number=number,
            effective_from=effective_from,
            mission=mission,
            values=values,
            agreements=agreements,
            rules=parsed.to_dict(),
            summary=summary,
            reason=reason,
            recorded_by=actor,
        )
        changes = {}
        if previous is not None:
            changes = charter_rules.rules_diff(previous.rules, version.rules)
            for key in ("mission", "values", "agreements"):
                if getattr(previous, key) != getattr(version, key):
                    changes[key] = [getattr(previous, key), getattr(version, key)]
        changes["effective_from"] = [None, effective_from.isoformat()]
        audit_record(
            coalition=coalition,
            actor=actor,
            action=Action.CHARTER_AMENDED,
            target=version,
            changes=changes,
        )
    return version
