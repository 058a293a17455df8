"""Django's own Spanish is Spain's ("Introduzca", "fichero"); the catalogue overrides what
the interface shows with the usage of US and Latin American Spanish ("Ingrese", "archivo")."""

import gettext as gettext_module
import re
from pathlib import Path

import django
from django import forms
from django.utils import translation

SPAIN = re.compile(r"\b(Introduzca|introduzca|fichero|ficheros|Escoja)\b")
DJANGO = Path(django.__file__).parent


def spain_spanish_messages():
    for mo in (
        DJANGO / "conf/locale/es/LC_MESSAGES/django.mo",
        DJANGO / "contrib/auth/locale/es/LC_MESSAGES/django.mo",
    ):
        with open(mo, "rb") as handle:
            catalog = gettext_module.GNUTranslations(handle)
        for msgid, msgstr in catalog._catalog.items():
            if isinstance(msgid, str) and msgid and SPAIN.search(msgstr):
                yield msgid


def test_no_spain_spanish_in_djangos_form_messages():
    ids = list(spain_spanish_messages())
    assert len(ids) >= 15
    with translation.override("es"):
        left = [m for m in ids if SPAIN.search(translation.gettext(m))]
    assert not left, left


def test_form_errors_say_ingrese():
    with translation.override("es"):
        try:
            forms.EmailField().clean("not-an-email")
        except forms.ValidationError as error:
            message = error.messages[0]
    assert message.startswith("Ingrese") and "correo electrónico" in message
    with translation.override("es"):
        try:
            forms.FileField().clean(None)
        except forms.ValidationError as error:
            assert "obligatorio" in error.messages[0]
        assert "archivo" in translation.gettext("The submitted file is empty.")
