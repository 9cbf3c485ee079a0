from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ClinicalContextConfig(AppConfig):
    name = "clinicalcontext"
    verbose_name = "Site"
    default = True

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy checks)


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin app, serving the MFA-only site in clinicalcontext/admin.py.

    Listed in INSTALLED_APPS by its full path (not picked up for "clinicalcontext").
    """

    default = False
    default_site = "clinicalcontext.admin.ClinicalContextAdminSite"
