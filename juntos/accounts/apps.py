from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "juntos.accounts"
    label = "accounts"
