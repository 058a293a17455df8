from django.apps import AppConfig


class ScaleConfig(AppConfig):
    name = "juntos.scale"
    verbose_name = "Scale: synthetic data for benchmarks"
