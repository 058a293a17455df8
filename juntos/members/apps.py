from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "juntos.members"
    label = "members"
