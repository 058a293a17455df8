from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_cache_table(sender, using="default", verbosity=1, **kwargs):
    """The shared cache (rate limits, single-use form tokens) lives in the database by
    default: `juntos migrate` (and so `juntos demo` and the tests) makes its table."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "juntos.core"
    label = "core"

    def ready(self):
        post_migrate.connect(_create_cache_table, sender=self, dispatch_uid="juntos-cache-table")
        from juntos.core import lookups

        lookups.register()
