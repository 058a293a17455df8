"""What the campaign services share: the error they raise and how they audit."""

from django.forms.models import model_to_dict

from juntos.audit.log import audit_record, field_changes


class CampaignError(Exception):
    """A write refused, with the reason and the rule applied."""

    def __init__(self, message: str, rule: str = "", problems=None):
        super().__init__(message)
        self.message = message
        self.rule = rule
        self.problems = problems or []


class NeedsConfirmation(Exception):
    """A write the rules warn about: it happens only when the person confirms."""

    def __init__(self, warnings: list[str], rules: list[str]):
        super().__init__("; ".join(warnings))
        self.warnings = warnings
        self.rules = rules


def snapshot(obj, fields) -> dict:
    return model_to_dict(obj, fields=fields)


def audit(*, coalition, actor, action, target, before=None, after=None, changes=None):
    if changes is None:
        changes = field_changes(before or {}, after or {})
    return audit_record(
        coalition=coalition, actor=actor, action=action, target=target, changes=changes
    )
