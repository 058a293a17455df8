"""`juntos backup [--output FILE]`: the database and uploads in one compressed archive.

Encrypted when JUNTOS_BACKUP_PASSPHRASE is set (or refused with --encrypt when it is not).
Schedule it from cron; see the README.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from juntos.privacy.backup import PASSPHRASE_ENV, BackupError, backup


class Command(BaseCommand):
    help = (
        "Write a consistent, compressed (optionally encrypted) backup of the database and uploads."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="The archive to write (default: var/backups/…).")
        parser.add_argument(
            "--encrypt",
            action="store_true",
            help=f"Refuse to write an unencrypted backup ({PASSPHRASE_ENV} must be set).",
        )

    def handle(self, *args, **options):
        passphrase = os.environ.get(PASSPHRASE_ENV) or None
        if options["encrypt"] and not passphrase:
            raise CommandError(f"--encrypt needs the passphrase in {PASSPHRASE_ENV}.")
        output = options["output"]
        if not output:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
            suffix = ".tar.gz.enc" if passphrase else ".tar.gz"
            output = Path(settings.VAR_DIR) / "backups" / f"juntos-{stamp}{suffix}"
        try:
            manifest = backup(Path(output), passphrase=passphrase)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            f"Backup written to {output}: {len(manifest['tables'])} tables, {rows} rows"
            f"{', encrypted' if passphrase else ''}."
        )
