"""juntos import-districts PATH|URL [--plan PLAN] [--chamber congress|upper|lower] [--state XX]

PATH is a ZCTA × district crosswalk (the Census Bureau's relationship file, pipe-delimited,
or a CSV `zcta,state,chamber,district[,district_name]`) or a GeoJSON of district shapes
(Census TIGER/Line). Each state and chamber keeps one plan: importing a newer plan (after
redistricting) replaces the older one whole. A bad file imports nothing.
"""

from django.core.management.base import BaseCommand, CommandError

from juntos.districts import rules, services


class Command(BaseCommand):
    help = "Import ZIP → district crosswalks or district shapes (any state, any plan)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="file or http(s) URL (.txt, .csv, .geojson or .zip)")
        parser.add_argument(
            "--plan",
            default="",
            help="the Congress or plan year the file describes, e.g. '119th Congress' or 2024 "
            "(read from a Census file's column names when not given)",
        )
        parser.add_argument(
            "--chamber", choices=rules.CHAMBERS, default="", help="only this chamber"
        )
        parser.add_argument("--state", default="", help="only this state (two letters)")

    def handle(self, *args, path, plan, chamber, state, **options):
        try:
            report = services.import_districts(path, plan=plan, chamber=chamber, state=state)
        except rules.DistrictDataError as exc:
            raise CommandError(f"Nothing imported: {exc}") from None
        except OSError as exc:
            raise CommandError(f"Nothing imported: cannot read {path}: {exc}") from None
        self.stdout.write(self.style.SUCCESS(f"Imported {report}."))
