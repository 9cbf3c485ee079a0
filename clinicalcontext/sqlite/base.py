"""Django's SQLite backend, able to keep reading from a read-only or full volume.

In WAL mode a connection needs the `-shm` shared-memory file beside the database; on a
read-only or full volume it cannot be created, so even reads fail ("unable to open database
file", "disk I/O error"). When opening fails and the volume really refuses writes, the
database is opened read-only instead. Writes then fail as "attempt to write a readonly
database", which the site answers with its 503 page; once the volume takes writes again, new
connections are normal ones.
"""

import logging
import os
from pathlib import Path
from urllib.parse import quote

from django.db.backends.sqlite3 import base
from django.db.backends.sqlite3._functions import register as register_functions

logger = logging.getLogger(__name__)
_warned = False


MIN_FREE_BYTES = 64 * 1024  # less than this and SQLite cannot even create its -shm file


def volume_refuses_writes(path: str) -> bool:
    """Is the database's volume mounted read-only, or full?"""
    try:
        volume = os.statvfs(Path(path).resolve().parent)
    except OSError:
        return False
    return bool(volume.f_flag & os.ST_RDONLY) or volume.f_bavail * volume.f_frsize < MIN_FREE_BYTES


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        path = conn_params["database"]
        on_disk = not path.startswith("file:") and path != ":memory:"
        # Looked at first (one statvfs call): a normal connection on a full volume may open
        # and then fail its first read, when SQLite tries to grow its shared-memory index.
        if on_disk and volume_refuses_writes(path):
            return self._read_only_connection(conn_params, path)
        try:
            return super().get_new_connection(conn_params)
        except base.Database.OperationalError:
            if not on_disk or not volume_refuses_writes(path):
                raise
            return self._read_only_connection(conn_params, path)

    def _read_only_connection(self, conn_params, path: str):
        # With the shared-memory file there, read-only mode reads through the write-ahead log;
        # without it no connection is open and the log was checkpointed into the file, which
        # nothing can now change: immutable needs neither locks nor the shared memory.
        mode = "mode=ro" if Path(f"{path}-shm").exists() else "immutable=1"
        params = {**conn_params, "database": f"file:{quote(path)}?{mode}", "uri": True}
        connection = base.Database.connect(**params)
        register_functions(connection)
        connection.execute("PRAGMA foreign_keys = ON")
        global _warned
        if not _warned:  # once per process: every request opens a connection
            logger.warning("database volume refuses writes: serving reads only")
            _warned = True
        return connection
