"""Backups that restore: the database and the uploads in one compressed archive,
optionally encrypted with a passphrase.

- SQLite: SQLite's online backup API (a consistent copy while the app runs).
- PostgreSQL: `pg_dump --format=custom` (consistent by design); `pg_restore` back.

The archive is a .tar.gz holding manifest.json (format, database, time, and every table's
row count and checksum), the database copy and media/. Encrypted archives start with
MAGIC, then a 16-byte salt, then a Fernet token of the .tar.gz; the key is derived from
the passphrase with scrypt. Restore checks every table against the manifest.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

MAGIC = b"JUNTOS-BACKUP-ENCRYPTED-1\n"
FORMAT = 1
PASSPHRASE_ENV = "JUNTOS_BACKUP_PASSPHRASE"
# Tables that `migrate` fills by itself; an installation with only these is empty.
BOOKKEEPING = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "django_session",
    "core_dataversion",  # kept pages' version (core/pagecache.py): migrate writes its row
}


class BackupError(Exception):
    pass


# --- Checksums ------------------------------------------------------------------------------


def table_digests(conn=None) -> dict[str, dict]:
    """{table: {"rows": n, "sha256": hex}} for every table, rows in a stable order."""
    conn = conn or connection
    result = {}
    with conn.cursor() as cursor:
        for table in sorted(conn.introspection.table_names(cursor)):
            if table.startswith("sqlite_"):
                continue
            columns = [c.name for c in conn.introspection.get_table_description(cursor, table)]
            order = ", ".join(str(i + 1) for i in range(len(columns)))
            cursor.execute(f"SELECT * FROM {conn.ops.quote_name(table)} ORDER BY {order}")  # noqa: S608
            digest = hashlib.sha256()
            count = 0
            for row in cursor.fetchall():
                digest.update(repr(tuple(_plain(v) for v in row)).encode())
                count += 1
            result[table] = {"rows": count, "sha256": digest.hexdigest()}
    return result


def _plain(value):
    if isinstance(value, memoryview):
        return bytes(value)
    return value


# Tables that change without any data changing: sessions, the kept pages' version and store
# (core/pagecache.py), which any write after the restore moves, and who is asking as the
# workers read it (core/remembered.py).
VOLATILE = frozenset({"django_session", "core_dataversion", "juntos_pages", "juntos_people"})


def differences(expected: dict, actual: dict) -> list[str]:
    """Tables whose count or checksum differ (by name), for the restore report."""
    return sorted(
        table
        for table in set(expected) | set(actual)
        if expected.get(table) != actual.get(table) and table not in VOLATILE
    )


# --- Encryption -----------------------------------------------------------------------------


def _fernet(passphrase: str, salt: bytes):
    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    key = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(data: bytes, passphrase: str) -> bytes:
    salt = os.urandom(16)
    return MAGIC + salt + _fernet(passphrase, salt).encrypt(data)


def decrypt(data: bytes, passphrase: str | None) -> bytes:
    from cryptography.fernet import InvalidToken

    if not data.startswith(MAGIC):
        return data
    if not passphrase:
        raise BackupError(f"This backup is encrypted: set {PASSPHRASE_ENV}.")
    salt = data[len(MAGIC) : len(MAGIC) + 16]
    try:
        return _fernet(passphrase, salt).decrypt(data[len(MAGIC) + 16 :])
    except InvalidToken:
        raise BackupError("The passphrase does not open this backup.") from None


# --- Database copies ------------------------------------------------------------------------


def _pg_env_args() -> tuple[dict, list[str], str]:
    db = settings.DATABASES["default"]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    name = connection.settings_dict["NAME"]
    return env, args, name


def _dump_database(folder: Path) -> tuple[str, dict]:
    """Copy the database into `folder`; return the file's name and the checksums of the
    very state copied (taken in the same transaction or snapshot as the copy)."""
    if connection.vendor == "sqlite":
        # One read transaction: the copy and the checksums see the same snapshot while
        # the app goes on writing (WAL). Not atomic(): it would take the write lock, and
        # SQLite cannot back up from a connection that holds it.
        if connection.in_atomic_block:
            raise BackupError("Run the backup outside a transaction.")
        connection.ensure_connection()
        raw = connection.connection
        raw.execute("BEGIN DEFERRED")
        try:
            raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
            target = sqlite3.connect(folder / "db.sqlite3")
            raw.backup(target)
            target.close()
            digests = table_digests()
        finally:
            raw.execute("COMMIT")
        return "db.sqlite3", digests
    if connection.vendor == "postgresql":
        env, args, name = _pg_env_args()
        out = folder / "db.dump"
        with transaction.atomic(), connection.cursor() as cursor:
            # pg_dump reads the snapshot this transaction sees, checksums included.
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            run = subprocess.run(
                [shutil.which("pg_dump") or "pg_dump", "--format=custom", "--no-owner",
                 "--no-privileges", f"--snapshot={snapshot}", *args, "--file", str(out),
                 name],
                env=env, capture_output=True, text=True, check=False,
            )  # fmt: skip
            if run.returncode != 0:
                raise BackupError(f"pg_dump failed: {run.stderr.strip()}")
            return "db.dump", table_digests()
    raise BackupError(f"Backups of {connection.vendor} are not supported.")


def _load_database(folder: Path, filename: str):
    if connection.vendor == "sqlite":
        source = sqlite3.connect(folder / filename)
        connection.ensure_connection()
        with source:
            source.backup(connection.connection)
        source.close()
        return
    env, args, name = _pg_env_args()
    connection.close()
    run = subprocess.run(
        [shutil.which("pg_restore") or "pg_restore", "--clean", "--if-exists", "--no-owner",
         "--no-privileges", "--single-transaction", *args, "--dbname", name,
         str(folder / filename)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if run.returncode != 0:
        raise BackupError(f"pg_restore failed: {run.stderr.strip()}")


# --- Backup and restore ---------------------------------------------------------------------


def backup(output: Path, *, passphrase: str | None = None, media_root: Path | None = None):
    """Write the archive to `output`; return its manifest."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db_file, digests = _dump_database(folder)
        manifest = {
            "format": FORMAT,
            "database": connection.vendor,
            "database_file": db_file,
            "created_at": timezone.now().isoformat(),
            "tables": digests,
        }
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
            data = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(folder / db_file, arcname=db_file)
            if media_root.is_dir():
                tar.add(media_root, arcname="media")
    payload = buffer.getvalue()
    if passphrase:
        payload = encrypt(payload, passphrase)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    partial.write_bytes(payload)
    os.chmod(partial, 0o600)
    partial.replace(output)
    return manifest


