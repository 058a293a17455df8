from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "juntos.events"
    label = "events"
