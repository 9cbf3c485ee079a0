"""The parts of an item besides its FAQ: key takeaways, references, corrections, revisions."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from text.stored import KeepsHtmlRendered

from .items import Article, InvalidatesPages


class KeyTakeaway(InvalidatesPages, models.Model):
    """One plain-text point a reader should leave with."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="key_takeaways")
    text = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


class Reference(InvalidatesPages, models.Model):
    """A source the item relies on (the original story is on the item itself)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500)
    publisher = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class Correction(InvalidatesPages, KeepsHtmlRendered, models.Model):
    """A public note that the item was changed after publication, and why."""

    markdown_fields = {"note": "note_html"}

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    note = models.TextField(max_length=2000, help_text="Markdown, shown to readers.")
    note_html = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Correction to item {self.article_id} on {self.created_at:%Y-%m-%d}"


class Revision(models.Model):
    """Who changed an item, when, and what: one row per admin save, import or workflow step."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=16, help_text="The item's status after this change.")
    message = models.CharField(max_length=300)
    changed_fields = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["article", "-created_at"], name="article_revision_idx")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.message}"