def installation_is_empty() -> bool:
    """No rows in any table of the project's models (what migrate adds by itself aside)."""
    for model in apps.get_models():
        if model._meta.db_table in BOOKKEEPING or not model._meta.managed:
            continue
        if model._meta.proxy:
            continue
        try:
            if model._default_manager.exists():
                return False
        except DatabaseError:  # not migrated yet: no table, no rows
            continue
    return True


def restore(archive: Path, *, passphrase: str | None = None, media_root: Path | None = None):
    """Bring a backup into an empty installation; return the tables that differ from the
    backup's manifest (an empty list when every table matches)."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    payload = decrypt(Path(archive).read_bytes(), passphrase)
    if not installation_is_empty():
        raise BackupError(
            "This installation already holds data. Restore into an empty one "
            "(a new database, migrated or not)."
        )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        try:
            with tarfile.open(fileobj=io.BytesIO(payload), mode="r:gz") as tar:
                tar.extractall(folder, filter="data")
        except tarfile.TarError as error:
            raise BackupError(f"This is not a Juntos backup: {error}") from None
        manifest_path = folder / "manifest.json"
        if not manifest_path.exists():
            raise BackupError("This is not a Juntos backup: no manifest.")
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError("This backup was made by another version of Juntos.")
        if manifest["database"] != connection.vendor:
            raise BackupError(
                f"This backup is of {manifest['database']}; this installation uses "
                f"{connection.vendor}."
            )
        _load_database(folder, manifest["database_file"])
        media = folder / "media"
        if media.is_dir():
            shutil.copytree(media, media_root, dirs_exist_ok=True)
    return differences(manifest["tables"], table_digests())
