"""A second pair of eyes: an editor's approval of an item's last change (issue 14)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .items import Article
from .parts import Revision


class EditorialApproval(models.Model):
    """An editor approved the item as it stood after `last_change`. An edit after it makes a
    new last change, which needs its own approval; the approver is never that change's author."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="approvals")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_change = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.CASCADE, related_name="approvals"
    )
    approved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-approved_at", "-pk"]
        verbose_name = "editorial approval"

    def __str__(self):
        return f"Approval of item #{self.article.number} by {self.editor}"
