from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from juntos.web import sample


class Command(BaseCommand):
    help = "Migrate, load the sample coalitions (once), print the logins and serve the app."

    def add_arguments(self, parser):
        parser.add_argument(
            "--addrport",
            default="127.0.0.1:8000",
            help="address and port to serve on, as runserver takes them "
            "(default 127.0.0.1:8000; for example 8080 or 0.0.0.0:8080)",
        )
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Set up and print the logins, but do not start the server.",
        )
        parser.add_argument(
            "--public-data",
            default=str(sample.PUBLIC_DATA),
            help="folder of public data for Missouri's state legislators and districts "
            "(default: ../shared/data beside the project; skipped when absent)",
        )

    def handle(self, *args, addrport, no_serve, public_data, **options):
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        created = sample.load(Path(public_data))
        self.stdout.write(
            self.style.SUCCESS("Sample coalitions loaded.")
            if created
            else "Sample coalitions already loaded."
        )
        self.stdout.write(f"\nJuntos is at http://{addrport}/\n")
        self.stdout.write(f"Sign in with any of these (password for all: {sample.PASSWORD}):\n")
        for email, description in sample.LOGINS:
            self.stdout.write(f"  {email:<32} {description}")
        self.stdout.write(
            f"\nThe public application form: http://{addrport}/c/{sample.MO_SLUG}/apply/\n"
        )
        if not no_serve:
            call_command("runserver", addrport, use_reloader=False)
