"""A coalition's own texts in several languages (issue 18, item 2): the shared helper, the
side-by-side form, readers' fallback with its mark, and mail per recipient language."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from juntos.audit.models import Action, AuditEntry
from juntos.communications import services
from juntos.communications.forms import NoticeForm
from juntos.communications.models import Notice, Statement
from juntos.core.translatable import coalition_languages, split_versions, version
from juntos.events.models import Event
from juntos.events.services import event_update, guest_add, guests_remind, invitations_send
from juntos.governance.models import AgendaItem
from juntos.members.models import Person
from juntos.web.templatetags.translated import tr
from tests.charter.test_amend import form_data as _amend_data
from tests.events.conftest import plan


@pytest.fixture(autouse=True)
def english_after():
    """A Spanish reader's request leaves Spanish active in the thread: later tests expect
    the default."""
    yield
    translation.activate("en")


# --- The helper -------------------------------------------------------------------------


def text(language="en", translations=None, **fields):
    return SimpleNamespace(language=language, translations=translations or {}, **fields)


def test_reader_gets_their_language_without_a_mark():
    obj = text(title="Rally", translations={"es": {"title": "Mitin"}})
    assert version(obj, "title", "es") == ("Mitin", "es", False)
    assert version(obj, "title", "en") == ("Rally", "en", False)


def test_missing_language_falls_back_to_the_original_with_a_mark():
    obj = text(language="es", title="Mitin")
    assert version(obj, "title", "en") == ("Mitin", "es", True)
    with translation.override("en"):
        html = str(tr(obj, "title"))
    assert '<span lang="es">Mitin</span>' in html and "not yet translated" in html
    with translation.override("es"):
        assert str(tr(obj, "title")) == "Mitin"  # the reader's own language: no mark


def test_original_of_unrecorded_language_is_shown_without_a_mark():
    obj = text(language="", title="Rally")
    assert version(obj, "title", "es") == ("Rally", "", False)


def test_fallback_from_a_translation_when_the_original_field_is_empty():
    obj = text(title="Rally", notes="", translations={"es": {"notes": "Rampa al frente"}})
    assert version(obj, "notes", "en") == ("Rampa al frente", "es", True)


@override_settings(JUNTOS_CONTENT_LANGUAGES=["en", "es", "vi"])
def test_a_third_language_is_a_setting():
    obj = text(title="Rally", translations={"vi": {"title": "Cuộc mít tinh"}})
    assert version(obj, "title", "vi") == ("Cuộc mít tinh", "vi", False)
    assert version(obj, "title", "es") == ("Rally", "en", True)
    assert coalition_languages(SimpleNamespace(languages=["vi", "en", "fr"])) == ["vi", "en"]
    assert coalition_languages(SimpleNamespace(languages=[])) == ["en", "es", "vi"]


def test_split_versions_keeps_the_preferred_original_and_only_written_translations():
    texts = {"title": {"en": "", "es": "Mitin"}, "notes": {"en": "", "es": ""}}
    assert split_versions(texts, prefer=["en", "es"]) == (
        "es",
        {"title": "Mitin", "notes": ""},
        {},
    )
    texts = {"title": {"en": "Rally", "es": "Mitin"}}
    assert split_versions(texts, prefer=["es", "en"]) == (
        "es",
        {"title": "Mitin"},
        {"en": {"title": "Rally"}},
    )


# --- Notices: the form ------------------------------------------------------------------


def notice_form(personas, **data):
    return NoticeForm({"audience": "core_team", **data}, coalition=personas.coalition)


def test_notice_form_saves_both_versions(personas):
    form = notice_form(
        personas, subject_en="Hi", body_en="Hello.", subject_es="Hola", body_es="Buenas."
    )
    assert form.is_valid(), form.errors
    assert form.versions == {
        "subject": {"en": "Hi", "es": "Hola"},
        "body": {"en": "Hello.", "es": "Buenas."},
    }


def test_notice_form_takes_a_spanish_only_notice(personas):
    form = notice_form(personas, subject_es="Hola", body_es="Buenas.")
    assert form.is_valid(), form.errors


def test_notice_form_refuses_no_version_at_all(personas):
    with translation.override("en"):
        form = notice_form(personas)
        assert not form.is_valid()
    assert form.errors["subject_en"] == ["Write this in at least one language (English / Spanish)."]


def test_notice_form_refuses_half_a_version(personas):
    with translation.override("en"):
        form = notice_form(personas, subject_en="Hi", body_en="Hello.", subject_es="Hola")
        assert not form.is_valid()
    assert form.errors["body_es"] == [
        "Complete the Spanish version too, or leave all of its fields empty."
    ]


def test_notice_form_shows_the_versions_side_by_side(personas):
    client = personas.client("host")
    html = client.get(
        reverse("communications:notice_new", args=[personas.coalition.slug])
    ).content.decode()
    assert html.count('class="versions-row"') == 2  # subject and message
    assert 'name="subject_es"' in html and 'lang="es"' in html


@override_settings(JUNTOS_CONTENT_LANGUAGES=["en", "es", "vi"])
def test_a_third_configured_language_adds_a_third_input(personas):
    personas.coalition.languages = ["en", "es", "vi"]
    personas.coalition.save(update_fields=["languages"])
    client = personas.client("host")
    html = client.get(
        reverse("communications:notice_new", args=[personas.coalition.slug])
    ).content.decode()
    assert 'name="subject_vi"' in html and 'name="body_vi"' in html
    form = notice_form(personas, subject_vi="Xin chào", body_vi="Chào mọi người.")
    assert form.is_valid(), form.errors


# --- Notices: readers and mail ----------------------------------------------------------


def make_notice(personas, **texts):
    notice = services.notice_create(
        coalition=personas.coalition,
        actor=personas.host,
        audience="core_team",
        team=None,
        chosen=[],
        versions={
            "subject": {k[8:]: v for k, v in texts.items() if k.startswith("subject_")},
            "body": {k[5:]: v for k, v in texts.items() if k.startswith("body_")},
        },
    )
    return notice


def test_spanish_reader_sees_the_spanish_notice(personas, django_capture_on_commit_callbacks):
    notice = make_notice(
        personas, subject_en="Moved", body_en="Thursday.", subject_es="Cambio", body_es="Jueves."
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.notice_send(notice=notice, actor=personas.host)
    url = reverse("communications:notice", args=[personas.coalition.slug, notice.pk])
    html = personas.client("core").get(url).content.decode()  # Cora reads Spanish
    assert "Cambio" in html and "Jueves." in html and "sin traducir" not in html
    archive = reverse("communications:notices", args=[personas.coalition.slug])
    assert "Cambio" in personas.client("core").get(archive).content.decode()


def test_spanish_reader_sees_the_english_notice_marked_untranslated(
    personas, django_capture_on_commit_callbacks
):
    notice = make_notice(personas, subject_en="Moved", body_en="Thursday.")
    with django_capture_on_commit_callbacks(execute=True):
        services.notice_send(notice=notice, actor=personas.host)
    url = reverse("communications:notice", args=[personas.coalition.slug, notice.pk])
    html = personas.client("core").get(url).content.decode()
    assert "Moved" in html and "aún sin traducir" in html and '<h1 lang="en">' in html


@override_settings(JUNTOS_CONTENT_LANGUAGES=["en", "es", "vi"])
def test_notice_mail_goes_out_in_each_recipients_language(
    personas, django_capture_on_commit_callbacks
):
    notice = make_notice(
        personas,
        subject_en="Moved",
        body_en="Thursday.",
        subject_es="Cambio",
        body_es="Jueves.",
        subject_vi="Thay đổi",
        body_vi="Thứ Năm.",
    )
    lan = Person.objects.create(
        coalition=personas.coalition,
        full_name="Lan Nguyen",
        email="lan@test.example",
        role="host",
        preferred_language="vi",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.notice_send(notice=notice, actor=personas.host)
    by_email = {m.to[0]: m for m in mail.outbox}
    assert by_email["core@test.example"].subject == "Cambio"
    assert "Jueves." in by_email["core@test.example"].body
    assert by_email["host@test.example"].subject == "Moved"
    assert by_email[lan.email].subject == "Thay đổi"
    assert "Thứ Năm." in by_email[lan.email].body
    assert Notice.objects.get().translations == {"vi": {"subject": "Thay đổi", "body": "Thứ Năm."}}


def test_spanish_only_notice_reaches_english_readers_in_spanish(
    personas, django_capture_on_commit_callbacks
):
    notice = make_notice(personas, subject_es="Cambio", body_es="Jueves.")
    with django_capture_on_commit_callbacks(execute=True):
        services.notice_send(notice=notice, actor=personas.host)
    assert {m.subject for m in mail.outbox} == {"Cambio"}


# --- Statements -------------------------------------------------------------------------


def test_statement_drafted_in_spanish_only(personas):
    client = personas.client("host")
    url = reverse("communications:statements", args=[personas.coalition.slug])
    response = client.post(url, {"title_es": "Licencias para todos", "body_es": "Apoyamos."})
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert (statement.language, statement.title, statement.translations) == (
        "es",
        "Licencias para todos",
        {},
    )


def test_statement_form_refuses_no_version(personas):
    client = personas.client("host")
    url = reverse("communications:statements", args=[personas.coalition.slug])
    response = client.post(url, {"title_en": "", "title_es": "", "body_en": "", "body_es": ""})
    assert response.status_code == 200 and not Statement.objects.exists()
    assert "title_en" in response.context["form"].errors


def bilingual_statement(personas, **extra):
    return services.statement_create(
        coalition=personas.coalition,
        actor=personas.host,
        title="Licenses for all",
        body="We support licenses.",
        language="en",
        translations={"es": {"title": "Licencias para todos", "body": "Apoyamos las licencias."}},
        **extra,
    )


def test_sign_on_request_reaches_each_contact_in_their_language(
    personas, django_capture_on_commit_callbacks
):
    statement = bilingual_statement(personas)
    with django_capture_on_commit_callbacks(execute=True):
        services.signon_request(statement=statement, actor=personas.host)
    core = next(m for m in mail.outbox if m.to == ["core@test.example"])  # reads Spanish
    rep = next(m for m in mail.outbox if m.to == ["rep@test.example"])
    assert "Licencias para todos" in core.subject and "Apoyamos las licencias." in core.body
    assert "Licenses for all" not in core.body
    assert "Licenses for all" in rep.subject and "We support licenses." in rep.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.signon_remind(statement=statement, force=True)
    core = next(m for m in mail.outbox if m.to == ["core@test.example"])
    assert "Licencias para todos" in core.subject


def test_statement_page_in_the_readers_language_with_fallback_mark(
    personas, django_capture_on_commit_callbacks
):
    statement = bilingual_statement(personas)
    english_only = services.statement_create(
        coalition=personas.coalition,
        actor=personas.host,
        title="Only in English",
        body="Text.",
        language="en",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.signon_request(statement=statement, actor=personas.host)
        services.signon_request(statement=english_only, actor=personas.host)
    core = personas.client("core")
    page = core.get(
        reverse("communications:statement", args=[personas.coalition.slug, statement.pk])
    )
    html = page.content.decode()
    assert "Licencias para todos" in html and "Licenses for all" not in html
    assert "sin traducir" not in html
    other = core.get(
        reverse("communications:statement", args=[personas.coalition.slug, english_only.pk])
    ).content.decode()
    assert '<span lang="en">Only in English</span>' in other and "aún sin traducir" in other
    host = personas.client("host").get(page.request["PATH_INFO"]).content.decode()
    assert "Licenses for all" in host and "Versión en" not in host and "Spanish version" in host


# --- Events -----------------------------------------------------------------------------


def event_post(personas, **texts):
    start = timezone.localtime() + timedelta(days=40)
    return {
        "kind": "community_forum",
        "hosts": [personas.member.pk],
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "retention_days": 90,
        **texts,
    }


def test_event_form_saves_both_versions_through_the_audited_service(personas):
    client = personas.client("host")
    url = reverse("events:add", args=[personas.coalition.slug])
    form = client.get(url).content.decode()
    assert form.count('class="versions-row"') == 3  # title, description, accessibility
    response = client.post(
        url,
        event_post(
            personas,
            title_en="Know your rights",
            title_es="Conozca sus derechos",
            accessibility_notes_es="Entrada sin escalones.",
        ),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.language, event.title, event.accessibility_notes) == (
        "en",
        "Know your rights",
        "",
    )
    assert event.translations == {
        "es": {"title": "Conozca sus derechos", "accessibility_notes": "Entrada sin escalones."}
    }
    edit = reverse("events:edit", args=[personas.coalition.slug, event.pk])
    page = client.get(edit).content.decode()
    assert 'value="Conozca sus derechos"' in page
    client.post(edit, event_post(personas, title_en="Know your rights", title_es="Sus derechos"))
    event.refresh_from_db()
    assert event.translations == {"es": {"title": "Sus derechos"}}
    entry = AuditEntry.objects.filter(action=Action.EVENT_CHANGED).latest("pk")
    assert entry.changes["translations"][1] == {"es": {"title": "Sus derechos"}}


def test_event_form_refuses_an_event_without_a_title(personas):
    client = personas.client("host")
    response = client.post(
        reverse("events:add", args=[personas.coalition.slug]), event_post(personas)
    )
    assert response.status_code == 200 and not Event.objects.exists()
    assert "title_en" in response.context["form"].errors


def spanish_event(personas):
    event = plan(personas, title="Rally at the Capitol", accessibility_notes="Ramp at the side.")
    return event_update(
        event=event,
        actor=personas.host,
        data={
            "language": "en",
            "translations": {"es": {"title": "Mitin en el Capitolio"}},
        },
    )


def test_spanish_reader_sees_the_spanish_event_and_the_mark_where_untranslated(personas):
    event = spanish_event(personas)
    html = (
        personas.client("core")
        .get(reverse("events:event", args=[personas.coalition.slug, event.pk]))
        .content.decode()
    )
    assert "Mitin en el Capitolio" in html and "Rally at the Capitol" not in html
    assert '<span lang="en">Ramp at the side.</span>' in html and "aún sin traducir" in html
    public = personas.client(None).get(
        reverse("events_public:page", args=[personas.coalition.slug, event.slug]),
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert "Mitin en el Capitolio" in public.content.decode()


def test_event_reminder_and_invitation_reach_each_guest_in_their_language(
    personas, django_capture_on_commit_callbacks
):
    event = spanish_event(personas)
    english = guest_add(
        event=event, actor=personas.host, data={"name": "Sen. Diaz", "email": "d@s.example"}
    )
    spanish = guest_add(
        event=event,
        actor=personas.host,
        data={"name": "Rep. Ortiz", "email": "o@h.example", "language": "es"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitations_send(event=event, actor=personas.host, guests=[english, spanish])
    by_email = {m.to[0]: m for m in mail.outbox}
    assert "Mitin en el Capitolio" in by_email["o@h.example"].body
    assert "Rally at the Capitol" in by_email["d@s.example"].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        guests_remind(event=event, actor=personas.host)
    by_email = {m.to[0]: m for m in mail.outbox}
    assert "Mitin en el Capitolio" in by_email["o@h.example"].subject
    assert "Ramp at the side." in by_email["o@h.example"].body  # the fallback, unmarked
    assert "Rally at the Capitol" in by_email["d@s.example"].subject


# --- The coalition's mission, values and agreements -------------------------------------


def amendment_form_data(personas, **texts):
    data = _amend_data(personas)
    for key in ("mission", "values", "agreements"):
        data[f"{key}_en"] = data.pop(key)
    data.update(texts)
    return data


def test_amendment_adds_the_spanish_mission_values_and_agreements(personas):
    data = amendment_form_data(
        personas,
        mission_es="Que el estado sea acogedor.",
        values_es="Dignidad: Cada persona cuenta.",
        agreements_es="",
    )
    client = personas.client("host")
    page = client.get(reverse("charter:amend", args=[personas.coalition.slug])).content.decode()
    assert 'name="mission_es"' in page and 'name="values_en"' in page
    assert "Dignity: Everyone counts." in page  # the English version, in its own box
    response = client.post(reverse("charter:amend", args=[personas.coalition.slug]), data)
    assert response.status_code == 302, response.context["form"].errors
    new = personas.coalition.charter_versions.get(number=2)
    assert new.mission == "Make the state welcoming." and new.language == "en"
    assert new.translations == {
        "es": {
            "mission": "Que el estado sea acogedor.",
            "values": [{"name": "Dignidad", "text": "Cada persona cuenta."}],
        }
    }
    entry = AuditEntry.objects.filter(action=Action.CHARTER_AMENDED).latest("pk")
    assert entry.changes["translations"][1] == new.translations
    home = personas.client("core").get(reverse("web:home", args=[personas.coalition.slug]))
    html = home.content.decode()  # Cora reads Spanish
    assert "Que el estado sea acogedor." in html and "Dignidad" in html
    assert "Make the state welcoming." not in html
    assert "One mic" in html and "aún sin traducir" in html  # agreements: English, marked


def test_amendment_without_any_mission_is_refused(personas):
    data = amendment_form_data(personas, mission_en="", mission_es="")
    response = personas.client("host").post(
        reverse("charter:amend", args=[personas.coalition.slug]), data
    )
    assert response.status_code == 200
    assert "mission_en" in response.context["form"].errors


def test_a_changed_original_drops_its_stale_translation(personas):
    from juntos.charter.services import charter_amend

    coalition = personas.coalition
    current = coalition.charter_versions.get(number=1)
    kwargs = {
        "coalition": coalition,
        "actor": personas.host,
        "effective_from": timezone.localdate(),
        "summary": "s",
        "reason": "r",
        "values": current.values,
        "agreements": current.agreements,
        "rules": current.rules,
    }
    charter_amend(
        **kwargs,
        mission=current.mission,
        language="en",
        translations={"es": {"mission": "Acogedor.", "agreements": [{"name": "Un micrófono"}]}},
    )
    # A motion changes the English mission without touching the translations.
    third = charter_amend(**kwargs, mission="Make the state welcoming for all.")
    assert third.translations == {"es": {"agreements": [{"name": "Un micrófono"}]}}
    assert version(third, "mission", "es") == ("Make the state welcoming for all.", "en", True)


# --- Agenda rows ------------------------------------------------------------------------


def test_agenda_row_in_two_languages_reads_in_each(personas):
    from tests.governance.helpers import meeting

    m = meeting(personas, days=30)
    client = personas.client("host")
    agenda = reverse("governance:agenda", args=[personas.coalition.slug, m.pk])
    assert client.get(agenda).content.decode().count('class="versions-row"') == 3
    response = client.post(
        agenda,
        {"goal_en": "Budget vote", "goal_es": "Votación del presupuesto", "kind": "decision"},
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert (item.goal, item.translations) == (
        "Budget vote",
        {"es": {"goal": "Votación del presupuesto"}},
    )
    spanish = personas.client("core").get(agenda).content.decode()
    assert "Votación del presupuesto" in spanish and "Budget vote" not in spanish
    # The English process, added later, reaches the Spanish reader marked.
    edit = reverse("governance:agenda_item", args=[personas.coalition.slug, m.pk, item.pk])
    client.post(
        edit,
        {
            "goal_en": "Budget vote",
            "goal_es": "Votación del presupuesto",
            "process_en": "Each member votes.",
            "kind": "decision",
        },
    )
    spanish = personas.client("core").get(agenda).content.decode()
    assert '<span lang="en">Each member votes.</span>' in spanish and "aún sin traducir" in spanish


def test_template_row_edited_in_one_language_stays_generated_in_the_other(personas):
    from juntos.governance import phrases
    from juntos.governance import services as governance
    from tests.governance.helpers import meeting

    m = meeting(personas, days=30)
    item = governance.agenda_template_apply(meeting=m, actor=personas.host, template="regular")[0]
    client = personas.client("host")
    edit = reverse("governance:agenda_item", args=[personas.coalition.slug, m.pk, item.pk])
    page = client.get(edit).content.decode()
    with translation.override("es"):
        spanish_goal = phrases.row_text(item, "goal")
    assert 'value="Welcome and introductions"' in page and f'value="{spanish_goal}"' in page
    data = {
        f"{f}_{code}": value
        for (f, code), value in {
            ("goal", "en"): "Welcome, and who is new",
            ("goal", "es"): spanish_goal,
        }.items()
    }
    client.post(edit, {**data, "kind": "discussion"})
    item.refresh_from_db()
    assert item.goal == "Welcome, and who is new" and item.translations == {}
    with translation.override("es"):
        # The Spanish reader still gets the generated Spanish words, left as they were.
        assert phrases.row_text(item, "goal") == spanish_goal


# --- Updates ----------------------------------------------------------------------------


def test_update_posted_in_both_languages_reads_in_each_and_marks_a_missing_one(personas):
    client = personas.client("host")
    url = reverse("communications:updates", args=[personas.coalition.slug])
    assert client.get(url).content.decode().count('class="versions-row"') == 1
    client.post(url, {"body_en": "We met the senator.", "body_es": "Nos reunimos con la senadora."})
    client.post(url, {"body_es": "Solo en español."})
    refused = client.post(url, {"body_en": "", "body_es": ""})
    assert "body_en" in refused.context["form"].errors
    english = client.get(url).content.decode()  # Hana reads English
    assert "We met the senator." in english and "Nos reunimos" not in english
    assert '<span lang="es">Solo en español.</span>' in english and "not yet translated" in english
    spanish = personas.client("core").get(url).content.decode()
    assert "Nos reunimos con la senadora." in spanish and "We met the senator." not in spanish
    assert "Solo en español." in spanish and "sin traducir" not in spanish


@override_settings(JUNTOS_CONTENT_LANGUAGES=["en", "es", "ar"])
def test_a_right_to_left_language_gets_right_to_left_boxes_and_text(personas):
    personas.coalition.languages = ["en", "ar"]
    form = NoticeForm(coalition=personas.coalition)
    html = str(form["subject_ar"])
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert "subject_es" not in form.fields  # the coalition did not choose Spanish
    obj = text(language="ar", title="مسيرة")
    with translation.override("en"):
        assert 'dir="rtl"' in str(tr(obj, "title"))


def settings_with(languages: str):
    import os
    import subprocess
    import sys

    code = (
        "import juntos.settings as s; "
        "print([c for c, _ in s.LANGUAGES], s.JUNTOS_CONTENT_LANGUAGES)"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "JUNTOS_CONTENT_LANGUAGES": languages},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_content_languages_setting_is_read_strictly():
    ok = settings_with("en,es,vi")
    # Vietnamese texts, but no Vietnamese interface until its catalog exists.
    assert ok.stdout.strip() == "['en', 'es'] ['en', 'es', 'vi']", ok.stderr
    bad = settings_with("en,klingon")
    assert bad.returncode != 0 and "JUNTOS_CONTENT_LANGUAGES" in bad.stderr


@override_settings(JUNTOS_CONTENT_LANGUAGES=["en", "es", "vi"])
def test_a_third_language_is_a_valid_preference_in_the_models_too(db, personas):
    # The models take their choices from the setting, so the admin and full_clean agree
    # with the forms: a Vietnamese reader's preference is kept, an unknown code is not.
    from django.core.exceptions import ValidationError

    from juntos.charter.setup_forms import language_choices

    user = personas.rep
    user.preferred_language = "vi"
    user.full_clean()
    person = Person.objects.get(user=user, coalition=personas.coalition)
    person.preferred_language = "vi"
    person.full_clean()
    assert "vi" in dict(language_choices())
    person.preferred_language = "xx"
    with pytest.raises(ValidationError):
        person.full_clean()


def test_content_created_without_a_language_takes_the_coalitions_first_one(personas):
    coalition = personas.coalition
    first = coalition.primary_language
    update = services.update_post(coalition=coalition, actor=personas.host, body="Hi", public=0)
    statement = services.statement_create(
        coalition=coalition, actor=personas.host, title="Licenses for all", body="b"
    )
    event = plan(personas)
    assert first and update.language == first and statement.language == first
    assert event.language == first
    given = services.statement_create(
        coalition=coalition, actor=personas.host, title="Hola", body="b", language="es"
    )
    assert given.language == "es"


def test_my_work_marks_a_sign_on_request_not_yet_translated(personas):
    statement = services.statement_create(
        coalition=personas.coalition,
        actor=personas.host,
        title="Licenses for all",
        body="b",
        language="en",
    )
    services.signon_request(statement=statement, actor=personas.host)
    core = personas.client("core")  # reads Spanish; speaks for Core Org
    page = core.get(reverse("governance:my_work", args=[personas.coalition.slug])).content
    assert '<span lang="en">Licenses for all</span>' in page.decode()
