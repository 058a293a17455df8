"""No contact details in logs, and uploads only through views that check who may see them."""

import logging

import pytest
from django.urls import reverse

from juntos.members import views as member_views
from tests.members.test_apply import valid_data


@pytest.fixture
def failing_apply(monkeypatch):
    """The application form fails with the applicant's details in the error, as a database
    error on a unique email would (PostgreSQL puts the value in its message)."""

    def broken(*args, **kwargs):
        raise ValueError(
            "duplicate key value violates unique constraint: "
            "Key (email)=(ana.ortiz@example.org) phone (314) 555-0199 already exists"
        )

    monkeypatch.setattr(member_views.services, "application_submit", broken)


def test_a_failing_request_with_contact_details_leaves_none_in_the_logs(
    personas, failing_apply, caplog
):
    client = personas.client(None)
    client.raise_request_exception = False
    url = reverse("members:apply", args=[personas.coalition.slug])
    form = valid_data(email="ana.ortiz@example.org", phone="(314) 555-0199")
    with caplog.at_level(logging.INFO):
        response = client.post(url, form)
    text = caplog.text + "".join(r.getMessage() for r in caplog.records)
    assert "ana.ortiz@example.org" not in text
    assert "555-0199" not in text and "5550199" not in text
    assert response.status_code == 500
    # The error was logged, masked, and the error page shows none of it.
    assert "Internal Server Error" in text and "[redacted]" in text
    assert "ValueError" in text
    assert b"ana.ortiz" not in response.content


def test_masking_keeps_the_rest_of_the_message_and_traceback():
    logger = logging.getLogger("juntos.test")
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    handler = Keep()
    logger.addHandler(handler)
    try:
        try:
            raise RuntimeError("mail to ana@example.org failed")
        except RuntimeError:
            logger.exception("Sending to %s failed", "ana@example.org")
    finally:
        logger.removeHandler(handler)
    assert records and "ana@example.org" not in records[0]
    assert "Sending to [redacted] failed" in records[0] and "RuntimeError" in records[0]


def test_uploads_have_no_public_address(personas, settings):
    # Logos and documents are served only by views that check the reader (see the
    # permission matrix: members:logo, members:application_logo, communications:document).
    media = settings.MEDIA_ROOT
    media.mkdir(parents=True, exist_ok=True)
    (media / "secret.txt").write_text("x")
    assert personas.client("host").get("/media/secret.txt").status_code == 404
    assert personas.client(None).get(f"/{settings.MEDIA_URL}secret.txt").status_code == 404
