"""The task worker's heartbeat: the scheduler enqueues it, the worker runs it, /health/ reads
when it last finished."""

from django.tasks import task


@task
def heartbeat() -> None:
    """Does nothing: finishing is the signal."""
