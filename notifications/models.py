from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .kinds import DEFAULTS, Frequency, Kind


class EmailState(models.TextChoices):
    NONE = "none", "No email"
    PENDING = "pending", "Waiting for a digest"
    SENT = "sent", "Emailed"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at=None)

    def for_list_page(self, user):
        return self.filter(recipient=user).select_related("actor").order_by("-created_at", "-pk")


class Notification(models.Model):
    """One thing a member should hear about: a short generic line and a link to the exact place.

    `title` never carries a private question's words or a held post's text; the page behind
    `url` shows those only to whoever may read them.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32, choices=Kind)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(max_length=200)
    url = models.CharField(max_length=500)
    dedupe_key = models.CharField(max_length=200, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_state = models.CharField(max_length=8, choices=EmailState, default=EmailState.NONE)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notif_unread_idx"),
            models.Index(fields=["recipient", "-created_at"], name="notif_list_idx"),
            models.Index(fields=["email_state", "recipient"], name="notif_digest_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=models.Q(dedupe_key__isnull=False),
                name="notif_once_per_dedupe_key",
            ),
            models.CheckConstraint(
                condition=models.Q(email_state__in=EmailState.values),
                name="notif_email_state_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for user {self.recipient_id}"

    def get_absolute_url(self):
        return reverse("notifications:open", kwargs={"pk": self.pk})

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """A member's choice for one kind; a kind without a row uses `kinds.DEFAULTS`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=32, choices=Kind)
    in_app = models.BooleanField(default=True)
    email = models.CharField(max_length=16, choices=Frequency, default=Frequency.IMMEDIATELY)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notif_pref_one_per_kind"),
            models.CheckConstraint(
                condition=models.Q(email__in=Frequency.values), name="notif_pref_email_valid"
            ),
        ]

    def __str__(self):
        return f"{self.kind} for user {self.user_id}: {self.email}"

    @classmethod
    def default_for(cls, *, user_id: int, kind: str) -> "NotificationPreference":
        defaults = DEFAULTS[kind]
        return cls(user_id=user_id, kind=kind, in_app=defaults.in_app, email=defaults.email)


class Follow(models.Model):
    """A member follows something a higher floor names by key: "topic:12", "section:3".

    Notifications stays below articles and forum, so it knows keys, not models; the floor that
    owns the thing registers how to look a key up (`follows.register_target`).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notif_follow_once"),
        ]
        indexes = [models.Index(fields=["key"], name="notif_follow_key_idx")]

    def __str__(self):
        return f"user {self.user_id} follows {self.key}"


class OutboundStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    RETRYING = "retrying", "Failed, will retry"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed, gave up"


class OutboundEmail(models.Model):
    """Every email the site sends, kept until the relay took it: the outbox.

    Written in the same transaction as whatever caused it; delivered by the task worker, with a
    lease (`lease_expires_at`) so that a worker dying mid-send does not leave it stuck, and an
    idempotency key so that the same email is never queued, or sent, twice.
    """

    idempotency_key = models.CharField(max_length=200, unique=True)
    status = models.CharField(max_length=16, choices=OutboundStatus, default=OutboundStatus.PENDING)
    from_email = models.CharField(max_length=320)
    to = models.JSONField(default=list)
    cc = models.JSONField(default=list, blank=True)
    bcc = models.JSONField(default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    subject = models.CharField(max_length=998)
    body = models.TextField(blank=True)
    alternatives = models.JSONField(default=list, blank=True)
    attachments = models.JSONField(default=list, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "outbound email"
        permissions = [("resend_outboundemail", "Can send an unsent email again")]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=OutboundStatus.values), name="outbox_status_valid"
            ),
        ]

    def __str__(self):
        return f"Email #{self.pk} ({self.get_status_display()})"
