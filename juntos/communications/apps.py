from django.apps import AppConfig


class CommunicationsConfig(AppConfig):
    name = "juntos.communications"
    label = "communications"
