"""Starting a coalition: the command, the operator's page, the charter gate, the set-up guide."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from juntos.accounts.models import Invitation, User
from juntos.audit.models import Action, AuditEntry
from juntos.charter import presets, services
from juntos.charter.models import CharterVersion, Coalition
from juntos.members.models import Person, Team


def run(*args):
    out = StringIO()
    call_command("coalition", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_command_starts_a_coalition_with_a_charter_and_invites_its_host(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        out = run(
            "create",
            "--name",
            "Mesa de Bienvenida",
            "--slug",
            "mesa",
            "--host-email",
            "Lupe@Example.org",
            "--charter",
            "seed",
            "--language",
            "es",
        )
    coalition = Coalition.objects.get(slug="mesa")
    version = coalition.charter_in_force()
    assert version.number == 1 and version.template == "seed"
    assert version.adopted_how == CharterVersion.Adoption.FOUNDING
    assert version.parsed_rules.quorum_numerator == 2  # the seed's 2/3
    assert coalition.setup_finished_at is None  # the host is guided
    assert coalition.languages[0] == "es"
    invitation = Invitation.objects.get(coalition=coalition)
    assert invitation.role == "host" and invitation.email == "lupe@example.org"
    assert invitation.language == "es"
    assert "/invite/" in out and "lupe@example.org" in out
    assert [m.to for m in mail.outbox] == [["lupe@example.org"]]
    assert AuditEntry.objects.filter(coalition=coalition, action=Action.CHARTER_ADOPTED).exists()


@pytest.mark.django_db
def test_command_makes_an_existing_login_host_at_once():
    user = User.objects.create_user(email="ana@example.org", password="x-long-password-1")
    out = run("create", "--name", "Tabla", "--slug", "tabla", "--host-email", "ana@example.org")
    person = Person.objects.get(coalition__slug="tabla", user=user)
    assert person.role == "host"
    assert "can sign in now" in out
    assert not Invitation.objects.filter(coalition__slug="tabla").exists()


@pytest.mark.django_db
def test_command_refuses_a_taken_address_and_a_bad_one_and_writes_nothing():
    run("create", "--name", "A", "--slug", "taken", "--host-email", "a@example.org")
    with pytest.raises(CommandError, match="already has this address"):
        run("create", "--name", "B", "--slug", "taken", "--host-email", "b@example.org")
    with pytest.raises(CommandError, match="--slug"):
        run("create", "--name", "B", "--slug", "Bad Slug!", "--host-email", "b@example.org")
    assert Coalition.objects.count() == 1


@pytest.mark.parametrize("template", presets.TEMPLATES)
@pytest.mark.django_db
def test_each_template_gives_a_valid_first_charter(template):
    coalition = services.coalition_create(slug=f"t-{template}", name="T", template=template)
    rules = coalition.charter_in_force().parsed_rules
    expected = {
        "seed": ((2, 3), "unanimous", "present"),
        "simple": ((1, 2), "majority", "votes_cast"),
        "blank": ((1, 2), "majority", "votes_cast"),
    }[template]
    assert (rules.quorum_numerator, rules.quorum_denominator) == expected[0]
    assert rules.threshold("remove_member").rule == expected[1]
    assert rules.threshold("remove_member").base == expected[2]


@pytest.mark.django_db
def test_operator_page_starts_a_coalition(client):
    operator = User.objects.create_superuser(email="op@example.org", password="x-long-password-1")
    client.force_login(operator)
    url = reverse("operator:coalitions")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Westside Table",
            "slug": "westside",
            "host_email": "host@westside.example",
            "host_full_name": "Wes Host",
            "template": "simple",
            "language": "en",
        },
    )
    assert response.status_code == 302
    coalition = Coalition.objects.get(slug="westside")
    assert coalition.charter_in_force().template == "simple"
    assert Invitation.objects.get(coalition=coalition).role == "host"
    again = client.post(
        url,
        {
            "name": "X",
            "slug": "westside",
            "host_email": "x@example.org",
            "template": "simple",
            "language": "en",
        },
    )
    assert again.status_code == 200
    assert "already has this address" in again.content.decode()


@pytest.mark.django_db
def test_typed_host_name_names_an_existing_account_in_the_new_coalition(client):
    operator = User.objects.create_superuser(email="op@example.org", password="x-long-password-1")
    User.objects.create_user(
        email="lupe@example.org", password="x-long-password-1", full_name="L. Ramirez"
    )
    client.force_login(operator)
    url = reverse("operator:coalitions")
    assert "Left empty, the name of the account" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "name": "Springfield Table",
            "slug": "springfield",
            "host_email": "LUPE@example.org",
            "host_full_name": "Lupe Ramírez",
            "template": "simple",
            "language": "en",
        },
    )
    assert response.status_code == 302
    host = Person.objects.get(coalition__slug="springfield", role="host")
    assert host.full_name == "Lupe Ramírez" and host.user.email == "lupe@example.org"
    assert User.objects.get(email="lupe@example.org").full_name == "L. Ramirez"  # account kept
    client.post(
        url,
        {
            "name": "Shelbyville Table",
            "slug": "shelbyville",
            "host_email": "lupe@example.org",
            "template": "simple",
            "language": "en",
        },
    )
    assert Person.objects.get(coalition__slug="shelbyville", role="host").full_name == "L. Ramirez"


def test_operator_page_is_hidden_from_hosts(personas):
    assert personas.client("host").get(reverse("operator:coalitions")).status_code == 404


# --- A coalition always has a charter -------------------------------------------------------


@pytest.fixture
def no_charter(personas):
    CharterVersion.objects.filter(coalition=personas.coalition).delete()
    return personas


@pytest.mark.parametrize(
    "name", ["web:home", "members:directory", "charter:amend", "governance:schedule"]
)
def test_a_coalition_without_charter_shows_hosts_the_set_up_page_not_a_500(no_charter, name):
    url = reverse(name, args=[no_charter.coalition.slug])
    response = no_charter.client("host").get(url)
    assert response.status_code == 200
    assert "Set up your charter" in response.content.decode()


def test_a_coalition_without_charter_is_calmly_being_set_up_for_everyone_else(no_charter):
    for who in ("rep", "supporter"):
        response = no_charter.client(who).get(reverse("web:home", args=[no_charter.coalition.slug]))
        assert response.status_code == 200
        assert "being set up" in response.content.decode()


def test_the_public_form_of_a_coalition_without_charter_still_answers(no_charter):
    response = no_charter.client(None).get(
        reverse("members:apply", args=[no_charter.coalition.slug])
    )
    assert response.status_code == 200


def test_host_sets_up_a_missing_charter_from_the_gate(no_charter):
    client = no_charter.client("host")
    slug = no_charter.coalition.slug
    Coalition.objects.filter(pk=no_charter.coalition.pk).update(setup_finished_at=None)
    response = client.post(reverse("setup:step", args=[slug, "charter"]), {"template": "simple"})
    assert response.status_code == 302
    assert client.get(reverse("web:home", args=[slug])).status_code == 200


@pytest.mark.django_db
def test_the_admin_cannot_save_a_coalition_without_a_charter(client):
    operator = User.objects.create_superuser(email="op@example.org", password="x-long-password-1")
    client.force_login(operator)
    prefix = "charter_versions"
    response = client.post(
        reverse("admin:charter_coalition_add"),
        {
            "name": "No Charter",
            "slug": "no-charter",
            "host_name": "X",
            "languages": '["en"]',
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "1",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert not Coalition.objects.filter(slug="no-charter").exists()
    ok = client.post(
        reverse("admin:charter_coalition_add"),
        {
            "name": "With Charter",
            "slug": "with-charter",
            "host_name": "X",
            "languages": '["en"]',
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "1",
            f"{prefix}-MAX_NUM_FORMS": "1000",
            f"{prefix}-0-number": "1",
            f"{prefix}-0-effective_from": "2027-01-01",
            f"{prefix}-0-mission": "M",
            f"{prefix}-0-values": '[{"name": "Dignity", "text": "Everyone counts."}]',
            f"{prefix}-0-agreements": '[{"name": "One mic", "text": "Listen."}]',
            f"{prefix}-0-rules": '{"quorum_numerator": 1, "quorum_denominator": 2}',
            f"{prefix}-0-summary": "Adopted",
        },
    )
    assert ok.status_code == 302, [
        line for line in ok.content.decode().splitlines() if "errorlist" in line or "error" in line
    ][:10]
    assert Coalition.objects.get(slug="with-charter").charter_versions.count() == 1


# --- The set-up guide ------------------------------------------------------------------------


@pytest.fixture
def guided(db):
    host = User.objects.create_user(email="g@example.org", password="x-long-password-1")
    coalition = services.coalition_create(
        slug="guided", name="Guided", template="seed", host_email=host.email, guided=True
    )
    from django.test import Client

    client = Client()
    client.force_login(host)
    return coalition, client


def test_home_shows_the_first_host_a_checklist_until_set_up_is_finished(guided):
    coalition, client = guided
    home = client.get(reverse("web:home", args=[coalition.slug])).content.decode()
    assert "Set up your coalition" in home and "Invite co-hosts" in home
    client.post(reverse("setup:guide", args=[coalition.slug]))
    home = client.get(reverse("web:home", args=[coalition.slug])).content.decode()
    assert "Invite co-hosts" not in home


def test_steps_can_be_skipped_and_resumed(guided):
    coalition, client = guided
    step = reverse("setup:step", args=[coalition.slug, "texts"])
    response = client.post(step, {"skip": "1"})
    assert response["Location"].endswith("/setup/charter/")
    coalition.refresh_from_db()
    assert coalition.setup_steps == {"texts": "skipped"}
    response = client.post(
        step,
        {
            "name": "Guided Table",
            "host_name": "Casa",
            "postal_address": "Casa\r\n 100 Main St \r\n\r\nKansas City, MO 64108",
            "languages": ["es", "en"],
            "mission": "Bienvenida para todos.",
            "values": "Dignidad: cada persona cuenta",
            "agreements": "",
        },
    )
    assert response.status_code == 302
    coalition.refresh_from_db()
    assert coalition.setup_steps["texts"] == "done" and coalition.name == "Guided Table"
    # The sender's address on printed letters: one line per line, blank lines dropped.
    assert coalition.postal_address == "Casa\n100 Main St\nKansas City, MO 64108"
    page = client.get(step).content.decode()
    assert "Postal address" in page and "100 Main St" in page
    version = coalition.charter_in_force()
    assert version.number == 1 and version.values == [
        {"name": "Dignidad", "text": "cada persona cuenta"}
    ]


def test_charter_step_explains_each_rule_with_its_effect(guided):
    coalition, client = guided
    page = client.get(reverse("setup:step", args=[coalition.slug, "charter"])).content.decode()
    assert "With 12 voting members, 8 must be present." in page
    assert "With 12 voting members and 10 present, all voting, 10 yes votes are needed." in page


def test_charter_step_writes_two_thirds_of_those_present(guided):
    coalition, client = guided
    data = {
        "quorum_numerator": 1,
        "quorum_denominator": 2,
        "quorum_base": "members",
        "max_active_priorities": 3,
        "unnotified_absences_for_review": 2,
        "agenda_lead_days": 5,
        "consent_window_hours": 48,
    }
    for kind in (
        "admit_member",
        "remove_member",
        "adopt_priority",
        "dissolve_priority",
        "amend_charter",
        "general",
    ):
        data[f"{kind}_fraction"] = "majority"
        data[f"{kind}_base"] = "votes_cast"
    data["remove_member_fraction"] = "two_thirds"
    data["remove_member_base"] = "present"
    data["general_fraction"] = "other"
    data["general_other"] = "4/5"
    response = client.post(reverse("setup:step", args=[coalition.slug, "charter"]), data)
    assert response.status_code == 302
    rules = Coalition.objects.get(pk=coalition.pk).charter_in_force().parsed_rules
    assert rules.threshold("remove_member").rule == "two_thirds"
    assert rules.threshold("remove_member").base == "present"
    assert rules.threshold("general").rule == "4/5"
    assert rules.quorum_base == "members"
    bad = client.post(
        reverse("setup:step", args=[coalition.slug, "charter"]), {**data, "general_other": "5/4"}
    )
    assert bad.status_code == 200 and "fraction above 0" in bad.content.decode()


def test_calendar_step_sets_every_other_tuesday(guided):
    coalition, client = guided
    data = {
        "s0_months": [str(m) for m in range(1, 13)],
        "s0_rhythm": "biweekly",
        "s0_week": 1,
        "s0_weekday": 1,
        "s0_first": "2027-03-09",
        "s0_topic": "other",
        "s0_format": "call",
    }
    for i in (1, 2):
        data.update(
            {
                f"s{i}_rhythm": "monthly",
                f"s{i}_week": 1,
                f"s{i}_weekday": 0,
                f"s{i}_topic": "other",
                f"s{i}_format": "in_person",
            }
        )
    response = client.post(reverse("setup:step", args=[coalition.slug, "calendar"]), data)
    assert response.status_code == 302
    page = client.get(reverse("charter:charter", args=[coalition.slug])).content.decode()
    assert "every other Tuesday" in page


def test_calendar_step_previews_the_meetings_still_to_come(guided, time_machine):
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    # In November the seed's second Thursdays still to come run into the next year.
    time_machine.move_to(datetime(2027, 11, 20, 10, 0, tzinfo=ZoneInfo("America/Chicago")))
    coalition, client = guided
    client.force_login(User.objects.get(email="g@example.org"))  # a session of that day
    response = client.get(reverse("setup:step", args=[coalition.slug, "calendar"]))
    days = [entry.on for entry in response.context["preview"]]
    assert days[:3] == [date(2027, 12, 9), date(2028, 1, 13), date(2028, 2, 10)]
    assert len(days) == 8


def test_calendar_preview_writes_months_as_each_language_does(guided, time_machine):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    time_machine.move_to(datetime(2027, 11, 20, 10, 0, tzinfo=ZoneInfo("America/Chicago")))
    coalition, client = guided
    client.force_login(User.objects.get(email="g@example.org"))
    url = reverse("setup:step", args=[coalition.slug, "calendar"])
    english = client.get(url).content.decode()
    assert "Thu 9 Dec; Thu 13 Jan" in english
    User.objects.filter(email="g@example.org").update(preferred_language="es")
    html = client.get(url).content.decode()
    assert "jue 9 dic; jue 13 ene" in html and "Dic" not in html and "Ene" not in html


def test_calendar_months_are_laid_out_in_aligned_columns(guided):
    from pathlib import Path

    import juntos

    coalition, client = guided
    url = reverse("setup:step", args=[coalition.slug, "calendar"])
    html = client.get(url).content.decode()
    assert html.count('<ul class="choices months">') == 3  # one per season
    css = (Path(juntos.__file__).parent / "web/static/juntos/juntos.css").read_text()
    assert ".choices.months { display: grid;" in css


def test_structure_step_adds_teams_and_names_or_drops_layers(guided):
    coalition, client = guided
    client.post(
        reverse("setup:step", args=[coalition.slug, "structure"]),
        {
            "core_team_used": "on",
            "core_team_name": "Mesa Directiva",
            "full_coalition_used": "on",
            "full_coalition_name": "Asamblea",
            "supporter_network_used": "",
            "support_pods_used": "on",
            "issue_teams_used": "",
            "support_pods": "Datos\nArte",
            "issue_teams": "",
        },
    )
    names = sorted(Team.objects.filter(coalition=coalition).values_list("kind", "name"))
    assert names == [
        ("core_team", "Mesa Directiva"),
        ("support_pod", "Arte"),
        ("support_pod", "Datos"),
    ]
    home = client.get(reverse("web:home", args=[coalition.slug])).content.decode()
    assert "Asamblea" in home and "Supporter Network" not in home
    assert "Issue Organizing Teams" not in home.split("structure-h")[1]


def test_cohost_step_invites_a_host(guided):
    coalition, client = guided
    client.post(
        reverse("setup:step", args=[coalition.slug, "cohosts"]),
        {"email": "co@example.org", "full_name": "Co Host"},
    )
    assert Invitation.objects.get(coalition=coalition, email="co@example.org").role == "host"


def test_after_set_up_the_charter_changes_only_by_amendment(guided):
    coalition, client = guided
    client.post(reverse("setup:guide", args=[coalition.slug]))
    response = client.post(
        reverse("setup:step", args=[coalition.slug, "charter"]), {"template": "simple"}
    )
    assert response.status_code == 302
    assert Coalition.objects.get(pk=coalition.pk).charter_in_force().template == "seed"


# --- Asking to start a coalition (a setting, off by default) ----------------------------------


@pytest.mark.django_db
def test_asking_is_off_by_default(client):
    user = User.objects.create_user(email="asker@example.org", password="x-long-password-1")
    client.force_login(user)
    assert client.get(reverse("requests:coalition_request")).status_code == 404


@pytest.mark.django_db
def test_anyone_may_ask_when_allowed_and_an_operator_approves(client, settings):
    from django.test import Client

    from juntos.charter.models import CoalitionRequest

    settings.COALITION_REQUESTS = True
    asker = User.objects.create_user(email="asker@example.org", password="x-long-password-1")
    client.force_login(asker)
    assert "Ask to start a coalition" in client.get("/", follow=True).content.decode()
    response = client.post(
        reverse("requests:coalition_request"),
        {
            "name": "Valley Table",
            "slug": "valley",
            "template": "seed",
            "language": "es",
            "message": "We are five churches in the valley.",
        },
    )
    assert response.status_code == 302
    asked = CoalitionRequest.objects.get()
    assert not Coalition.objects.filter(slug="valley").exists()

    op = User.objects.create_superuser(email="op@example.org", password="x-long-password-1")
    operator = Client()
    operator.force_login(op)
    page = operator.get(reverse("operator:coalitions")).content.decode()
    assert "We are five churches in the valley." in page
    operator.post(reverse("operator:request_decide", args=[asked.pk]), {"decision": "approve"})
    coalition = Coalition.objects.get(slug="valley")
    assert Person.objects.get(coalition=coalition, user=asker).role == "host"
    assert coalition.setup_finished_at is None
    assert coalition.charter_in_force().template == "seed"
    asked.refresh_from_db()
    assert asked.status == "approved" and asked.decided_by == op
    # Decided once: a second decision finds nothing.
    again = operator.post(
        reverse("operator:request_decide", args=[asked.pk]), {"decision": "decline"}
    )
    assert again.status_code == 404


@pytest.mark.django_db
def test_a_declined_request_starts_nothing(settings):
    from juntos.charter.models import CoalitionRequest

    settings.COALITION_REQUESTS = True
    asker = User.objects.create_user(email="asker@example.org", password="x-long-password-1")
    op = User.objects.create_superuser(email="op@example.org", password="x-long-password-1")
    asked = services.coalition_request_submit(
        user=asker, name="Hill Table", slug="hill", template="simple", language="en"
    )
    services.coalition_request_decide(request_obj=asked, actor=op, approve=False)
    assert CoalitionRequest.objects.get().status == "declined"
    assert not Coalition.objects.filter(slug="hill").exists()


def test_the_admin_shows_existing_versions_without_adding_or_editing_them(personas, client):
    operator = User.objects.create_superuser(email="op@example.org", password="x-long-password-1")
    client.force_login(operator)
    url = reverse("admin:charter_coalition_change", args=[personas.coalition.pk])
    page = client.get(url)
    assert page.status_code == 200
    inline = page.context["inline_admin_formsets"][0]
    assert not inline.has_add_permission and not inline.has_change_permission
