"""`juntos sync` end to end: a coalition pulls from and pushes to another Juntos over HTTP
(the live test server on loopback), twice, with no duplicates and nothing lost."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from juntos.api import sync
from juntos.api.models import ApiToken
from juntos.members.models import Person, Tag, Tagging
from tests.conftest import make_personas

pytestmark = pytest.mark.django_db(transaction=True)


def _people(coalition):
    return sorted(
        (
            p.email or p.phone,
            p.given_name,
            p.family_name,
            p.email_status,
            p.sms_status,
            sorted(p.custom_fields.items()),
            sorted(p.taggings.values_list("tag__name", flat=True)),
        )
        for p in Person.objects.filter(coalition=coalition).exclude(email="", phone="")
    )


@pytest.fixture
def two(live_server, tmp_path, monkeypatch):
    personas = make_personas()
    remote_coalition = personas.coalition
    _t, raw = ApiToken.issue(
        user=personas.host, coalition=remote_coalition, name="sync", scope="read_write"
    )
    ana = Person.objects.create(
        coalition=remote_coalition,
        given_name="María José",
        family_name="García López",
        email="mj@example.org",
        email_status="unsubscribed",
        sms_status="subscribed",
        phone="+13145550111",
        custom_fields={"shirt": "M"},
        role="supporter",
    )
    Tagging.objects.create(
        person=ana, tag=Tag.objects.create(coalition=remote_coalition, name="sms")
    )
    Person.objects.create(
        coalition=remote_coalition, full_name="Solo Phone", phone="+13145550112", role="supporter"
    )
    monkeypatch.setenv("JUNTOS_SYNC_TOKEN", raw)
    personas.remote_url = f"{live_server.url}/api/"
    personas.cursor_path = tmp_path / "cursor.json"
    return personas


def _run(two, **kwargs):
    return sync.run(
        coalition=two.other_coalition,
        remote=sync.Remote(two.remote_url, two.raw_token, per_second=50),
        cursor=sync.Cursor(two.other_coalition, two.remote_url, path=two.cursor_path),
        progress=None,
        **kwargs,
    )


def test_pull_and_push_twice_with_no_duplicates_and_nothing_lost(two, monkeypatch):
    import os

    two.raw_token = os.environ["JUNTOS_SYNC_TOKEN"]
    local, remote = two.other_coalition, two.coalition

    dry = _run(two, dry_run=True)
    assert (
        dry.pulled_new >= 2
        and not Person.objects.filter(coalition=local, email="mj@example.org").exists()
    )

    first = _run(two)
    assert first.pulled_new == dry.pulled_new
    copy = Person.objects.get(coalition=local, email="mj@example.org")
    assert (copy.given_name, copy.family_name) == ("María José", "García López")
    assert copy.email_status == "unsubscribed" and copy.unsubscribed_at is not None
    assert copy.custom_fields == {"shirt": "M"}
    assert list(copy.taggings.values_list("tag__name", flat=True)) == ["sms"]
    remote_ana = Person.objects.get(coalition=remote, email="mj@example.org")
    assert f"juntos:{remote_ana.uuid}" in copy.identifiers
    assert Person.objects.filter(coalition=local, phone="+13145550112").count() == 1

    # A change on each side, then sync twice more: both sides see both; nobody doubles.
    copy.custom_fields = {**copy.custom_fields, "team": "north"}
    copy.save()
    Tagging.objects.create(person=copy, tag=Tag.objects.create(coalition=local, name="rally"))
    remote_ana.city = "St. Louis"
    remote_ana.save()
    counts = (
        Person.objects.filter(coalition=local).count(),
        Person.objects.filter(coalition=remote).count(),
    )
    _run(two)
    _run(two)
    remote_ana.refresh_from_db()
    copy.refresh_from_db()
    assert remote_ana.custom_fields == {"shirt": "M", "team": "north"}
    assert sorted(remote_ana.taggings.values_list("tag__name", flat=True)) == ["rally", "sms"]
    assert copy.city == "St. Louis"
    assert remote_ana.email_status == "unsubscribed"  # never re-subscribed by an echo
    local_count = Person.objects.filter(coalition=local).count()
    remote_count = Person.objects.filter(coalition=remote).count()
    # The remote got the local coalition's own people once each; nothing else doubled.
    assert local_count == counts[0]
    assert remote_count >= counts[1]
    third = _run(two)
    assert third.pulled_new == 0
    assert Person.objects.filter(coalition=remote).count() == remote_count
    assert Person.objects.filter(coalition=local).count() == local_count
    assert {p[0] for p in _people(remote)} >= {p[0] for p in _people(local)}


def test_command_dry_run_shows_changes_and_writes_nothing(two):
    out = io.StringIO()
    call_command(
        "sync",
        coalition=two.other_coalition.slug,
        remote=two.remote_url,
        dry_run=True,
        quiet=True,
        stdout=out,
    )
    text = out.getvalue()
    assert "would pull: new mj@example.org" in text and "would push:" in text
    assert not Person.objects.filter(coalition=two.other_coalition, email="mj@example.org")


def test_rate_limit_waits_for_retry_after(monkeypatch):
    import urllib.error

    calls = []

    class Response(io.BytesIO):
        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

    def opener(request, timeout):
        calls.append(request.full_url)
        if len(calls) == 1:
            raise urllib.error.HTTPError(
                request.full_url, 429, "slow", {"Retry-After": "0"}, io.BytesIO(b"")
            )
        return Response(b'{"ok": true}')

    slept = []
    monkeypatch.setattr(sync.time, "sleep", lambda s: slept.append(s))
    remote = sync.Remote("https://an.example/api/v2/", "t", per_second=4, opener=opener)
    assert remote.call("GET", "people") == {"ok": True}
    assert remote.call("GET", "tags") == {"ok": True}
    assert len(calls) == 3 and calls[0] == "https://an.example/api/v2/people"
    assert any(0 < s <= 0.25 for s in slept)  # requests spaced to 4 a second


def _event(coalition, hosts, title, **extra):
    from datetime import UTC, datetime, timedelta

    from juntos.events.models import Event

    start = datetime(2027, 3, 20, 23, 0, tzinfo=UTC)
    event = Event.objects.create(
        coalition=coalition,
        kind="rally",
        title=title,
        slug=title.lower().replace(" ", "-"),
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        **{"status": "published", **extra},
    )
    event.hosts.set(hosts)
    return event


def _attendance(coalition):
    from juntos.events.models import EventAttendance

    return sorted(
        (a.event.title, a.person.email or a.person.phone)
        for a in EventAttendance.objects.filter(event__coalition=coalition).select_related(
            "event", "person"
        )
    )


def test_events_and_attendances_both_ways_twice_matched_by_identifiers(two):
    """Events and attendances go both ways: each side's event arrives once on the other,
    found again by its `juntos:` identifier; attendances arrive once each, from the API, a
    sign-in or a sync; changes on both sides cross; a third run finds nothing new."""
    import os

    from juntos.events.models import Event, EventAttendance
    from juntos.members import services as members

    two.raw_token = os.environ["JUNTOS_SYNC_TOKEN"]
    local, remote = two.other_coalition, two.coalition
    # The same member organization exists on both sides (matched by name as hosts).
    casa_here = members.member_add(
        coalition=local, actor=two.outsider, data={"kind": "organization", "name": "Casa Test"}
    )
    ana = Person.objects.get(coalition=remote, email="mj@example.org")
    forum = _event(remote, [two.member], "Remote forum", venue_name="Library")
    EventAttendance.objects.create(event=forum, person=ana, member=None)
    Person.objects.filter(pk=ana.pk).update(updated_at=timezone.now())
    # Named by a host organization the local coalition does not have: needs --host.
    labor = _event(remote, [two.other_member], "Labor vigil")
    vigil_goer = Person.objects.create(
        coalition=remote, full_name="Vi Gil", email="vi@example.org", role="supporter"
    )
    EventAttendance.objects.create(event=labor, person=vigil_goer)
    Person.objects.filter(pk=vigil_goer.pk).update(updated_at=timezone.now())
    draft = _event(local, [casa_here], "Local draft", status="draft")
    rally = _event(local, [casa_here], "Local rally")
    lia = Person.objects.create(
        coalition=local, full_name="Lia Local", email="lia@example.org", role="supporter"
    )
    EventAttendance.objects.create(event=rally, person=lia)

    without_host = _run(two, dry_run=True)
    assert any("Labor vigil" in line and "--host" in line for line in without_host.changes)

    first = _run(two, event_host=casa_here)
    assert first.events_new == 2 and first.attendances_new == 2
    assert "push: event Local rally" in first.changes
    assert not any("Local draft" in line for line in first.changes)  # a draft stays here
    here = Event.objects.get(coalition=local, title="Remote forum")
    assert f"juntos:{forum.uuid}" in here.identifiers
    assert (here.starts_at, here.ends_at, here.venue_name) == (
        forum.starts_at,
        forum.ends_at,
        "Library",
    )
    assert list(here.hosts.all()) == [casa_here] and here.status == "published"
    there = Event.objects.get(coalition=remote, title="Local rally")
    assert f"juntos:{rally.uuid}" in there.identifiers
    assert not Event.objects.filter(coalition=remote, title="Local draft").exists()
    assert _attendance(local) == [
        ("Labor vigil", "vi@example.org"),
        ("Local rally", "lia@example.org"),
        ("Remote forum", "mj@example.org"),
    ]
    assert ("Local rally", "lia@example.org") in _attendance(remote)

    # A change on each side; a new attendance on each side (the remote's through its API).
    forum.title = "Remote forum on licenses"
    forum.save()
    rally.venue_name = "Union hall"
    rally.save()
    sol = Person.objects.create(
        coalition=local, full_name="Sol Local", phone="+13145550199", role="supporter"
    )
    EventAttendance.objects.create(event=here, person=sol)
    api = sync.Remote(two.remote_url, two.raw_token, per_second=50)
    api.call(
        "POST",
        f"events/{there.uuid}/attendances",
        {"person": {"email_addresses": [{"address": "new@example.org"}]}},
    )
    counts = (Event.objects.filter(coalition=local).count(), Event.objects.count())
    _run(two, event_host=casa_here)
    _run(two, event_host=casa_here)
    here.refresh_from_db()
    there.refresh_from_db()
    assert here.title == "Remote forum on licenses" and there.venue_name == "Union hall"
    assert (Event.objects.filter(coalition=local).count(), Event.objects.count()) == counts
    expected = {
        ("Labor vigil", "vi@example.org"),
        ("Local rally", "lia@example.org"),
        ("Local rally", "new@example.org"),
        ("Remote forum on licenses", "mj@example.org"),
        ("Remote forum on licenses", "+13145550199"),
    }
    assert set(_attendance(local)) == expected
    remote_rows = _attendance(remote)
    assert len(remote_rows) == len(set(remote_rows))  # nobody counted twice
    assert expected - {("Labor vigil", "vi@example.org")} <= set(remote_rows)
    assert len(_attendance(local)) == len(expected)

    third = _run(two, event_host=casa_here)
    assert (third.events_new, third.events_updated, third.attendances_new) == (0, 0, 0)
    assert sorted(_attendance(local)) == sorted(expected) and _attendance(remote) == remote_rows
    assert draft.identifiers == [] and Event.objects.filter(title="Local draft").count() == 1


def test_an_interrupted_pull_resumes_at_the_page_it_stopped_on(two):
    """The network drops on the second page of people: what came is kept, the cursor names
    the page, and the next run starts there and finishes, with nobody twice."""
    import os
    import re
    import urllib.error
    import urllib.request

    two.raw_token = os.environ["JUNTOS_SYNC_TOKEN"]
    Person.objects.bulk_create(
        Person(
            coalition=two.coalition,
            full_name=f"Person {n}",
            given_name=f"Person {n}",
            email=f"p{n}@example.org",
            role="supporter",
        )
        for n in range(30)
    )
    seen, down = [], {"on": True}

    def second_page(url):
        return re.search(r"[?&]page=2(&|$)", url) is not None

    def opener(request, timeout):
        seen.append(request.full_url)
        if down["on"] and "/api/people?" in request.full_url and second_page(request.full_url):
            raise urllib.error.URLError("network down")
        return urllib.request.urlopen(request, timeout=timeout)

    def run():
        return sync.run(
            coalition=two.other_coalition,
            remote=sync.Remote(two.remote_url, two.raw_token, per_second=50, opener=opener),
            cursor=sync.Cursor(two.other_coalition, two.remote_url, path=two.cursor_path),
            progress=None,
            push_=False,
        )

    with pytest.raises(sync.SyncError, match="network down"):
        run()
    cursor = sync.Cursor(two.other_coalition, two.remote_url, path=two.cursor_path)
    assert second_page(cursor.get("pull_next")) and cursor.get("pulled_until") is None
    began = cursor.get("pull_started")
    first_page = Person.objects.filter(coalition=two.other_coalition).count()
    assert first_page >= 25

    down["on"], seen[:] = False, []
    second = run()
    people_pages = [u for u in seen if "/api/people?" in u]
    assert second_page(people_pages[0])  # page 1 is not read again
    remote_people = Person.objects.filter(coalition=two.coalition).exclude(email="", phone="")
    local = Person.objects.filter(coalition=two.other_coalition)
    assert second.pulled_new == remote_people.count() - (first_page - 1)  # Otto was here
    assert local.count() == first_page + second.pulled_new
    assert sorted(local.exclude(email="").values_list("email", flat=True)) == sorted(
        set(local.exclude(email="").values_list("email", flat=True))
    )
    after = sync.Cursor(two.other_coalition, two.remote_url, path=two.cursor_path)
    assert after.get("pull_next") is None
    # The next pull asks for changes since the interrupted pull began, not since it resumed.
    assert began and after.get("pulled_until") == began


def test_command_host_must_be_an_active_member_here(two):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No active member 'Casa Test'"):
        call_command(
            "sync",
            coalition=two.other_coalition.slug,
            remote=two.remote_url,
            host="Casa Test",  # a member of the remote coalition, not of this one
            quiet=True,
        )


def test_a_token_that_may_not_read_attendances_pulls_people_and_says_so_once(two):
    """A representative's token: attendances are for hosts (said once), and people whose
    contact details it cannot see are skipped with a line each."""
    _t, raw = ApiToken.issue(user=two.rep, coalition=two.coalition, name="rep", scope="read")
    report = sync.run(
        coalition=two.other_coalition,
        remote=sync.Remote(two.remote_url, raw, per_second=50),
        cursor=sync.Cursor(two.other_coalition, two.remote_url, path=two.cursor_path),
        progress=None,
        push_=False,
    )
    refused = [line for line in report.changes if line.startswith("attendances not read")]
    assert len(refused) == 1 and "403" in refused[0]
    assert report.pulled_new + report.pulled_updated >= 1
    # Someone whose contact details this token may not read is skipped, not a crash.
    assert any(line.startswith("skipped ") for line in report.changes)
