"""Actions have a life after they are placed: edited, postponed, done with what happened
and how many took part, cancelled, deleted when entered by mistake, each audited; the
ladder shows rungs done with their dates and warns when a later rung comes first; key
dates can be edited and removed."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from juntos.audit.models import Action, AuditEntry
from juntos.campaigns import rules, services
from juntos.campaigns.models import KeyDate, Tactic
from juntos.campaigns.rules import Rung
from juntos.campaigns.services import CampaignError, NeedsConfirmation

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 3, 10, 17, tzinfo=ZoneInfo("America/Chicago"))


@pytest.fixture
def today(time_machine):
    time_machine.move_to(NOW)
    return date(2027, 3, 10)


def place(p, campaign, rung, on, title="Action"):
    return services.tactic_plan(
        campaign=campaign,
        coalition=p.coalition,
        actor=p.host,
        rung=rung,
        title=title,
        on=on,
        confirmed=True,
    )


def url(p, campaign, name, **kw):
    return reverse(f"campaigns:{name}", kwargs={"slug": p.coalition.slug, "pk": campaign.pk, **kw})


def test_done_records_what_happened_and_how_many_and_is_audited(personas, campaign, today):
    visit = place(personas, campaign, Rung.MEETING, date(2027, 3, 4), "Visit the mayor")
    services.tactic_done(tactic=visit, actor=personas.host, outcome="She listened.", participants=6)
    visit.refresh_from_db()
    assert (visit.status, visit.outcome, visit.participants, visit.done_on) == (
        "done",
        "She listened.",
        6,
        date(2027, 3, 4),
    )
    entry = AuditEntry.objects.filter(action=Action.TACTIC_PLANNED, target_id=str(visit.pk))
    assert entry.latest("id").changes["status"] == ["planned", "done"]
    with pytest.raises(CampaignError):
        services.tactic_done(tactic=visit, actor=personas.host, done_on=date(2027, 3, 11))


def test_postponing_checks_the_ladder_again(personas, campaign, today):
    letters = place(personas, campaign, Rung.LETTERS, date(2027, 4, 6), "Letters")
    with pytest.raises(NeedsConfirmation):
        services.tactic_edit(
            tactic=letters,
            actor=personas.host,
            rung=Rung.RALLY,
            title="Rally",
            on=date(2027, 4, 7),
        )
    letters.refresh_from_db()
    assert letters.rung == Rung.LETTERS
    moved = services.tactic_edit(
        tactic=letters,
        actor=personas.host,
        rung=Rung.LETTERS,
        title="Letters",
        on=date(2027, 4, 13),
        confirmed=True,  # still no meeting on record: the team confirms past the warning
    )
    assert moved.on == date(2027, 4, 13)
    assert AuditEntry.objects.filter(changes__on__isnull=False).exists()


def test_delete_a_mistake_is_audited(personas, campaign, today):
    oops = place(personas, campaign, Rung.MEETING, date(2027, 4, 6), "Oops")
    services.tactic_delete(tactic=oops, actor=personas.host)
    assert not Tactic.objects.filter(pk=oops.pk).exists()
    assert AuditEntry.objects.filter(changes__deleted__0="Oops 2027-04-06").exists()


def test_ladder_order_warns_when_a_later_rung_comes_first():
    steps = [
        rules.LadderStep(1, "Rally", Rung.RALLY, date(2027, 4, 1)),
        rules.LadderStep(2, "Visit", Rung.MEETING, date(2027, 4, 20)),
        rules.LadderStep(3, "Letters", Rung.LETTERS, date(2027, 5, 1)),
    ]
    problems = rules.ladder_order_problems(steps)
    assert [(h.title, lo.title) for h, lo in problems] == [("Rally", "Visit"), ("Rally", "Letters")]
    assert rules.ladder_order_problems(steps[1:]) == []


def test_ladder_shows_done_rungs_with_their_dates():
    rows = rules.ladder_position(
        done=[Rung.MEETING], planned=[Rung.LETTERS], done_dates={1: date(2027, 3, 4)}
    )
    assert rows[0]["state"] == "done" and rows[0]["done_on"] == date(2027, 3, 4)
    assert "done_on" not in rows[1]


def test_action_page_edit_done_cancel_and_delete_through_the_ui(personas, campaign, today):
    client = personas.client("host")
    visit = place(personas, campaign, Rung.MEETING, date(2027, 3, 4), "Visit the mayor")
    rally = place(personas, campaign, Rung.RALLY, date(2027, 3, 2), "Rally downtown")
    timeline = client.get(url(personas, campaign, "timeline")).content.decode()
    assert url(personas, campaign, "tactic", t_pk=visit.pk) in timeline
    assert "a later rung before an earlier one" in timeline  # the rally precedes the visit
    page = client.get(url(personas, campaign, "tactic", t_pk=visit.pk))
    assert page.status_code == 200 and "Mark it done" in page.content.decode()
    done = client.post(
        url(personas, campaign, "tactic_done", t_pk=visit.pk),
        {"outcome": "Mayor agreed to a hearing", "participants": "8", "done_on": "2027-03-04"},
    )
    assert done.status_code == 302
    detail = client.get(url(personas, campaign, "detail")).content.decode()
    assert "Mar. 4, 2027" in detail or "March 4, 2027" in detail  # the done rung's date
    bad = client.post(
        url(personas, campaign, "tactic_done", t_pk=rally.pk),
        {"participants": "-3", "done_on": "2027-03-02"},
    )
    assert bad.status_code == 400
    client.post(url(personas, campaign, "tactic_status", t_pk=rally.pk), {"status": "cancelled"})
    rally.refresh_from_db()
    assert rally.status == "cancelled"
    assert (
        "a later rung before an earlier one"
        not in client.get(url(personas, campaign, "timeline")).content.decode()
    )
    client.post(url(personas, campaign, "tactic_delete", t_pk=rally.pk))
    assert not Tactic.objects.filter(pk=rally.pk).exists()
    # Another coalition's people cannot reach it.
    assert (
        personas.client("outsider")
        .get(url(personas, campaign, "tactic", t_pk=visit.pk))
        .status_code
        == 404
    )


def test_key_dates_can_be_edited_and_removed(personas, campaign, today):
    row = services.key_date_add(
        coalition=personas.coalition,
        actor=personas.host,
        kind="external",
        category="recess",
        title="Spring recess",
        starts_on=date(2027, 3, 18),
        ends_on=date(2027, 3, 28),
        campaign=campaign,
    )
    client = personas.client("host")
    assert "Spring recess" in client.get(url(personas, campaign, "timeline")).content.decode()
    edited = client.post(
        url(personas, campaign, "key_date_edit", k_pk=row.pk),
        {
            "kind": "external",
            "category": "recess",
            "title": "Spring recess (moved)",
            "starts_on": "2027-03-25",
            "ends_on": "2027-04-02",
            "blackout": "on",
        },
    )
    assert edited.status_code == 302
    row.refresh_from_db()
    assert (row.title, row.starts_on) == ("Spring recess (moved)", date(2027, 3, 25))
    backwards = client.post(
        url(personas, campaign, "key_date_edit", k_pk=row.pk),
        {
            "kind": "external",
            "category": "recess",
            "title": "x",
            "starts_on": "2027-04-02",
            "ends_on": "2027-03-01",
        },
    )
    assert backwards.status_code == 400
    client.post(url(personas, campaign, "key_date_delete", k_pk=row.pk))
    assert not KeyDate.objects.filter(pk=row.pk).exists()
    assert AuditEntry.objects.filter(
        action=Action.KEY_DATE_CHANGED, changes__deleted__isnull=False
    ).exists()


def test_a_bill_can_be_edited_position_and_campaigns(personas, campaign):
    from juntos.campaigns.models import Bill

    bill = services.bill_save(
        coalition=personas.coalition,
        actor=personas.host,
        data={
            "jurisdiction": "Missouri",
            "session": "2027",
            "identifier": "SB 1",
            "title": "Driver's licenses",
            "position": "watch",
        },
    )
    client = personas.client("host")
    edit = reverse("campaigns:bill_edit", args=[personas.coalition.slug, bill.pk])
    assert client.get(edit).status_code == 200
    saved = client.post(
        edit,
        {
            "jurisdiction": "Missouri",
            "session": "2027",
            "identifier": "SB 1",
            "title": "Driver's licenses for all",
            "position": "support",
            "campaigns": [campaign.pk],
        },
    )
    assert saved.status_code == 302
    bill = Bill.objects.get(pk=bill.pk)
    assert bill.position == "support" and list(bill.campaigns.all()) == [campaign]
    assert bill.title == "Driver's licenses for all"
    page = client.get(reverse("campaigns:bill", args=[personas.coalition.slug, bill.pk]))
    assert "Edit the bill" in page.content.decode()


def test_open_states_sponsors_and_votes_are_kept_and_shown(personas):
    payload = {
        "id": "ocd-bill/00000000-0000-4000-8000-000000000001",
        "session": "2027",
        "jurisdiction": {"name": "Missouri"},
        "identifier": "sb 1",
        "title": "Driver's licenses",
        "sponsorships": [
            {"name": "Sen. Ortiz", "primary": True, "person": {"id": "ocd-person/x"}},
            {"name": "Sen. Lee", "primary": False},
        ],
        "votes": [
            {
                "motion_text": "Third reading",
                "start_date": "2027-03-02",
                "result": "pass",
                "organization": {"name": "Senate"},
                "counts": [{"option": "yes", "value": 20}, {"option": "no", "value": 14}],
            }
        ],
    }
    bill, _ = services.bill_import_openstates(
        coalition=personas.coalition, actor=personas.host, payload=payload, position="support"
    )
    assert [s["name"] for s in bill.sponsors] == ["Sen. Ortiz", "Sen. Lee"]
    assert bill.votes[0]["counts"] == {"yes": 20, "no": 14}
    page = personas.client("host").get(
        reverse("campaigns:bill", args=[personas.coalition.slug, bill.pk])
    )
    body = page.content.decode()
    assert "Sen. Ortiz" in body and "primary sponsor" in body
    assert "Third reading" in body and "yes 20" in body
