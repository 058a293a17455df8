"""Casting and closing at the same moment, on PostgreSQL where rows really lock.

50 threads cast ballots (some for the same member at once) while others close the vote.
Afterwards: one ballot per member, one close, and a tally equal to the stored ballots.
"""

import random
import threading

import pytest
from django.db import connection, connections

from juntos.governance import services
from juntos.governance.models import Ballot, Motion
from juntos.governance.services import GovernanceError
from juntos.members import services as member_services
from juntos.members.models import Member

from .helpers import meeting

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL)"
    ),
]


def _run_together(jobs):
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(i, job):
        try:
            barrier.wait()
            outcomes[i] = ("ok", job())
        except GovernanceError as error:
            outcomes[i] = ("refused", error.message)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            outcomes[i] = ("error", repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return outcomes


def test_fifty_concurrent_casts_and_closes_agree_with_the_stored_ballots(personas):
    for i in range(47):
        member_services.member_add(
            coalition=personas.coalition,
            actor=personas.host,
            data={"kind": "organization", "name": f"Org {i:02d}"},
            representative={"full_name": f"Rep {i}", "email": f"rep{i}@x.example"},
        )
    members = list(Member.objects.filter(coalition=personas.coalition))
    assert len(members) == 50
    m = meeting(personas)
    for member in members:
        services.attendance_check_in(meeting=m, member=member, person=None, actor=personas.host)
    motion = services.motion_open(meeting=m, actor=personas.host, kind="general", text="Adjourn")

    rng = random.Random(50)
    jobs = []
    for member in members:
        choice = rng.choice(["yes", "no", "abstain"])
        jobs.append(
            lambda member=member, choice=choice: services.ballot_cast(
                motion=motion, member=member, choice=choice, actor=None
            )
        )
    for member in members[:5]:  # the same member casting twice at the same moment
        jobs.append(
            lambda member=member: services.ballot_cast(
                motion=motion, member=member, choice="yes", actor=None
            )
        )
    for _ in range(5):
        jobs.append(lambda: services.motion_close(motion=motion, actor=personas.host))
    rng.shuffle(jobs)

    outcomes = _run_together(jobs)

    errors = [o for o in outcomes if o is None or o[0] == "error"]
    assert not errors, errors
    closes = [o for o in outcomes if o[0] == "ok" and isinstance(o[1], Motion)]
    assert len(closes) == 1, "exactly one close wins"
    motion.refresh_from_db()
    assert motion.status == Motion.Status.CLOSED
    stored = list(Ballot.objects.filter(motion=motion).values_list("member_id", "choice"))
    assert len(stored) == len({member for member, _ in stored}), "one ballot per member"
    counts = {c: sum(1 for _, x in stored if x == c) for c in ("yes", "no", "abstain")}
    assert (motion.tally["yes"], motion.tally["no"], motion.tally["abstain"]) == (
        counts["yes"],
        counts["no"],
        counts["abstain"],
    )
    refused = [o for o in outcomes if o[0] == "refused"]
    accepted = [o for o in outcomes if o[0] == "ok" and isinstance(o[1], Ballot)]
    assert len(accepted) + len(refused) + len(closes) == len(jobs)
    # Every refusal came after the close, and every accepted ballot is in the tally.
    assert all("closed" in message for _, message in refused)
    assert {b.member_id for _, b in accepted} == {member for member, _ in stored}
