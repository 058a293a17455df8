"""Form pieces shared across apps: plain-text fields that refuse markup, phone numbers,
and spam protection that needs no third-party service."""

import re
import secrets
import time
import unicodedata

import phonenumbers
from django import forms
from django.conf import settings
from django.core import signing
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from juntos.members.rules import contains_markup

SHORT = 200
# Bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069):
# "Org \u202eevil" shows as "Org live". Arabic and Hebrew text needs none of them.
BIDI_CONTROL_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
LONG = 5000
SPAM_SALT = "juntos.form-started"


class PlainCharField(forms.CharField):
    """Text that must not carry HTML or script."""

    default_error_messages = {
        "markup": _("Please remove HTML tags or code (text between < and >) from this field."),
        "bidi": _(
            "Please remove the invisible text-direction characters from this field: they "
            "can make it read differently from what was typed."
        ),
    }

    def __init__(self, *args, long=False, **kwargs):
        kwargs.setdefault("max_length", LONG if long else SHORT)
        if long:
            kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
        super().__init__(*args, **kwargs)

    def validate(self, value):
        super().validate(value)
        if contains_markup(value):
            raise forms.ValidationError(self.error_messages["markup"], code="markup")
        if BIDI_CONTROL_RE.search(value or ""):
            raise forms.ValidationError(self.error_messages["bidi"], code="bidi")


class PhoneField(forms.CharField):
    default_error_messages = {
        "invalid": _("Enter a valid phone number, for example (314) 555-0123."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        try:
            number = phonenumbers.parse(value, "US")
        except phonenumbers.NumberParseException:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not phonenumbers.is_valid_number(number):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# North American numbers as stored (E.164, area code 2-9): the national format without
# parsing, which a sign-in list of 50 rows paid for each row. tests/test_display checks it
# against phonenumbers.
_NANP = re.compile(r"\+1([2-9]\d\d)(\d{3})(\d{4})")


def format_phone(value: str) -> str:
    """A stored E.164 number as people write it: (314) 555-0123, or international."""
    plain = _NANP.fullmatch(value)
    if plain:
        return f"({plain[1]}) {plain[2]}-{plain[3]}"
    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        return value
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 1
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, fmt)


def spam_token(started_at: float | None = None) -> str:
    """The signed time a form was opened, with a nonce that makes it single-use."""
    started = int(started_at if started_at is not None else time.time())
    return signing.dumps({"t": started, "n": secrets.token_urlsafe(12)}, salt=SPAM_SALT)


def _spend(nonce: str) -> bool:
    """Mark a form token used, in the cache every process shares; False if it was."""
    from django.core.cache import cache

    return cache.add(f"spam-nonce:{nonce}", 1, SPAM_MAX_AGE + 60)


SPAM_MAX_AGE = 60 * 60 * 24  # seconds a form stays valid


class SpamGuardMixin(forms.Form):
    """A honeypot field people never see, and a signed time the form was opened.

    Bots fill every field and post at once; people leave the hidden one empty
    and take more than a few seconds.
    """

    website = forms.CharField(required=False, label=_("Leave this empty"))
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["started"] = spam_token()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _("This form could not be accepted. Please try again."), code="spam"
            )
        try:
            token = signing.loads(cleaned.get("started") or "", salt=SPAM_SALT)
            started, nonce = float(token["t"]), str(token["n"])
        except (signing.BadSignature, TypeError, KeyError, ValueError):
            raise forms.ValidationError(
                _("This form has expired. Please reload the page and try again."),
                code="expired",
            ) from None
        elapsed = time.time() - started
        if elapsed < settings.JUNTOS_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was very fast. Please check your answers and send the form again."),
                code="too_fast",
            )
        if elapsed > SPAM_MAX_AGE:
            raise forms.ValidationError(
                _("This form has expired. Please reload the page and try again."),
                code="expired",
            )
        if not _spend(nonce):  # a replayed post: the same signed start time twice
            raise forms.ValidationError(
                _("This form was already sent. Please reload the page to send another."),
                code="replayed",
            )
        return cleaned

    def restart_clock(self):
        """Give a re-shown form a fresh start time so the person can resubmit."""
        data = self.data.copy()
        data["started"] = spam_token(time.time() - settings.JUNTOS_FORM_MIN_SECONDS)
        self.data = data


