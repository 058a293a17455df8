import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "juntos.settings")
application = get_wsgi_application()


def _warm_up() -> None:
    """Pay one-time costs when a server process starts, not on someone's first request:
    the holidays library takes about half a second to compute its first year."""
    from datetime import date

    from juntos.campaigns.rules import holiday_spans

    today = date.today()
    holiday_spans(
        start=today.replace(month=1, day=1), end=today.replace(month=12, day=31), state="MO"
    )


_warm_up()
