from django.apps import AppConfig


class DistrictsConfig(AppConfig):
    name = "juntos.districts"
    label = "districts"
