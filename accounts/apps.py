from django.apps import AppConfig
from django.core import checks


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from .ratelimits import settings_errors

        checks.register(settings_errors, checks.Tags.security)
