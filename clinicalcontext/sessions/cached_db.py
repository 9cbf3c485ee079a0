from django.contrib.sessions.backends import cached_db

from . import KeepsSessionWhileReadOnly


class SessionStore(KeepsSessionWhileReadOnly, cached_db.SessionStore):
    pass
