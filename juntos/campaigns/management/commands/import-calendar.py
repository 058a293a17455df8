"""juntos import-calendar PATH|URL --coalition SLUG [--state XX] [--chamber NAME]
                                   [--category recess|session]

PATH is Open States' sessions JSON (with --state: that state's legislative sessions), an
iCalendar file or a CSV `title,starts_on[,ends_on][,category]` of recesses or in-session
days. Sessions become key dates on every campaign's timeline; recesses become dates to
avoid. Running it again updates the same dates; a bad file imports nothing.
"""

from django.core.management.base import BaseCommand, CommandError

from juntos.campaigns.calendars import CalendarError
from juntos.campaigns.services.calendars import calendars_import
from juntos.charter.models import Coalition


class Command(BaseCommand):
    help = "Import legislative sessions, recesses or in-session days as key dates."

    def add_arguments(self, parser):
        parser.add_argument("path", help="file or http(s) URL (.json, .ics or .csv)")
        parser.add_argument("--coalition", required=True, help="slug of the coalition")
        parser.add_argument("--state", default="", help="the state's sessions (two letters)")
        parser.add_argument("--chamber", default="", help='e.g. "MO Senate", put before titles')
        parser.add_argument(
            "--category",
            choices=["recess", "session"],
            default="recess",
            help="for iCalendar or CSV rows without a category (default: recess)",
        )

    def handle(self, *args, path, coalition, state, chamber, category, **options):
        try:
            target = Coalition.objects.get(slug=coalition)
        except Coalition.DoesNotExist:
            raise CommandError(f"No coalition with slug {coalition!r}") from None
        try:
            report = calendars_import(
                coalition=target, location=path, state=state, chamber=chamber, category=category
            )
        except CalendarError as exc:
            raise CommandError(f"Nothing imported: {exc}") from None
        except OSError as exc:
            raise CommandError(f"Nothing imported: cannot read {path}: {exc}") from None
        self.stdout.write(self.style.SUCCESS(f"{target.name}: {report}."))
