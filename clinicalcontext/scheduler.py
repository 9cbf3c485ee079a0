"""The scheduler: runs `SCHEDULED_JOBS` on time, once per period across every host.

`SCHEDULED_JOBS` is a list of `("dotted.path.to.callable", seconds)`. Time is cut into periods
of that many seconds since the epoch; a scheduler that sees a new period tries to insert the
job's `JobRun` row for it, and only the one whose insert succeeds runs the job. So any number
of schedulers (one per host, for availability) run each job once per period, with no lock
server, on SQLite and PostgreSQL alike. A host that dies mid-run leaves its row "running"; the
next period runs again, so jobs must be safe to repeat (ours are conditional updates).
"""

import logging
import os
import socket
import time
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, close_old_connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import JobOutcome, JobRun

logger = logging.getLogger(__name__)

KEEP_RUNS = timedelta(days=7)


def scheduled_jobs() -> list[tuple[str, int]]:
    return [(path, int(seconds)) for path, seconds in settings.SCHEDULED_JOBS]


def period_of(seconds: int, *, now: float | None = None) -> int:
    return int((time.time() if now is None else now) // seconds)


def claim(job: str, period: int, *, host: str) -> JobRun | None:
    """The run of `job` in `period`, if this caller is the first to ask; else None."""
    try:
        with transaction.atomic():
            return JobRun.objects.create(job=job, period=period, host=host)
    except IntegrityError:
        return None


def run_claimed(run: JobRun) -> JobRun:
    started = time.monotonic()
    try:
        result = import_string(run.job)()
    except Exception as error:  # a failing job must not stop the others
        run.outcome, run.error = JobOutcome.FAILED, type(error).__name__
        logger.exception("scheduled job %s failed", run.job)
    else:
        run.outcome = JobOutcome.DONE
        logger.info(
            "scheduled job %s done in %.0f ms (%s)",
            run.job,
            (time.monotonic() - started) * 1000,
            _summary(result),
        )
    run.finished_at = timezone.now()
    run.save(update_fields=["outcome", "error", "finished_at"])
    return run


def _summary(result) -> str:
    # A count, never the items themselves (they could be private).
    if isinstance(result, int | float):
        return f"result {result}"
    if hasattr(result, "__len__"):
        return f"{len(result)} item(s)"
    return "no result"


def run_due(*, host: str, seen: dict[str, int], now: float | None = None) -> list[JobRun]:
    """Run every job whose period this scheduler has not seen yet and nobody else has claimed."""
    ran = []
    for job, seconds in scheduled_jobs():
        period = period_of(seconds, now=now)
        if seen.get(job) == period:
            continue
        run = claim(job, period, host=host)
        seen[job] = period
        if run is not None:
            ran.append(run_claimed(run))
    return ran


def prune_job_runs() -> int:
    """A scheduled job of its own: forget runs older than a week."""
    deleted, _ = JobRun.objects.filter(started_at__lt=timezone.now() - KEEP_RUNS).delete()
    return deleted


def default_host() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run_forever(*, host: str, tick: float = 1.0, should_stop=lambda: False) -> None:
    seen: dict[str, int] = {}
    logger.info("scheduler started with %d job(s)", len(scheduled_jobs()))
    while not should_stop():
        close_old_connections()
        try:
            run_due(host=host, seen=seen)
        except DatabaseError as error:
            # The database is away or refuses writes: skip this tick, try again on the next.
            logger.warning("scheduler tick skipped: database away (%s)", type(error).__name__)
            close_old_connections()
        time.sleep(tick)
    logger.info("scheduler stopped")
