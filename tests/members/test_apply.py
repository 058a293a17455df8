"""The public application form: what a valid application does, and every kind of bad input."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from juntos.audit.models import AuditEntry
from juntos.core.forms import spam_token
from juntos.members.models import Application


def valid_data(**overrides):
    data = {
        "kind": "organization",
        "organization_name": "Casa Nueva",
        "tax_status": "c3",
        "city": "St. Louis",
        "state": "MO",
        "zip_code": "63118",
        "representative_name": "María López",
        "representative_title": "Director",
        "phone": "(314) 555-0188",
        "email": "maria@casanueva.example",
        "description": "A community center.",
        "engages_immigrants": "English classes and legal clinics.",
        "policy_priorities": "Driver's licenses for all.",
        "base_and_mobilization": "200 families; calls to legislators.",
        "why_join": "To work with others statewide.",
        "participation": ["full_coalition", "issue_teams"],
        "benefit": "A voice from South St. Louis.",
        "agree": "on",
        "started": spam_token(),
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def png_bytes(size=(40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 110, 90)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def url(personas):
    return reverse("members:apply", args=[personas.coalition.slug])


def post(client, url, data, **extra):
    return client.post(url, data, **extra)


def test_form_shows_every_seed_field(client, url):
    html = client.get(url).content.decode()
    for name in (
        "organization_name",
        "tax_status",
        "city",
        "state",
        "zip_code",
        "representative_name",
        "representative_title",
        "phone",
        "email",
        "description",
        "engages_immigrants",
        "policy_priorities",
        "base_and_mobilization",
        "why_join",
        "participation",
        "benefit",
        "logo",
        "agree",
    ):
        assert f'name="{name}"' in html, name
    for choice in (
        "core_team",
        "full_coalition",
        "supporter_network",
        "support_pods",
        "issue_teams",
        "c3",
        "c4",
        "c6",
    ):
        assert f'value="{choice}"' in html


def test_no_field_asks_about_immigration_status(client, url):
    html = client.get(url).content.decode().lower()
    for word in ("citizenship status", 'immigration status"', "visa", "a-number", "documented"):
        assert word not in html


def test_valid_application_is_saved_confirmed_and_hosts_are_told(
    personas, client, url, django_capture_on_commit_callbacks
):
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, url, {**valid_data(), "logo": logo})
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.organization_name == "Casa Nueva"
    assert application.phone == "+13145550188"  # stored in one standard form
    assert application.participation == ["full_coalition", "issue_teams"]
    assert application.agreed_to_charter and application.logo
    assert application.status == "submitted"
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["host@test.example", "maria@casanueva.example"]
    assert "Casa Nueva" in mail.outbox[0].subject + mail.outbox[1].subject
    assert AuditEntry.objects.filter(action="application.submitted").count() == 1


def test_individual_applies_without_organization_name(client, url):
    response = post(client, url, valid_data(kind="individual", organization_name=""))
    assert response.status_code == 302
    assert Application.objects.get().display_name == "María López"


def _errors(response):
    return response.context["form"].errors


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"city": ""}, "city"),
        ({"representative_name": ""}, "representative_name"),
        ({"organization_name": ""}, "organization_name"),
        ({"participation": None}, "participation"),
        ({"agree": None}, "agree"),
        ({"email": "maria-at-example"}, "email"),
        ({"phone": "12"}, "phone"),
        ({"phone": "call me"}, "phone"),
        ({"zip_code": "631"}, "zip_code"),
        ({"zip_code": "ABCDE"}, "zip_code"),
        ({"state": "ZZ"}, "state"),
        ({"tax_status": "c9"}, "tax_status"),
        ({"description": "<script>alert('x')</script>"}, "description"),
        ({"why_join": "Join <a href='http://spam.example'>here</a>"}, "why_join"),
        ({"benefit": "x" * 102_400}, "benefit"),
        ({"city": "y" * 500}, "city"),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_nothing_saved(client, url, override, field):
    response = post(client, url, valid_data(**override))
    assert response.status_code == 200
    errors = _errors(response)
    assert field in errors and errors[field][0]
    html = response.content.decode()
    assert f'id="field-{field}"' in html and "has-error" in html
    assert Application.objects.count() == 0
    assert mail.outbox == []


def test_every_error_is_reported_at_once(client, url):
    response = post(client, url, valid_data(city="", email="bad", zip_code="1"))
    assert {"city", "email", "zip_code"} <= set(_errors(response))


def test_huge_logo_is_refused_with_its_size(client, url, settings):
    settings.LOGO_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile(
        "logo.png", png_bytes((2000, 2000)) + b"\0" * (2 * 1024 * 1024), content_type="image/png"
    )
    response = post(client, url, {**valid_data(), "logo": big})
    assert "logo" in _errors(response)
    assert "MB" in _errors(response)["logo"][0]
    assert Application.objects.count() == 0


def test_logo_over_the_pixel_limit_is_refused_even_when_small_in_bytes(client, url):
    # 4,001 × 4,001 of one colour compresses to a few kilobytes of PNG.
    wide = SimpleUploadedFile("logo.png", png_bytes((4001, 4001)), content_type="image/png")
    assert wide.size < 100 * 1024
    response = post(client, url, {**valid_data(), "logo": wide})
    assert "4001 × 4001" in _errors(response)["logo"][0]
    assert Application.objects.count() == 0
    at_limit = SimpleUploadedFile("logo.png", png_bytes((4000, 30)), content_type="image/png")
    assert post(client, url, {**valid_data(), "logo": at_limit}).status_code == 302


def test_fifty_megabyte_logo_is_refused(client, url):
    big = SimpleUploadedFile(
        "logo.png", b"\x89PNG" + b"\0" * (50 * 1024 * 1024), content_type="image/png"
    )
    response = post(client, url, {**valid_data(), "logo": big})
    assert "logo" in _errors(response)
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.pdf", b"%PDF-1.4 not an image"),
        ("logo.png", b"MZ\x90\x00 an executable pretending"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
    ],
)
def test_non_image_logo_is_refused(client, url, name, content):
    response = post(client, url, {**valid_data(), "logo": SimpleUploadedFile(name, content)})
    assert "logo" in _errors(response)
    assert Application.objects.count() == 0


def test_same_application_twice_in_a_row_is_refused(client, url):
    assert post(client, url, valid_data()).status_code == 302
    response = post(client, url, valid_data(email="MARIA@casanueva.example"))
    assert response.status_code == 200
    assert "already have this application" in response.content.decode()
    assert Application.objects.count() == 1


def test_honeypot_catches_bots(client, url):
    response = post(client, url, valid_data(website="http://spam.example"))
    assert response.status_code == 200 and Application.objects.count() == 0


def test_instant_submission_is_refused(client, url, settings):
    settings.JUNTOS_FORM_MIN_SECONDS = 3
    response = post(client, url, valid_data(started=spam_token()))
    assert "very fast" in response.content.decode()
    assert Application.objects.count() == 0


def test_forged_start_time_is_refused(client, url):
    response = post(client, url, valid_data(started="12345"))
    assert "expired" in response.content.decode()
    assert Application.objects.count() == 0


def test_rate_limit_per_connection(client, url, settings):
    settings.JUNTOS_APPLY_PER_HOUR = 2
    for i in range(2):
        assert post(client, url, valid_data(email=f"a{i}@example.org")).status_code == 302
    response = post(client, url, valid_data(email="a9@example.org"))
    assert response.status_code == 200 and "Too many" in response.content.decode()
    assert Application.objects.count() == 2


def test_unknown_coalition_is_404(db, client):
    assert client.get("/c/no-such-coalition/apply/").status_code == 404


def test_errors_come_in_spanish_for_a_spanish_speaker(client, url):
    response = client.post(url, valid_data(city="", zip_code="1"), HTTP_ACCEPT_LANGUAGE="es")
    html = response.content.decode()
    assert "Este campo es obligatorio" in html
    assert "código postal de 5 dígitos" in html
    assert "Enviar solicitud" in html


def test_less_than_and_greater_than_in_plain_text_are_accepted(client, url):
    response = post(client, url, valid_data(description="a < b y c > d", benefit="2 < 3 > 1"))
    assert response.status_code == 302
    assert Application.objects.get().description == "a < b y c > d"


@pytest.mark.parametrize(
    "text", ["<b>x</b>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]
)
def test_real_tags_are_still_refused(client, url, text):
    response = post(client, url, valid_data(description=text))
    assert response.status_code == 200
    assert "description" in _errors(response)
    assert Application.objects.count() == 0


def test_arabic_name_is_accepted(client, url):
    response = post(client, url, valid_data(organization_name="جمعية المهاجرين"))
    assert response.status_code == 302
    assert Application.objects.get().organization_name == "جمعية المهاجرين"


@pytest.mark.parametrize("control", ["\u202a", "\u202d", "\u202e", "\u2066", "\u2068", "\u2069"])
def test_text_direction_override_is_refused(client, url, control):
    response = post(client, url, valid_data(organization_name=f"Org {control}evil\u202c"))
    assert response.status_code == 200
    assert _errors(response)["organization_name"][0].startswith("Please remove the invisible")
    assert Application.objects.count() == 0


def test_text_direction_message_comes_in_spanish(client, url):
    response = client.post(
        url, valid_data(organization_name="Org \u202eevil\u202c"), HTTP_ACCEPT_LANGUAGE="es"
    )
    assert "caracteres invisibles de dirección del texto" in response.content.decode()