def fold(text) -> str:
    """Case- and accent-insensitive form of a name: "Lucía" and "LUCIA" fold alike."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def best_matches(text: str, rows, limit: int = 20) -> list[dict]:
    """The pickers' suggestions: of `rows` (dicts with "name" and "organization"), those
    whose name or organization holds `text`, accents and case aside; names that start with
    it first, then by name. Fewer than two letters suggest nothing."""
    wanted = fold(text)
    if len(wanted) < 2:
        return []
    starts, contains = [], []
    for row in rows:
        folded = fold(row["name"])
        if folded.startswith(wanted):
            starts.append(row)
        elif wanted in folded or wanted in fold(row.get("organization")):
            contains.append(row)
    key = lambda r: fold(r["name"])  # noqa: E731
    return (sorted(starts, key=key) + sorted(contains, key=key))[:limit]


def pick_text(request, *, ignore=()) -> str:
    """What a picker's box holds: htmx sends it under the field's own name (or `q`)."""
    text = request.GET.get("q") or next(
        (v for k, v in request.GET.items() if v and k not in ignore), ""
    )
    return text[:100]


class SearchInput(forms.TextInput):
    """A text box that suggests matches as you type: htmx asks `search_url` for <option>s
    and puts them in the box's <datalist>. Without script it is a plain text box.

    `multiple`: the box chooses several. Those chosen are checked checkboxes named like the
    box (a "chip" each, removed by unchecking it), so the form posts a list of ids; the box
    posts what is typed in it under the same name, and juntos.js turns a chosen suggestion
    into a chip ([data-pick-multiple]). Without script, typing a name and sending works."""

    def __init__(self, search_url: str | None, attrs=None, *, multiple: bool = False):
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})
        self.search_url = search_url
        self.multiple = multiple
        self.chip_labels = None  # set by the field: ids -> {id: label} among its choices

    def value_from_datadict(self, data, files, name):
        if self.multiple and hasattr(data, "getlist"):
            return data.getlist(name)
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return False if self.multiple else super().value_omitted_from_data(data, files, name)

    def use_required_attribute(self, initial):
        return not self.multiple and super().use_required_attribute(initial)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or name}-options"
        if self.search_url:
            attrs.update(
                {
                    "list": list_id,
                    "hx-get": self.search_url,
                    "hx-trigger": "input changed delay:250ms",
                    "hx-target": f"#{list_id}",
                    "hx-swap": "innerHTML",
                }
            )
        if not self.multiple:
            box = super().render(name, value, attrs, renderer)
            return box + format_html('<datalist id="{}"></datalist>', list_id)
        ids, typed = split_picked(value)
        labels = self.chip_labels(ids) if self.chip_labels and ids else {}
        chips_id = f"{attrs.get('id') or name}-chosen"
        chips = format_html_join(
            "",
            '<li><label><input type="checkbox" name="{}" value="{}" checked> {}</label></li>',
            ((name, pk, labels[pk]) for pk in dict.fromkeys(ids) if pk in labels),
        )
        box = super().render(name, typed[0] if typed else "", attrs, renderer)
        datalist = format_html('<datalist id="{}"></datalist>', list_id) if self.search_url else ""
        return format_html(
            '<div class="picker" data-pick-multiple="{}">'
            '<ul class="choices chosen" id="{}" aria-live="polite">{}</ul>{}{}</div>',
            chips_id,
            chips_id,
            chips,
            box,
            datalist,
        )


CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
PICKED_RE = re.compile(r"\(#(\d+)\)\s*$")


def picked_id(value) -> int | None:
    """The id a picker's value names: a number, or "Lucía Hernández (#42)" as the
    suggestions give it; None for a typed name."""
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    found = PICKED_RE.search(text)
    return int(found.group(1)) if found else None


def split_picked(values) -> tuple[list[int], list[str]]:
    """A several-choice picker's values: the ids chosen (rows, numbers or suggestions)
    and the names typed."""
    if isinstance(values, str) or hasattr(values, "_meta"):
        values = [values]
    ids, typed = [], []
    for value in values or ():
        if hasattr(value, "_meta"):
            ids.append(value.pk)
        elif value is not None and str(value).strip():
            pk = picked_id(value)
            if pk is None:
                typed.append(str(value).strip())
            else:
                ids.append(pk)
    return ids, typed


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """The options from one ordinary fetch. Django's iterator() opens a server-side cursor
    on PostgreSQL (DECLARE, FETCH, CLOSE: three round trips) even for a dozen options."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ListedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField for short lists on busy pages (see ListedChoiceIterator)."""

    iterator = ListedChoiceIterator


