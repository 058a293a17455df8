"""Pure rules: the power grid, the ladder of engagement, the pipeline's steps, letters."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.utils.translation import override

from juntos.core import pdf as core_pdf
from juntos.relationships import letters, rules


@pytest.mark.parametrize(
    ("power", "stance", "key"),
    [
        (5, 2, "ally_power"),
        (3, 1, "ally_power"),
        (2, 2, "ally"),
        (5, -2, "opponent_power"),
        (1, -1, "opponent"),
        (4, 0, "target"),
        (2, 0, "undecided"),
    ],
)
def test_power_grid_quadrants(power, stance, key):
    assert rules.quadrant(power, stance).key == key


@pytest.mark.parametrize(("power", "stance"), [(0, 0), (6, 0), (3, 3), (3, -3)])
def test_power_grid_refuses_values_off_the_grid(power, stance):
    with pytest.raises(ValueError):
        rules.quadrant(power, stance)


def test_latest_placement_wins_and_ties_go_to_the_later_row():
    rows = [
        SimpleNamespace(c=1, on=date(2025, 1, 1), v="a"),
        SimpleNamespace(c=1, on=date(2025, 3, 1), v="b"),
        SimpleNamespace(c=1, on=date(2025, 2, 1), v="c"),
        SimpleNamespace(c=2, on=date(2025, 1, 1), v="d"),
        SimpleNamespace(c=2, on=date(2025, 1, 1), v="e"),
    ]
    current = rules.latest_by(rows, key=lambda r: r.c, when=lambda r: r.on)
    assert {k: r.v for k, r in current.items()} == {1: "b", 2: "e"}


def test_ladder_position_keeps_history_in_date_order():
    pos = rules.ladder_position(
        [
            ("leader", date(2025, 5, 1)),
            ("supporter", date(2024, 1, 1)),
            ("volunteer", date(2024, 6, 1)),
        ]
    )
    assert pos.level == "leader" and pos.since == date(2025, 5, 1)
    assert [lvl for lvl, _on in pos.history] == ["supporter", "volunteer", "leader"]
    assert pos.in_development and not pos.moved_down


def test_ladder_stepping_back_and_core_leaders():
    back = rules.ladder_position([("leader", date(2024, 1, 1)), ("volunteer", date(2025, 1, 1))])
    assert back.moved_down and back.level == "volunteer"
    core = rules.ladder_position([("core_leader", date(2025, 1, 1))])
    assert not core.in_development
    assert rules.ladder_position([]).level is None
    with pytest.raises(ValueError):
        rules.ladder_position([("boss", date(2025, 1, 1))])


def test_pipeline_has_the_seeds_ten_steps_and_empty_columns_show():
    assert tuple(range(1, 11)) == rules.STEP_NUMBERS
    entries = [SimpleNamespace(stage=6, n="Chamber"), SimpleNamespace(stage=2, n="Builders")]
    columns = rules.pipeline_columns(entries)
    assert len(columns) == 10
    assert [e.n for e in columns[5][2]] == ["Chamber"] and columns[0][2] == []
    assert str(rules.step_title(6)) == "Meeting"
    with pytest.raises(ValueError):
        rules.step_title(11)


def test_merge_fields_found_once_in_order_and_unknown_ones_named():
    assert letters.fields_used("Hi {{ recipient_name }}", "{{state}} {{recipient_name}}") == [
        "recipient_name",
        "state",
    ]
    assert letters.unknown_fields("{{ recipient_name }} {{ salary }} {{ zip }}") == [
        "salary",
        "zip",
    ]


def test_missing_values_names_each_recipient_and_field():
    body = "Dear {{ recipient_name }}, {{ recipient_title }} at {{ organization }}"
    rows = [
        {"recipient_name": "Ana", "recipient_title": "Owner", "organization": "Bakery"},
        {"recipient_name": "Bo", "recipient_title": "  ", "organization": ""},
    ]
    missing = letters.missing_values("Subject", body, rows)
    assert missing == [letters.Missing("Bo", ("recipient_title", "organization"))]
    assert letters.missing_values("S", body, rows[:1]) == []


def test_render_fills_fields_and_leaves_text_alone():
    text = "Dear {{ recipient_name }}, {{recipient_name}}! {not a field}"
    assert letters.render(text, {"recipient_name": "Ana"}) == "Dear Ana, Ana! {not a field}"


def test_introduction_letter_is_our_own_and_uses_only_known_fields():
    subject, body = letters.introduction_letter()
    assert letters.unknown_fields(subject, body) == []
    used = set(letters.fields_used(subject, body))
    assert {"recipient_name", "organization", "member_name", "state", "sender_name"} <= used
    # Written after the seed's sample, not copied from it.
    assert "dearth of willing native born workers" not in body
    assert "AILA" not in body


def test_pdf_handles_accents_and_typographic_quotes():
    pdf = letters.letter_pdf(
        subject="Colaboración “juntos”", body="Señora Núñez — gracias.", letterhead="Casa Niños"
    )
    assert pdf.startswith(b"%PDF") and len(pdf) > 500


def test_signature_block_is_the_closing_with_the_name_under_it():
    body = "Dear Ana,\n\nThe letter.\n\nSincerely,\n\nAna Morales\nDirector"
    assert letters.signature_split(body) == (
        ["Dear Ana,", "The letter."],
        ["Sincerely,", "Ana Morales\nDirector"],
    )
    # A closing written together with the name is the block on its own.
    assert letters.signature_split("The letter.\n\nWith respect,\nIFCLA")[1] == [
        "With respect,\nIFCLA"
    ]
    assert letters.signature_split("") == ([], [])


def _page_texts(doc) -> list[bytes]:
    return [bytes(doc.pages[n].contents) for n in sorted(doc.pages)]


def test_letter_signature_is_never_split_across_pages(monkeypatch):
    # Helvetica (no embedded font): the text stays readable in each page's content.
    monkeypatch.setattr(core_pdf, "FONT_DIRS", ())
    page_counts = set()
    for filler in range(10, 50):
        lines = "\n".join("One more line of the letter." for _ in range(filler))
        body = f"Dear Ana,\n\n{lines}\n\nSincerely,\n\nAna Morales\nDirector, IFCLA"
        doc = letters.letter_document(
            subject="S", body=body, letterhead="Casa Test", day=date(2027, 3, 10)
        )
        pages = _page_texts(doc)
        page_counts.add(len(pages))
        on = {
            word: [i for i, text in enumerate(pages) if word in text]
            for word in (b"Sincerely,", b"Ana Morales", b"Director, IFCLA")
        }
        assert len({tuple(v) for v in on.values()}) == 1 and len(on[b"Sincerely,"]) == 1, (
            filler,
            on,
        )
    assert page_counts == {1, 2}  # the filler walks the signature over the page's end


def test_letter_head_carries_sender_address_date_in_words_and_honorific(monkeypatch):
    monkeypatch.setattr(core_pdf, "FONT_DIRS", ())
    with override("es"):
        doc = letters.letter_document(
            subject="Asunto",
            body="Estimada senadora:\n\nGracias.\n\nAtentamente,\n\nAna",
            letterhead="Casa Test",
            sender_address="1 Main St\nKansas City, MO 64108",
            recipient=["Honorable Rosa Vega", "Senado estatal"],
            day=date(2027, 3, 10),
        )
    text = _page_texts(doc)[0]
    for words in (b"1 Main St", b"Kansas City, MO 64108", b"10 de marzo de 2027"):
        assert words in text
    assert b"Honorable Rosa Vega" in text and b"Senado estatal" in text
    assert text.index(b"Casa Test") < text.index(b"1 Main St") < text.index(b"10 de marzo")
