from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from juntos.communications import services
from juntos.communications.models import Delivery, Notice
from juntos.members.models import Person


@pytest.fixture
def notice(personas):
    def make(audience="full_coalition", es=True, **extra):
        return Notice.objects.create(
            coalition=personas.coalition,
            audience=audience,
            created_by=personas.host,
            subject_en="Meeting moved",
            body_en="The meeting is now on Thursday.",
            subject_es="Reunión cambiada" if es else "",
            body_es="La reunión ahora es el jueves." if es else "",
            **extra,
        )

    return make


def send(notice, personas, capture):
    with capture(execute=True):
        return services.notice_send(notice=notice, actor=personas.host)


def test_full_coalition_notice_reaches_each_person_in_their_language(
    personas, notice, django_capture_on_commit_callbacks
):
    n = send(notice(), personas, django_capture_on_commit_callbacks)
    by_email = {m.to[0]: m for m in mail.outbox}
    assert set(by_email) == {
        "host@test.example",
        "core@test.example",
        "rep@test.example",
        "other@test.example",
    }  # not the supporter
    assert by_email["core@test.example"].subject == "Reunión cambiada"  # Cora prefers Spanish
    assert by_email["rep@test.example"].subject == "Meeting moved"
    n.refresh_from_db()
    assert n.status == "sent"
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


def test_spanish_speakers_get_english_when_there_is_no_spanish_version(
    personas, notice, django_capture_on_commit_callbacks
):
    send(notice(es=False), personas, django_capture_on_commit_callbacks)
    core = next(m for m in mail.outbox if m.to == ["core@test.example"])
    assert core.subject == "Meeting moved"


def test_sending_twice_sends_nothing_more(personas, notice, django_capture_on_commit_callbacks):
    n = send(notice(), personas, django_capture_on_commit_callbacks)
    first = len(mail.outbox)
    send(n, personas, django_capture_on_commit_callbacks)
    from juntos.communications.tasks import deliver_notice

    deliver_notice.call(n.pk)  # a duplicate task run finds nothing left to send
    assert len(mail.outbox) == first
    assert Delivery.objects.filter(notice=n).count() == first


def test_supporter_notice_has_one_click_unsubscribe(
    personas, notice, django_capture_on_commit_callbacks
):
    send(notice(audience="supporters"), personas, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.to == ["supporter@test.example"]
    link = next(w for w in message.body.split() if "/unsubscribe/" in w)
    path = link[link.index("/unsubscribe/") :]
    client = personas.client(None)
    assert client.post(path).status_code == 200
    assert Person.objects.get(user=personas.supporter).unsubscribed_at is not None
    mail.outbox.clear()
    send(notice(audience="supporters"), personas, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_representatives_cannot_unsubscribe_from_official_notices(personas):
    rep = Person.objects.get(user=personas.rep)
    path = reverse("links:unsubscribe", args=[services.unsubscribe_token(rep)])
    response = personas.client(None).post(path)
    assert "Official notices" in response.content.decode()
    rep.refresh_from_db()
    assert rep.unsubscribed_at is None


def test_tampered_unsubscribe_link_is_refused(personas):
    path = reverse("links:unsubscribe", args=["nonsense"])
    assert personas.client(None).post(path).status_code == 400


def test_weekly_digest_holds_notices_for_those_who_chose_it(
    personas, notice, django_capture_on_commit_callbacks
):
    Person.objects.filter(user=personas.rep).update(notice_frequency="weekly")
    send(notice(), personas, django_capture_on_commit_callbacks)
    assert "rep@test.example" not in [m.to[0] for m in mail.outbox]
    services.update_post(
        coalition=personas.coalition, actor=personas.host, body="We won the hearing!", public=False
    )
    mail.outbox.clear()
    assert services.digest_send(coalition=personas.coalition) == 1
    (digest,) = mail.outbox
    assert digest.to == ["rep@test.example"]
    assert "The meeting is now on Thursday." in digest.body
    assert "We won the hearing!" in digest.body
    assert services.digest_send(coalition=personas.coalition) == 0


def test_scheduled_notice_waits_until_due(personas, notice, django_capture_on_commit_callbacks):
    later = timezone.now() + timedelta(hours=2)
    n = notice()
    with django_capture_on_commit_callbacks(execute=True):
        services.notice_send(notice=n, actor=personas.host, when=later)
    assert mail.outbox == [] and Notice.objects.get().status == "scheduled"
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_notices(now=timezone.now()) == 0
        assert services.send_due_notices(now=later + timedelta(minutes=1)) == 1
    assert len(mail.outbox) == 4


def test_host_writes_previews_and_sends_through_the_pages(
    personas, django_capture_on_commit_callbacks
):
    client = personas.client("host")
    slug = personas.coalition.slug
    response = client.post(
        reverse("communications:notice_new", args=[slug]),
        {
            "audience": "core_team",
            "subject_en": "Core call",
            "body_en": "Tomorrow at 6.",
        },
    )
    n = Notice.objects.get()
    html = client.get(response["Location"]).content.decode()
    assert "Cora Core" in html and "Rene Rep" not in html  # the preview lists recipients
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("communications:notice_send", args=[slug, n.pk]))
    assert sorted(m.to[0] for m in mail.outbox) == ["core@test.example", "host@test.example"]
    progress = client.get(reverse("communications:notice_progress", args=[slug, n.pk]))
    assert "2 of 2 sent" in progress.content.decode()


def test_notice_form_bad_input(personas):
    client = personas.client("host")
    url = reverse("communications:notice_new", args=[personas.coalition.slug])
    response = client.post(
        url, {"audience": "team", "subject_en": "<b>x</b>", "body_en": "", "subject_es": "Hola"}
    )
    errors = response.context["form"].errors
    assert {"team", "subject_en", "body_en", "body_es"} <= set(errors)
    assert not Notice.objects.exists()


def test_archive_shows_members_only_what_reached_them(
    personas, notice, django_capture_on_commit_callbacks
):
    send(notice(audience="core_team"), personas, django_capture_on_commit_callbacks)
    url = reverse("communications:notices", args=[personas.coalition.slug])
    assert (
        "Meeting moved" in personas.client("core").get(url).content.decode()
        or "Reunión cambiada" in personas.client("core").get(url).content.decode()
    )
    assert "Meeting moved" not in personas.client("rep").get(url).content.decode()
    n = Notice.objects.get()
    detail = reverse("communications:notice", args=[personas.coalition.slug, n.pk])
    assert personas.client("rep").get(detail).status_code == 404
