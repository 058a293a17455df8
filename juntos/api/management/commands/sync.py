import os
import sys

from django.core.management.base import BaseCommand, CommandError

from juntos.api import sync
from juntos.charter.models import Coalition


class Command(BaseCommand):
    help = (
        "Sync people, tags, taggings, events and attendances with an OSDI server (Action "
        "Network or another Juntos): pull what changed there, push what changed here. "
        "The token is read from the environment variable named by --token-env (never "
        "typed on the command line)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--coalition", required=True, help="the coalition's slug")
        parser.add_argument("--remote", required=True, help="the API's entry point URL")
        parser.add_argument("--token-env", default="JUNTOS_SYNC_TOKEN")
        parser.add_argument("--pull-only", action="store_true")
        parser.add_argument("--push-only", action="store_true")
        parser.add_argument("--dry-run", action="store_true", help="show what would change")
        parser.add_argument(
            "--per-second", type=float, default=4.0, help="requests per second at most"
        )
        parser.add_argument("--quiet", action="store_true", help="no progress bar")
        parser.add_argument(
            "--host",
            default="",
            help="the member organization that hosts events pulled from the remote when they "
            "name no host organization this coalition has",
        )

    def handle(self, *args, **options):
        coalition = Coalition.objects.filter(slug=options["coalition"]).first()
        if coalition is None:
            raise CommandError(f"No coalition {options['coalition']!r}.")
        token = os.environ.get(options["token_env"], "")
        if not token:
            raise CommandError(f"Set the remote's API token in ${options['token_env']}.")
        if options["pull_only"] and options["push_only"]:
            raise CommandError("Choose --pull-only or --push-only, not both.")
        event_host = None
        if options["host"]:
            from juntos.members.models import Member

            event_host = Member.objects.filter(
                coalition=coalition, status=Member.Status.ACTIVE, name=options["host"]
            ).first()
            if event_host is None:
                raise CommandError(f"No active member {options['host']!r} in this coalition.")
        remote = sync.Remote(options["remote"], token, per_second=options["per_second"])
        cursor = sync.Cursor(coalition, options["remote"])
        try:
            report = sync.run(
                coalition=coalition,
                remote=remote,
                cursor=cursor,
                pull_=not options["push_only"],
                push_=not options["pull_only"],
                dry_run=options["dry_run"],
                progress=None if options["quiet"] else sys.stderr,
                event_host=event_host,
            )
        except sync.SyncError as error:
            raise CommandError(f"{error} (the cursor is kept: run again to resume)") from None
        prefix = "would " if options["dry_run"] else ""
        for line in report.changes:
            # A skip happens in a dry run as it would for real: "would skipped" reads wrong.
            self.stdout.write(line if line.startswith("skipped") else f"{prefix}{line}")
        self.stdout.write(
            f"{prefix}pull: {report.pulled_new} new, {report.pulled_updated} updated, "
            f"{report.pulled_unchanged} unchanged, {report.events_new} new events, "
            f"{report.events_updated} events updated, {report.attendances_new} attendances; "
            f"{prefix}push: {report.pushed} people, {report.events_pushed} events, "
            f"{report.attendances_pushed} attendances sent; {remote.requests} requests"
        )
