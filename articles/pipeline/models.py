"""What the quality gate found on an item, and every time an editor published past it."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.models.items import Article


class FindingKind(models.TextChoices):
    AI_REFUSAL = "ai_refusal", "An AI assistant's reply instead of content"
    LEAKED_INSTRUCTION = "leaked_instruction", "An instruction or placeholder in the text"
    MOJIBAKE = "mojibake", "Garbled characters (wrong code page)"
    TRUNCATED = "truncated", "Text cut off"
    EMPTY_SECTION = "empty_section", "An empty section"
    FOREIGN_BOILERPLATE = "foreign_boilerplate", "A credit or boilerplate line in another language"
    MISSING_REQUIRED = "missing_required", "A required part is missing"


class QualityFinding(models.Model):
    """One defect the gate found in one field of an item. Replaced each time the gate runs."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="findings")
    field = models.CharField(max_length=120, help_text="Dotted path, e.g. commentary.text.")
    kind = models.CharField(max_length=24, choices=FindingKind)
    excerpt = models.TextField(help_text="The exact text at fault.")
    blocking = models.BooleanField(default=True)
    repair = models.TextField(
        blank=True, help_text="For repaired mojibake: the text as it now reads."
    )
    note = models.CharField(
        max_length=200, blank=True, help_text="For a learned finding: what it reads as."
    )
    found_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-blocking", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=FindingKind.values),
                name="articles_qualityfinding_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} in {self.field}"

    def as_dict(self) -> dict:
        data = {
            "field": self.field,
            "kind": self.kind,
            "excerpt": self.excerpt,
            "blocking": self.blocking,
        }
        if self.repair:
            data["repaired"] = self.repair
        if self.note:
            data["note"] = self.note
        return data


class GateOverride(models.Model):
    """An editor published despite blocking findings, and wrote down why."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="gate_overrides")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(max_length=2000)
    findings = models.JSONField(default=list, help_text="The blocking findings overridden.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Override on item {self.article_id} at {self.created_at:%Y-%m-%d %H:%M}"
