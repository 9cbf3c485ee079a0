"""The outbox: every email is stored first, then delivered by the task worker.

`OutboxBackend` is the site's default mailer (MAILERS["default"]), so allauth's verification
email, Django's error mails and our own all come through here without importing this module.
It writes one `OutboundEmail` row per message (same transaction as the caller) and queues a
delivery task. `deliver()` claims a row with a conditional UPDATE and a lease, hands the
message to the relay mailer (MAILERS["relay"]), and on failure schedules a retry with backoff.

Exactly once: a row is claimed by one worker at a time (the UPDATE only matches a row that is
due, or whose lease ran out), and marked sent right after the relay accepts it. The window left
(the relay accepted, the worker died before the UPDATE) is closed on the receiving side: the
Message-ID is derived from the idempotency key, so a resend carries the same Message-ID.
"""

import base64
import hashlib
import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import models, transaction
from django.tasks import task
from django.utils import timezone

from .models import OutboundEmail, OutboundStatus

logger = logging.getLogger(__name__)

IDEMPOTENCY_HEADER = "X-Idempotency-Key"
RELAY_ALIAS = "relay"
LEASE = timedelta(minutes=5)  # longer than the relay's 20 s timeout, with room to spare
# The retry schedule is a setting (EMAIL_RETRY_*), so the multi-server check can watch a relay
# outage end in seconds rather than minutes.


