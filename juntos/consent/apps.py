from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "juntos.consent"
    label = "consent"
