from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "juntos.governance"
    label = "governance"
