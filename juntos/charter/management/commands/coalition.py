"""`juntos coalition create`: start a coalition from the command line (operators only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import translation

from juntos.accounts.services import invitation_token
from juntos.charter import presets, services


class Command(BaseCommand):
    help = (
        "Start a coalition: `juntos coalition create --name NAME --slug SLUG --host-email "
        "EMAIL [--charter seed|simple|blank] [--language en|es]`. The host gets an invitation "
        "(or, with a login already, becomes host at once) and is guided through set-up."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Start a coalition and invite its first host.")
        create.add_argument("--name", required=True)
        create.add_argument("--slug", required=True, help="Its web address: /c/SLUG/")
        create.add_argument("--host-email", required=True)
        create.add_argument("--host-name", default="", help="The first host's full name.")
        create.add_argument("--charter", choices=presets.TEMPLATES, default=presets.SIMPLE)
        create.add_argument("--language", choices=("en", "es"), default="en")
        sub.add_parser("list", help="List the coalitions.")

    def handle(self, *args, action, **options):
        if action == "list":
            from juntos.charter.models import Coalition

            for c in Coalition.objects.order_by("slug"):
                state = "set up" if c.setup_finished_at else "setting up"
                self.stdout.write(f"{c.slug:<30} {c.name}  ({state})")
            return
        with translation.override(options["language"]):
            try:
                coalition = services.coalition_create(
                    slug=options["slug"],
                    name=options["name"],
                    template=options["charter"],
                    host_email=options["host_email"],
                    host_full_name=options["host_name"],
                    language=options["language"],
                    actor=None,
                    guided=True,
                )
            except services.CoalitionError as error:
                raise CommandError(
                    "\n".join(f"--{k.replace('_', '-')}: {v}" for k, v in error.errors.items())
                ) from None
        home = settings.SITE_URL + reverse("web:home", args=[coalition.slug])
        self.stdout.write(self.style.SUCCESS(f"Started {coalition.name} at {home}"))
        invitation = coalition.host_invitation
        if invitation is None:
            self.stdout.write(f"{options['host_email']} is its host and can sign in now.")
        else:
            link = settings.SITE_URL + reverse(
                "accounts:accept", args=[invitation_token(invitation)]
            )
            self.stdout.write(
                f"An invitation to be host was mailed to {invitation.email}. "
                f"The link (valid 14 days):\n  {link}"
            )
