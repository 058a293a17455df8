"""Governance's generated words are stored as facts and rendered in each reader's
language: motion tallies, rules, quorum lines and outcomes, template agenda rows, removal
reviews and issue-priority rows."""

from django.utils import translation

from juntos.governance import phrases, services
from juntos.governance.models import AgendaItem, Motion
from tests.governance.helpers import all_present, application, check_in, meeting, person_of


def both(fn, *args):
    out = {}
    for lang in ("en", "es"):
        with translation.override(lang):
            out[lang] = fn(*args)
    return out


def test_a_closed_motion_stores_facts_and_reads_in_each_language(personas):
    m = meeting(personas)
    check_in(personas, m, personas.member, personas.other_member)
    app = application(personas)
    motion = services.motion_open(
        meeting=m, actor=personas.host, kind="admit_member", text="Admit", subject_application=app
    )
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=None)
    services.ballot_cast(motion=motion, member=personas.other_member, choice="no", actor=None)
    with translation.override("en"):
        closed = services.motion_close(motion=motion, actor=personas.host)
    closed = Motion.objects.get(pk=closed.pk)
    # Nothing in words is stored: only kinds, counts and names.
    assert closed.rule_cited == "" and closed.outcome == ""
    assert "summary" not in closed.tally and "rule" not in closed.tally
    assert closed.tally["quorum"]["needed"] >= 1
    summary = both(phrases.motion_summary, closed)
    assert summary["en"] == "1 yes, 1 no, 0 abstaining: does not pass"
    assert summary["es"].startswith("1 a favor") or "1 sí" in summary["es"], summary["es"]
    rule = both(phrases.motion_rule, closed)
    assert "majority" in rule["en"] and "mayoría" in rule["es"]
    quorum = both(phrases.motion_quorum, closed)
    assert quorum["en"].startswith("Quorum") and quorum["es"].startswith("Quórum")
    outcome = both(phrases.motion_outcome, closed)
    assert outcome["en"].startswith("Did not pass") and outcome["en"] != outcome["es"]


def test_a_passed_outcome_and_a_missing_quorum_read_in_each_language(personas):
    m = meeting(personas)
    check_in(personas, m, personas.member, personas.other_member)
    app = application(personas)
    motion = services.motion_open(
        meeting=m, actor=personas.host, kind="admit_member", text="Admit", subject_application=app
    )
    services.ballot_cast(motion=motion, member=personas.member, choice="yes", actor=None)
    closed = services.motion_close(motion=motion, actor=personas.host)
    outcome = both(phrases.motion_outcome, closed)
    assert outcome["en"] == "Nueva Org is now a member."
    assert "Nueva Org" in outcome["es"] and outcome["es"] != outcome["en"]
    unquorate = Motion(result="no_quorum", tally={**closed.tally, "passed": False})
    words = both(phrases.motion_outcome, unquorate)
    assert words["en"].startswith("No quorum") and words["es"] != words["en"]
    amended = Motion(
        result="passed",
        tally={
            **closed.tally,
            "kind": "amend_charter",
            "outcome": {"version": 3, "date": "2027-03-10"},
        },
    )
    words = both(phrases.motion_outcome, amended)
    assert "March 10, 2027" in words["en"] and "marzo" in words["es"]


def test_template_rows_are_rendered_in_the_readers_language(personas):
    m = meeting(personas, days=30)
    with translation.override("es"):
        rows = services.agenda_template_apply(meeting=m, actor=personas.host, template="regular")
    first = AgendaItem.objects.get(pk=rows[0].pk)
    assert first.goal == "" and first.generated == {"template": "regular", "row": 0}
    goal = both(phrases.row_text, first, "goal")
    assert goal["en"] == "Welcome and introductions"
    assert goal["es"] != goal["en"] and goal["es"]
    assert both(phrases.row_text, first, "process")["es"] != phrases.row_text(first, "process")


def test_editing_a_template_row_keeps_untouched_words_generated(personas):
    m = meeting(personas, days=30)
    item = services.agenda_template_apply(meeting=m, actor=personas.host, template="regular")[0]
    data = {"goal": "Bienvenida", "process": phrases.row_text(item, "process"), "time": "0:05"}
    kept = phrases.keep_generated(item, data)
    assert kept == {"goal": "Bienvenida", "process": "", "time": "0:05"}


def test_removal_review_and_priority_rows_read_in_each_language(personas):
    m = meeting(personas, days=30)
    all_present(personas, m)
    review = AgendaItem(meeting=m, generated=phrases.review_row(member="Labor Test", absences=3))
    goal = both(phrases.row_text, review, "goal")
    assert goal["en"] == "Removal review: Labor Test" and "Labor Test" in goal["es"]
    assert goal["es"] != goal["en"]
    process = both(phrases.row_text, review, "process")
    assert process["en"] == "3 meetings missed without notifying the hosts."
    assert "3" in process["es"] and process["es"] != process["en"]
    services.priority_propose(
        coalition=personas.coalition, actor=personas.rep, member=None, title="Licenses"
    )
    row = services.priorities_review_add(meeting=m, actor=person_of(personas, personas.core).user)[
        0
    ]
    goal = both(phrases.row_text, row, "goal")
    process = both(phrases.row_text, row, "process")
    assert goal["en"] == "Issue priority: Licenses" and goal["es"] != goal["en"]
    assert "no guidance yet" in process["en"] and "no guidance" not in process["es"]
