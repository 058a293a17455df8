from datetime import datetime, timedelta

import pytest

from juntos.consent.rules import ConsentFact, contact_visible, current_consents

T0 = datetime(2026, 1, 1)


def test_silence_is_not_consent():
    assert current_consents([]) == {}


def test_latest_fact_wins_regardless_of_order():
    facts = [
        ConsentFact("contact_sharing", False, T0 + timedelta(days=2)),
        ConsentFact("contact_sharing", True, T0),
        ConsentFact("logo", True, T0 + timedelta(days=1)),
    ]
    assert current_consents(facts) == {"contact_sharing": False, "logo": True}


@pytest.mark.parametrize(
    ("role", "is_subject", "consented", "visible"),
    [
        ("host", False, False, True),
        ("core_team", False, False, False),
        ("core_team", False, True, True),
        ("representative", False, False, False),
        ("representative", False, True, True),
        ("supporter", False, True, False),
        (None, False, True, False),
        ("representative", True, False, True),
    ],
)
def test_contact_visibility(role, is_subject, consented, visible):
    assert (
        contact_visible(viewer_role=role, viewer_is_subject=is_subject, consented=consented)
        is visible
    )
