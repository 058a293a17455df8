from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "juntos.audit"
    label = "audit"
