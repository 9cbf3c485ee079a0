"""Health: `/health/live/` (the process answers; touches nothing) and `/health/` (readiness).

Readiness checks each dependency and answers 503 when any is down:
- database: `SELECT 1`;
- cache: a Redis PING (or a round trip through the local cache);
- worker: when tasks go to the database worker, its heartbeat (the scheduler enqueues
  `clinicalcontext.tasks.heartbeat`, the worker runs it) must be recent, and the oldest task
  waiting to run must not have waited too long (queue lag);
- scheduler: when the worker is in use, the scheduler must have claimed a run recently.

The report says which check failed and by how much, never why in words: an error's message can
carry a host name or a password. Nothing here is logged.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Max, Min, Q
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult, get_date_max

from .models import JobRun
from .tasks import heartbeat

HEARTBEAT_PATH = f"{heartbeat.func.__module__}.{heartbeat.func.__qualname__}"
KEEP_HEARTBEATS = timedelta(hours=1)


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def uses_database_worker() -> bool:
    return settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db")


def _timed(check):
    started = time.monotonic()
    try:
        report = check()
    except Exception as error:  # any failure of a dependency is "down", whatever its class
        report = {"ok": False, "error": type(error).__name__}
    report["ms"] = round((time.monotonic() - started) * 1000, 1)
    return report


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def check_cache() -> dict:
    if hasattr(cache, "ping"):
        return {"ok": cache.ping()}
    cache.set("health:probe", 1, 10)
    return {"ok": cache.get("health:probe") == 1}


def _seconds_since(moment) -> float | None:
    return None if moment is None else round((timezone.now() - moment).total_seconds(), 1)


def check_worker() -> dict:
    beat = DBTaskResult.objects.filter(task_path=HEARTBEAT_PATH, status="SUCCESSFUL").aggregate(
        last=Max("finished_at")
    )["last"]
    age = _seconds_since(beat)
    return {"ok": age is not None and age <= _limit("HEALTH_WORKER_MAX_AGE", 180), "age_s": age}


def check_queue() -> dict:
    ready = DBTaskResult.objects.ready()
    no_run_after = Q(run_after=get_date_max())
    oldest = ready.aggregate(
        queued=Min("enqueued_at", filter=no_run_after), due=Min("run_after", filter=~no_run_after)
    )
    waiting_since = min((m for m in oldest.values() if m is not None), default=None)
    lag = _seconds_since(waiting_since) or 0.0
    return {
        "ok": lag <= _limit("HEALTH_QUEUE_MAX_LAG", 300),
        "lag_s": lag,
        "waiting": ready.count(),
    }


def check_scheduler() -> dict:
    last = JobRun.objects.aggregate(last=Max("started_at"))["last"]
    age = _seconds_since(last)
    return {"ok": age is not None and age <= _limit("HEALTH_SCHEDULER_MAX_AGE", 180), "age_s": age}


def readiness_report() -> dict:
    checks = {"database": _timed(check_database), "cache": _timed(check_cache)}
    if uses_database_worker():
        for name, check in (
            ("worker", check_worker),
            ("queue", check_queue),
            ("scheduler", check_scheduler),
        ):
            checks[name] = _timed(check)
    return checks


@never_cache
@require_safe
def readiness(request):
    checks = readiness_report()
    healthy = all(check["ok"] for check in checks.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
    # Probes come every few seconds: an outage is logged where it is found (the cache, the
    # database error), not once per probe.
    response._has_been_logged = True
    return response


@never_cache
@require_safe
def liveness(request):
    """The process is up and serving; deliberately checks no dependency."""
    return JsonResponse({"status": "ok"})


def enqueue_heartbeat() -> int:
    """A scheduled job: ask the worker for a sign of life; forget old ones."""
    if uses_database_worker():
        heartbeat.enqueue()
    cutoff = timezone.now() - KEEP_HEARTBEATS
    deleted, _ = DBTaskResult.objects.filter(
        task_path=HEARTBEAT_PATH, finished_at__lt=cutoff
    ).delete()
    return deleted
