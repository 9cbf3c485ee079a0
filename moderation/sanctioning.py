"""Account-level actions from the queue: warn, suspend for a period, ban, remove a spammer.

The member is the item's author (a reported post's or thread's writer, a reported member). The
sanction itself is accounts.sanctions' verb; this module takes the queue item first (one
moderator wins), writes the moderation log, resolves the reports and tells the member (the
warning and the restriction are also on every page they open, from accounts). A sanction that
cannot be given (your own account, no reason) is refused with accounts' message and nothing
is written: the whole action is one transaction.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts import sanctions
from forum import moderation as forum_moderation
from forum.models import ModerationActionKind, Post

from . import notifying
from .actions import ActionRefused, require_reviewer, resolve_reports, resolve_reports_on
from .models import ItemOutcome, ReportOutcome, ReviewItem, TargetKind
from .queue import close_for_target, count_changed, take
from .targets import thread_of

NO_MEMBER = "This item has no member to act on."


def member_of(item):
    if item.target_kind == TargetKind.ANSWER:
        return None  # a clinician's standing is for the staff who verify clinicians
    return item.member if item.target_kind == TargetKind.MEMBER else item.author


def _log(item, member, *, moderator, action: str, reason: str, details: dict):
    target = item.target
    post = target if item.target_kind == TargetKind.POST else None
    return forum_moderation.log_action(
        actor=moderator,
        action=action,
        reason=reason,
        post=post,
        thread=thread_of(target) if target is not None else None,
        target_user=member,
        details=details,
    )


def _give(item, *, moderator, reason: str, outcome: str, action: str, give):
    require_reviewer(moderator)
    member = member_of(item)
    if member is None:
        raise ActionRefused(NO_MEMBER)
    take(item, moderator=moderator, outcome=outcome, reason=reason)
    try:
        sanction = give(member)
    except sanctions.SanctionError as error:
        raise ActionRefused(str(error)) from error
    entry = _log(item, member, moderator=moderator, action=action, reason=reason,
                 details={"sanction": sanction.pk})  # fmt: skip
    if item.target is not None:
        close_for_target(item.target, moderator=moderator, outcome=outcome, reason=reason)
        resolve_reports(item.target, moderator=moderator, outcome=ReportOutcome.ACTED)
    notifying.tell_sanctioned(sanction, entry)
    return sanction


@transaction.atomic
def warn(*, moderator, item, reason: str):
    return _give(
        item, moderator=moderator, reason=reason, outcome=ItemOutcome.WARNED,
        action=ModerationActionKind.WARN,
        give=lambda member: sanctions.warn(member, moderator=moderator, reason=reason),
    )  # fmt: skip


@transaction.atomic
def suspend(*, moderator, item, reason: str, days: int):
    until = timezone.now() + timedelta(days=int(days))
    return _give(
        item, moderator=moderator, reason=reason, outcome=ItemOutcome.SUSPENDED,
        action=ModerationActionKind.SUSPEND,
        give=lambda member: sanctions.suspend(
            member, moderator=moderator, reason=reason, until=until
        ),
    )  # fmt: skip


@transaction.atomic
def ban(*, moderator, item, reason: str):
    return _give(
        item, moderator=moderator, reason=reason, outcome=ItemOutcome.BANNED,
        action=ModerationActionKind.BAN,
        give=lambda member: sanctions.ban(member, moderator=moderator, reason=reason),
    )  # fmt: skip


@transaction.atomic
def remove_spammer(*, moderator, item, reason: str):
    """Hide every post of theirs that others can still read, and ban them, in one step. Every
    open item about their posts or account leaves the queue; every report on them is resolved."""
    require_reviewer(moderator)
    member = member_of(item)
    if member is None:
        raise ActionRefused(NO_MEMBER)
    take(item, moderator=moderator, outcome=ItemOutcome.SPAMMER_REMOVED, reason=reason)
    try:
        sanction = sanctions.ban(member, moderator=moderator, reason=reason)
    except sanctions.SanctionError as error:
        raise ActionRefused(str(error)) from error
    posts = list(
        Post.objects.select_related("thread", "author")
        .filter(author=member, hidden_at=None, removed_at=None)
        .order_by("pk")
    )
    for post in posts:
        forum_moderation.hide_post(moderator=moderator, post=post, reason=reason)
    details = {"sanction": sanction.pk, "hidden": len(posts)}
    entry = _log(item, member, moderator=moderator, action=ModerationActionKind.REMOVE_SPAMMER,
                 reason=reason, details=details)  # fmt: skip
    _close_everything_about(member, posts, moderator=moderator, reason=reason)
    notifying.tell_sanctioned(sanction, entry)
    return sanction


def _close_everything_about(member, posts, *, moderator, reason: str) -> None:
    keys = [f"post:{post.pk}" for post in posts] + [f"member:{member.pk}"]
    items = ReviewItem.objects.open().exclude(kind="appeal")
    items.filter(author=member).update(
        closed_at=timezone.now(), closed_by=moderator, outcome=ItemOutcome.SPAMMER_REMOVED,
        outcome_reason=reason,
    )  # fmt: skip
    count_changed()
    resolve_reports_on(keys, moderator=moderator, outcome=ReportOutcome.ACTED)
