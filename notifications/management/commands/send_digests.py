from django.core.management.base import BaseCommand, CommandError

from notifications.emails import send_digests
from notifications.kinds import Frequency


class Command(BaseCommand):
    help = "Email each member the summary of notifications they chose to get daily or weekly."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--daily", action="store_const", const=Frequency.DAILY, dest="which")
        group.add_argument("--weekly", action="store_const", const=Frequency.WEEKLY, dest="which")

    def handle(self, *args, which=None, **options):
        if which is None:
            raise CommandError("Say --daily or --weekly.")
        sent = send_digests(frequency=which)
        self.stdout.write(f"queued {sent} {which} digest(s)")
