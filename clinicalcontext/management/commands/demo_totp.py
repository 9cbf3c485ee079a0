"""Print the current TOTP code for the demo staff and clinician accounts."""

import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from accounts.demo import DEMO_TOTP_SECRET


def current_code(secret: str = DEMO_TOTP_SECRET) -> str:
    counter = int(time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


class Command(BaseCommand):
    help = "Print the current two-factor code shared by the demo staff and clinician accounts."

    def handle(self, *args, **options):
        self.stdout.write(current_code())
