"""The screening terms moderators add in the admin, as a term source for text/screening.

The screens call the source on every screen, so it reads the cache: one query per change of
the list (saving or deleting a term forgets it), none per post. If the terms cannot be read
the screens run with their built-in lists: screening never fails for want of the extras.
"""

import logging

from django.core.cache import cache

from .models import ScreeningTerm

logger = logging.getLogger(__name__)
CACHE_KEY = "moderation:screening-terms"
TTL = 60 * 60


def active_terms() -> tuple[tuple[str, str], ...]:
    try:
        cached = cache.get(CACHE_KEY)
    except Exception:  # noqa: BLE001 - the cache going away costs a query, not the screen
        logger.warning("cache unavailable for screening terms")
        cached = None
    if cached is not None:
        return cached
    try:
        terms = tuple(
            ScreeningTerm.objects.filter(active=True).order_by("pk").values_list("kind", "phrase")
        )
    except Exception:  # noqa: BLE001 - unreadable terms must not stop a screen: the built-in
        # lists still run (and code with no database at hand, like the screen's own tests,
        # screens with them alone).
        logger.warning("screening terms unreadable: screening with the built-in lists")
        return ()
    try:
        cache.set(CACHE_KEY, terms, TTL)
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable: screening terms not stored")
    return terms


def forget_terms() -> None:
    try:
        cache.delete(CACHE_KEY)
    except Exception:  # noqa: BLE001 - the list is then at most TTL old; logged for operators
        logger.warning("cache unavailable: screening terms not refreshed")


def forget_terms_on_change(sender, **kwargs) -> None:
    forget_terms()
