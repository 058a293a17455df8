"""Every string of the interface has a Spanish translation, and the compiled catalog the
app loads is the one the translators wrote."""

import ast
import gettext
import re
from pathlib import Path

PO = Path(__file__).resolve().parents[1] / "juntos/locale/es/LC_MESSAGES/django.po"


def entries():
    text = PO.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$', line)
            if match:
                current = match.group(1)
                fields[current] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and current:
                fields[current] += ast.literal_eval(line)
        if fields.get("msgid"):
            yield fields, fuzzy


def test_no_string_is_left_untranslated_or_fuzzy():
    missing = []
    for fields, fuzzy in entries():
        strs = [v for k, v in fields.items() if k.startswith("msgstr")]
        if fuzzy or not strs or not all(strs):
            missing.append(fields["msgid"][:60])
    assert not missing, missing[:10]


def test_compiled_catalog_matches_the_po_file():
    with open(PO.with_suffix(".mo"), "rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    stale = []
    for fields, _fuzzy in entries():
        if "msgid_plural" in fields or "msgctxt" in fields:
            continue
        if catalog.gettext(fields["msgid"]) != fields["msgstr"]:
            stale.append(fields["msgid"][:60])
    assert not stale, f"run `juntos compilemessages`: {stale[:5]}"


def test_placeholders_survive_translation():
    broken = []
    for fields, _fuzzy in entries():
        wanted = sorted(re.findall(r"%\(\w+\)[sd]", fields["msgid"]))
        for key, value in fields.items():
            if key.startswith("msgstr") and value:
                got = sorted(set(re.findall(r"%\(\w+\)[sd]", value)))
                if got != sorted(set(wanted)) and not (
                    key == "msgstr[0]" and set(got) <= set(wanted)
                ):
                    broken.append(fields["msgid"][:60])
    assert not broken, broken[:10]
