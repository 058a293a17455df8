"""Every string marked for translation in juntos/ (Python `_()` and template
`{% translate %}` / `{% blocktranslate %}`) has a Spanish translation in the catalogue.

The strings are extracted the way `makemessages` does (Django's `templatize` for
templates, `xgettext` with Django's keywords), into a temporary directory: the real
.po file is only read, never rewritten."""

import ast
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils.translation.template import templatize

from tests.test_translations import PO, entries

ROOT = Path(__file__).resolve().parents[1] / "juntos"
KEYWORDS = [
    "gettext_noop",
    "gettext_lazy",
    "ngettext_lazy:1,2",
    "pgettext:1c,2",
    "npgettext:1c,2,3",
    "pgettext_lazy:1c,2",
    "npgettext_lazy:1c,2,3",
    "_",
    "gettext",
    "ngettext:1,2",
]


SIMPLE = {"_", "gettext", "gettext_lazy", "gettext_noop"}
CONTEXT = {"pgettext", "pgettext_lazy"}


def python_calls() -> set[tuple[str, str]]:
    """What xgettext cannot see: `_()` inside f-strings."""
    found = set()
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            if node.func.id in SIMPLE and args and isinstance(args[0], str):
                found.add(("", args[0]))
            elif node.func.id in CONTEXT and len(args) > 1 and all(args[:2]):
                found.add((args[0], args[1]))
    return found


def extracted(tmp_path: Path) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """Every (context, msgid) marked in juntos/, and apart the ones marked as plurals."""
    files = [str(p) for p in ROOT.rglob("*.py") if "migrations" not in p.parts]
    for p in [*ROOT.rglob("*.html"), *ROOT.rglob("*.txt")]:
        out = tmp_path / (str(p.relative_to(ROOT)).replace("/", "__") + ".py")
        out.write_text(templatize(p.read_text(encoding="utf-8"), origin=str(p)), encoding="utf-8")
        files.append(str(out))
    pot = tmp_path / "juntos.pot"
    subprocess.run(
        ["xgettext", "--language=Python", "--from-code=UTF-8", "--output", str(pot)]
        + [f"--keyword={k}" for k in KEYWORDS]
        + files,
        check=True,
        capture_output=True,
    )
    # Read the template with the same parser as the catalogue.
    import tests.test_translations as tt

    original = tt.PO
    try:
        tt.PO = pot
        found = list(tt.entries())
    finally:
        tt.PO = original
    marked = {(f.get("msgctxt", ""), f["msgid"]) for f, _fuzzy in found}
    plural = {(f.get("msgctxt", ""), f["msgid"]) for f, _fuzzy in found if "msgid_plural" in f}
    return marked | python_calls(), plural


def untranslated(marked, plural, catalogue) -> list[tuple[str, str]]:
    """The marked strings the catalogue leaves without Spanish: absent, fuzzy, an empty
    msgstr, or (for a string used with ngettext) an entry without its plural forms."""
    singular, plurals = set(), set()
    for f, fuzzy in catalogue:
        strs = [v for k, v in f.items() if k.startswith("msgstr")]
        if fuzzy or not strs or not all(strs):
            continue
        key = (f.get("msgctxt", ""), f["msgid"])
        singular.add(key)
        if "msgid_plural" in f and len(strs) >= 2:
            plurals.add(key)
    return sorted((marked - singular) | (plural - plurals))


def test_the_check_catches_a_missing_string_and_a_missing_plural_form():
    catalogue = [
        ({"msgid": "Vote", "msgstr": "Votación"}, False),
        ({"msgctxt": "button", "msgid": "Vote", "msgstr": ""}, False),
        ({"msgid": "%(n)s member", "msgstr": "%(n)s miembro"}, False),
        ({"msgid": "Late", "msgstr": "Tarde"}, True),
    ]
    marked = {("", "Vote"), ("button", "Vote"), ("", "%(n)s member"), ("", "Late"), ("", "New")}
    assert untranslated(marked, {("", "%(n)s member")}, catalogue) == [
        ("", "%(n)s member"),
        ("", "Late"),
        ("", "New"),
        ("button", "Vote"),
    ]


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs gettext's xgettext")
def test_every_marked_string_has_a_spanish_translation(tmp_path):
    assert PO.exists()
    marked, plural = extracted(tmp_path)
    # Templates ({% translate %} with and without context), Python and plurals were all read.
    assert {("", "Not here yet"), ("button: cast a ballot", "Vote")} <= marked
    assert len(marked) > 2000 and plural
    missing = untranslated(marked, plural, list(entries()))
    assert not missing, f"{len(missing)} strings without Spanish: {missing[:20]}"
