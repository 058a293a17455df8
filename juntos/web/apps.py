from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "juntos.web"
    label = "web"
