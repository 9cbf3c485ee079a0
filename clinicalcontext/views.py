"""Site-wide pages: home and the friendly error pages (health checks: health.py)."""

from functools import partial
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views import csrf, defaults
from django.views.decorators.http import require_safe

from accounts import refusals
from articles.models import Article


@require_safe
def home(request):
    latest = Article.objects.published().select_related("section")[:6]
    return render(request, "home.html", {"latest": latest})


@require_safe
def robots_txt(request):
    context = {"SITE_URL": settings.SITE_URL}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the real (SVG) icon.
    Resolved per request: in production the static name carries the file's hash."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


# Django's own error views, rendering our templates with the request (so the pages keep the
# site's header and the CSP nonce); the 500 page renders without a request or the database,
# which may be why we are there. CSRF_FAILURE_VIEW points at `csrf_failure`.
bad_request = partial(defaults.bad_request, template_name="errors/400.html")


def permission_denied(request, exception=None):
    """Every 403 says why and what to do next, with a link (accounts.refusals.explain)."""
    explanation = refusals.explain(request.user, exception, quote(request.get_full_path()))
    return render(request, "errors/403.html", {"refusal": explanation}, status=403)


page_not_found = partial(defaults.page_not_found, template_name="errors/404.html")
server_error = partial(defaults.server_error, template_name="errors/500.html")
csrf_failure = partial(csrf.csrf_failure, template_name="errors/403_csrf.html")


def error_preview(request, status):
    templates = {400: "400", 403: "403", 404: "404", 500: "500", 419: "403_csrf"}
    if status not in templates:
        raise Http404
    return render(request, f"errors/{templates[status]}.html", status=200)
