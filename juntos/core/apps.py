import atexit

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
        from django.core.signals import request_finished, setting_changed
        from django.db.backends.signals import connection_created

        from juntos.core import lookups, pagecache

        lookups.register()
        # Every write to the database moves the data version of kept pages (pagecache).
        connection_created.connect(pagecache.watch_connection, dispatch_uid="juntos-pagecache")
        request_finished.connect(pagecache.publish_pending, dispatch_uid="juntos-pagecache")
        setting_changed.connect(pagecache.settings_changed, dispatch_uid="juntos-pagecache")
        atexit.register(pagecache.publish_pending)  # a command's last writes
        pagecache.watch_all()
