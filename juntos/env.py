"""Small, strict readers for settings that come from environment variables.

A bad value stops the program with a message naming the variable, rather than
running with a setting nobody meant.
"""

import os
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return _boolean(raw.strip().lower())
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be one of 1/0, true/false, yes/no; got {raw!r}"
        ) from None


def _boolean(value: str) -> bool:
    if value not in TRUE | FALSE:
        raise ValueError(value)
    return value in TRUE


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def _url_option(options: dict, name: str, default: str, read, allowed: str):
    raw = options.get(name, default)
    try:
        return read(raw.strip().lower())
    except ValueError:
        raise ImproperlyConfigured(f"DATABASE_URL: {name} must be {allowed}; got {raw!r}") from None


def _threshold(value: str) -> int | None:
    if value == "none":
        return None
    threshold = int(value)
    if threshold < 0:
        raise ValueError(value)
    return threshold


def database_from_url(url: str) -> dict:
    """Django DATABASES entry from a URL: sqlite:///path or postgres://user@host:port/name."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        if (
            path.startswith("/")
            and url.startswith("sqlite:///")
            and not url.startswith("sqlite:////")
        ):
            path = path[1:]  # sqlite:///relative.db is relative; sqlite:////abs.db is absolute
        # A server process keeps its connection (opening one costs a schema read and the
        # WAL pragmas on every request otherwise).
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path or ":memory:",
            "CONN_MAX_AGE": 60,
        }
    if parsed.scheme in {"postgres", "postgresql"}:
        options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
        # Parameters bound by the server, and a statement run five times on a connection is
        # kept prepared there: PostgreSQL no longer parses it, and plans it again only when
        # that pays. The small reads every request makes (the counters, the access version)
        # cost it about half as much. README, "Production": poolers.
        options["server_side_binding"] = _url_option(
            options, "server_side_binding", "1", _boolean, "1/0, true/false, yes/no or on/off"
        )
        options["prepare_threshold"] = _url_option(
            options, "prepare_threshold", "5", _threshold, "a whole number from 0, or none"
        )
        return {
            "ENGINE": "juntos.db.postgresql",  # its health checked at most once a second
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL must start with sqlite:/// or postgres://; got {parsed.scheme!r}"
    )
