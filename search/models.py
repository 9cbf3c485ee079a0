"""The search index as Django sees it. The table (PostgreSQL) or FTS5 table (SQLite) and the
triggers that fill it are created by migrations from `search/schema.py`, not by Django."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class Kind(models.TextChoices):
    ITEM = "item", "Items"
    THREAD = "thread", "Forum threads"
    POST = "post", "Forum posts"
    QA = "qa", "Questions answered"
    # A publishable answered question, not (yet) in a FAQ: found only by those its page admits.
    # The search form offers it under "Questions answered" (search.query.expand_kinds).
    QUESTION = "question", "Answered questions"


class SearchEntry(models.Model):
    """One searchable thing: written only by database triggers, read only by `search.query`."""

    id = models.BigIntegerField(primary_key=True)
    kind = models.CharField(max_length=8, choices=Kind)
    object_id = models.BigIntegerField()
    title = models.TextField()
    body = models.TextField()
    # PostgreSQL: generated from title and body, GIN-indexed. SQLite: an unused FTS5 column.
    vector = SearchVectorField(null=True)

    class Meta:
        managed = False
        db_table = "search_entry"
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"{self.kind} {self.object_id}"
