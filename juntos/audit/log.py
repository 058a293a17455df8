"""The one call every audited write goes through."""

from juntos.audit.models import Action, AuditEntry


def audit_record(*, coalition, actor, action: Action, target, changes: dict | None = None):
    label = ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        label = str(actor)
    elif actor is None:
        label = "system"
    else:
        label = "public"
    return AuditEntry.objects.create(
        coalition=coalition,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=label,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:300],
        changes=changes or {},
    )


def _plain(value):
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    return str(value)


def field_changes(before: dict, after: dict) -> dict:
    """{field: [before, after]} for the fields that changed, as JSON-safe values."""
    return {
        k: [_plain(before.get(k)), _plain(after.get(k))]
        for k in after
        if before.get(k) != after.get(k)
    }


def assign(instance, values: dict) -> dict:
    """Set the fields on `instance` (unsaved) and return what changed, for the audit log."""
    before = {k: getattr(instance, k) for k in values}
    for key, value in values.items():
        setattr(instance, key, value)
    return field_changes(before, values)
