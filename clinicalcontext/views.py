"""Site-wide pages: home and the friendly error pages (health checks: health.py)."""

from functools import partial

from django.http import Http404
from django.shortcuts import render
from django.views import csrf, defaults
from django.views.decorators.http import require_safe

from articles.models import Article


@require_safe
def home(request):
    latest = Article.objects.published().select_related("section")[:6]
    return render(request, "home.html", {"latest": latest})


# Django's own error views, rendering our templates with the request (so the pages keep the
# site's header and the CSP nonce); the 500 page renders without a request or the database,
# which may be why we are there. CSRF_FAILURE_VIEW points at `csrf_failure`.
bad_request = partial(defaults.bad_request, template_name="errors/400.html")
permission_denied = partial(defaults.permission_denied, template_name="errors/403.html")
page_not_found = partial(defaults.page_not_found, template_name="errors/404.html")
server_error = partial(defaults.server_error, template_name="errors/500.html")
csrf_failure = partial(csrf.csrf_failure, template_name="errors/403_csrf.html")


def error_preview(request, status):
    templates = {400: "400", 403: "403", 404: "404", 500: "500", 419: "403_csrf"}
    if status not in templates:
        raise Http404
    return render(request, f"errors/{templates[status]}.html", status=200)
