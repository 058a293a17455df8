"""The sign-in lists' rows (a Jinja2 fragment, juntos/web/jinja.py): hostile text stays text,
each linked row has its confirm form with the request's CSRF token, and Spanish labels."""

import re

from django.urls import reverse

from juntos.events.models import SignIn


def test_signin_rows_escape_link_and_translate(personas, event):
    hostile = SignIn.objects.create(
        event=event,
        list="guest",
        client_id="rows-0001",
        name="<script>alert(1)</script>",
        organization='O\'Brien & "Sons"',
        phone="+13145550123",
        may_contact=True,
        member=personas.member,
    )
    SignIn.objects.create(event=event, list="press", client_id="rows-0002", name="Pat Press")
    url = reverse("events:signins", args=[personas.coalition.slug, event.pk])
    client = personas.client("host")
    html = client.get(url).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "O&#x27;Brien &amp; &quot;Sons&quot;" in html and "(314) 555-0123" in html
    confirm = reverse("events:signin_credit", args=[personas.coalition.slug, event.pk, hostile.pk])
    form = re.search(rf'<form method="post" action="{confirm}"[^>]*>(.*?)</form>', html)
    assert form and 'name="csrfmiddlewaretoken" value="' in form.group(1)
    assert "Pat Press" in html and "Outlet" in html
    client.cookies["django_language"] = "es"
    html = client.get(url).content.decode()
    assert "Confirmar asistencia" in html and 'data-label="Nombre"' in html
