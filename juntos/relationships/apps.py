from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelationshipsConfig(AppConfig):
    name = "juntos.relationships"
    label = "relationships"
    verbose_name = _("Relationships and power")
