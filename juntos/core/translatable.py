"""A coalition's own texts in more than one language.

A translatable model keeps its text fields as the *original* version, says in `language`
which language that is ("" for texts written before languages were recorded), and keeps the
other versions in `translations`: {"es": {"title": ..., "description": ...}}. Models that
store versions differently (notices keep English and Spanish columns) define
`text_versions(field) -> {language: text}` instead.

The languages come from the setting JUNTOS_CONTENT_LANGUAGES (en, es by default); a coalition
picks among them (`Coalition.languages`). Readers get their language, falling back to the
original and then to the others with a "not yet translated" mark; mail goes out in each
recipient's language. APIs and exports keep the original.
"""

from copy import deepcopy
from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

BIDI = {"ar", "fa", "he", "ur", "ug", "ckb"}


class TranslatableFields(models.Model):
    """`language` of the original text fields and the other versions: {"es": {field: text}}.
    A model lists its translated fields in TRANSLATED_FIELDS."""

    TRANSLATED_FIELDS: tuple[str, ...] = ()

    language = models.CharField(
        _("original language"), max_length=8, blank=True, help_text=_("Empty: not recorded.")
    )
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        abstract = True


class Version(NamedTuple):
    text: str
    language: str  # the language of `text`; "" when not recorded
    fallback: bool  # the reader's language had no version, so another one is shown


def content_languages() -> list[str]:
    return list(settings.JUNTOS_CONTENT_LANGUAGES)


def language_name(code: str) -> str:
    """The language's name in the reader's language ("Spanish", "español")."""
    try:
        info = translation.get_language_info(code)
    except KeyError:
        return code
    return str(info["name_translated"])


def preference_choices() -> list[tuple[str, str]]:
    """Choices for a person's preferred language: the interface's languages and the content
    languages, each named in itself ("English", "Español", "Tiếng Việt")."""
    codes = [code for code, _name in settings.LANGUAGES]
    codes += [c for c in content_languages() if c not in codes]
    out = []
    for code in codes:
        try:
            out.append((code, translation.get_language_info(code)["name_local"]))
        except KeyError:
            out.append((code, code))
    return out


def is_bidi(code: str) -> bool:
    return code in BIDI


def coalition_languages(coalition) -> list[str]:
    """The configured languages the coalition chose at onboarding, its main one first (the
    order it stored them in); all configured ones when it chose none that are configured."""
    configured = content_languages()
    chosen = [c for c in (getattr(coalition, "languages", None) or []) if c in configured]
    return list(dict.fromkeys(chosen)) or configured


def versions(obj, field: str) -> dict[str, str]:
    """The non-empty versions of `field`, original first: {language: text}."""
    if callable(getattr(type(obj), "text_versions", None)):
        return obj.text_versions(field)
    out = {}
    original = getattr(obj, field, "") or ""
    if original:
        out[str(getattr(obj, "language", "") or "")] = original
    translations = getattr(obj, "translations", None)
    for code, texts in (translations if isinstance(translations, dict) else {}).items():
        text = (texts or {}).get(field) or ""
        if text and code not in out:
            out[code] = text
    return out


