"""Input that used to give a server error (or a database error on PostgreSQL) gets a clear
refusal instead. Also runs on PostgreSQL:
DATABASE_URL=postgres://postgres@127.0.0.1:5432/test uv run pytest tests/api/test_server_errors.py
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from juntos.api import imports
from juntos.api.models import ApiToken, ImportJob
from juntos.members.models import Person


def upload(personas, content: bytes):
    url = reverse("imports:start", args=[personas.coalition.slug])
    return personas.client("host").post(
        url, {"file": SimpleUploadedFile("people.csv", content, content_type="text/csv")}
    )


@pytest.mark.parametrize(
    "content",
    [
        b"first_name,email\n" + b"x" * 140_000 + b",a@example.org\n",  # over 131,072 chars
        b'first_name,email\n"Ana,ana@example.org\nBen,ben@example.org\n',  # quote not closed
    ],
    ids=["field-too-long", "unterminated-quote"],
)
def test_unreadable_csv_is_refused_clearly_and_leaves_no_job(personas, content):
    response = upload(personas, content)
    assert response.status_code == 200
    assert "cannot be read as CSV" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_multibyte_character_across_the_64_kib_boundary_is_accepted(personas):
    header = b"first_name,email\n"
    filler = b"a" * (64 * 1024 - len(header) - 1)
    content = header + filler + "é".encode() + b",e@example.org\n"  # é spans byte 65,536
    assert len(header + filler) == 64 * 1024 - 1
    response = upload(personas, content)
    assert response.status_code == 302
    assert ImportJob.objects.count() == 1


def test_preview_refuses_rows_the_database_would_refuse(personas):
    long_email = "a" * 250 + "@example.org"  # valid in form, longer than 254
    content = (
        "first_name,last_name,email\n"
        "Nul\x00,Byte,nul@example.org\n"
        f"Long,Email,{long_email}\n"
        f"{'N' * 100},{'M' * 100},ok@example.org\n"
    ).encode()
    assert upload(personas, content).status_code == 302
    job = ImportJob.objects.get()
    counts = {k: job.summary[k] for k in ("new", "updated", "merged", "errors")}
    assert counts == {"new": 1, "updated": 0, "merged": 0, "errors": 2}
    reasons = " ".join(reason for _line, reason in job.errors)
    assert "NUL" in reasons and "254" in reasons
    imports.run(job)  # the good row goes in (its name cut to the database's 200)
    assert len(Person.objects.get(email="ok@example.org").full_name) == 200


def signup(personas, person):
    _t, raw = ApiToken.issue(
        user=personas.host, name="t", scope="read_write", coalition=personas.coalition
    )
    return personas.client(None).post(
        reverse("api:signup"),
        json.dumps({"person": person}),
        content_type="application/json",
        HTTP_OSDI_API_TOKEN=raw,
    )


def test_signup_with_long_names_or_email_is_a_400_not_a_500(personas):
    # Names are kept as given, each to its 100 characters; the display name is cut to its 200.
    response = signup(
        personas,
        {
            "given_name": "G" * 100,
            "family_name": "F" * 100,
            "email_addresses": [{"address": "long@example.org"}],
        },
    )
    assert response.status_code == 201
    person = Person.objects.get(email="long@example.org")
    assert (person.given_name, person.family_name) == ("G" * 100, "F" * 100)
    assert len(person.full_name) == 200
    response = signup(
        personas, {"given_name": "G" * 101, "email_addresses": [{"address": "x@example.org"}]}
    )
    assert response.status_code == 400 and "100" in response.json()["error"]
    response = signup(personas, {"email_addresses": [{"address": "a" * 250 + "@example.org"}]})
    assert response.status_code == 400
    assert not Person.objects.filter(email__startswith="a" * 250).exists()
