"""Emails about notifications: one at once, or a digest; each with one-click unsubscribe.

Every email is built from a notification's generic title and link (never a private question's
words or a held post's text) and sent through Django's mail API, which stores it in the outbox.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from .kinds import Frequency, Kind
from .models import EmailState, Notification
from .outbox import IDEMPOTENCY_HEADER
from .preferences import all_preferences

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
# About a member's own health question: the email says why it does not repeat it.
PRIVATE_TOPICS = frozenset(
    {Kind.QUESTION_ANSWERED, Kind.QUESTION_NEEDS_INFO, Kind.QUESTION_DECLINED}
)
ALL = "all"
DIGEST_SUBJECTS = {
    Frequency.DAILY: "Your daily summary",
    Frequency.WEEKLY: "Your weekly summary",
}


def unsubscribe_token(*, user_id: int, scope: str) -> str:
    """A signed, login-free token: `scope` is a kind, a digest ("daily"/"weekly") or "all"."""
    return signing.dumps([user_id, scope], salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    try:
        user_id, scope = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or scope not in unsubscribe_scopes():
        return None
    return user_id, scope


def unsubscribe_scopes() -> set[str]:
    return {*Kind.values, Frequency.DAILY, Frequency.WEEKLY, ALL}


def kinds_for_scope(*, user_id: int, scope: str) -> list[str]:
    if scope == ALL:
        return list(Kind.values)
    if scope in (Frequency.DAILY, Frequency.WEEKLY):
        return [k for k, p in all_preferences(user_id=user_id).items() if p.email == scope]
    return [scope]


def scope_label(scope: str) -> str:
    if scope == ALL:
        return "all email from us"
    if scope in DIGEST_SUBJECTS:
        return f"the {Frequency(scope).label.lower()}"
    return f"email about “{Kind(scope).label.lower()}”"


def unsubscribe_url(*, user_id: int, scope: str) -> str:
    path = reverse(
        "notifications:unsubscribe",
        kwargs={"token": unsubscribe_token(user_id=user_id, scope=scope)},
    )
    return settings.SITE_URL + path


def build(*, user, subject: str, template: str, context: dict, scope: str, key: str):
    """A plain-text and HTML email with RFC 8058 one-click unsubscribe headers."""
    unsubscribe = unsubscribe_url(user_id=user.pk, scope=scope)
    context = context | {
        "member": user,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": unsubscribe,
        "unsubscribe_label": scope_label(scope),
        "preferences_url": settings.SITE_URL + reverse("notifications:preferences"),
    }
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=render_to_string(f"notifications/email/{template}.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            IDEMPOTENCY_HEADER: key,
        },
    )
    message.attach_alternative(
        render_to_string(f"notifications/email/{template}.html", context), "text/html"
    )
    return message


def _reachable_users(user_ids):
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True, deleted_at=None)


@task
def email_notifications(notification_ids: list[int]) -> int:
    """Email these notifications one by one (the members chose "immediately")."""
    notifications = list(
        Notification.objects.filter(pk__in=notification_ids, email_state=EmailState.PENDING)
        .filter(recipient__is_active=True, recipient__deleted_at=None)
        .select_related("recipient")
    )
    messages = [
        build(
            user=n.recipient,
            subject=n.title,
            template="notification",
            context={
                "notification": n,
                "link": settings.SITE_URL + n.url,
                "private_topic": n.kind in PRIVATE_TOPICS,
            },
            scope=n.kind,
            key=f"notification:{n.pk}",
        )
        for n in notifications
    ]
    if not messages:
        return 0
    with transaction.atomic():
        mail.mailers.default.send_messages(messages)
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
            email_state=EmailState.SENT
        )
    return len(messages)


def send_digests(*, frequency: str) -> int:
    """One summary email per member whose waiting notifications are set to `frequency`."""
    if frequency not in DIGEST_SUBJECTS:
        raise ValueError("digests are daily or weekly")
    waiting = Notification.objects.filter(email_state=EmailState.PENDING)
    user_ids = sorted(set(waiting.values_list("recipient_id", flat=True)))
    sent = 0
    for user in _reachable_users(user_ids).iterator():
        sent += _send_digest(user=user, frequency=frequency)
    return sent


def _send_digest(*, user, frequency: str) -> int:
    preferences = all_preferences(user_id=user.pk)
    silenced = [kind for kind, p in preferences.items() if p.email == Frequency.NEVER]
    Notification.objects.filter(
        recipient=user, email_state=EmailState.PENDING, kind__in=silenced
    ).update(email_state=EmailState.NONE)  # chose "never" after these arrived
    kinds = [kind for kind, p in preferences.items() if p.email == frequency]
    items = list(
        Notification.objects.filter(
            recipient=user, email_state=EmailState.PENDING, kind__in=kinds
        ).order_by("kind", "-created_at")[:200]
    )
    if not items:
        return 0
    groups: dict[str, list[Notification]] = {}
    for item in items:
        groups.setdefault(item.get_kind_display(), []).append(item)
    message = build(
        user=user,
        subject=DIGEST_SUBJECTS[frequency],
        template="digest",
        context={
            "groups": [
                (label, [(n, settings.SITE_URL + n.url) for n in rows])
                for label, rows in groups.items()
            ],
            "frequency": Frequency(frequency).label,
            "count": len(items),
        },
        scope=frequency,
        key=f"digest:{frequency}:{user.pk}:{max(n.pk for n in items)}",
    )
    with transaction.atomic():
        message.send()
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(
            email_state=EmailState.SENT
        )
    return 1
