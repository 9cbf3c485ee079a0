"""manage.py publish_scheduled: mark scheduled items whose time has come as published.

Readers see a scheduled item from its time on without this; run it every minute (cron, or a
task worker) so the item's status reads "published" and the forum creates its thread.
"""

from django.core.management.base import BaseCommand

from articles import publishing


class Command(BaseCommand):
    help = "Publish scheduled items whose publication time has passed."

    def handle(self, *args, **options):
        published = publishing.publish_due()
        for article in published:
            self.stdout.write(f"published #{article.number}")
        self.stdout.write(f"{len(published)} item(s) published")
