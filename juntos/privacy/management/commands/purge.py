"""`juntos purge`: apply every coalition's retention periods. Run it daily from cron.

Event sign-ins (each event's own period, capped by the coalition's), kiosk names,
one-to-one notes, applications never admitted, delivered notices' addresses and mail
copies, webhook delivery logs and the access log. Each coalition's run writes a summary
to its audit log. Safe to run any number of times.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from juntos.privacy.models import ErasureRequest
from juntos.privacy.retention import purge_all


class Command(BaseCommand):
    help = "Erase everything past each coalition's retention periods (daily)."

    def handle(self, *args, **options):
        summary = purge_all()
        self.stdout.write(
            f"{summary.events} events' sign-ins ({summary.signins} sign-ins), "
            f"{summary.one_to_ones} one-to-one notes, {summary.applications} applications, "
            f"{summary.deliveries} notice deliveries, {summary.mail_copies} mail copies, "
            f"{summary.webhook_deliveries} webhook deliveries and "
            f"{summary.access_records} access records erased."
        )
        overdue = ErasureRequest.objects.filter(
            status=ErasureRequest.Status.OPEN, due_on__lt=timezone.localdate()
        ).count()
        if overdue:
            self.stderr.write(
                f"{overdue} erasure requests are past their deadline: hosts, see Privacy."
            )
