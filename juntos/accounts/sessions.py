"""Sessions in the database, as Django keeps them, each read once per worker while no one
signs in or out, changes a session or the access version moves (core/remembered.py)."""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from juntos.core import remembered

remembered.watch(Session)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        def load():
            row = super(SessionStore, self)._get_session_from_db()
            return None if row is None else (row.session_data, row.expire_date)

        found = remembered.recall("session", self.session_key, load, session=True)
        if found is None or found[1] <= timezone.now():  # expired since it was remembered
            self._session_key = None
            return None
        data, expires = found
        return self.model(session_key=self.session_key, session_data=data, expire_date=expires)
