import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "juntos.settings")
application = get_wsgi_application()


def _warm_up() -> None:
    """Pay one-time costs when a server process starts, not on someone's first request:
    the holidays library takes about half a second to compute its first year, the URLconf
    as long to import every view, and each template and form widget is parsed once per
    process (tens of milliseconds on the first view of a big page). With gunicorn's
    preload_app (gunicorn.conf.py) this runs once, before the workers fork."""
    import gc
    from pathlib import Path

    from django.conf import settings
    from django.db import connections
    from django.forms.renderers import get_default_renderer
    from django.template import TemplateSyntaxError, engines
    from django.urls import get_resolver
    from django.utils import timezone, translation

    from juntos.campaigns.rules import holiday_spans
    from juntos.core.pagecache import build

    build()  # the release's fingerprint in every kept page's key (reads the tree once)
    today = timezone.localdate()
    holiday_spans(
        start=today.replace(month=1, day=1), end=today.replace(month=12, day=31), state="MO"
    )
    # The URLconf imports every view module (half a second), and reversing builds a table
    # per language; translations load their catalogues on first use.
    resolver = get_resolver()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolver.reverse_dict  # noqa: B018 - built and cached on first access
            translation.gettext("Home")
    renderer = get_default_renderer()  # juntos.web.jinja.FormRenderer: Jinja2 and Django's
    renderer_engines = [
        renderer.engine,
        *([renderer.fallback.engine] if hasattr(renderer, "fallback") else []),
    ]
    for engine in [*engines.all(), *renderer_engines]:
        for folder in map(Path, engine.template_dirs):
            for path in folder.rglob("*.html"):
                try:
                    engine.get_template(path.relative_to(folder).as_posix())
                except TemplateSyntaxError:  # a library's template for a tag library not installed
                    continue
    connections.close_all()  # a forked worker must not share the parent's connection
    # Everything loaded so far lives as long as the process: keep it out of the garbage
    # collector's full passes, which otherwise walk it all and pause a request now and then.
    gc.freeze()


_warm_up()
