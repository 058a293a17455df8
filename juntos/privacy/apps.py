from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "juntos.privacy"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from juntos.privacy import logmask

        logmask.install()
