"""Words drawn on the server's charts are in the reader's language (they were missing
from the catalogue: `_()` inside f-strings is invisible to makemessages)."""

from datetime import date

from django.utils import translation

from juntos.campaigns.svg import progress_svg
from juntos.relationships.svg import power_grid_svg


def in_both(fn):
    out = {}
    for lang in ("en", "es"):
        with translation.override(lang):
            out[lang] = str(fn())
    return out


def test_empty_progress_chart_says_so_in_each_language():
    words = in_both(
        lambda: progress_svg(
            title="Signatures",
            baseline=0,
            target=100,
            due_on=date(2027, 6, 1),
            start=date(2027, 1, 1),
            points=[],
        )
    )
    assert "No progress recorded yet" in words["en"]
    assert "Aún no se ha registrado ningún avance" in words["es"]


def test_power_grid_axis_in_each_language():
    words = in_both(lambda: power_grid_svg([]))
    assert "More power" in words["en"] and "Más poder" in words["es"]
