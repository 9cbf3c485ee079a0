"""Serve anonymous item pages from the cache before the rest of the middleware runs."""

from django.conf import settings
from django.middleware.csp import get_nonce
from django.urls import reverse

from . import caching

MAX_PATH = 200  # an item page's path is far shorter; longer ones are never looked up


class ItemPageCacheMiddleware:
    """Placed right after the security and static-file middleware (see articles/caching.py).

    A request it can answer costs one cache read; anything else passes through untouched, and
    on the way back the item view's cacheable responses (`response.item_page_cacheable`) are
    stored with the headers the inner middleware gave them.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        if self.prefix is None:
            self.prefix = reverse("articles:index")
        path = request.path
        candidate = (
            len(path) <= MAX_PATH and path.startswith(self.prefix) and is_cacheable_request(request)
        )
        if candidate and (response := caching.cached_response(path)):
            return response
        response = self.get_response(request)
        if (
            candidate
            and getattr(response, "item_page_cacheable", False)
            and response.status_code == 200
            and not response.cookies
        ):
            nonce = get_nonce(request)
            caching.store_response(path, response, str(nonce) if nonce else None)
        return response


def is_cacheable_request(request) -> bool:
    """Anonymous (no session, so no messages either), no query string: every such request for
    one page gets the same page."""
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )
