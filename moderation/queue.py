"""The one review queue: putting things in it, taking them out, and counting what waits.

Order is risk, then age: a crisis hold outranks every report, a report that someone is at risk
outranks other reports, then posts waiting for approval, posts published with personal details
and appeals. A target has at most one open item per kind (a unique constraint); a second report
on a reported post joins its item and can raise its risk.

Taking an item is one conditional UPDATE (`closed_at IS NULL`): of two moderators acting on the
same item at once, exactly one changes a row; the other is told it was already handled, and
nothing of their action runs.
"""

import logging

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from .models import ItemKind, ReportReason, ReviewItem
from .targets import author_of, fields_for, key_of

logger = logging.getLogger(__name__)

RISK = {
    ItemKind.CRISIS: 100,
    ItemKind.REPORT: 50,
    ItemKind.PREMODERATION: 30,
    ItemKind.IDENTIFIERS: 20,
    ItemKind.APPEAL: 10,
}
# Within reports: someone at risk first, then what harms people, then the rest.
REPORT_RISK = {
    ReportReason.AT_RISK: 90,
    ReportReason.HARASSMENT: 70,
    ReportReason.PERSONAL_DETAILS: 70,
    ReportReason.MISINFORMATION: 60,
    ReportReason.SPAM: 55,
    ReportReason.OTHER: 50,
}
COUNT_KEY = "moderation:open-count"
COUNT_TTL = 5 * 60


class AlreadyHandled(Exception):
    """Another moderator closed this item first."""

    message = "Another moderator has already handled this. Nothing was changed."


def add_item(*, target, kind: str, risk: int | None = None, details: dict | None = None):
    """The open item for this target and kind, made if there is none; its risk raised to
    `risk` if that is higher. Runs inside the caller's transaction."""
    risk = RISK[kind] if risk is None else risk
    fields = fields_for(target)
    try:
        with transaction.atomic():
            item = ReviewItem.objects.create(
                kind=kind,
                risk=risk,
                author=author_of(target),
                details=details or {},
                **fields,
            )
    except IntegrityError:  # already open: this one joins it
        item = ReviewItem.objects.open().get(target_key=fields["target_key"], kind=kind)
        ReviewItem.objects.filter(pk=item.pk).update(risk=Greatest(F("risk"), risk))
        if details:
            item.details = {**item.details, **details}
            ReviewItem.objects.filter(pk=item.pk).update(details=item.details)
    count_changed()
    return item


def take(item, *, moderator, outcome: str, reason: str = "") -> None:
    """Close `item` for this moderator or raise AlreadyHandled. Call first in the action's
    transaction, so a lost race changes nothing."""
    taken = ReviewItem.objects.filter(pk=item.pk, closed_at=None).update(
        closed_at=timezone.now(), closed_by=moderator, outcome=outcome, outcome_reason=reason
    )
    if not taken:
        raise AlreadyHandled
    count_changed()


def close_for_target(target, *, moderator, outcome: str, reason: str = "", keep=()) -> list[int]:
    """Close every other open item about `target` (its reports, its hold), because what was
    done answers them too. Returns the ids closed."""
    items = ReviewItem.objects.open().filter(target_key=key_of(target)).exclude(kind__in=keep)
    ids = list(items.values_list("pk", flat=True))
    if ids:
        ReviewItem.objects.filter(pk__in=ids, closed_at=None).update(
            closed_at=timezone.now(), closed_by=moderator, outcome=outcome, outcome_reason=reason
        )
        count_changed()
    return ids


def open_count() -> int:
    """What the header's "Review (n)" shows: from the cache, or one COUNT when it has none."""
    try:
        cached = cache.get(COUNT_KEY)
    except Exception:  # noqa: BLE001 - the cache going away costs a query, not the page
        logger.warning("cache unavailable for the review count")
        cached = None
    if cached is not None:
        return cached
    count = ReviewItem.objects.open().count()
    try:
        cache.set(COUNT_KEY, count, COUNT_TTL)
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable: review count not stored")
    return count


def count_changed() -> None:
    """Forget the count now and again after the commit, so that no reader caches the count
    from before the change while the transaction is still open."""
    forget_open_count()
    transaction.on_commit(forget_open_count)


def forget_open_count() -> None:
    try:
        cache.delete(COUNT_KEY)
    except Exception:  # noqa: BLE001 - the count is then at most COUNT_TTL old
        logger.warning("cache unavailable: review count not refreshed")
