from django.apps import AppConfig


class CharterConfig(AppConfig):
    name = "juntos.charter"
    label = "charter"
