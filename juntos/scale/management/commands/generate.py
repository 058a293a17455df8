"""`juntos generate --size small|state|national --seed N`: fill the database with a
synthetic network (see juntos.scale.generator). Progress goes to stderr."""

import time

from django.core.management.base import BaseCommand, CommandError

from juntos.charter.models import Coalition
from juntos.scale.generator import SIZES, Generator


class Command(BaseCommand):
    help = "Fill the database with a synthetic coalition network, in bulk, deterministically."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--prefix", default="", help="Prefix for the coalitions' slugs (to add a second set)."
        )

    def handle(self, *args, size, seed, prefix, **options):
        slug = f"{prefix}national" if SIZES[size].coalitions > 1 else f"{prefix}mo"
        if Coalition.objects.filter(slug=slug).exists():
            raise CommandError(
                f"Coalition {slug!r} exists already: use --prefix or a new database."
            )
        started = time.monotonic()
        counts = Generator(size, seed, progress=self.stderr, slug_prefix=prefix).run()
        total = sum(counts.values())
        for label, n in sorted(counts.items(), key=lambda kv: -kv[1]):
            self.stdout.write(f"{n:>10,}  {label}")
        self.stdout.write(f"{total:,} rows in {time.monotonic() - started:.1f}s")
