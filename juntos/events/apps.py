from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "juntos.events"
    label = "events"

    def ready(self):
        from juntos.events import ical

        ical.register()
