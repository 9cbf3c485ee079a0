"""The anonymous item page cache: whole pages, keyed by item number and a site-wide generation.

Any change to an item, its parts, a section or a topic bumps the generation, so every cached
page goes stale at once (saves are rare; readers are many). A change to one item's live figures
(replies, answered questions) forgets that page alone, through `forget_item_page(article)`.
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


def invalidate() -> None:
    """Forget every cached item page, now and again once the current transaction commits."""
    _bump()
    transaction.on_commit(_bump)


def get_page(number: int) -> dict | None:
    return cache.get(page_key(number))


def store_page(number: int, *, slug: str, content: str, nonce: str | None) -> None:
    if nonce:
        content = content.replace(nonce, NONCE_PLACEHOLDER)
    cache.set(page_key(number), {"slug": slug, "content": content}, timeout())


def restore_content(cached: dict, nonce: str) -> str:
    return cached["content"].replace(NONCE_PLACEHOLDER, nonce)


def forget_item_page(article) -> None:
    """THE way to say "this item's page changed": its cached copy is forgotten, now and after
    the current transaction commits (so a reader between the two cannot re-cache the old page).

    Every service that changes a live figure or a part the page shows calls this (replies in
    its thread, answered questions, a published FAQ entry); nothing else touches the cache.
    """
    number = article.number
    cache.delete(page_key(number))
    transaction.on_commit(lambda: cache.delete(page_key(number)))
