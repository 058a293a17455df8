"""Reading the audit log at any size: filters, pages, and each change in the reader's words.

Entries store facts (an action key, field keys, values before and after); the sentences
are made here per request, so a host reading in Spanish reads Spanish whatever language
the change was made in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django import forms
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from juntos.audit.models import Action, AuditEntry
from juntos.core.csv_safe import csv_writer

PAGE_SIZE = 50

# What a stored key means, for the keys the services record.
KEY_LABELS = {
    "status": gettext_lazy("Status"),
    "starts_at": gettext_lazy("Starts at"),
    "published_at": gettext_lazy("Published"),
    "closed_at": gettext_lazy("Closed"),
    "reason": gettext_lazy("Reason"),
    "member": gettext_lazy("Member"),
    "person": gettext_lazy("Person"),
    "present": gettext_lazy("Present"),
    "choice": gettext_lazy("Ballot"),
    "kind": gettext_lazy("Kind"),
    "text": gettext_lazy("Text"),
    "result": gettext_lazy("Result"),
    "tally": gettext_lazy("Count"),
    "rule": gettext_lazy("Rule"),
    "outcome": gettext_lazy("Outcome"),
    "late": gettext_lazy("Late"),
    "deadline": gettext_lazy("Deadline"),
    "added": gettext_lazy("Added"),
    "removed": gettext_lazy("Removed"),
    "confidential": gettext_lazy("Confidential"),
    "email": gettext_lazy("Email"),
    "role": gettext_lazy("Role"),
    "name": gettext_lazy("Name"),
    "title": gettext_lazy("Title"),
    "channel": gettext_lazy("How they told"),
    "told_to": gettext_lazy("Who they told"),
    "told_at": gettext_lazy("When they told"),
    "correction": gettext_lazy("Correction"),
    "early": gettext_lazy("Before the window ended"),
    "everyone_answered": gettext_lazy("Everyone answered"),
    "effective_from": gettext_lazy("In force from"),
    "mission": gettext_lazy("Mission"),
    "values": gettext_lazy("Values"),
    "agreements": gettext_lazy("Agreements"),
    "in_progress": gettext_lazy("In progress"),
    "reviews_withdrawn": gettext_lazy("Removal reviews withdrawn"),
    "trigger": gettext_lazy("Why"),
    "due_on": gettext_lazy("Due"),
    "owner": gettext_lazy("Owner"),
    "done": gettext_lazy("Done"),
    "joined": gettext_lazy("Joined"),
    "left": gettext_lazy("Left"),
    "host_email": gettext_lazy("Host's email"),
    "primary_contact": gettext_lazy("Primary contact"),
}

# "Record" is a noun here (the thing a change was made to); elsewhere a button's verb.
RECORD = pgettext_lazy("audit log: the record a change was made to", "Record")


def value_words(value) -> str:
    """A stored value as a reader reads it: dates in their format, yes/no, lists joined."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (list, tuple)):
        return ", ".join(value_words(v) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {value_words(v)}" for k, v in value.items())
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            moment = parse_datetime(value)
        except ValueError:  # looks like a moment but is none (a +99:00 offset): words as typed
            moment = None
        if moment is not None:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
        try:
            return formats.date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            pass
    return str(value)


def _field(model_label: str | None, key: str):
    """The model field a stored key names, when the entry's target is a model with it."""
    if not model_label:
        return None
    try:
        return apps.get_model(model_label)._meta.get_field(key)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None


def key_label(key: str, model_label: str | None = None) -> str:
    """What a stored key means in the reader's language: our own label, else the target
    model's field name ("state" → "estado"), else the key made readable."""
    if key in KEY_LABELS:
        return str(KEY_LABELS[key])
    field = _field(model_label, key)
    if field is not None and getattr(field, "verbose_name", None):
        text = str(field.verbose_name)
        return text[:1].upper() + text[1:]
    return key.replace("_", " ").capitalize()


def _choice_words(field, value):
    """A stored choice ("supporter") as its label in the reader's language ("Simpatizante")."""
    choices = dict(getattr(field, "flatchoices", None) or ()) if field is not None else {}
    if isinstance(value, str) and value in choices:
        return str(choices[value])
    if isinstance(value, list) and choices:
        return [str(choices.get(v, v)) if isinstance(v, str) else v for v in value]
    return value


def change_lines(changes: dict, model_label: str | None = None) -> list[str]:
    """Each change as a sentence: "Quorum changed from 2/3 to 3/5". `model_label` (the
    entry's target_type) names the model whose fields and choices label the keys."""
    changes = dict(changes or {})
    lines = []
    if "quorum_numerator" in changes and "quorum_denominator" in changes:
        num, den = changes.pop("quorum_numerator"), changes.pop("quorum_denominator")
        lines.append(
            _("Quorum changed from %(before)s to %(after)s")
            % {"before": f"{num[0]}/{den[0]}", "after": f"{num[1]}/{den[1]}"}
        )
    for key, pair in changes.items():
        before, after = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        label = key_label(key, model_label)
        field = _field(model_label, key)
        if field is not None and getattr(field, "choices", None):
            before, after = _choice_words(field, before), _choice_words(field, after)
        if before in (None, "") and after in (None, ""):
            lines.append(_("%(what)s: %(after)s") % {"what": label, "after": value_words(None)})
        elif before in (None, "") and after not in (None, ""):
            lines.append(_("%(what)s: %(after)s") % {"what": label, "after": value_words(after)})
        elif after in (None, "") and before not in (None, ""):
            lines.append(
                _("%(what)s removed (was %(before)s)")
                % {"what": label, "before": value_words(before)}
            )
        else:
            lines.append(
                _("%(what)s changed from %(before)s to %(after)s")
                % {"what": label, "before": value_words(before), "after": value_words(after)}
            )
    return lines


class AuditFilterForm(forms.Form):
    who = forms.CharField(label=gettext_lazy("Who"), required=False, max_length=200)
    action = forms.ChoiceField(label=gettext_lazy("What"), required=False)
    record = forms.CharField(label=RECORD, required=False, max_length=200)
    since = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=pgettext_lazy("end of a date range", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Callable choices: labels in the reader's language, sorted as they read them.
        self.fields["action"].choices = lambda: (
            [("", _("Everything"))]
            + sorted(((a.value, str(a.label)) for a in Action), key=lambda c: c[1])
        )

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def entries_for(coalition, data: dict):
    """The coalition's entries, newest first, narrowed by the form's cleaned data."""
    qs = AuditEntry.objects.filter(coalition=coalition).select_related("actor")
    if data.get("who"):
        qs = qs.filter(actor_label__icontains=data["who"])
    if data.get("action"):
        qs = qs.filter(action=data["action"])
    if data.get("record"):
        record = data["record"].strip()
        if record.isdigit():
            qs = qs.filter(target_id=record) | qs.filter(target_label__icontains=record)
        else:
            qs = qs.filter(target_label__icontains=record)
    if data.get("since"):
        qs = qs.filter(at__gte=_day_start(data["since"]))
    if data.get("until"):
        qs = qs.filter(at__lt=_day_start(data["until"]) + timezone.timedelta(days=1))
    return qs.order_by("-at", "-id")


@dataclass(frozen=True)
class Row:
    entry: AuditEntry
    what: str
    lines: list


def rows(entries) -> list[Row]:
    return [
        Row(e, str(e.get_action_display()), change_lines(e.changes, e.target_type)) for e in entries
    ]


class _Echo:
    def write(self, value):
        return value


def csv_rows(entries, language: str):
    """Streamed after the view returns, so the reader's language is set again here."""
    from django.utils import translation

    with translation.override(language):
        yield from _csv_rows(entries)


def _csv_rows(entries):
    writer = csv_writer(_Echo())  # no cell runs as a spreadsheet formula
    yield writer.writerow([_("When"), _("Who"), _("What"), str(RECORD), _("Changes")])
    for e in entries.iterator(chunk_size=500):
        yield writer.writerow(
            [
                timezone.localtime(e.at).isoformat(timespec="seconds"),
                e.actor_label,
                e.get_action_display(),
                e.target_label,
                " | ".join(change_lines(e.changes, e.target_type)),
            ]
        )
