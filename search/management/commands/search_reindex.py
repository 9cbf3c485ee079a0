"""Rebuild the search index from the source tables (after a restore, or to repair it)."""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from search import schema
from search.models import SearchEntry


class Command(BaseCommand):
    help = "Empty the search index and fill it again from items, forum posts and FAQ entries."

    def handle(self, *args, **options):
        with transaction.atomic():
            schema.run(connection, schema.rebuild(connection))
        self.stdout.write(f"Search index rebuilt: {SearchEntry.objects.count()} entries.")
