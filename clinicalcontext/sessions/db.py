from django.contrib.sessions.backends import db

from . import KeepsSessionWhileReadOnly


class SessionStore(KeepsSessionWhileReadOnly, db.SessionStore):
    pass
