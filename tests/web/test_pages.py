from django.urls import reverse

from juntos.audit.models import AuditEntry
from juntos.members import services


def test_healthz_reaches_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_host_home_shows_mission_rules_structure_balance_and_pending(personas):
    services.application_submit(
        coalition=personas.coalition,
        data={
            "kind": "individual",
            "organization_name": "",
            "tax_status": "none",
            "city": "Rolla",
            "state": "MO",
            "zip_code": "65401",
            "representative_name": "Iris Applicant",
            "representative_title": "",
            "phone": "+15735550100",
            "email": "iris@example.org",
            "description": "d",
            "engages_immigrants": "e",
            "policy_priorities": "p",
            "base_and_mobilization": "b",
            "why_join": "w",
            "participation": [],
            "benefit": "b",
        },
    )
    html = (
        personas.client("host")
        .get(reverse("web:home", args=[personas.coalition.slug]))
        .content.decode()
    )
    for text in (
        "Make the state welcoming",
        "Dignity",
        "One mic",
        "2/3",
        "Core Team",
        "Full Coalition",
        "Supporter Network",
        "Support Pods",
        "Issue Organizing Teams",
        "Recruiting balance",
        "Iris Applicant",
        "Pending applications",
        "Core Org",
    ):
        assert text in html, text


def test_balance_chart_lists_gaps_first(personas):
    html = (
        personas.client("host")
        .get(reverse("web:home", args=[personas.coalition.slug]))
        .content.decode()
    )
    chart = html[html.index('<svg class="balance"') : html.index("</svg>")]
    assert chart.index("Grass-roots") < chart.index("Immigrant rights")
    assert "gap" in chart


def test_supporter_home_has_no_applications_or_member_lists(personas):
    html = (
        personas.client("supporter")
        .get(reverse("web:home", args=[personas.coalition.slug]))
        .content.decode()
    )
    assert "Pending applications" not in html
    assert "Recruiting balance" not in html
    assert "Casa Test" not in html
    assert "Make the state welcoming" in html
    # Counted but not named: never "No one yet and 3 more" under a badge saying 3.
    assert "No one yet and" not in html
    assert "3 members; names appear with their consent" in html
    assert "1 member; names appear with their consent" in html  # the Core Team


def test_audit_log_shows_who_what_when_before_after(personas):
    url = reverse("web:audit", args=[personas.coalition.slug])
    html = personas.client("host").get(url).content.decode()
    assert "Member added" in html and "Hana Host" in html
    assert AuditEntry.objects.filter(coalition=personas.other_coalition).exists()
    assert "Otto Outsider" not in html  # another coalition's log stays there


def test_start_page_lists_each_coalition_of_a_person_in_two(personas):
    from juntos.members.services import person_add

    person_add(
        coalition=personas.other_coalition,
        actor=personas.outsider,
        full_name="Rene Rep",
        role="supporter",
        user=personas.rep,
    )
    html = personas.client("rep").get(reverse("start_root")).content.decode()
    assert "Test Coalition" in html and "Other Coalition" in html


def test_single_coalition_person_goes_straight_home(personas):
    response = personas.client("host").get(reverse("start_root"))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home", args=[personas.coalition.slug])


def test_language_switcher_and_preferred_language(personas):
    url = reverse("web:home", args=[personas.coalition.slug])
    core = personas.client("core")  # Cora prefers Spanish
    assert 'lang="es"' in core.get(url).content.decode()
    core.post(reverse("set_language"), {"language": "en", "next": url})
    assert 'lang="en"' in core.get(url).content.decode()


def test_profile_changes_preferred_language(personas):
    client = personas.client("rep")
    client.post(reverse("accounts:profile"), {"full_name": "Rene R.", "preferred_language": "es"})
    personas.rep.refresh_from_db()
    assert personas.rep.preferred_language == "es"


def test_outbox_keeps_only_this_coalitions_mail(personas, settings):
    from juntos.core import mail
    from juntos.core.models import OutboxMessage

    settings.EMAIL_BACKEND = "juntos.core.mail.OutboxBackend"
    mail.send(
        "invitation",
        "x@example.org",
        {"invitation": {"full_name": "X"}, "token": "t"},
        coalition=personas.coalition,
    )
    mail.send(
        "invitation",
        "y@example.org",
        {"invitation": {"full_name": "Y"}, "token": "t"},
        coalition=personas.other_coalition,
    )
    assert OutboxMessage.objects.count() == 2
    html = (
        personas.client("host")
        .get(reverse("web:outbox", args=[personas.coalition.slug]))
        .content.decode()
    )
    assert "x@example.org" in html and "y@example.org" not in html


def test_home_lists_my_open_tasks_from_meetings_soonest_first(personas):
    from datetime import timedelta

    from django.utils import timezone

    from juntos.governance.models import FollowUp, Meeting
    from juntos.members.models import Person

    meeting = Meeting.objects.create(coalition=personas.coalition, starts_at=timezone.now())
    rene = Person.objects.get(user=personas.rep)
    today = timezone.localdate()
    FollowUp.objects.create(
        meeting=meeting, text="Call the senator", owner=rene, due_on=today + timedelta(days=5)
    )
    FollowUp.objects.create(
        meeting=meeting, text="Send the flyer", owner=rene, due_on=today - timedelta(days=1)
    )
    FollowUp.objects.create(
        meeting=meeting, text="Done already", owner=rene, due_on=today, done_at=timezone.now()
    )
    html = (
        personas.client("rep")
        .get(reverse("web:home", args=[personas.coalition.slug]))
        .content.decode()
    )
    assert html.index("Send the flyer") < html.index("Call the senator")
    # A task done lately is not among the open ones; it is listed as recently done, to undo.
    open_part, done_part = html.split('id="my-done"')
    assert "Done already" not in open_part and "overdue" in open_part
    assert "<s>Done already</s>" in done_part
    other = (
        personas.client("other_rep")
        .get(reverse("web:home", args=[personas.coalition.slug]))
        .content.decode()
    )
    assert "Call the senator" not in other


def test_operator_without_a_coalition_is_pointed_to_starting_one(db, client):
    from juntos.accounts.models import User

    operator = User.objects.create_superuser(
        email="op@example.org", password="x-long-password-1", preferred_language="es"
    )
    client.force_login(operator)
    html = client.get(reverse("start_root")).content.decode()
    assert f'<a href="{reverse("operator:coalitions")}">Crear una coalición</a>' in html
    assert "Pida a un anfitrión" not in html and "Como operador" in html


def test_person_without_a_coalition_is_not_offered_the_operator_page(db, client):
    from juntos.accounts.models import User

    user = User.objects.create_user(email="nobody@example.org", password="x-long-password-1")
    client.force_login(user)
    html = client.get(reverse("start_root")).content.decode()
    assert reverse("operator:coalitions") not in html
    assert "Ask a host to invite you" in html
