"""Session engines: Django's database sessions (plain, or read through the cache) that keep a
member signed in while the database refuses writes.

A page that changes an existing session (a message shown, a timestamp) would otherwise fail
with "the session was deleted" when the volume is read-only or full. Such a change is dropped
and logged instead. Creating a session (signing in) and deleting one (signing out) still fail
loudly, as a 503: nobody is told they signed out while their session lives on.
"""

import logging

from django.contrib.sessions.backends.base import UpdateError

from ..unavailable import is_database_unavailable

logger = logging.getLogger(__name__)


class KeepsSessionWhileReadOnly:
    def save(self, must_create=False):
        try:
            super().save(must_create=must_create)
        except UpdateError as error:
            if must_create or not is_database_unavailable(error.__context__):
                raise
            logger.warning("session change not saved: the database refuses writes")
