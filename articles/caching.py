"""The anonymous item page cache: whole responses, served before the costly middleware runs.

`ItemPageCacheMiddleware` (articles/middleware.py) sits just inside the security and static-file
middleware. For an anonymous GET of an item page (no session cookie, no query string) it makes
one cache read, `get_many([generation, page])` (one round trip on Redis), and on a hit answers
at once: no session, CSRF, auth, messages, CSP or allauth middleware, no URL resolving. The
stored entry is the response the full stack produced (status 200, its headers, its body), with
the CSP nonce replaced by a placeholder in the body and the headers; every response gets a new
nonce put back, so no two responses share one. Entries are keyed by item number and carry the
slug they were rendered for: a stale slug is never answered from the cache (the view redirects).

Everything goes through `forget_item_page(article)`: a change to an item, one of its parts or
its live figures (replies, answered questions) forgets that page; a change to a section or a
topic (shown on many pages) bumps the generation, which every entry carries, so every cached
page goes stale at once.
"""

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


def page_key(number: int) -> str:
    return f"articles:page:{number}"


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def cached_response(number: int, slug: str) -> HttpResponse | None:
    """The stored page of item `number` with a fresh nonce, or None. One cache read."""
    key = page_key(number)
    found = cache.get_many([GENERATION_KEY, key])
    entry = found.get(key)
    if entry is None or entry[0] != found.get(GENERATION_KEY) or entry[1] != slug:
        return None
    _, _, headers, body = entry
    nonce = generate_nonce()
    response = HttpResponse(body.replace(_PLACEHOLDER_BYTES, nonce.encode()))
    for name, value in headers:
        response.headers[name] = value.replace(NONCE_PLACEHOLDER, nonce)
    return response


def store_response(number: int, slug: str, response, nonce: str | None) -> None:
    """Keep a complete anonymous item page response for `cached_response`."""
    body, headers = response.content, list(response.headers.items())
    if nonce:
        body = body.replace(nonce.encode(), _PLACEHOLDER_BYTES)
        headers = [(name, value.replace(nonce, NONCE_PLACEHOLDER)) for name, value in headers]
    headers = [(name, value) for name, value in headers if name.lower() not in _NOT_STORED]
    cache.set(page_key(number), (_generation(), slug, headers, body), timeout())


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
