"""Scheduled work, named for the scheduler's SCHEDULED_JOBS setting (dotted path, seconds)."""

from .emails import send_digests
from .kinds import Frequency
from .outbox import send_pending


def send_pending_email() -> int:
    """Every minute: retries that are due and emails abandoned by a dead worker."""
    return send_pending()


def send_daily_digests() -> int:
    return send_digests(frequency=Frequency.DAILY)


def send_weekly_digests() -> int:
    return send_digests(frequency=Frequency.WEEKLY)