def version(obj, field: str, language: str | None = None) -> Version:
    """`field` in `language` (the active one by default), or the best other version."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    found = versions(obj, field)
    if not found:
        return Version("", language, False)
    if language in found:
        return Version(found[language], language, False)
    if "" in found:  # an original whose language was never recorded: shown as it is
        return Version(found[""], "", False)
    order = [getattr(obj, "language", "") or ""] + content_languages() + list(found)
    for code in order:
        if code in found:
            return Version(found[code], code, True)
    raise AssertionError("unreachable")  # pragma: no cover


def all_versions(obj, fields) -> list[tuple[str, str, dict[str, str]]]:
    """Every version an object has, for its authors: [(code, name, {field: text})],
    original first."""
    by_language: dict[str, dict[str, str]] = {}
    for field in fields:
        for code, text in versions(obj, field).items():
            by_language.setdefault(code, {})[field] = text
    return [
        (code, language_name(code) if code else "", texts) for code, texts in by_language.items()
    ]


def split_versions(
    texts: dict[str, dict[str, str]], *, prefer: list[str]
) -> tuple[str, dict[str, str], dict[str, dict[str, str]]]:
    """From {field: {language: text}} to (original language, {field: original text},
    translations). The original is the first language in `prefer` that has every field
    anyone wrote in it; translations hold only non-empty texts."""
    written = {code for by_language in texts.values() for code, text in by_language.items() if text}
    order = [c for c in prefer if c in written] + sorted(written - set(prefer))
    original = order[0] if order else (prefer[0] if prefer else settings.LANGUAGE_CODE)
    base = {field: by_language.get(original, "") or "" for field, by_language in texts.items()}
    translations: dict[str, dict[str, str]] = {}
    for field, by_language in texts.items():
        for code, text in by_language.items():
            if code != original and text:
                translations.setdefault(code, {})[field] = text
    return original, base, translations


def translations_changes(before_obj, *, language: str, translations: dict) -> dict:
    """Audit diff entries for the language and translations, when they changed."""
    changes = {}
    if (getattr(before_obj, "language", "") or "") != language:
        changes["language"] = [getattr(before_obj, "language", ""), language]
    if (getattr(before_obj, "translations", None) or {}) != translations:
        changes["translations"] = [getattr(before_obj, "translations", None) or {}, translations]
    return changes


class TranslatedFieldsMixin:
    """One input per language for each field in `translated_fields`, shown side by side.

    The form class declares each field once (`title = PlainCharField(...)`); this mixin
    replaces it with `title_en`, `title_es`, ... for the languages passed in (see
    `coalition_languages`). A field that is required must be written in at least one
    language, and a language with any text must have all the required fields.
    After cleaning, `cleaned_data` carries the original text under the field's own name,
    plus `language` and `translations`, ready for the services; `self.versions` holds
    {field: {language: text}}.
    """

    translated_fields: tuple[str, ...] = ()
    # A language with any text needs all required fields (a subject and a message); off
    # for texts whose parts stand alone (a charter's mission and its values).
    complete_versions = True

    def __init__(self, *args, languages=None, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.content_languages = list(languages or content_languages())
        if self.is_bound:
            self._take_plain_names()
        self.translation_instance = instance
        if instance is not None:
            # Versions the object already has stay editable, even in a language the
            # coalition no longer asks for.
            for field in self.translated_fields:
                for code in versions(instance, field):
                    if code and code not in self.content_languages:
                        self.content_languages.append(code)
        self.required_translated = []
        fields = dict(self.fields)
        self.fields.clear()
        for name, base in fields.items():
            if name not in self.translated_fields:
                self.fields[name] = base
                continue
            if base.required:
                self.required_translated.append(name)
            group = [f"{name}_{code}" for code in self.content_languages]
            existing = versions(instance, name) if instance is not None else {}
            if "" in existing:  # an original of unrecorded language: the coalition's first
                existing.setdefault(self.content_languages[0], existing.pop(""))
            for code, key in zip(self.content_languages, group, strict=True):
                copy = deepcopy(base)
                copy.widget.attrs["lang"] = code
                if is_bidi(code):
                    copy.widget.attrs["dir"] = "rtl"
                copy.required = False
                # A required text needs one version, so no box is "optional" by itself.
                copy.hide_optional = base.required
                copy.label = _("%(field)s (%(language)s)") % {
                    "field": base.label,
                    "language": language_name(code),
                }
                copy.help_text = ""
                copy.version_group = group
                copy.version_help = base.help_text
                copy.version_of = (base.label, base.required)
                self.fields[key] = copy
                if code in existing:
                    self.initial.setdefault(key, self.version_initial(name, existing[code]))

    def version_initial(self, name, value):
        """A stored version as its input shows it (a form may store lists as lines)."""
        return value

    def _take_plain_names(self):
        """A post with the plain field name (`title`, as scripts and older pages send it)
        is the version in the active language, when it gives no per-language input."""
        active = translation.get_language()
        code = active if active in self.content_languages else self.content_languages[0]
        data = None
        for name in self.translated_fields:
            plain = self.add_prefix(name)
            if plain in self.data and not any(
                self.add_prefix(f"{name}_{c}") in self.data for c in self.content_languages
            ):
                data = data if data is not None else self.data.copy()
                data[self.add_prefix(f"{name}_{code}")] = self.data[plain]
        if data is not None:
            self.data = data

    def clean(self):
        cleaned = super().clean()
        names = [
            n for n in self.translated_fields if f"{n}_{self.content_languages[0]}" in self.fields
        ]
        self.versions = {
            name: {
                code: (cleaned.get(f"{name}_{code}") or "").strip()
                for code in self.content_languages
            }
            for name in names
        }

        def written(name, code):  # typed in, even if refused for another reason
            return bool((self.data.get(self.add_prefix(f"{name}_{code}")) or "").strip())

        languages = " / ".join(language_name(c) for c in self.content_languages)
        for name in self.required_translated:
            if not any(written(name, code) for code in self.content_languages):
                self.add_error(
                    f"{name}_{self.content_languages[0]}",
                    gettext("Write this in at least one language (%(languages)s).")
                    % {"languages": languages},
                )
        for code in self.content_languages if self.complete_versions else ():
            if not any(written(name, code) for name in names):
                continue
            for name in self.required_translated:
                if not written(name, code) and f"{name}_{code}" not in self.errors:
                    self.add_error(
                        f"{name}_{code}",
                        gettext(
                            "Complete the %(language)s version too, or leave all of its "
                            "fields empty."
                        )
                        % {"language": language_name(code)},
                    )
        if self.errors:
            return cleaned
        instance = self.translation_instance
        prefer = [
            c
            for c in [getattr(instance, "language", ""), translation.get_language()]
            + self.content_languages
            if c
        ]
        language, base, translations = split_versions(self.versions, prefer=prefer)
        for name in names:
            for code in self.content_languages:
                cleaned.pop(f"{name}_{code}", None)
        cleaned.update(base)
        cleaned["language"] = language
        cleaned["translations"] = translations
        return cleaned


def render_field_versions(bound, render_one):
    """The `{% field %}` tag's side-by-side block for a translated field's first language;
    "" for its other languages (already drawn in the block)."""
    group = bound.field.version_group
    if bound.name != group[0]:
        return ""
    label, _required = bound.field.version_of
    help_text = bound.field.version_help
    # Each box is labelled "Title (English)", "Title (Spanish)": the group needs no visible
    # label of its own, only a name for assistive technology.
    name = bound.name.rsplit("_", 1)[0]
    return format_html(
        '<div class="versions" role="group" aria-label="{}" id="versions-{}">'
        '<div class="versions-row">{}</div>{}</div>',
        label,
        name,
        format_html_join("", "{}", ((render_one(bound.form[key]),) for key in group)),
        format_html('<p class="helptext" id="versions-{}-help">{}</p>', name, help_text)
        if help_text
        else "",
    )
