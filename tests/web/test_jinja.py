"""The Jinja2 row fragments (juntos/web/jinja.py) render as Django's templates did: Django's
escaping (hostile names stay text), Django's catalogue (every label in Spanish)."""

import re
from datetime import date, datetime
from pathlib import Path

from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import engines
from django.urls import reverse
from django.utils import translation

import juntos
from juntos.members.models import Person
from juntos.web.jinja import FormRenderer

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


class EveryWidget(forms.Form):
    text = forms.CharField(initial='O\'Brien "<b>" & co', max_length=120)
    number = forms.IntegerField(initial=1200, min_value=0, max_value=5000)
    decimal = forms.DecimalField(initial="2.50", decimal_places=2)
    day = forms.DateField(initial=date(2026, 3, 2), widget=forms.DateInput(attrs={"type": "date"}))
    when = forms.SplitDateTimeField(initial=datetime(2026, 3, 2, 9, 30))
    note = forms.CharField(widget=forms.Textarea, initial="<script>x</script>")
    kind = forms.ChoiceField(
        choices=[("a", "<A & B>"), ("Group", [("b", "B's"), ("c", 'C "c"')])], initial="b"
    )
    many = forms.MultipleChoiceField(
        choices=[(1, "One"), (2, "Two")], widget=forms.CheckboxSelectMultiple, initial=[2]
    )
    radio = forms.ChoiceField(choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect)
    agree = forms.BooleanField(required=False, initial=True)
    hidden = forms.CharField(widget=forms.HiddenInput, initial="h'")
    upload = forms.FileField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), initial="p<")


def test_widgets_render_exactly_as_djangos_engine_draws_them():
    for language in ("en", "es"):
        with translation.override(language):
            ours = EveryWidget(renderer=FormRenderer())
            django_s = EveryWidget(renderer=DjangoTemplates())
            for name in ours.fields:
                assert str(ours[name]) == str(django_s[name]), name
            assert ours.as_div() == django_s.as_div()
            bound = {"text": "<x>", "number": "nope"}
            assert str(EveryWidget(bound, renderer=FormRenderer()).errors) == str(
                EveryWidget(bound, renderer=DjangoTemplates()).errors
            )


def test_other_templates_still_render_with_djangos_engine():
    from django.template.backends.django import Template as DjangoTemplate
    from django.template.backends.jinja2 import Template as JinjaTemplate

    renderer = FormRenderer()
    assert isinstance(renderer.get_template("django/forms/widgets/select.html"), JinjaTemplate)
    for name in (
        "admin/widgets/clearable_file_input.html",
        "django/forms/widgets/multiwidget.html",
        "django/forms/div.html",
        "django/forms/errors/list/ul.html",
    ):
        assert isinstance(renderer.get_template(name), DjangoTemplate), name


def test_a_value_is_written_as_djangos_engine_writes_it():
    from decimal import Decimal
    from zoneinfo import ZoneInfo

    from django.template import Context, Template
    from django.utils.translation import gettext_lazy

    ours = engines["jinja2"].from_string("{{ v }}")
    theirs = Template("{{ v }}")
    values = [
        12345,
        2.5,
        Decimal("1234.50"),
        date(2026, 3, 2),
        datetime(2026, 3, 2, 23, 30, tzinfo=ZoneInfo("UTC")),  # shown in the local zone
        None,
        True,
        gettext_lazy("Members"),
        "<a href='x'>&</a>",
    ]
    for language in ("en", "es"):
        with translation.override(language):
            for v in values:
                assert ours.render({"v": v}) == theirs.render(Context({"v": v})), (language, v)
