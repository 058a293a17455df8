from django.core.management import call_command
from django.core.management.base import BaseCommand

from juntos.communications import services, tasks


class Command(BaseCommand):
    help = (
        "Run the background worker: first pick up deliveries a crashed worker left "
        "behind, then process the task queue (django-tasks' db_worker)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Exit when the queue is empty.")

    def handle(self, *args, batch, **options):
        for notice_id in tasks.recover_interrupted():
            services.enqueue_delivery(notice_id)
        services.send_due_notices()
        services.send_due_reminders()
        from juntos.api.webhooks import retry_due

        retry_due()  # retries that fell due while no worker ran; later ones are deferred tasks
        worker_args = ["--no-startup-delay"]
        if batch:
            worker_args.append("--batch")
        call_command("db_worker", *worker_args)
