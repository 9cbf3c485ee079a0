"""Serve anonymous item pages from the cache before the rest of the middleware runs."""

import re

from django.conf import settings
from django.middleware.csp import get_nonce
from django.urls import reverse

from . import caching


class ItemPageCacheMiddleware:
    """Placed right after the security and static-file middleware (see articles/caching.py).

    A request it can answer costs one cache read; anything else passes through untouched, and
    on the way back the item view's cacheable responses (`response.item_page_cacheable`) are
    stored with the headers the inner middleware gave them.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.item_path = None

    def __call__(self, request):
        if self.item_path is None:
            self.item_path = item_path_pattern()
        match = self.item_path.fullmatch(request.path) if is_cacheable_request(request) else None
        if match is None:
            return self.get_response(request)
        number, slug = int(match["number"]), match["slug"]
        if response := caching.cached_response(number, slug):
            return response
        # What is rendered now may be stored for every reader: read it from the primary, never
        # from a lagging replica (clinicalcontext/replica.py reads this mark).
        request.fills_shared_cache = True
        response = self.get_response(request)
        if (
            getattr(response, "item_page_cacheable", False)
            and response.status_code == 200
            and not response.cookies
        ):
            nonce = get_nonce(request)
            caching.store_response(number, slug, response, str(nonce) if nonce else None)
        return response


def item_path_pattern() -> re.Pattern:
    """The item page's path as a regular expression, from the URLconf (one reverse)."""
    path = reverse("articles:detail", kwargs={"number": 987654321, "slug": "slug-sentinel"})
    before, rest = path.split("987654321")
    between, after = rest.split("slug-sentinel")
    return re.compile(
        rf"{re.escape(before)}(?P<number>[0-9]{{1,9}}){re.escape(between)}"
        rf"(?P<slug>[-a-zA-Z0-9_]{{1,200}}){re.escape(after)}"
    )


def is_cacheable_request(request) -> bool:
    """Anonymous (no session, so no messages either), no query string: every such request for
    one page gets the same page."""
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )
