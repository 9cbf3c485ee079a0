"""The anonymous item page cache: whole responses, served before the costly middleware runs.

`ItemPageCacheMiddleware` (articles/middleware.py) sits just inside the security and static-file
middleware. For an anonymous GET of an item page (no session cookie, no query string) it makes
one cache read, `get_many([generation, page])` (one round trip on Redis), and on a hit answers
at once: no session, CSRF, auth, messages, CSP or allauth middleware, no URL resolving. The
stored entry is the response the full stack produced (status 200, its headers, its body), with
the CSP nonce replaced by a placeholder in the body and the headers; every response gets a new
nonce put back, so no two responses share one.

Pages go stale two ways: any change to an item, its parts, a section or a topic bumps the
site-wide generation (saves are rare; readers are many) and every stored page, carrying its
generation, stops matching; a change to one item's live figures (replies, answered questions)
forgets that page alone, through `forget_item_page(article)`.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.csp import generate_nonce

GENERATION_KEY = "articles:page-generation"
NONCE_PLACEHOLDER = "__articles_csp_nonce__"
_PLACEHOLDER_BYTES = NONCE_PLACEHOLDER.encode()
_NOT_STORED = {"content-length", "set-cookie"}


def timeout() -> int:
    return int(getattr(settings, "ARTICLES_PAGE_CACHE_SECONDS", 600))


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def page_key(path: str) -> str:
    # Hashed: a path may hold any character, and cache keys must stay short and plain.
    return f"articles:page:{hashlib.blake2b(path.encode(), digest_size=16).hexdigest()}"


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def invalidate() -> None:
    """Forget every cached item page, now and again once the current transaction commits."""
    _bump()
    transaction.on_commit(_bump)


def cached_response(path: str) -> HttpResponse | None:
    """The stored page for `path` with a fresh nonce, or None. One cache read."""
    key = page_key(path)
    found = cache.get_many([GENERATION_KEY, key])
    entry = found.get(key)
    if entry is None or entry[0] != found.get(GENERATION_KEY):
        return None
    _, headers, body = entry
    nonce = generate_nonce()
    response = HttpResponse(body.replace(_PLACEHOLDER_BYTES, nonce.encode()))
    for name, value in headers:
        response.headers[name] = value.replace(NONCE_PLACEHOLDER, nonce)
    return response


def store_response(path: str, response, nonce: str | None) -> None:
    """Keep a complete anonymous item page response for `cached_response`."""
    body, headers = response.content, list(response.headers.items())
    if nonce:
        body = body.replace(nonce.encode(), _PLACEHOLDER_BYTES)
        headers = [(name, value.replace(nonce, NONCE_PLACEHOLDER)) for name, value in headers]
    headers = [(name, value) for name, value in headers if name.lower() not in _NOT_STORED]
    cache.set(page_key(path), (_generation(), headers, body), timeout())


def forget_item_page(article) -> None:
    """THE way to say "this item's page changed": its cached copy is forgotten, now and after
    the current transaction commits (so a reader between the two cannot re-cache the old page).

    Every service that changes a live figure or a part the page shows calls this (replies in
    its thread, answered questions, a published FAQ entry).
    """
    key = page_key(article.get_absolute_url())
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
