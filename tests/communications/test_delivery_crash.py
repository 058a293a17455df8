"""Kill the delivery worker partway through a large send, restart it, and check that every
recipient got exactly one message. Real processes, a real SQLite file, a real SMTP sink."""

import os
import socket
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest

RECIPIENTS = 2000

SETUP = f"""
from datetime import date
from juntos.charter.services import coalition_create
from juntos.communications.models import Notice
from juntos.communications import services
from juntos.members.models import Person
c = coalition_create(slug="crash", name="Crash test", host_name="H", mission="m",
                     values=[{{"name": "v", "text": "t"}}], agreements=[],
                     effective_from=date(2020, 1, 1))
Person.objects.bulk_create([
    Person(coalition=c, full_name=f"Supporter {{i}}", email=f"s{{i}}@example.org",
           role="supporter") for i in range({RECIPIENTS})
])
n = Notice.objects.create(coalition=c, audience="supporters", subject_en="Hello",
                          body_en="A notice for everyone.")
services.notice_send(notice=n, actor=None)
print("queued", n.deliveries.count())
"""


class Sink:
    """An SMTP server on loopback that counts what each recipient receives."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.received = Counter()
        self.lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                with sink.lock:
                    for rcpt in envelope.rcpt_tos:
                        sink.received[rcpt] += 1
                return "250 OK"

        with socket.socket() as probe:  # a free port on loopback
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def run(env, *args, check=True):
    return subprocess.run(
        [sys.executable, "-m", "juntos.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=check,
    )


@pytest.mark.parametrize("crash_at", ["after_sent:700", "after_claim:3"])
def test_worker_killed_midway_then_restarted_sends_each_message_once(tmp_path, crash_at):
    pytest.importorskip("aiosmtpd")
    with Sink() as sink:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'crash.sqlite3'}",
            "JUNTOS_VAR_DIR": str(tmp_path),
            "JUNTOS_TASKS": "database",
            "JUNTOS_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "JUNTOS_EMAIL_HOST": "127.0.0.1",
            "JUNTOS_EMAIL_PORT": str(sink.port),
            "DJANGO_SETTINGS_MODULE": "juntos.settings",
            "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        }
        run(env, "migrate", "--skip-checks")
        assert f"queued {RECIPIENTS}" in run(env, "shell", "-c", SETUP).stdout

        crashed = run({**env, "JUNTOS_CRASH_AT": crash_at}, "worker", "--batch", check=False)
        assert crashed.returncode == 137, crashed.stderr[-2000:]
        partial = sum(sink.received.values())
        assert 0 <= partial < RECIPIENTS

        run(env, "worker", "--batch")

    assert len(sink.received) == RECIPIENTS
    assert set(sink.received.values()) == {1}, Counter(sink.received.values())
