"""Reports, the one review queue, appeals, and the screening terms moderators add.

A *target* is what a member can report or a moderator review: a forum post, a thread, a
clinician's answer or a member. Each row that points at one carries `target_kind` and a
nullable foreign key per kind, and `target_key` ("post:12"), the one string the uniqueness
rules and lookups use (one open report per person per target, one open queue item per target
and kind), the same on SQLite and PostgreSQL.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from text.screening import CRISIS_KINDS, IDENTIFIER_KINDS, PUBLIC_KIND

DETAILS_MAX = 1000
REASON_MAX = 500  # the moderation log's reason (forum.models.REASON_MAX)
APPEAL_MAX = 2000


class TargetKind(models.TextChoices):
    POST = "post", "Post"
    THREAD = "thread", "Thread"
    ANSWER = "answer", "Clinician's answer"
    MEMBER = "member", "Member"


class Targeted(models.Model):
    """What a report or a queue item is about. Exactly one foreign key is set (the one that
    `target_kind` names); rows keep their history when the target goes (SET_NULL)."""

    target_kind = models.CharField(max_length=8, choices=TargetKind)
    target_key = models.CharField(max_length=40, editable=False)
    post = models.ForeignKey(
        "forum.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    thread = models.ForeignKey(
        "forum.Thread", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.ForeignKey(
        "articles.DoctorAnswer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The member reported (member reports only).",
    )

    class Meta:
        abstract = True

    @property
    def target(self):
        return getattr(self, self.target_kind, None)


class ReportReason(models.TextChoices):
    SPAM = "spam", "Spam or advertising"
    HARASSMENT = "harassment", "Harassment or abuse"
    MISINFORMATION = "misinformation", "Harmful health misinformation"
    PERSONAL_DETAILS = "personal_details", "Someone's personal details"
    AT_RISK = "at_risk", "Someone may be at risk"
    OTHER = "other", "Something else"


class ReportOutcome(models.TextChoices):
    ACTED = "acted", "A moderator acted on it"
    NO_ACTION = "no_action", "Reviewed: no action needed"


class Report(Targeted):
    """A member telling moderators that something needs a look."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_reports"
    )
    reason = models.CharField(max_length=20, choices=ReportReason)
    details = models.TextField(max_length=DETAILS_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    review_item = models.ForeignKey(
        "ReviewItem", null=True, on_delete=models.SET_NULL, related_name="reports"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=16, choices=ReportOutcome, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "target_key"],
                condition=Q(resolved_at=None),
                name="moderation_one_open_report_per_target",
            ),
            models.CheckConstraint(
                condition=Q(reason__in=ReportReason.values), name="moderation_report_reason_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["target_key", "created_at"], name="moderation_report_target")
        ]

    def __str__(self):
        return f"Report {self.pk} on {self.target_key}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class ItemKind(models.TextChoices):
    CRISIS = "crisis", "Crisis hold"
    REPORT = "report", "Reported"
    PREMODERATION = "premoderation", "Waiting for approval"
    IDENTIFIERS = "identifiers", "Posted with personal details"
    APPEAL = "appeal", "Appeal"


class ItemOutcome(models.TextChoices):
    APPROVED = "approved", "Approved"
    HIDDEN = "hidden", "Hidden"
    RESTORED = "restored", "Restored"
    EDITED = "edited", "Edited"
    LOCKED = "locked", "Thread locked"
    WARNED = "warned", "Member warned"
    SUSPENDED = "suspended", "Member suspended"
    BANNED = "banned", "Member banned"
    SPAMMER_REMOVED = "spammer_removed", "Spammer removed"
    DISMISSED = "dismissed", "No action needed"
    UPHELD = "upheld", "Appeal: decision upheld"
    OVERTURNED = "overturned", "Appeal: decision overturned"
    GONE = "gone", "Handled elsewhere"


class ReviewItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at=None)

    def in_queue_order(self):
        return self.order_by("-risk", "created_at", "pk")


class ReviewItem(Targeted):
    """One thing that needs a moderator, in the one queue: ordered by `risk`, then age."""

    kind = models.CharField(max_length=16, choices=ItemKind)
    risk = models.PositiveSmallIntegerField(default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Whose words or account this is about: the context shows their history.",
    )
    details = models.JSONField(default=dict, blank=True)
    report_count = models.PositiveIntegerField(default=0)
    appeal = models.OneToOneField(
        "Appeal", null=True, blank=True, on_delete=models.CASCADE, related_name="review_item"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=16, choices=ItemOutcome, blank=True)
    outcome_reason = models.TextField(max_length=REASON_MAX, blank=True)

    objects = ReviewItemQuerySet.as_manager()

    class Meta:
        ordering = ["-risk", "created_at", "pk"]
        permissions = [("review_queue", "Can work the review queue and resolve reports")]
        constraints = [
            models.UniqueConstraint(
                fields=["target_key", "kind"],
                condition=Q(closed_at=None),
                name="moderation_one_open_item_per_target",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ItemKind.values), name="moderation_item_kind_valid"
            ),
        ]
        indexes = [
            models.Index(
                fields=["-risk", "created_at"],
                condition=Q(closed_at=None),
                name="moderation_open_queue",
            ),
            models.Index(fields=["target_key"], name="moderation_item_target"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.target_key}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", "Upheld: the decision stands"
    OVERTURNED = "overturned", "Overturned: the decision is reversed"


class Appeal(models.Model):
    """A member's one appeal against one removal, decided by a moderator who did not make it.

    The removal is the moderation-log entry (`forum.ModerationAction`) of a hide (or, with
    sanctions, a suspension or ban): one appeal per entry, by the member it was about.
    """

    action = models.OneToOneField(
        "forum.ModerationAction", on_delete=models.PROTECT, related_name="appeal"
    )
    appellant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_appeals"
    )
    statement = models.TextField(max_length=APPEAL_MAX)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=16, choices=AppealOutcome, blank=True)
    decision_reason = models.TextField(max_length=REASON_MAX, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Appeal {self.pk} against log entry {self.action_id}"

    @property
    def is_decided(self) -> bool:
        return self.decided_at is not None


TERM_KINDS = [
    *((kind, f"Crisis: {kind.replace('_', ' ')}") for kind in CRISIS_KINDS),
    *((kind, f"Personal detail: {kind.replace('_', ' ')}") for kind in IDENTIFIER_KINDS),
    (PUBLIC_KIND, "Public (never a personal detail: a helpline, a clinic's number)"),
]


class ScreeningTerm(models.Model):
    """A word or phrase moderators add to the screens without code (text/screening/terms.py).

    Plain words, never regular expressions: a trailing `*` on a word matches any ending.
    """

    kind = models.CharField(max_length=24, choices=TERM_KINDS)
    phrase = models.CharField(
        max_length=120,
        help_text='Plain words; case does not matter; "overdos*" matches "overdosed".',
    )
    active = models.BooleanField(default=True)
    note = models.CharField(max_length=200, blank=True, help_text="Why it was added.")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "phrase"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "phrase"], name="moderation_term_once")
        ]

    def __str__(self):
        return f"{self.phrase} ({self.kind})"
