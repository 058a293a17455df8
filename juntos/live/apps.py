from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "juntos.live"
    label = "live"

    def ready(self):
        from juntos.live import signals

        signals.connect()
