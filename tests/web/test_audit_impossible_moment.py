"""An audit value that looks like a moment but is none reads as typed, not a 500."""

from juntos.audit import reader


def test_a_value_with_an_impossible_offset_reads_as_typed():
    assert reader.value_words("2026-01-01T00:00:00+99:00") == "2026-01-01T00:00:00+99:00"
