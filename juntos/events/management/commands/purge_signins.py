"""`juntos purge_signins`: erase personal details from sign-ins past their retention period.

Run it daily (cron or a systemd timer). Counts stay; it is safe to run any number of times.
"""

from django.core.management.base import BaseCommand

from juntos.events.services import signins_purge_due


class Command(BaseCommand):
    help = "Erase names and contact details on event sign-ins whose retention period is over."

    def handle(self, *args, **options):
        report = signins_purge_due()
        self.stdout.write(
            f"{report.events} events, {report.signins} sign-ins and "
            f"{report.actions} actions erased."
        )
