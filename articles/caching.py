"""The anonymous item page cache: whole pages, keyed by item number and a site-wide generation.

Everything goes through `forget_item_page(article)`: a change to an item, one of its parts or
its live figures (replies, answered questions) forgets that page; a change to a section or a
topic (shown on many pages) bumps the generation, so every cached page goes stale at once.
The page is stored with the CSP nonce replaced by a placeholder and served with the current
request's nonce put back.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "articles:page-generation"
NONCE_PLACEHOLDER = "__articles_csp_nonce__"


def timeout() -> int:
    return int(getattr(settings, "ARTICLES_PAGE_CACHE_SECONDS", 600))


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def page_key(number: int) -> str:
    return f"articles:page:{_generation()}:{number}"


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def get_page(number: int) -> dict | None:
    return cache.get(page_key(number))


def store_page(number: int, *, slug: str, content: str, nonce: str | None) -> None:
    if nonce:
        content = content.replace(nonce, NONCE_PLACEHOLDER)
    cache.set(page_key(number), {"slug": slug, "content": content}, timeout())


def restore_content(cached: dict, nonce: str) -> str:
    return cached["content"].replace(NONCE_PLACEHOLDER, nonce)


def forget_item_page(article=None) -> None:
    """THE way to say "what an item page shows has changed": its cached copy is forgotten, now
    and again once the current transaction commits (so a reader in between cannot re-cache the
    old page). With no item (a section or topic renamed), every item page is forgotten.

    Every service and model that changes what the page shows calls this: an item or one of its
    parts saved, replies in its thread, answered questions, a published FAQ entry. Nothing else
    touches the cache, so adding a live figure to the page is one call in its service.
    """
    if article is None:
        _bump()
        transaction.on_commit(_bump)
        return
    number = article.number
    cache.delete(page_key(number))
    transaction.on_commit(lambda: cache.delete(page_key(number)))
