from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "juntos.core"
    label = "core"
