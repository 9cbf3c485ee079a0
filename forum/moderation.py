"""Moderators' actions on threads and posts, each recorded in the moderation log.

Every action takes the moderator, its target and a reason, runs in one transaction with its log
entry, and refuses anyone who is not a moderator. `log_action` is public so the safety issue's
reports, review queue, warnings and suspensions write to the same log. Approving, hiding and
editing send the signals of forum/signals.py once committed.

Public counts (a thread's replies, a room's posts) count posts that are neither held nor hidden:
approving a held post counts it, hiding takes a counted post off, restoring puts it back.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, Max
from django.utils import timezone

from accounts.models import User
from articles import caching as article_caching
from text.markup import render_markdown

from . import notifying, signals
from .mentions import mention_links
from .models import (
    Category,
    ModerationAction,
    ModerationActionKind,
    Post,
    PostRevision,
    Thread,
    segment,
)
from .permissions import can_moderate
from .posting import count_public_reply


class ModerationError(Exception):
    """Not possible (e.g. moving a thread to where it already is). Message for the moderator."""


def log_action(
    *,
    actor: User,
    action: str,
    reason: str = "",
    thread: Thread | None = None,
    post: Post | None = None,
    target_user: User | None = None,
    details: dict | None = None,
) -> ModerationAction:
    return ModerationAction.objects.create(
        actor=actor,
        action=action,
        reason=reason,
        thread=thread,
        post=post,
        target_user=target_user,
        details=details or {},
    )


def _require_moderator(user: User) -> None:
    if not can_moderate(user):
        raise PermissionDenied


@transaction.atomic
def set_pinned(*, moderator: User, thread: Thread, pinned: bool, reason: str = "") -> Thread:
    _require_moderator(moderator)
    Thread.objects.filter(pk=thread.pk).update(is_pinned=pinned)
    action = ModerationActionKind.PIN if pinned else ModerationActionKind.UNPIN
    log_action(actor=moderator, action=action, reason=reason, thread=thread)
    thread.is_pinned = pinned
    return thread


@transaction.atomic
def set_locked(*, moderator: User, thread: Thread, locked: bool, reason: str = "") -> Thread:
    _require_moderator(moderator)
    Thread.objects.filter(pk=thread.pk).update(is_locked=locked)
    action = ModerationActionKind.LOCK if locked else ModerationActionKind.UNLOCK
    log_action(actor=moderator, action=action, reason=reason, thread=thread)
    thread.is_locked = locked
    return thread


def _refresh_last_activity(category_id: int) -> None:
    latest = Thread.objects.filter(category_id=category_id).aggregate(at=Max("last_activity_at"))
    Category.objects.filter(pk=category_id).update(last_activity_at=latest["at"])


@transaction.atomic
def move_thread(*, moderator: User, thread: Thread, category: Category, reason: str) -> Thread:
    """Move a thread to another category; both categories' counts follow it."""
    _require_moderator(moderator)
    if thread.article_id is not None:
        raise ModerationError("An item's discussion stays in Item discussions.")
    source_id = Thread.objects.filter(pk=thread.pk).values_list("category_id", flat=True).get()
    if source_id == category.pk:
        raise ModerationError("The thread is already in that category.")
    counted = Post.objects.filter(thread=thread, held_at=None, hidden_at=None)
    posts = counted.aggregate(n=Count("pk"))["n"]
    Thread.objects.filter(pk=thread.pk).update(category=category)
    Category.objects.filter(pk=source_id).update(
        thread_count=F("thread_count") - 1, post_count=F("post_count") - posts
    )
    Category.objects.filter(pk=category.pk).update(
        thread_count=F("thread_count") + 1, post_count=F("post_count") + posts
    )
    _refresh_last_activity(source_id)
    _refresh_last_activity(category.pk)
    log_action(
        actor=moderator,
        action=ModerationActionKind.MOVE,
        reason=reason,
        thread=thread,
        details={"from": source_id, "to": category.pk},
    )
    thread.category = category
    return thread


def _count_visible(post: Post, step: int) -> None:
    """Public counts leave out hidden posts: hiding takes the post off its thread's reply count
    and its room's post count, restoring puts it back (F(), in the action's transaction). Only
    the first hide or restore of a post counts, so a double click cannot count twice."""
    if post.path != segment(0):  # the opening post is not a reply
        Thread.objects.filter(pk=post.thread_id).update(reply_count=F("reply_count") + step)
    thread = Thread.objects.select_related("article").get(pk=post.thread_id)
    Category.objects.filter(pk=thread.category_id).update(post_count=F("post_count") + step)
    if thread.article_id:
        # The item page shows the thread's reply count; its cached copy must go.
        article_caching.forget_item_page(thread.article)


