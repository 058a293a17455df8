"""The one place mail is composed: subject, text and HTML rendered in the recipient's language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.utils import translation

COALITION_HEADER = "X-Juntos-Coalition"


def send(
    template_name: str,
    to: str | list[str],
    context: dict,
    *,
    language: str = "en",
    coalition=None,
    connection=None,
    headers: dict | None = None,
) -> None:
    """Render `<template_name>_subject.txt`, `.txt` and `.html` under templates/email/."""
    build(
        template_name,
        to,
        context,
        language=language,
        coalition=coalition,
        connection=connection,
        headers=headers,
    ).send()


def build(
    template_name: str,
    to: str | list[str],
    context: dict,
    *,
    language: str = "en",
    coalition=None,
    connection=None,
    headers: dict | None = None,
) -> EmailMultiAlternatives:
    recipients = [to] if isinstance(to, str) else list(to)
    context = {"site_url": settings.SITE_URL, "coalition": coalition, **context}
    with translation.override(language):
        # Subject and text are plain text: rendered without HTML escaping ("can't", not
        # "can&#x27;t"); the HTML alternative is escaped as usual.
        subject = render_to_string(f"email/{template_name}_subject.txt", context, using="text")
        text = render_to_string(f"email/{template_name}.txt", context, using="text")
        html = render_to_string(f"email/{template_name}.html", context, using="django")
    headers = dict(headers or {})
    if coalition is not None:
        headers[COALITION_HEADER] = coalition.slug
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=recipients,
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


class OutboxBackend(BaseEmailBackend):
    """Keeps mail in the database so hosts can read it in the app during development."""

    def send_messages(self, email_messages):
        from juntos.core.models import OutboxMessage

        for message in email_messages:
            html = ""
            for content, mimetype in getattr(message, "alternatives", []):
                if mimetype == "text/html":
                    html = content
            OutboxMessage.objects.create(
                coalition_slug=message.extra_headers.get(COALITION_HEADER, ""),
                to=", ".join(message.to),
                subject=message.subject,
                body=message.body,
                html=html,
            )
        return len(email_messages)
