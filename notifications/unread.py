"""The bell's unread count: from the cache, or one COUNT query when the cache has none.

The cache going away costs that one query, never the page: every cache call is guarded.
"""

import logging

from django.core.cache import cache

from .models import Notification

logger = logging.getLogger(__name__)
TTL = 60 * 60


def _key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count(user_id: int) -> int:
    try:
        cached = cache.get(_key(user_id))
    except Exception:  # noqa: BLE001 - a cache outage must not take the page down
        logger.warning("cache unavailable for the unread count")
        cached = None
    if cached is not None:
        return cached
    count = Notification.objects.filter(recipient_id=user_id, read_at=None).count()
    try:
        cache.set(_key(user_id), count, TTL)
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable: unread count not stored")
    return count


def forget_unread(*user_ids: int) -> None:
    try:
        cache.delete_many([_key(user_id) for user_id in user_ids])
    except Exception:  # noqa: BLE001 - the count then waits for TTL; logged for operators
        logger.warning("cache unavailable: unread counts not refreshed")
