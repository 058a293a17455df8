"""A campaign started from a playbook keeps the playbook's words as a reference, not as
text in its starter's language: the fields it pre-fills stay empty and are rendered from
the playbook in each reader's language until the team writes its own."""

from __future__ import annotations

from juntos.campaigns.playbooks import playbook_for

CAMPAIGN_FIELDS = ("issue", "case", "tactics_notes", "messaging")


def playbook_words(playbook: str) -> dict:
    """The campaign-level words of a playbook, in the active language."""
    text = playbook_for(playbook) if playbook else None
    if text is None:
        return {}
    return {
        "issue": str(text.issue),
        "case": str(text.case),
        "tactics_notes": "\n".join(f"{int(r)}. {idea}" for r, idea in text.tactics),
        "messaging": str(text.messaging),
    }


def campaign_text(campaign, field: str) -> str:
    own = getattr(campaign, field)
    if own or not campaign.playbook or field not in CAMPAIGN_FIELDS:
        return own
    return playbook_words(campaign.playbook).get(field, "")


def keep_playbook(campaign, data: dict) -> dict:
    """On saving the chart: a field left as the playbook's words stays empty."""
    words = playbook_words(campaign.playbook)
    return {
        k: ("" if k in words and isinstance(v, str) and v.strip() == words[k].strip() else v)
        for k, v in data.items()
    }


def row_refs(playbook: str) -> list[tuple[str, dict]]:
    """(reference, words) for the stakeholder and target rows a playbook pre-fills."""
    text = playbook_for(playbook) if playbook else None
    if text is None:
        return []
    rows = []
    for side, entries in (("ally", text.allies), ("unlikely", text.unlikely)):
        for i, (name, plan) in enumerate(entries):
            rows.append((f"{side}:{i}", {"name": str(name), "outreach_plan": str(plan)}))
    for i, (name, capacity) in enumerate(text.opponents):
        rows.append((f"opponent:{i}", {"name": str(name), "capacity": str(capacity)}))
    for i, (_level, name, title) in enumerate(text.targets):
        rows.append((f"target:{i}", {"name": str(name), "title": str(title)}))
    return rows


def row_text(row, field: str) -> str:
    """A stakeholder's or target's words: its own, or its playbook row's in this language."""
    own = getattr(row, field)
    ref = getattr(row, "playbook_ref", "")
    if own or not ref:
        return own
    return dict(row_refs(row.campaign.playbook)).get(ref, {}).get(field, "")
