"""Load demo content and one demo member per role. Safe to run again: it changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts import demo as accounts_demo
from accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Load demo members (one per role) and demo content. Idempotent."

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False):
            # The demo admin's password and TOTP secret are published in the README.
            raise CommandError(
                "load_demo refuses to run with production settings: it creates accounts whose "
                "passwords and two-factor secrets are public. Create the first admin as "
                "docs/deploy.md describes."
            )
        logins = accounts_demo.load()
        for loader in _content_loaders():
            loader()
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD})"))
        for login in logins:
            mfa = "  [TOTP]" if login["mfa"] else ""
            self.stdout.write(f"  {login['email']:<44} @{login['handle']}{mfa}")
        self.stdout.write(
            "Staff and clinician accounts use two-factor authentication. Add the secret "
            f"{DEMO_TOTP_SECRET} to an authenticator app, or run "
            "`.venv/bin/python manage.py demo_totp` for the current code."
        )


def _content_loaders():
    """Each app's demo content, lowest floor first (articles before the forum threads on them)."""
    loaders = []
    for module in ("articles.demo", "forum.demo", "articles.ask_doctor.demo"):
        try:
            loaders.append(__import__(module, fromlist=["load"]).load)
        except ModuleNotFoundError as error:
            if error.name != module:
                raise
    return loaders
