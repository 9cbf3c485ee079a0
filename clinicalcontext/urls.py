from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from accounts.views import SignupView
from articles.sitemaps import SITEMAPS

from . import health, screening, views

handler400 = "clinicalcontext.views.bad_request"
handler403 = "clinicalcontext.views.permission_denied"
handler404 = "clinicalcontext.views.page_not_found"
handler500 = "clinicalcontext.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", health.readiness, name="health"),
    path("health/live/", health.liveness, name="health-live"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("screen-draft/", screening.screen_draft, name="screen-draft"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    # allauth's signup with the per-address limit (accounts.views.SignupView), same URL name.
    path("accounts/signup/", SignupView.as_view(), name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("articles/", include("articles.urls")),
    path("forum/", include("forum.urls")),
    path("notifications/", include("notifications.urls")),
    path("search/", include("search.urls")),
    path("moderation/", include("moderation.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

if settings.DEBUG:
    urlpatterns += [
        path("__errors__/<int:status>/", views.error_preview, name="error-preview"),
    ]