def max_attempts() -> int:
    return settings.EMAIL_RETRY_MAX_ATTEMPTS


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8 ... minutes after each failed attempt, never more than six hours (defaults)."""
    first = timedelta(seconds=settings.EMAIL_RETRY_FIRST_SECONDS)
    longest = timedelta(seconds=settings.EMAIL_RETRY_LONGEST_SECONDS)
    return min(first * (2 ** max(attempts - 1, 0)), longest)


class OutboxBackend(BaseEmailBackend):
    """Store, then queue: never talks to the relay inside the request."""

    def send_messages(self, messages):
        rows = [as_row(message) for message in messages]
        queued = store(rows)
        if queued:
            queue_delivery(queued)
        return len(rows)


def as_row(message) -> OutboundEmail:
    """An unsaved outbox row for one message (headers validated now, in the caller)."""
    message.message()
    headers = dict(message.extra_headers)
    key = headers.pop(IDEMPOTENCY_HEADER, None) or f"uuid:{uuid.uuid4()}"
    headers.setdefault("Message-ID", message_id_for(key))
    return OutboundEmail(
        idempotency_key=key,
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(message.to),
        cc=list(message.cc),
        bcc=list(message.bcc),
        reply_to=list(message.reply_to),
        headers=headers,
        subject=message.subject,
        body=message.body,
        alternatives=[
            [alternative.content, alternative.mimetype]
            for alternative in getattr(message, "alternatives", [])
        ],
        attachments=[_attachment(item) for item in message.attachments],
    )


def store(rows: list[OutboundEmail]) -> list[int]:
    """Write the rows in bulk; a key already in the outbox is not written again. Returns the
    ids to deliver. (A concurrent writer of the same key may make both queue it: harmless,
    since only one delivery can claim the row.)"""
    by_key = {row.idempotency_key: row for row in rows}
    existing = set(
        OutboundEmail.objects.filter(idempotency_key__in=by_key).values_list(
            "idempotency_key", flat=True
        )
    )
    new = [row for key, row in by_key.items() if key not in existing]
    if not new:
        return []
    with transaction.atomic():
        OutboundEmail.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
    return list(
        OutboundEmail.objects.filter(
            idempotency_key__in=[row.idempotency_key for row in new],
            status=OutboundStatus.PENDING,
        ).values_list("pk", flat=True)
    )


def _attachment(item) -> list:
    filename, content, mimetype = item
    if isinstance(content, str):
        content = content.encode()
    return [filename, base64.b64encode(content).decode("ascii"), mimetype]


def message_id_for(key: str) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "localhost"
    return f"<{digest}@{domain}>"


def queue_delivery(email_ids: list[int], *, run_after=None) -> None:
    """Queue a delivery task. With the database worker the task row joins the caller's
    transaction, so it exists exactly when the email row does."""
    delivery = deliver_emails
    if run_after is not None:
        if not delivery.get_backend().supports_defer:
            return  # the scheduled sweep (`send_pending_email`) picks it up when it is due
        delivery = delivery.using(run_after=run_after)
    delivery.enqueue(email_ids)


def claim(email_id: int, *, now=None) -> bool:
    """Take the row for one delivery attempt; False if it is not due or someone holds it."""
    now = now or timezone.now()
    due = models.Q(status__in=[OutboundStatus.PENDING, OutboundStatus.RETRYING]) & models.Q(
        next_attempt_at__lte=now
    )
    abandoned = models.Q(status=OutboundStatus.SENDING, lease_expires_at__lt=now)
    return bool(
        OutboundEmail.objects.filter(due | abandoned, pk=email_id).update(
            status=OutboundStatus.SENDING,
            lease_expires_at=now + LEASE,
            attempts=models.F("attempts") + 1,
        )
    )


def as_message(email: OutboundEmail):
    message = mail.EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email,
        to=email.to,
        cc=email.cc,
        bcc=email.bcc,
        reply_to=email.reply_to,
        headers=email.headers,
    )
    for content, mimetype in email.alternatives:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in email.attachments:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


def deliver(email_id: int, *, now=None) -> bool:
    """One attempt at one email. True if the relay accepted it on this attempt.
    (`now` lets the sweep and the tests stand at a given moment.)"""
    now = now or timezone.now()
    if not claim(email_id, now=now):
        return False
    email = OutboundEmail.objects.get(pk=email_id)
    try:
        as_message(email).send(using=RELAY_ALIAS)
    except Exception as error:  # noqa: BLE001 - any relay failure means "try again later"
        _record_failure(email, error, now=now)
        return False
    # Once the relay has it, the content goes: verification and password-reset links must not
    # sit in a table staff can read. Who, when and what about (the subject) stay.
    OutboundEmail.objects.filter(pk=email_id, status=OutboundStatus.SENDING).update(
        status=OutboundStatus.SENT,
        sent_at=timezone.now(),
        lease_expires_at=None,
        last_error="",
        body="",
        alternatives=[],
        attachments=[],
    )
    return True


@task
def deliver_emails(email_ids: list[int]) -> int:
    """The delivery task: one attempt at each email. Returns how many the relay accepted."""
    return sum(deliver(email_id) for email_id in email_ids)


def _record_failure(email: OutboundEmail, error: Exception, *, now) -> None:
    # The class name and a short reason only: relay errors can echo addresses, never content.
    reason = f"{type(error).__name__}: {str(error)[:200]}"
    logger.warning("email %s attempt %s failed: %s", email.pk, email.attempts, type(error).__name__)
    if email.attempts >= max_attempts():
        OutboundEmail.objects.filter(pk=email.pk).update(
            status=OutboundStatus.FAILED, lease_expires_at=None, last_error=reason
        )
        return
    next_attempt = now + retry_delay(email.attempts)
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=OutboundStatus.RETRYING,
        lease_expires_at=None,
        next_attempt_at=next_attempt,
        last_error=reason,
    )
    queue_delivery([email.pk], run_after=next_attempt)


def due_email_ids(*, now=None, limit: int = 500) -> list[int]:
    """Emails a worker should try now: due ones, and ones whose worker's lease ran out."""
    now = now or timezone.now()
    due = models.Q(status__in=[OutboundStatus.PENDING, OutboundStatus.RETRYING]) & models.Q(
        next_attempt_at__lte=now
    )
    abandoned = models.Q(status=OutboundStatus.SENDING, lease_expires_at__lt=now)
    return list(
        OutboundEmail.objects.filter(due | abandoned)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )


def send_pending(*, now=None) -> int:
    """The scheduled sweep: deliver what is due here and now. Returns how many were sent."""
    now = now or timezone.now()
    return sum(deliver(email_id, now=now) for email_id in due_email_ids(now=now))


def resend(*, email_ids: list[int]) -> int:
    """Staff asked for these again: make unsent ones due now, with fresh attempts, and queue
    them. A sent email is left alone (the relay has it), and so is one a worker holds."""
    unsent = [OutboundStatus.PENDING, OutboundStatus.RETRYING, OutboundStatus.FAILED]
    ids = list(
        OutboundEmail.objects.filter(pk__in=email_ids, status__in=unsent).values_list(
            "pk", flat=True
        )
    )
    count = OutboundEmail.objects.filter(pk__in=ids, status__in=unsent).update(
        status=OutboundStatus.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        lease_expires_at=None,
    )
    if count:
        queue_delivery(ids)
    return count
