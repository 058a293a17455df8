"""juntos import-officials PATH --coalition SLUG [--offices PATH]

PATH is an Open States people file or folder (for example data/mo/legislature/), a
congress-legislators `legislators-current.yaml`, or an http(s) URL of one file. Running it
again updates the same people (keyed by OCD person id or bioguide id) and marks those no
longer listed as out of office. A bad file stops the whole import: nothing is written.
"""

from django.core.management.base import BaseCommand, CommandError

from juntos.charter.models import Coalition
from juntos.relationships import services
from juntos.relationships.importer import ImportProblem, read_path


class Command(BaseCommand):
    help = (
        "Import state legislators (Open States YAML) or members of Congress "
        "(congress-legislators YAML)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="file, folder or http(s) URL")
        parser.add_argument("--coalition", required=True, help="slug of the coalition")
        parser.add_argument(
            "--offices", help="congress-legislators district offices file (optional)"
        )

    def handle(self, *args, path, coalition, offices=None, **options):
        try:
            target = Coalition.objects.get(slug=coalition)
        except Coalition.DoesNotExist:
            raise CommandError(f"No coalition with slug {coalition!r}") from None
        try:
            batch = read_path(path, offices=offices)
        except ImportProblem as exc:
            raise CommandError(f"Nothing imported. Problems found:\n{exc}") from None
        if not batch.officials:
            raise CommandError(f"Nothing imported: no officials found in {path}")
        report = services.officials_import(coalition=target, batch=batch)
        self.stdout.write(
            self.style.SUCCESS(f"{target.name}: {len(batch.officials)} officials read. {report}.")
        )
