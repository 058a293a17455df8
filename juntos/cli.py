"""`juntos` command: Django's manage.py under the project's name.

`juntos demo` sets up and serves a sample coalition; every other word is a Django
management command (`juntos migrate`, `juntos check --deploy`, ...).
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "demo":
        # The demo is a development server on this machine: debug pages and the outbox.
        os.environ.setdefault("JUNTOS_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "juntos.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
