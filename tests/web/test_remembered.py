"""What a worker remembers about who is asking (juntos/core/remembered.py): the session, the
user, the person and the charter are read once per worker while the access version stands,
and never outlive a change to them, made here or committed by another worker."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from juntos.accounts.models import User
from juntos.core import pagecache, remembered
from juntos.governance.models import Ballot
from juntos.members import services as members
from juntos.members.models import Person
from tests.governance.helpers import governance_url, open_vote

pytestmark = pytest.mark.django_db
NOON = datetime.datetime(2027, 3, 10, 18, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(NOON, tick=False)


def meetings_url(p):
    return reverse("governance:meetings", args=[p.coalition.slug])


def remembered_client(p, who="rep"):
    """A client whose session, user and person this worker has read once already."""
    client = p.client(who)
    assert client.get(meetings_url(p)).status_code == 200
    return client


def as_another_worker(change) -> None:
    """`change()` made and committed by another process: this one counts none of its writes;
    the commit moves the shared access version."""
    before = pagecache.access_writes
    change()
    pagecache.access_writes = before
    pagecache._access_unpublished = True
    pagecache.publish()


def test_a_second_request_reads_no_session_user_or_person_again(personas):
    client = remembered_client(personas)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(meetings_url(personas)).status_code == 200
    tables = " ".join(q["sql"] for q in ctx.captured_queries)
    assert '"django_session"' not in tables
    assert '"accounts_user"' not in tables
    assert '"members_person"' not in tables.split("FROM", 1)[-1][:40]


def test_a_member_removed_here_is_refused_at_the_next_request(personas):
    client = remembered_client(personas)
    members.member_remove(member=personas.member, actor=personas.host)
    assert client.get(governance_url(personas, "meetings")).status_code == 403


def test_a_role_changed_by_another_worker_is_seen_at_the_next_request(personas):
    client = remembered_client(personas)
    person = Person.objects.get(coalition=personas.coalition, user=personas.rep)
    as_another_worker(lambda: Person.objects.filter(pk=person.pk).update(role="supporter"))
    assert client.get(meetings_url(personas)).status_code == 403


def test_a_person_deleted_by_another_worker_is_told_nothing(personas):
    client = remembered_client(personas)
    as_another_worker(
        lambda: Person.objects.filter(coalition=personas.coalition, user=personas.rep).delete()
    )
    assert client.get(meetings_url(personas)).status_code == 404


def test_signing_out_elsewhere_ends_the_session_here(personas):
    client = remembered_client(personas)
    key = client.session.session_key
    as_another_worker(lambda: Session.objects.filter(session_key=key).delete())
    response = client.get(meetings_url(personas))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_deactivated_user_is_signed_out_at_the_next_request(personas):
    client = remembered_client(personas)
    as_another_worker(lambda: User.objects.filter(pk=personas.rep.pk).update(is_active=False))
    response = client.get(meetings_url(personas))
    assert response.status_code == 302


def test_a_new_password_elsewhere_signs_this_session_out(personas):
    client = remembered_client(personas)

    def change():
        user = User.objects.get(pk=personas.rep.pk)
        user.set_password("a whole new passphrase 2027")
        user.save()

    as_another_worker(change)
    assert client.get(meetings_url(personas)).status_code == 302


def test_a_remembered_session_ends_when_it_expires(personas, time_machine):
    client = remembered_client(personas)
    expires = Session.objects.get(session_key=client.session.session_key).expire_date
    time_machine.move_to(expires + datetime.timedelta(seconds=1), tick=False)
    assert client.get(meetings_url(personas)).status_code == 302


def test_without_the_shared_version_moving_a_change_by_another_worker_is_not_seen(personas):
    """The reason the version exists: proof the test above would catch its absence."""
    client = remembered_client(personas)
    person = Person.objects.get(coalition=personas.coalition, user=personas.rep)
    before = pagecache.access_writes
    Person.objects.filter(pk=person.pk).update(role="supporter")
    pagecache.access_writes = before  # another process's write, not yet published
    assert client.get(meetings_url(personas)).status_code == 200


def test_writes_to_other_tables_leave_what_is_remembered_alone(personas):
    m, motion = open_vote(personas, "Adopt the platform")
    before = pagecache.access_writes
    Ballot.objects.create(motion=motion, member=personas.member, choice="yes")
    assert pagecache.access_writes == before


def test_each_request_gets_its_own_copy(personas):
    calls = []

    def load():
        calls.append(1)
        return Person.objects.get(coalition=personas.coalition, user=personas.rep)

    remembered._begin()
    try:
        first = remembered.recall("person-test", 1, load)
        first.full_name = "Changed in memory only"
        second = remembered.recall("person-test", 1, load)
    finally:
        remembered._end()
    assert len(calls) == 1
    assert second is not first and second.full_name != "Changed in memory only"


def test_nothing_is_remembered_outside_a_request(personas):
    calls = []

    def load():
        calls.append(1)
        return "value"

    remembered._end()
    remembered.recall("outside", 1, load)
    remembered.recall("outside", 1, load)
    assert len(calls) == 2


def test_nothing_there_is_never_remembered(personas):
    calls = []

    def load():
        calls.append(1)

    remembered._begin()
    try:
        remembered.recall("missing", 1, load)
        remembered.recall("missing", 1, load)
    finally:
        remembered._end()
    assert len(calls) == 2


def test_an_assembly_of_delegates_fits_and_the_oldest_go_first(personas, monkeypatch):
    monkeypatch.setattr(remembered, "KEPT_MAX", 3)
    remembered._begin()
    try:
        for n in range(5):
            remembered.recall("n", n, lambda n=n: n)
        assert list(remembered._kept) == [("n", 2), ("n", 3), ("n", 4)]
    finally:
        remembered._end()


def another_workers_first_request(client, url):
    """This worker forgets what it read: what the shared cache holds is all it has."""
    remembered._kept.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response, " ".join(q["sql"] for q in ctx.captured_queries)


def committed_client(p):
    """Signed in and committed (the test's transaction never commits: publish as the commit
    would), then read once by this worker, which leaves it in the shared cache."""
    client = p.client("rep")
    pagecache.publish()
    assert client.get(meetings_url(p)).status_code == 200
    return client


def test_another_worker_reads_who_is_asking_from_the_shared_cache(personas):
    client = committed_client(personas)
    response, sql = another_workers_first_request(client, meetings_url(personas))
    assert response.status_code == 200
    assert '"juntos_people"' in sql
    for table in ('FROM "django_session"', 'FROM "members_person"'):
        assert table not in sql


def test_the_shared_cache_never_holds_a_password_hash(personas):
    client = committed_client(personas)
    key = client.session.session_key
    version, items = remembered.people.get(f"who:{key}")
    assert {kind for kind, _ident in items} == {"session", "user", "person"}
    assert personas.rep.password.encode() not in b"".join(items.values())


def test_a_user_read_from_the_shared_cache_reads_the_password_hash_when_asked(personas):
    client = committed_client(personas)
    personas.rep.set_password("the rep's passphrase 2027")
    personas.rep.save()
    pagecache.publish()
    assert client.get(meetings_url(personas)).status_code == 302  # signed out by the change
    client = committed_client(personas)
    remembered._kept.clear()
    remembered._begin()
    try:
        from juntos.accounts.backends import EmailBackend

        shared = EmailBackend().get_user(personas.rep.pk)
        assert "password" not in shared.__dict__
        with CaptureQueriesContext(connection) as ctx:
            assert shared.check_password("the rep's passphrase 2027")
        assert len(ctx.captured_queries) == 1  # read when asked for, never kept shared
        shared.full_name = "Rep Renamed"
        shared.save()  # a copy without the hash saves what it holds, not an empty hash
    finally:
        remembered._end()
    assert User.objects.get(pk=personas.rep.pk).check_password("the rep's passphrase 2027")


def test_what_the_shared_cache_holds_is_not_used_once_it_changed(personas):
    client = committed_client(personas)
    person = Person.objects.get(coalition=personas.coalition, user=personas.rep)
    as_another_worker(lambda: Person.objects.filter(pk=person.pk).update(role="supporter"))
    response, sql = another_workers_first_request(client, meetings_url(personas))
    assert response.status_code == 403
    assert 'FROM "members_person"' in sql


def test_a_process_with_unpublished_changes_neither_reads_nor_leaves_shared_rows(personas):
    client = committed_client(personas)
    Person.objects.filter(coalition=personas.coalition, user=personas.rep).update(
        role="supporter"
    )  # this process's write, its transaction not yet committed
    response, sql = another_workers_first_request(client, meetings_url(personas))
    assert response.status_code == 403
    assert '"juntos_people"' not in sql
