"""The migration turns words stored in one language into facts: template agenda rows,
removal reviews and closed motions written before (in English or in Spanish)."""

import importlib

from django.apps import apps
from django.utils import translation

from juntos.governance import phrases
from juntos.governance.models import AgendaItem, Motion, RemovalReview

from .helpers import meeting

migration = importlib.import_module("juntos.governance.migrations.0003_generated_words_as_facts")


def test_stored_words_become_facts_and_read_in_each_language(personas):
    m = meeting(personas, days=30)
    welcome = AgendaItem.objects.create(
        meeting=m,
        goal="Welcome and introductions",
        process="Names, pronouns, organization and role. Sign in for your organization.",
        kind="report",
    )
    with translation.override("es"):
        spanish_goal = translation.gettext("Removal review: %(member)s") % {"member": "Labor Test"}
        spanish_missed = translation.gettext(
            "%(n)d meetings missed without notifying the hosts."
        ) % {"n": 3}
    review_row = AgendaItem.objects.create(
        meeting=m, goal=spanish_goal, process=spanish_missed, kind="decision"
    )
    own = AgendaItem.objects.create(meeting=m, goal="Our own words", process="Keep them")
    review = RemovalReview.objects.create(
        coalition=personas.coalition,
        member=personas.other_member,
        trigger="absences",
        reason="3 meetings missed without notifying the hosts.",
    )
    motion = Motion.objects.create(
        meeting=m,
        kind="general",
        text="Endorse",
        status="closed",
        result="failed",
        closed_at=m.starts_at,
        tally={
            "yes": 1,
            "no": 2,
            "abstain": 0,
            "eligible": 3,
            "needed": 2,
            "vote_rule": "majority",
            "summary": "1 yes, 2 no, 0 abstaining: does not pass",
            "quorum": "Quorum: at least 1/2 of voting members present (2 of 3).",
        },
        rule_cited="General decisions: a majority of votes cast ...",
        outcome="Did not pass: 1 yes, 2 no, 0 abstaining: does not pass.",
    )

    migration.words_to_facts(apps, None)

    welcome.refresh_from_db()
    assert welcome.goal == "" and welcome.process == ""
    assert welcome.generated == {"template": "regular", "row": 0}
    review_row.refresh_from_db()
    assert review_row.goal == "" and review_row.process == ""
    assert review_row.generated == {"review": "Labor Test", "absences": 3}
    own.refresh_from_db()
    assert own.goal == "Our own words" and own.generated == {}
    review.refresh_from_db()
    assert review.reason == "" and review.absences == 3
    motion.refresh_from_db()
    assert motion.rule_cited == "" and motion.outcome == "" and "summary" not in motion.tally
    assert motion.tally["quorum"]["needed"] == 2 and motion.tally["quorum"]["total"] == 3
    with translation.override("en"):
        assert phrases.row_text(review_row, "goal") == "Removal review: Labor Test"
        assert phrases.motion_quorum(motion).endswith("(2 of 3).")
        assert phrases.motion_outcome(motion).startswith("Did not pass: 1 yes, 2 no")
    with translation.override("es"):
        assert phrases.row_text(review_row, "goal") == spanish_goal
        assert phrases.row_text(welcome, "goal") != "Welcome and introductions"
        assert phrases.motion_summary(motion) != "1 yes, 2 no, 0 abstaining: does not pass"
