"""`juntos restore FILE`: bring a backup into an empty installation and check every table."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from juntos.privacy.backup import PASSPHRASE_ENV, BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `juntos backup` into an empty installation."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        if not archive.exists():
            raise CommandError(f"No such file: {archive}")
        try:
            different = restore(archive, passphrase=os.environ.get(PASSPHRASE_ENV) or None)
        except BackupError as error:
            raise CommandError(str(error)) from None
        if different:
            raise CommandError(
                "Restored, but these tables differ from the backup: " + ", ".join(different)
            )
        self.stdout.write("Restored; every table matches the backup's row counts and checksums.")
