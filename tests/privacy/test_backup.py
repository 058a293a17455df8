"""Backups that restore: `juntos backup`, then `juntos restore` into an empty installation,
and every table has the same rows (count and checksum) as before."""

import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from juntos.privacy.backup import MAGIC, table_digests
from juntos.relationships.services import one_to_one_log
from tests.conftest import make_personas
from tests.privacy.helpers import person

PASSPHRASE = "correct horse battery staple"


def _fill(settings):
    personas = make_personas()
    one_to_one_log(
        coalition=personas.coalition,
        actor=personas.host,
        organizer=person(personas, "host"),
        person=person(personas, "rep"),
        cares_about="Housing — vivienda, ñ and ü survive",
    )
    logo = settings.MEDIA_ROOT / "logos" / "casa.png"
    logo.parent.mkdir(parents=True, exist_ok=True)
    logo.write_bytes(b"\x89PNG fake")
    return logo


def _round_trip(settings, tmp_path, monkeypatch, encrypted: bool):
    logo = _fill(settings)
    if encrypted:
        monkeypatch.setenv("JUNTOS_BACKUP_PASSPHRASE", PASSPHRASE)
    archive = tmp_path / "juntos.backup"
    call_command("backup", "--output", str(archive), *(["--encrypt"] if encrypted else []))
    before = table_digests()
    assert before["members_person"]["rows"] >= 6

    # An empty installation: every table emptied, the uploads gone.
    call_command("flush", interactive=False, verbosity=0)
    logo.unlink()
    assert table_digests()["members_person"]["rows"] == 0

    call_command("restore", str(archive))
    after = table_digests()
    assert {t: d for t, d in after.items() if t != "django_session"} == {
        t: d for t, d in before.items() if t != "django_session"
    }
    assert logo.read_bytes() == b"\x89PNG fake"
    return archive


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_on_sqlite(settings, tmp_path, monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite variant")
    archive = _round_trip(settings, tmp_path, monkeypatch, encrypted=False)
    assert archive.read_bytes()[:2] == b"\x1f\x8b"  # gzip
    assert oct(archive.stat().st_mode & 0o777) == "0o600"


@pytest.mark.django_db(transaction=True)
def test_encrypted_backup_round_trip(settings, tmp_path, monkeypatch):
    archive = _round_trip(settings, tmp_path, monkeypatch, encrypted=True)
    data = archive.read_bytes()
    assert data.startswith(MAGIC) and b"Rene Rep" not in data


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs when DATABASE_URL is PostgreSQL (pg_dump / pg_restore)",
)
def test_backup_and_restore_round_trip_on_postgresql(settings, tmp_path, monkeypatch):
    _round_trip(settings, tmp_path, monkeypatch, encrypted=False)


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_an_installation_that_holds_data(settings, tmp_path):
    _fill(settings)
    archive = tmp_path / "juntos.backup"
    call_command("backup", "--output", str(archive))
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(archive))


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_wrong_or_missing_passphrase(settings, tmp_path, monkeypatch):
    monkeypatch.setenv("JUNTOS_BACKUP_PASSPHRASE", PASSPHRASE)
    archive = tmp_path / "juntos.backup"
    call_command("backup", "--output", str(archive))
    call_command("flush", interactive=False, verbosity=0)
    monkeypatch.setenv("JUNTOS_BACKUP_PASSPHRASE", "wrong")
    with pytest.raises(CommandError, match="passphrase does not open"):
        call_command("restore", str(archive))
    monkeypatch.delenv("JUNTOS_BACKUP_PASSPHRASE")
    with pytest.raises(CommandError, match="encrypted"):
        call_command("restore", str(archive))


def test_encrypt_without_a_passphrase_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("JUNTOS_BACKUP_PASSPHRASE", raising=False)
    with pytest.raises(CommandError, match="JUNTOS_BACKUP_PASSPHRASE"):
        call_command("backup", "--output", str(tmp_path / "x"), "--encrypt")
