from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from juntos.communications import services
from juntos.communications.models import Document
from juntos.members.models import Person


def make_docs(personas):
    rep = Person.objects.get(user=personas.rep)
    services.document_add(
        coalition=personas.coalition,
        actor=personas.host,
        title="Flyer",
        visibility="public",
        url="https://example.org/flyer",
    )
    services.document_add(
        coalition=personas.coalition,
        actor=personas.host,
        title="Member list",
        visibility="members",
        url="https://example.org/list",
    )
    services.document_add(
        coalition=personas.coalition,
        actor=personas.host,
        title="Core strategy",
        visibility="core_team",
        url="https://example.org/core",
    )
    services.document_add(
        coalition=personas.coalition,
        actor=personas.host,
        title="Legal memo",
        visibility="named",
        url="https://example.org/memo",
        people=[rep],
    )


def titles(personas, who):
    url = reverse("communications:documents", args=[personas.coalition.slug])
    html = personas.client(who).get(url).content.decode()
    return {t for t in ("Flyer", "Member list", "Core strategy", "Legal memo") if t in html}


def test_each_role_sees_only_what_the_document_names(personas):
    make_docs(personas)
    assert titles(personas, "host") == {"Flyer", "Member list", "Core strategy", "Legal memo"}
    assert titles(personas, "core") == {"Flyer", "Member list", "Core strategy"}
    assert titles(personas, "rep") == {"Flyer", "Member list", "Legal memo"}
    assert titles(personas, "other_rep") == {"Flyer", "Member list"}
    assert titles(personas, "supporter") == {"Flyer"}


def test_hidden_document_cannot_be_opened_by_address(personas):
    make_docs(personas)
    memo = Document.objects.get(title="Legal memo")
    url = reverse("communications:document", args=[personas.coalition.slug, memo.pk])
    assert personas.client("other_rep").get(url).status_code == 404
    assert personas.client("rep").get(url).status_code == 302


def test_upload_limits_and_clear_errors(personas, settings):
    settings.DOCUMENT_MAX_BYTES = 1000
    url = reverse("communications:documents", args=[personas.coalition.slug])
    client = personas.client("host")
    big = SimpleUploadedFile("notes.pdf", b"%PDF" + b"0" * 2000)
    response = client.post(url, {"title": "Big", "file": big, "visibility": "members"})
    assert "limit" in response.context["form"].errors["file"][0]
    exe = SimpleUploadedFile("tool.exe", b"MZ")
    response = client.post(url, {"title": "Exe", "file": exe, "visibility": "members"})
    assert "cannot be shared" in response.context["form"].errors["file"][0]
    response = client.post(url, {"title": "Nothing", "visibility": "members"})
    assert "file" in response.context["form"].errors
    response = client.post(url, {"title": "Named", "url": "https://x.org", "visibility": "named"})
    assert "people" in response.context["form"].errors
    assert not Document.objects.exists()
    ok = SimpleUploadedFile("agenda.pdf", b"%PDF-1.4 small")
    assert (
        client.post(url, {"title": "Agenda", "file": ok, "visibility": "members"}).status_code
        == 302
    )
    doc = Document.objects.get()
    response = personas.client("rep").get(
        reverse("communications:document", args=[personas.coalition.slug, doc.pk])
    )
    assert response.status_code == 200 and b"%PDF-1.4 small" in b"".join(response.streaming_content)


def test_representatives_cannot_upload(personas):
    url = reverse("communications:documents", args=[personas.coalition.slug])
    response = personas.client("rep").post(
        url, {"title": "x", "url": "https://x.org", "visibility": "public"}
    )
    assert response.status_code == 403
