from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "juntos.api"
    label = "api"
