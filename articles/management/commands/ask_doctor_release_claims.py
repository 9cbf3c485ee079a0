"""Return ask-the-doctor claims left unanswered too long to the queue (run it from cron)."""

from django.core.management.base import BaseCommand

from articles.ask_doctor.queue import claim_timeout, release_stale_claims


class Command(BaseCommand):
    help = "Return claims older than ASK_DOCTOR_CLAIM_TIMEOUT_HOURS (default 24) to the queue."

    def handle(self, *args, **options):
        released = release_stale_claims()
        hours = claim_timeout().total_seconds() / 3600
        self.stdout.write(f"Returned {released} claim(s) older than {hours:g} h to the queue.")