class LargeModelChoiceField(forms.ModelChoiceField):
    """A select while the choices are few; past `limit` of them a text box that takes a
    name (or a number), so a page never ships thousands of options (a national network
    has tens of thousands of people and contacts). LargeModelMultipleChoiceField is the
    same picker choosing several: checkboxes while few, past `limit` a box whose
    suggestions become checked "chips" (SearchInput's `multiple` mode).

    Options are built from plain values (`label_fields`, `label_from_values`), not model
    instances, and fetched unsorted so the database stops at `limit + 1` rows instead of
    sorting a whole table: on a meeting page this was a third of the time."""

    limit = 300
    label_fields: tuple = ()
    multiple = False

    def __init__(self, *args, name_field: str = "name", limit: int | None = None, **kwargs):
        self.name_field = name_field
        if limit is not None:
            self.limit = limit
        super().__init__(*args, **kwargs)

    def label_from_values(self, values: tuple) -> str:
        return str(values[0])

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        if queryset is None or not queryset.query.where or queryset.query.is_empty():
            return
        fields = self.label_fields or (self.name_field,)
        # One query either way: up to limit + 1 rows, which become the options if few.
        rows = list(queryset.order_by().values_list("pk", *fields)[: self.limit + 1])
        if len(rows) > self.limit:
            self.too_many = True
            if self.multiple:
                self.widget = SearchInput(
                    None, multiple=True, attrs={"placeholder": _("Type the name")}
                )
                self.widget.chip_labels = self.labels_of
                self.help_text = self.with_hint(_("Type the name exactly as it is listed."))
                return
            self.widget = forms.TextInput(
                attrs={"autocomplete": "off", "placeholder": _("Type the name")}
            )
            self.help_text = self.help_text or _("Type the name exactly as it is listed.")
        else:
            empty = [] if self.empty_label is None else [("", self.empty_label)]
            options = [(row[0], self.label_from_values(row[1:])) for row in rows]
            options.sort(key=lambda option: option[1].casefold())
            self.widget.choices = empty + options

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    too_many = False

    def with_hint(self, hint):
        """The field's own help, then how to use the box."""
        own = getattr(self, "own_help_text", None)
        if own is None:
            own = self.own_help_text = self.help_text
        return format_lazy("{} {}", own, hint) if own else hint

    def labels_of(self, ids) -> dict:
        """{id: label} of those of `ids` among the choices, as the options would name them."""
        fields = self.label_fields or (self.name_field,)
        rows = self.queryset.order_by().filter(pk__in=ids).values_list("pk", *fields)
        return {row[0]: self.label_from_values(row[1:]) for row in rows}

    def prepare_value(self, value):
        """Past the limit the box shows a chosen row as its suggestion would name it."""
        if self.too_many and hasattr(value, "_meta"):
            return f"{getattr(value, self.name_field)} (#{value.pk})"
        return super().prepare_value(value)

    def searchable(self, search_url: str) -> None:
        """Past the limit, suggest names as the person types (see SearchInput)."""
        if not self.too_many:
            return
        if self.multiple:
            self.widget = SearchInput(
                search_url, multiple=True, attrs={"placeholder": _("Type a name")}
            )
            self.widget.chip_labels = self.labels_of
            self.help_text = self.with_hint(
                _("Type a few letters and choose from the list, once for each; uncheck to remove.")
            )
            return
        self.widget = SearchInput(search_url, attrs={"placeholder": _("Type the name")})
        self.help_text = _("Type a few letters, then choose from the list.")

    def named(self, text: str) -> list:
        """Up to two choices called `text`, exactly or accents and case aside."""
        if CONTROL_RE.search(text):  # no one is called that (and PostgreSQL refuses NUL)
            return []
        matches = list(self.queryset.filter(**{f"{self.name_field}__iexact": text})[:2])
        if not matches:  # accents and case aside: "lucia hernandez"
            wanted = fold(text)
            rows = self.queryset.order_by().values_list("pk", self.name_field)
            found = [pk for pk, name in rows.iterator() if fold(name) == wanted][:2]
            matches = list(self.queryset.filter(pk__in=found)) if found else []
        return matches

    def to_python(self, value):
        if value in self.empty_values or str(value).strip().isdigit():
            return super().to_python(value)
        text = str(value).strip()
        picked = PICKED_RE.search(text)
        if picked:  # "Lucía Hernández (#42)", as the suggestions give it
            return super().to_python(picked.group(1))
        matches = self.named(text)
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise forms.ValidationError(
                _("More than one is called “%(name)s”: type its number instead."),
                code="ambiguous",
                params={"name": text},
            )
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class LargeModelMultipleChoiceField(LargeModelChoiceField, forms.ModelMultipleChoiceField):
    """Several of a large set (see LargeModelChoiceField). The form posts a list of ids,
    checked against the queryset as any ModelMultipleChoiceField does; past the limit a
    name typed in the box (without script) is found as the single picker finds it."""

    multiple = True
    widget = forms.CheckboxSelectMultiple
    default_error_messages = {
        "invalid_choice": _(
            "Number %(value)s is not among those you may choose here. Uncheck it and choose again."
        ),
        "not_found": _(
            "No one called “%(name)s” can be chosen here. Type a few letters and choose "
            "from the list."
        ),
    }

    def prepare_value(self, value):
        if self.too_many:
            ids, typed = split_picked(value)
            return [*ids, *typed]
        return forms.ModelMultipleChoiceField.prepare_value(self, value)

    to_python = forms.ModelMultipleChoiceField.to_python

    def clean(self, value):
        if self.too_many:
            value = self.found(value)
        return super().clean(value)

    def found(self, values) -> list:
        """The ids posted, with each typed name replaced by the one it names."""
        ids, typed = split_picked(values)
        for text in typed:
            matches = self.named(text)
            if len(matches) > 1:
                raise forms.ValidationError(
                    _("More than one is called “%(name)s”: type its number instead."),
                    code="ambiguous",
                    params={"name": text},
                )
            if not matches:
                raise forms.ValidationError(
                    self.error_messages["not_found"], code="not_found", params={"name": text}
                )
            ids.append(matches[0].pk)
        return [str(pk) for pk in dict.fromkeys(ids)]