def _is_held(post: Post) -> bool:
    return Post.objects.filter(pk=post.pk, held_at__isnull=False).exists()


@transaction.atomic
def hide_post(*, moderator: User, post: Post, reason: str) -> Post:
    """Hide a post from everyone but moderators; replies under it stay."""
    _require_moderator(moderator)
    if not reason.strip():
        raise ModerationError("Give a reason: the author and other moderators will see it.")
    hidden = Post.objects.filter(pk=post.pk, hidden_at=None).update(
        hidden_at=timezone.now(), hidden_by=moderator, hidden_reason=reason
    )
    if hidden and not _is_held(post):  # a held post was never counted
        _count_visible(post, -1)
    log_action(
        actor=moderator,
        action=ModerationActionKind.HIDE,
        reason=reason,
        thread=post.thread,
        post=post,
        target_user=post.author,
    )
    hidden = Post.objects.select_related("thread", "author").get(pk=post.pk)
    notifying.announce_hidden(hidden)
    signals.send_on_commit(signals.post_hidden, post=hidden, moderator=moderator, reason=reason)
    return hidden


@transaction.atomic
def restore_post(*, moderator: User, post: Post, reason: str) -> Post:
    _require_moderator(moderator)
    restored = Post.objects.filter(pk=post.pk, hidden_at__isnull=False).update(
        hidden_at=None, hidden_by=None, hidden_reason=""
    )
    if restored and not _is_held(post):
        _count_visible(post, +1)
    log_action(
        actor=moderator,
        action=ModerationActionKind.RESTORE,
        reason=reason,
        thread=post.thread,
        post=post,
        target_user=post.author,
    )
    return Post.objects.get(pk=post.pk)


@transaction.atomic
def approve_post(*, moderator: User, post: Post, reason: str = "") -> Post:
    """Make a held post public as if just posted: dated now (so it is new to those who read the
    thread since), counted, announced to the thread's followers and those it answers or
    mentions; a held opening post opens its thread. Approving twice approves once."""
    _require_moderator(moderator)
    now = timezone.now()
    approved = Post.objects.filter(pk=post.pk, held_at__isnull=False).update(
        held_at=None, created_at=now
    )
    post = Post.objects.select_related("thread__article", "thread__category", "author").get(
        pk=post.pk
    )
    if not approved:  # approved a moment ago (a double click, two moderators): nothing to do
        return post
    if post.is_opening:
        _open_held_thread(post, now=now)
    elif not post.is_hidden:
        count_public_reply(post, now=now)
    log_action(
        actor=moderator,
        action=ModerationActionKind.APPROVE,
        reason=reason,
        thread=post.thread,
        post=post,
        target_user=post.author,
        details={"hold_reason": post.hold_reason},
    )
    signals.send_on_commit(signals.post_approved, post=post, moderator=moderator)
    return post


def _open_held_thread(opening: Post, *, now) -> None:
    thread = opening.thread
    Thread.objects.filter(pk=thread.pk).update(held_at=None, created_at=now, last_activity_at=now)
    counted = 0 if opening.is_hidden else 1  # hidden while it waited: not a public post
    Category.objects.filter(pk=thread.category_id).update(
        thread_count=F("thread_count") + 1,
        post_count=F("post_count") + counted,
        last_activity_at=now,
    )
    notifying.queue_opening_announcement(opening)  # its @mentions (nothing if hidden)


@transaction.atomic
def edit_post_as_moderator(*, moderator: User, post: Post, body: str, reason: str) -> Post:
    """Replace a post's text (taking out a phone number, say); the old text stays in its
    history and the reason in the log. Works on held and hidden posts too."""
    _require_moderator(moderator)
    if not reason.strip():
        raise ModerationError("Give a reason: the author and other moderators will see it.")
    now = timezone.now()
    old = Post.objects.select_for_update().filter(pk=post.pk).values("body", "version").get()
    Post.objects.filter(pk=post.pk).update(
        body=body,
        body_html=render_markdown(body, mention_resolver=mention_links),
        version=F("version") + 1,
        edited_at=now,
    )
    PostRevision.objects.create(
        post=post, version=old["version"], body=old["body"], replaced_at=now, replaced_by=moderator
    )
    log_action(
        actor=moderator,
        action=ModerationActionKind.EDIT,
        reason=reason,
        thread=post.thread,
        post=post,
        target_user=post.author,
    )
    return Post.objects.select_related("thread", "author").get(pk=post.pk)
