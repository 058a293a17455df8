"""A meeting held under a coalition's own charter: the threshold's base decides the vote."""

from datetime import date

from juntos.charter import services as charter_services
from juntos.governance import phrases, services
from juntos.governance.models import Motion
from tests.governance.helpers import check_in, core_member, meeting


def own_rules(p, **changes):
    current = p.coalition.charter_in_force()
    charter_services.charter_amend(
        coalition=p.coalition,
        actor=p.host,
        effective_from=date(2020, 1, 1),  # the same day as version 1, so in force at any date
        summary="Our bylaws",
        reason="",
        mission=current.mission,
        values=current.values,
        agreements=current.agreements,
        rules={**current.rules, **changes},
    )


def test_two_thirds_of_those_present_counts_an_abstention_against(personas):
    p = personas
    thresholds = dict(
        p.coalition.charter_in_force().parsed_rules.to_dict(explicit=True)["thresholds"]
    )
    thresholds["general"] = {"rule": "two_thirds", "base": "present", "requires_quorum": True}
    own_rules(p, quorum_numerator=1, quorum_denominator=2, thresholds=thresholds)
    m = meeting(p)
    check_in(p, m, p.member, core_member(p))
    motion = services.motion_open(meeting=m, actor=p.host, kind="general", text="Join the march")
    services.ballot_cast(motion=motion, member=p.member, choice="yes", actor=p.host)
    services.ballot_cast(motion=motion, member=core_member(p), choice="abstain", actor=p.host)
    closed = services.motion_close(motion=motion, actor=p.host)
    # Of votes cast it would pass (1 of 1); of the 2 present it needs 2.
    assert closed.result == Motion.Result.FAILED
    assert "two thirds of voting members present" in phrases.motion_rule(closed)
    assert closed.tally["needed"] == 2


def test_quorum_of_all_members_counts_members_who_do_not_vote(personas):
    from juntos.governance import selectors
    from juntos.members.models import Person

    p = personas
    # Without a primary contact a member does not vote (the seed's commitment).
    Person.objects.filter(member=p.other_member).update(is_primary_contact=False)
    m = meeting(p)
    check_in(p, m, p.member, core_member(p))
    by_voting = selectors.voting_picture(m).quorum.result
    assert (by_voting.total, by_voting.met) == (2, True)
    own_rules(p, quorum_numerator=3, quorum_denominator=4, quorum_base="members")
    by_members = selectors.voting_picture(m).quorum.result
    assert (by_members.total, by_members.needed, by_members.met) == (3, 3, False)
