"""Telling members what happened: notify one, notify many (in a task), mark read.

Callers on higher floors pass a generic `title` ("A clinician answered your question") and
the `url` of the exact place; the words of a private question or a held post never travel.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from .emails import email_notifications
from .kinds import Frequency, Kind
from .models import EmailState, Notification
from .preferences import preference_for, preferences_for_users
from .unread import forget_unread

TITLE_MAX = Notification._meta.get_field("title").max_length
URL_MAX = Notification._meta.get_field("url").max_length
FAN_OUT_BATCH = 500


def _check(*, kind: str, url: str, title: str) -> None:
    if kind not in Kind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    if not url.startswith("/") or not url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        raise ValueError("a notification links to a path on this site")
    if len(url) > URL_MAX or not title.strip() or len(title) > TITLE_MAX:
        raise ValueError("a notification needs a short title and a path")


def _reachable(user) -> bool:
    return user is not None and user.is_active and getattr(user, "deleted_at", None) is None


def _email_state(email: str) -> str:
    return EmailState.NONE if email == Frequency.NEVER else EmailState.PENDING


def notify(
    *,
    recipient,
    kind: str,
    url: str,
    title: str,
    actor=None,
    dedupe_key: str | None = None,
) -> Notification | None:
    """Notify one member. None when they chose not to hear of it, it is their own action,
    or a notification with the same `dedupe_key` already reached them."""
    _check(kind=kind, url=url, title=title)
    if not _reachable(recipient) or (actor is not None and actor.pk == recipient.pk):
        return None
    preference = preference_for(user_id=recipient.pk, kind=kind)
    if not preference.in_app:
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                kind=kind,
                url=url,
                title=title.strip(),
                actor=actor,
                dedupe_key=dedupe_key,
                email_state=_email_state(preference.email),
            )
    except IntegrityError:
        return None  # deduplicated: this member already heard about it
    forget_unread(recipient.pk)
    if preference.email == Frequency.IMMEDIATELY:
        email_notifications.enqueue([notification.pk])
    return notification


def notify_many(
    *,
    recipient_ids,
    kind: str,
    url: str,
    title: str,
    actor=None,
    dedupe_key: str | None = None,
) -> None:
    """Queue one background task that notifies every id (a thread's 1,000 followers cost the
    caller one enqueue, not 1,000 rows)."""
    _check(kind=kind, url=url, title=title)
    ids = sorted({int(pk) for pk in recipient_ids} - ({actor.pk} if actor else set()))
    if not ids:
        return
    fan_out.enqueue(
        recipient_ids=ids,
        kind=kind,
        url=url,
        title=title.strip(),
        actor_id=actor.pk if actor else None,
        dedupe_key=dedupe_key,
    )


@task
def fan_out(
    *,
    recipient_ids: list[int],
    kind: str,
    url: str,
    title: str,
    actor_id: int | None = None,
    dedupe_key: str | None = None,
) -> list[int]:
    """The fan-out task: bulk writes, a fixed number of queries per batch of 500.
    Returns the ids of the notifications created."""
    _check(kind=kind, url=url, title=title)
    created: list[int] = []
    for start in range(0, len(recipient_ids), FAN_OUT_BATCH):
        batch = recipient_ids[start : start + FAN_OUT_BATCH]
        created += _fan_out_batch(batch, kind, url, title, actor_id, dedupe_key)
    return created


def _fan_out_batch(ids, kind, url, title, actor_id, dedupe_key) -> list[int]:
    users = get_user_model().objects.filter(pk__in=ids, is_active=True, deleted_at=None)
    user_ids = set(users.exclude(pk=actor_id).values_list("pk", flat=True))
    if dedupe_key is not None:
        user_ids -= set(
            Notification.objects.filter(
                recipient_id__in=user_ids, dedupe_key=dedupe_key
            ).values_list("recipient_id", flat=True)
        )
    preferences = preferences_for_users(user_ids=sorted(user_ids), kind=kind)
    rows = [
        Notification(
            recipient_id=user_id,
            kind=kind,
            url=url,
            title=title,
            actor_id=actor_id,
            dedupe_key=dedupe_key,
            email_state=_email_state(preference.email),
        )
        for user_id, preference in preferences.items()
        if preference.in_app
    ]
    if not rows:
        return []
    with transaction.atomic():
        created = Notification.objects.bulk_create(rows)
    forget_unread(*(row.recipient_id for row in created))
    immediate = [
        row.pk for row in created if preferences[row.recipient_id].email == Frequency.IMMEDIATELY
    ]
    if immediate:
        email_notifications.enqueue(immediate)
    return [row.pk for row in created]


def mark_read(*, user, notification_id: int) -> bool:
    updated = Notification.objects.filter(pk=notification_id, recipient=user, read_at=None).update(
        read_at=timezone.now()
    )
    if updated:
        forget_unread(user.pk)
    return bool(updated)


def mark_all_read(*, user) -> int:
    updated = Notification.objects.filter(recipient=user, read_at=None).update(
        read_at=timezone.now()
    )
    forget_unread(user.pk)
    return updated
