"""The site's Django admin: staff only, behind allauth's login, and never without MFA.

`clinicalcontext.apps.AdminConfig` makes this the default site, so every app's
`admin.register(...)` lands here and `admin.site.urls` serves it.
"""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.permissions import can_use_admin

MFA_REQUIRED_MESSAGE = (
    "The admin holds other people's health information, so it needs two-factor "
    "authentication. Set up an authenticator app below, then open the admin again."
)


class ClinicalContextAdminSite(admin.AdminSite):
    site_header = "Clinical Context administration"
    site_title = "Clinical Context admin"
    index_title = "Administration"

    def has_permission(self, request) -> bool:
        return can_use_admin(request.user)

    def login(self, request, extra_context=None):
        """allauth does the logging in (rate limits, email verification, MFA step). Django's
        password-only admin form is never shown, so it cannot be used to skip the MFA step."""
        return secure_admin_login(self._after_allauth_login)(request)

    def _after_allauth_login(self, request):
        # secure_admin_login lets only an authenticated, active staff member reach here.
        if self.has_permission(request):
            next_url = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(
                next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                next_url = reverse("admin:index", current_app=self.name)
            return HttpResponseRedirect(next_url)
        # Staff without MFA: send them to set it up, saying why. The MFA page is not part of
        # the admin, so this cannot loop.
        messages.warning(request, MFA_REQUIRED_MESSAGE)
        return redirect("mfa_activate_totp")
