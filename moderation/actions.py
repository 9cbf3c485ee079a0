"""What a moderator does from the queue: one service per action, each one transaction.

Every action first takes the item (queue.take: one conditional UPDATE, so of two moderators
exactly one acts), then calls the forum's verb (which writes the moderation log and keeps the
counts), closes the target's other open items, and resolves its reports: each reporter hears
that their report was resolved. A moderator without the review permission (or MFA) is refused
before anything is read.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from forum import moderation as forum_moderation

from . import notifying
from .models import ItemKind, ItemOutcome, Report, ReportOutcome, TargetKind
from .permissions import can_review
from .queue import close_for_target, take
from .targets import key_of


class ActionRefused(Exception):
    """The action does not fit this item (hiding a member, locking an answer). For the page."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


DOES_NOT_FIT = "That action does not apply to this item."


def require_reviewer(moderator) -> None:
    if not can_review(moderator):
        raise PermissionDenied


def _target(item, kind: str):
    target = item.target
    if item.target_kind != kind or target is None:
        raise ActionRefused(DOES_NOT_FIT)
    return target


def resolve_reports(target, *, moderator, outcome: str) -> int:
    """Every open report on the target is resolved; its reporter is told."""
    return resolve_reports_on([key_of(target)], moderator=moderator, outcome=outcome)


def resolve_reports_on(target_keys, *, moderator, outcome: str) -> int:
    reports = list(
        Report.objects.select_related("reporter").filter(
            target_key__in=list(target_keys), resolved_at=None
        )
    )
    if reports:
        Report.objects.filter(pk__in=[r.pk for r in reports], resolved_at=None).update(
            resolved_at=timezone.now(), resolved_by=moderator, outcome=outcome
        )
        notifying.tell_reporters(reports, moderator=moderator)
    return len(reports)


def _finish(item, target, *, moderator, outcome: str, reason: str, acted: bool = True) -> None:
    close_for_target(target, moderator=moderator, outcome=outcome, reason=reason)
    resolve_reports(
        target,
        moderator=moderator,
        outcome=ReportOutcome.ACTED if acted else ReportOutcome.NO_ACTION,
    )


@transaction.atomic
def hide(*, moderator, item, reason: str) -> None:
    require_reviewer(moderator)
    post = _target(item, TargetKind.POST)
    if not reason.strip():
        raise ActionRefused("Give a reason: the author will see it, and may appeal.")
    take(item, moderator=moderator, outcome=ItemOutcome.HIDDEN, reason=reason)
    forum_moderation.hide_post(moderator=moderator, post=post, reason=reason)
    _finish(item, post, moderator=moderator, outcome=ItemOutcome.HIDDEN, reason=reason)


@transaction.atomic
def restore(*, moderator, item, reason: str) -> None:
    require_reviewer(moderator)
    post = _target(item, TargetKind.POST)
    take(item, moderator=moderator, outcome=ItemOutcome.RESTORED, reason=reason)
    forum_moderation.restore_post(moderator=moderator, post=post, reason=reason)
    _finish(item, post, moderator=moderator, outcome=ItemOutcome.RESTORED, reason=reason)


@transaction.atomic
def lock(*, moderator, item, reason: str) -> None:
    """Lock the thread the item is about (a reported thread, or a reported post's thread)."""
    require_reviewer(moderator)
    target = item.target
    if item.target_kind == TargetKind.POST and target is not None:
        thread = target.thread
    else:
        thread = _target(item, TargetKind.THREAD)
    take(item, moderator=moderator, outcome=ItemOutcome.LOCKED, reason=reason)
    forum_moderation.set_locked(moderator=moderator, thread=thread, locked=True, reason=reason)
    _finish(item, target, moderator=moderator, outcome=ItemOutcome.LOCKED, reason=reason)


HOLD_KINDS = (ItemKind.CRISIS, ItemKind.PREMODERATION, ItemKind.IDENTIFIERS)


@transaction.atomic
def approve(*, moderator, item, reason: str = "") -> None:
    """A held post becomes public as if just posted (the forum's verb); its hold items close
    (reports about it, if any, stay for their own decision). The author is told by the
    receiver of post_approved, whoever approved it and from wherever."""
    require_reviewer(moderator)
    post = _target(item, TargetKind.POST)
    if post.held_at is None:
        raise ActionRefused("This post is not waiting for approval.")
    take(item, moderator=moderator, outcome=ItemOutcome.APPROVED, reason=reason)
    forum_moderation.approve_post(moderator=moderator, post=post, reason=reason)
    others = [kind for kind in ItemKind.values if kind not in HOLD_KINDS]
    close_for_target(post, moderator=moderator, outcome=ItemOutcome.APPROVED, keep=others)


@transaction.atomic
def edit(*, moderator, item, body: str, reason: str) -> None:
    """Replace the post's text (a phone number taken out, say); the old text stays in its
    history. A held post stays held: its hold item stays in the queue for approval."""
    require_reviewer(moderator)
    post = _target(item, TargetKind.POST)
    still_held = post.held_at is not None and item.kind in HOLD_KINDS
    if not still_held:
        take(item, moderator=moderator, outcome=ItemOutcome.EDITED, reason=reason)
    forum_moderation.edit_post_as_moderator(
        moderator=moderator, post=post, body=body, reason=reason
    )
    if not still_held:
        keep = HOLD_KINDS if post.held_at is not None else ()
        close_for_target(post, moderator=moderator, outcome=ItemOutcome.EDITED, reason=reason,
                         keep=keep)  # fmt: skip
        resolve_reports(post, moderator=moderator, outcome=ReportOutcome.ACTED)


@transaction.atomic
def dismiss(*, moderator, item, reason: str = "") -> None:
    """Nothing to do: this item leaves the queue and its reporters hear it was reviewed. Other
    items about the same target (a crisis hold) stay: dismissing a report does not judge them."""
    require_reviewer(moderator)
    take(item, moderator=moderator, outcome=ItemOutcome.DISMISSED, reason=reason)
    reports = list(item.reports.select_related("reporter").filter(resolved_at=None))
    Report.objects.filter(pk__in=[r.pk for r in reports], resolved_at=None).update(
        resolved_at=timezone.now(), resolved_by=moderator, outcome=ReportOutcome.NO_ACTION
    )
    notifying.tell_reporters(reports, moderator=moderator)
