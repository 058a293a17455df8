"""A contact's relationship rows (a Jinja2 fragment, juntos/web/jinja.py): hostile text stays
text, an ended relationship says when in the reader's language, and the end form carries the
request's CSRF token."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.urls import reverse
from django.utils.translation import override

from juntos.relationships import services

JUNE_1 = datetime(2026, 6, 1, 12, 0, tzinfo=ZoneInfo("America/Chicago"))


def ended_as_django_says(language):
    """The badge as the Django template wrote it before the rows moved to Jinja2."""
    template = Template(
        '{% load i18n %}{% blocktranslate with d=v|date:"SHORT_DATE_FORMAT" %}'
        "ended {{ d }}{% endblocktranslate %}"
    )
    with override(language):
        return template.render(Context({"v": date(2026, 3, 2)}))


def test_relationship_rows(personas, time_machine):
    time_machine.move_to(JUNE_1, tick=False)
    c = personas.coalition

    def add(name):
        return services.contact_add(coalition=c, actor=personas.host, data={"name": name})

    hub = add("Hub Person")
    evil = add("<script>alert(1)</script>")
    friend = add("Friend O'Neil")
    services.relationship_add(
        coalition=c,
        actor=personas.host,
        source=hub,
        target=evil,
        kind="generic",
        strength=4,
        how_we_know='Met at "<b>church</b>"',
        ended_on=date(2026, 3, 2),
    )
    current = services.relationship_add(
        coalition=c, actor=personas.host, source=friend, target=hub, kind="generic", strength=2
    )
    url = reverse("relationships:contact", args=[c.slug, hub.pk])
    client = personas.client("host")
    html = client.get(url).content.decode()
    assert "<script>alert" not in html and "<b>church" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; →" in html
    assert "Met at &quot;&lt;b&gt;church&lt;/b&gt;&quot;" in html
    assert "Friend O&#x27;Neil →" in html and "4/5" in html and "2/5" in html
    assert f'<span class="badge">{ended_as_django_says("en")}</span>' in html
    assert "ended Mar 2, 2026" in html
    end = reverse("relationships:relationship_end", args=[c.slug, current.pk])
    form = re.search(rf'<form method="post" action="{end}">(.*?)</form>', html)
    assert form and 'name="csrfmiddlewaretoken" value="' in form.group(1)
    assert "Mark as ended" in form.group(1)
    client.cookies["django_language"] = "es"
    html = client.get(url).content.decode()
    assert f'<span class="badge">{ended_as_django_says("es")}</span>' in html
    assert "terminó el" in html
    assert "Marcar como terminada" in html or "Marcar como terminado" in html
