"""The Jinja2 row fragments (juntos/web/jinja.py) render as Django's templates did: Django's
escaping (hostile names stay text), Django's catalogue (every label in Spanish)."""

import re
from pathlib import Path

from django.template import engines
from django.urls import reverse
from django.utils import translation

import juntos
from juntos.members.models import Person

ROOT = Path(juntos.__file__).parent
FRAGMENTS = sorted(ROOT.glob("*/jinja2/**/*.html"))


def msgids_of_catalogue() -> set[str]:
    po = (ROOT / "locale/es/LC_MESSAGES/django.po").read_text()
    return {m.replace('\\"', '"') for m in re.findall(r'^msgid "(.+)"$', po, re.M)}


def test_there_are_fragments_and_every_label_in_them_is_in_the_catalogue():
    assert FRAGMENTS
    known = msgids_of_catalogue()
    for path in FRAGMENTS:
        for msgid in re.findall(r'_\("((?:[^"\\]|\\.)*)"\)', path.read_text()):
            assert msgid in known, f"{path.name}: {msgid!r} is not in django.po"


def test_every_fragment_compiles():
    for path in FRAGMENTS:
        engines["jinja2"].get_template(path.relative_to(path.parents[1]).as_posix())


def test_values_are_escaped_as_django_escapes_them():
    fragment = engines["jinja2"].from_string("{{ v }}|{{ v|join(',') }}|{{ _('Members') }}")
    hostile = '<script>x</script> O\'Brien "Co" & co'
    html = fragment.render({"v": hostile})
    assert "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt; O&#x27;Brien &quot;Co&quot; &amp; co|" in html
    with translation.override("es"):
        assert fragment.render({"v": ""}).endswith("|Miembros")


def test_directory_rows_escape_hostile_names_and_speak_spanish(personas):
    member = personas.other_member
    member.name = "<script>alert(1)</script> O'Brien"
    member.city = '<img src=x onerror="y">'
    member.save()
    Person.objects.filter(member=member, is_primary_contact=True).update(
        full_name="<b>Olga</b>", title="<i>Chair</i>"
    )
    url = reverse("members:directory", args=[personas.coalition.slug])
    client = personas.client("host")
    html = client.get(url).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Olga" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; O&#x27;Brien" in html
    assert "&lt;img src=x onerror=&quot;y&quot;&gt;" in html
    assert "&lt;b&gt;Olga&lt;/b&gt;" in html and "&lt;i&gt;Chair&lt;/i&gt;" in html
    assert f'href="/c/{personas.coalition.slug}/members/{member.pk}/"' in html
    client.cookies["django_language"] = "es"
    html = client.get(url).content.decode()
    assert 'data-label="Sectores"' in html and "Coalición Completa" in html
