"""A database that cannot write (disk full, read-only volume, replica) or cannot be reached is
a 503 with a clear page, not a 500.

Nothing is half-written: each write runs in one transaction (the services' `atomic`), which the
database rolls back when it refuses. Pages that only read keep working wherever the database
still reads. A refused form is shown back to the person, so the text they typed is not lost.

The middleware runs outermost, so it also catches a refusal in another middleware's response
phase (a session being saved). Django turns such errors into a 500 before they reach us, so a
`got_request_exception` receiver marks the request and the middleware swaps the response.
"""

import sys

from django.core.signals import got_request_exception
from django.db import DatabaseError, InterfaceError, InternalError, OperationalError
from django.template import loader

READ_ONLY_SQLSTATE = "25006"  # PostgreSQL: cannot execute … in a read-only transaction
RETRY_AFTER_SECONDS = 60
_KEPT_HEADERS = (
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)
_HIDDEN_FIELDS = ("csrfmiddlewaretoken", "password", "token", "code", "submission_token")


def is_database_unavailable(error: BaseException) -> bool:
    if isinstance(error, OperationalError | InterfaceError):
        return True
    if isinstance(error, InternalError):
        return getattr(error.__cause__, "sqlstate", None) == READ_ONLY_SQLSTATE
    return False


def _note_database_error(sender, request=None, **kwargs):
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DatabaseError):
        request._database_unavailable = is_database_unavailable(error)


got_request_exception.connect(_note_database_error, dispatch_uid="clinicalcontext-unavailable")


def _typed_text(request) -> list[tuple[str, str]]:
    """What the person typed, to give back on the page (never logged, never stored)."""
    if request.method != "POST":
        return []
    try:
        items = request.POST.items()
    except Exception:  # an unreadable body: nothing to give back
        return []
    return [
        (name, value)
        for name, value in items
        if value.strip() and not any(hidden in name.lower() for hidden in _HIDDEN_FIELDS)
    ]


def unavailable_response(request):
    from django.http import HttpResponse

    html = loader.get_template("errors/503_database.html").render(
        {"saving": request.method not in ("GET", "HEAD"), "typed": _typed_text(request)}
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "_database_unavailable", False):
            replacement = unavailable_response(request)
            replacement._has_been_logged = True  # the error itself was logged, traceback too
            for header in _KEPT_HEADERS:  # the 500 went through the security middleware
                if header in response:
                    replacement[header] = response[header]
            return replacement
        return response
