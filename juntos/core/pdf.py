"""What every printed PDF (sign-in sheets, postcards, letters) needs from fpdf2: a font
that can write Spanish names, and a way to write text when the system has none."""

from collections.abc import Callable
from pathlib import Path

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
# Helvetica is Latin-1 only: typographic quotes and dashes become their plain forms.
_PLAIN = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}


def font(pdf) -> tuple[str, Callable[[object], str]]:
    """Add DejaVu Sans where the system has it (any character) and return its family with a
    text cleaner that keeps everything; else Helvetica with one that keeps Latin-1."""
    for folder in FONT_DIRS:
        regular = folder / "DejaVuSans.ttf"
        if regular.exists():
            pdf.add_font("DejaVu", "", str(regular))
            bold = folder / "DejaVuSans-Bold.ttf"
            pdf.add_font("DejaVu", "B", str(bold if bold.exists() else regular))
            return "DejaVu", str
    return "Helvetica", latin1


def latin1(text) -> str:
    text = "".join(_PLAIN.get(ch, ch) for ch in str(text))
    return text.encode("latin-1", "replace").decode("latin-1")
