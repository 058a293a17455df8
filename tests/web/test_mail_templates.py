"""Every mail template, in both languages: plain text and subjects carry no HTML
entities, the HTML alternative is escaped, every link uses the configured site address,
and no sentence ends in a double stop ("p.m..")."""

import re
from datetime import datetime
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.utils import translation
from django.utils.formats import date_format

from juntos.core import mail

ROOT = Path(__file__).resolve().parents[2] / "juntos"
SITE = "https://juntos.example.org"
TRICKY = 'Missouri\'s "Dream" & <Co>'
TEMPLATES = sorted(
    p.name.removesuffix("_subject.txt") for p in ROOT.glob("*/templates/email/*_subject.txt")
)
MOMENT = datetime(2027, 3, 10, 18, 30, tzinfo=ZoneInfo("America/Chicago"))
ENTITY = re.compile(r"&(#x?[0-9a-fA-F]+|amp|lt|gt|quot|apos);")


class Anything(str):
    """Any variable a template asks for: text with an apostrophe, quotes, & and <."""

    def __new__(cls):
        return super().__new__(cls, TRICKY)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if name.endswith(("_at", "_on", "_from", "deadline", "date")):
            return MOMENT  # a real time, at the end of sentences: no "p.m.."
        if hasattr(MOMENT, name):  # formatted as a date by a filter
            return getattr(MOMENT, name)
        return Anything()

    def __iter__(self):
        return iter(())  # lists render empty

    def __getitem__(self, key):
        return self.__getattr__(key) if isinstance(key, str) else Anything()


class Context(dict):
    def __missing__(self, key):
        return Anything()


def fake_reverse(viewname, *args, **kwargs):
    return "/" + viewname.replace(":", "/") + "/"


def test_every_mail_has_its_three_templates():
    assert len(TEMPLATES) >= 15
    for name in TEMPLATES:
        assert list(ROOT.glob(f"*/templates/email/{name}.txt")), name
        assert list(ROOT.glob(f"*/templates/email/{name}.html")), name


@override_settings(SITE_URL=SITE)
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("name", TEMPLATES)
def test_mail_is_clean_in_text_and_escaped_in_html(name, language):
    context = {
        k: Anything()
        for k in (
            "person",
            "invitation",
            "token",
            "member",
            "meeting",
            "notice",
            "review",
            "guest",
            "event",
            "subject",
            "body",
            "statement",
            "invite",
            "application",
            "question",
            "answer",
            "bill",
            "deliverable",
            "items",
            "digest",
            "notices",
            "campaign",
            "rsvp_url",
            "url",
            "name",
            "coalition",
            "delivery",
            "update",
            "recipient",
        )
    }
    with mock.patch("django.urls.reverse", fake_reverse):
        message = mail.build(name, "a@example.org", context, language=language)
    html = message.alternatives[0][0]
    for label, text in (("subject", message.subject), ("text", message.body)):
        assert not ENTITY.search(text), f"{name} {label} has an HTML entity: {text[:200]!r}"
        assert "<Co>" not in text or "Missouri's" in text
    assert "\n" not in message.subject
    assert "<Co>" not in html, f"{name}.html is not escaped"
    for where, text in (("text", message.body), ("html", html)):
        for url in re.findall(r"https?://[^\s\"'<>]+", text):
            assert url.startswith(SITE), f"{name} {where} links outside the site: {url}"
        assert ".." not in re.sub(r"\.\.\.|…", "", text), f"{name} {where} has a double stop"


@pytest.mark.parametrize("language", ["en", "es"])
def test_dates_and_times_never_end_in_a_stop(language):
    """A date or time at the end of a sentence gets one full stop, not "p.m..";
    one style per language."""
    moment = datetime(2027, 3, 10, 18, 30, tzinfo=ZoneInfo("America/Chicago"))
    with translation.override(language):
        for fmt in (
            "DATE_FORMAT",
            "DATETIME_FORMAT",
            "SHORT_DATE_FORMAT",
            "SHORT_DATETIME_FORMAT",
            "TIME_FORMAT",
        ):
            text = date_format(moment, fmt)
            assert not text.endswith("."), (fmt, text)
            assert "2027" in text or fmt == "TIME_FORMAT"
        assert date_format(moment, "TIME_FORMAT") == "6:30 PM"
    with translation.override("es"):
        assert date_format(moment, "DATE_FORMAT") == "10 de marzo de 2027"
    with translation.override("en"):
        assert date_format(moment, "DATETIME_FORMAT") == "Wednesday, March 10, 2027, 6:30 PM"


@override_settings(SITE_URL=SITE)
def test_a_real_invitation_keeps_apostrophes_in_text_and_escapes_them_in_html(personas):
    from juntos.accounts.models import Invitation

    personas.coalition.name = "Missouri's Coalition"
    invitation = Invitation(
        coalition=personas.coalition, email="dana@example.org", full_name="Dana O'Neil"
    )
    message = mail.build(
        "invitation",
        "dana@example.org",
        {"invitation": invitation, "token": "abc"},
        language="en",
        coalition=personas.coalition,
    )
    assert "Missouri's" in message.subject + message.body
    assert "&#x27;" not in message.body and "&#x27;" not in message.subject
    assert "&#x27;" in message.alternatives[0][0]
    assert f"{SITE}/invite/abc/" in message.body
