from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "juntos.accounts"
    label = "accounts"

    def ready(self):
        from juntos.accounts import twofactor  # noqa: F401  (connects the sign-in signal)
