"""Reads from a PostgreSQL streaming replica when `DATABASE_REPLICA_URL` is set.

Only a web request that is safe to serve slightly behind reads from the replica: a GET or HEAD
from someone who has not written in the last `DATABASE_REPLICA_PIN_SECONDS`. Everything else
reads the primary:
- the rest of the request once it wrote anything (read your own writes), and every request for
  a few seconds after, by a short cookie, since replication lags by milliseconds to seconds
  (the reply you just posted is on the page you are sent to);
- reads inside a transaction (a service reads what it is about to change);
- a page being rendered into the shared item-page cache (it would be served to everyone);
- sessions, accounts' emails, MFA, the task queue and job runs: security state and queues must
  never be read stale (a logout, a revoked device, a task already claimed);
- the worker, the scheduler and management commands (no request: primary only);
- for 15 s in this process after the replica could not be reached, so a dead replica costs one
  connection attempt, not pages.
Migrations run on the primary only; the replica follows by replication.
"""

import contextvars
import logging
import time

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

PRIMARY, REPLICA = "default", "replica"
PIN_COOKIE = "cc_primary"
# Apps whose rows decide who someone is or what runs next: always read fresh.
PRIMARY_ONLY_APPS = frozenset(
    {"sessions", "account", "mfa", "usersessions", "django_tasks_database", "clinicalcontext"}
)
REPLICA_RETRY_SECONDS = 15.0

_replica_reads = contextvars.ContextVar("replica_reads", default=False)
_wrote = contextvars.ContextVar("wrote_to_primary", default=False)
_replica_down_until = 0.0


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if (
            _replica_reads.get()
            and not _wrote.get()
            and model._meta.app_label not in PRIMARY_ONLY_APPS
            and not connections[PRIMARY].in_atomic_block
        ):
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        _wrote.set(True)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, **hints):
        return db == PRIMARY


def _replica_reachable() -> bool:
    global _replica_down_until
    if time.monotonic() < _replica_down_until:
        return False
    connection = connections[REPLICA]
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError as error:
        _replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS
        logger.warning("replica unreachable (%s): reading the primary", type(error).__name__)
        return False
    return True


def may_read_replica(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and PIN_COOKIE not in request.COOKIES
        # A page about to be stored in the shared item-page cache (articles/middleware.py) is
        # read from the primary: from a lagging replica, an old page could be cached for minutes
        # right after the change that forgot it.
        and not getattr(request, "fills_shared_cache", False)
        and _replica_reachable()
    )


class ReplicaReadsMiddleware:
    """Decides per request whether reads may go to the replica; pins a writer to the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reads = _replica_reads.set(may_read_replica(request))
        wrote = _wrote.set(False)
        try:
            response = self.get_response(request)
            if _wrote.get():
                response.set_cookie(
                    PIN_COOKIE,
                    "1",
                    max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
            return response
        finally:
            _replica_reads.reset(reads)
            _wrote.reset(wrote)
