"""gunicorn's settings for Juntos (read from the working directory; README, "Production").

preload_app loads Juntos once and warms it (juntos/wsgi.py) before forking the workers,
so no worker's first visitor waits for templates to be parsed.
"""

import multiprocessing
import os

bind = os.environ.get("JUNTOS_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("JUNTOS_WEB_WORKERS", 2 * multiprocessing.cpu_count() + 1))
timeout = 60
preload_app = True


def post_worker_init(worker):
    """Open this worker's database connection (and let SQLite read its schema) before the
    worker's first request, instead of during it."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM django_migrations LIMIT 1")
