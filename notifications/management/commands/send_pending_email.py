from django.core.management.base import BaseCommand

from notifications.outbox import send_pending


class Command(BaseCommand):
    help = (
        "Deliver outbox emails that are due: retries whose wait is over, and emails whose "
        "worker died mid-send (lease expired). Safe to run on several hosts at once."
    )

    def handle(self, *args, **options):
        sent = send_pending()
        self.stdout.write(f"sent {sent} email(s)")
