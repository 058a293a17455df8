from django.core.management.base import BaseCommand

from juntos.charter.models import Coalition
from juntos.communications import services


class Command(BaseCommand):
    help = (
        "Send scheduled notices that are due, sign-on reminders, the day-before reminders of "
        "tasks (follow-ups, deliverables, event follow-ups) and webhook retries that are due; "
        "with --digest, the weekly digests. Run from cron at least daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--digest", action="store_true")

    def handle(self, *args, digest, **options):
        notices = services.send_due_notices()
        reminders = services.send_due_reminders()
        from juntos.api.webhooks import retry_due

        retries = retry_due()
        from juntos.web.tasks import tasks_remind_due

        reminders += tasks_remind_due()  # follow-ups and deliverables due tomorrow
        digests = 0
        if digest:
            for coalition in Coalition.objects.all():
                digests += services.digest_send(coalition=coalition)
        self.stdout.write(
            f"notices sent: {notices}, reminders: {reminders}, webhook retries: {retries}, "
            f"digests: {digests}"
        )
