"""Rate limits and client addresses that hold when deployed.

Counts live in Django's cache, which Juntos configures as a store every process shares:
the database (`DatabaseCache`, table `juntos_cache`, made by `juntos migrate`) by default,
or Redis when `JUNTOS_REDIS_URL` is set. Three gunicorn workers therefore count together.

The client address is the connection's, unless `JUNTOS_TRUSTED_PROXY_HEADER` names the
header a trusted reverse proxy sets (for example `X-Forwarded-For` or `X-Real-IP`): then
the address the proxy wrote. Without that setting such headers are ignored, since anyone
can send them.
"""

import ipaddress

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    header = getattr(settings, "JUNTOS_TRUSTED_PROXY_HEADER", "")
    if header:
        value = request.headers.get(header, "")
        # The proxy appends the address it saw last: the right-most entry is the one it
        # vouches for; earlier ones came from the client and may be forged.
        candidate = value.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR", "")


def count(key: str) -> int:
    return cache.get(key, 0)


def hit(key: str, *, window: int) -> int:
    """Add one to a shared counter that lives `window` seconds; the new count."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1
