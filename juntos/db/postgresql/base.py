"""Django's PostgreSQL backend, with a kept connection's health checked at most once a second.

With CONN_HEALTH_CHECKS Django sends "SELECT 1" before each request's first query, so that a
connection the server dropped is opened again instead of failing the request. That is one
more round trip on every request: at an assembly, where a worker answers a dozen small
requests a second, as many as the request's own. A connection that passed the check less
than HEALTHY_FOR seconds ago is taken as healthy. One that breaks within that second fails
its request, as a connection breaking in the middle of a request does, and Django closes it
when the request ends (the next one opens a new one).
"""

import time

import psycopg
from django.db.backends.postgresql import base

HEALTHY_FOR = 1.0
# PostgreSQL's protocol carries at most this many parameters in one statement.
MOST_BOUND = 65535


class ServerBindingCursor(base.ServerBindingCursor):
    """Django's cursor for parameters bound by the server (juntos/env.py turns it on), except
    that a statement with more parameters than the protocol carries (an `__in` of every
    person an import touched) is bound here, as Django's default cursor does, and sent as
    it is, unprepared."""

    def execute(self, query, params=None, **kwargs):
        if params is not None and len(params) > MOST_BOUND:
            query = psycopg.ClientCursor(self.connection).mogrify(query, params)
            params, kwargs["prepare"] = None, False
        return super().execute(query, params, **kwargs)


class DatabaseWrapper(base.DatabaseWrapper):
    checked_at = -HEALTHY_FOR

    def get_connection_params(self):
        params = super().get_connection_params()
        if params.get("cursor_factory") is base.ServerBindingCursor:
            params["cursor_factory"] = ServerBindingCursor
        return params

    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and not self.health_check_done
            and time.monotonic() - self.checked_at < HEALTHY_FOR
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()
        if self.connection is not None:
            self.checked_at = time.monotonic()

    def connect(self):
        super().connect()
        self.checked_at = time.monotonic()  # just opened: it answered
