"""Amendments change only the rules they name and never silently undo each other."""

from datetime import date

from django.urls import reverse

from juntos.charter import services
from juntos.charter.models import CharterVersion


def amend(p, on, rules_change=None, **kw):
    current = p.coalition.charter_in_force(on) or p.coalition.charter_versions.first()
    rules = {**current.rules, **(rules_change or {})}
    return services.charter_amend(
        coalition=p.coalition,
        actor=p.host,
        effective_from=on,
        summary=kw.pop("summary", "change"),
        reason="",
        mission=kw.pop("mission", current.mission),
        values=current.values,
        agreements=current.agreements,
        rules=rules,
        based_on=current,
        **kw,
    )


def rules_on(p, on):
    return p.coalition.charter_in_force(on).parsed_rules


def test_an_earlier_dated_amendment_does_not_undo_a_later_one_nor_is_undone(personas):
    p = personas
    amend(p, date(2027, 6, 1), {"consent_window_hours": 48}, summary="48 hours")
    amend(p, date(2027, 3, 1), {"quorum_numerator": 3, "quorum_denominator": 5}, summary="3/5")
    march, june = rules_on(p, date(2027, 3, 15)), rules_on(p, date(2027, 6, 15))
    assert march.quorum_numerator == 3 and march.consent_window_hours == 24
    # From June the later amendment's 48 hours hold, and so does March's 3/5.
    assert june.consent_window_hours == 48 and june.quorum_numerator == 3
    carried = CharterVersion.objects.get(coalition=p.coalition, carried_from__isnull=False)
    assert carried.effective_from == date(2027, 6, 1)
    assert carried.changed_rules == ["quorum_denominator", "quorum_numerator"]


def test_a_later_version_that_names_the_same_rule_still_wins_on_its_date(personas):
    p = personas
    amend(p, date(2027, 6, 1), {"agenda_lead_days": 10})
    amend(p, date(2027, 3, 1), {"agenda_lead_days": 5})
    assert rules_on(p, date(2027, 3, 15)).agenda_lead_days == 5
    assert rules_on(p, date(2027, 6, 15)).agenda_lead_days == 10


def test_one_threshold_changed_leaves_the_others_as_in_force(personas):
    p = personas
    thresholds = dict(p.coalition.charter_in_force().rules["thresholds"])
    amend(
        p,
        date(2027, 6, 1),
        {
            "thresholds": {
                **thresholds,
                "general": {"rule": "three_fifths", "base": "votes_cast", "requires_quorum": True},
            }
        },
    )
    amend(
        p,
        date(2027, 3, 1),
        {
            "thresholds": {
                **thresholds,
                "remove_member": {"rule": "two_thirds", "base": "present", "requires_quorum": True},
            }
        },
    )
    june = rules_on(p, date(2027, 6, 15))
    assert june.threshold("general").rule == "three_fifths"
    assert june.threshold("remove_member").rule == "two_thirds"


def test_the_host_sees_later_versions_and_confirms(personas):
    p = personas
    amend(p, date(2099, 6, 1), {"consent_window_hours": 48}, summary="Longer consent window")
    client = p.client("host")
    url = reverse("charter:amend", args=[p.coalition.slug])
    page = client.get(url)
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    for key in ("session_months", "interim_months"):
        data[key] = [str(m) for m in data[key]]
    for key in ("interim_starts_in_person", "primary_contact_required"):
        if data.get(key) is True:
            data[key] = "on"
        else:
            data.pop(key, None)
    data.update(
        summary="Quorum 3/5",
        effective_from="2099-03-01",
        adopted_by_body="Annual assembly",
        adopted_on="2099-02-20",
        quorum_numerator=3,
        quorum_denominator=5,
    )
    first = client.post(url, data)
    assert first.status_code == 200
    assert "Longer consent window" in first.content.decode()
    assert p.coalition.charter_versions.count() == 2
    second = client.post(url, {**data, "confirm_later": "on"})
    assert second.status_code == 302
    version = p.coalition.charter_versions.get(effective_from=date(2099, 3, 1))
    assert version.adopted_how == "outside" and version.adopted_by_body == "Annual assembly"
    history = client.get(reverse("charter:charter", args=[p.coalition.slug])).content.decode()
    assert "Adopted outside Juntos: Annual assembly" in history
    assert "Changes only: Quorum" in history
    assert "Carries version 3" in history  # the 48 hours version, carried forward


def test_an_amendment_passed_by_motion_says_so(personas):
    from datetime import datetime, time

    from django.utils import timezone

    from juntos.governance import services as gov

    p = personas
    starts = timezone.make_aware(datetime.combine(timezone.localdate(), time(9, 0)))
    meeting = gov.meeting_add(
        coalition=p.coalition, actor=p.host, kind="regular", starts_at=starts, place="Hall"
    )
    from juntos.governance.models import Motion
    from juntos.governance.services.votes import _apply_outcome

    motion = Motion.objects.create(
        meeting=meeting,
        kind="amend_charter",
        text="Lower quorum",
        amendment={
            "summary": "Quorum 1/2",
            "rules": {"quorum_numerator": 1, "quorum_denominator": 2},
        },
    )
    _apply_outcome(motion, meeting, p.host, p.coalition.charter_in_force().parsed_rules)
    version = p.coalition.charter_versions.order_by("-number").first()
    assert version.adopted_how == "motion" and version.motion_id == motion.pk
    assert version.changed_rules == ["quorum_denominator", "quorum_numerator"]
