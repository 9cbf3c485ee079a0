"""Writes by members: start a thread, reply, edit, remove, react, follow, mark as read.

Each service checks its permission predicate itself (views check too, for the right status code),
runs in one transaction and keeps the stored counters right with F() in that transaction.
"""

import logging
import uuid
from collections.abc import Sequence
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, InternalError, OperationalError, models, transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from accounts.permissions import is_verified_clinician
from articles import caching as article_caching
from text.markup import render_markdown

from . import holds, notifying, signals
from .holds import Hold
from .mentions import mention_links
from .models import (
    ITEM_DISCUSSIONS_SLUG,
    MAX_DEPTH,
    REACTION_COUNTERS,
    TITLE_MAX,
    Category,
    CategoryFollow,
    Post,
    PostRevision,
    Reaction,
    ReactionKind,
    Thread,
    ThreadFollow,
    ThreadVisit,
    segment,
)
from .permissions import (
    can_edit_post,
    can_follow,
    can_react,
    can_remove_post,
    can_reply,
    can_start_thread,
    can_view_category,
)

logger = logging.getLogger(__name__)
REPEAT_WINDOW = timedelta(minutes=10)  # the same text again within this is refused


class PostingError(Exception):
    """Not possible right now (a locked thread, a stale edit). The message is for the member."""


class EditConflict(PostingError):
    def __init__(self, current: Post):
        super().__init__(
            "Someone changed this post while you were editing it. Its current text is shown "
            "below; your version was not saved."
        )
        self.current = current


def _existing(author: User, token: uuid.UUID) -> Post | None:
    return Post.objects.filter(author=author, submission_token=token).first()


class RepeatedPost(PostingError):
    """The same words from the same member a moment ago, from another form: a bot, or a post
    sent twice from two tabs. (The same form twice is not refused: it returns the first.)"""

    def __init__(self):
        super().__init__(
            "You posted exactly this a few minutes ago, so it was not posted again. "
            "If you meant to add something, change the text and post it."
        )


def _earlier(author: User, token: uuid.UUID, body: str, *, seeded: bool) -> Post | None:
    """The post this submission already made (same token), or raise RepeatedPost if the member
    posted the same text within REPEAT_WINDOW; one query on the author's index for both.
    Seeded conversations (the demo) may repeat a "Thank you"."""
    if seeded:
        return _existing(author, token)
    since = timezone.now() - REPEAT_WINDOW
    same = models.Q(submission_token=token) | models.Q(body=body, created_at__gte=since)
    found = list(Post.objects.filter(same, author=author).select_related("thread")[:2])
    if mine := next((post for post in found if post.submission_token == token), None):
        return mine
    if found:
        raise RepeatedPost
    return None


def _announce_identifiers(post: Post, hold: Hold | None, kinds: Sequence[str]) -> None:
    """The writer posted personal details anyway: the moderation app reviews it. (A held post
    waits for a moderator already.)"""
    if kinds and hold is None:
        signals.send_on_commit(
            signals.post_published_with_identifiers, post=post, kinds=sorted(set(kinds))
        )


def _held_fields(hold: Hold | None, now) -> dict:
    if hold is None:
        return {}
    return {"held_at": now, "hold_reason": hold.reason, "crisis_kind": hold.crisis_kind}


@transaction.atomic
def _insert_thread(*, author, category, title, body, token, hold=None, identifier_kinds=()):
    now = timezone.now()
    thread = Thread.objects.create(
        category=category,
        title=title,
        author=author,
        created_at=now,
        last_activity_at=now,
        held_at=now if hold else None,
    )
    post = Post(
        thread=thread,
        author=author,
        path=segment(0),
        depth=1,
        body=body,
        created_at=now,
        submission_token=token,
        **_held_fields(hold, now),
    )
    post.save()
    Thread.objects.filter(pk=thread.pk).update(last_post=post)
    if hold is None:
        Category.objects.filter(pk=category.pk).update(
            thread_count=F("thread_count") + 1, post_count=F("post_count") + 1, last_activity_at=now
        )
        notifying.queue_opening_announcement(post)  # its @mentions, as a reply's
    else:  # counted and announced when approved (moderation.approve_post)
        holds.announce_held(post, hold)
    _announce_identifiers(post, hold, identifier_kinds)
    thread.refresh_from_db()
    return thread


def start_thread(
    *,
    author: User,
    category: Category,
    title: str,
    body: str,
    submission_token: uuid.UUID,
    seeded: bool = False,
    premoderate: bool = False,
    identifier_kinds: Sequence[str] = (),
) -> Thread:
    """Open a thread with its first post. The same submission token twice gives one thread.
    A thread whose words need a moderator first is held with its post (forum/holds.py).
    `identifier_kinds`: personal details the writer was warned of and posted anyway. `seeded`:
    the site's own conversation (the demo), not checked for repeats. `premoderate`: apply the
    new-member and link holds (forum/holds.py); the views pass True for what members submit,
    as they apply the rate limits, while the site's own code (demo, seeds, benchmarks) posts
    as told. The crisis screen holds a post whoever calls."""
    if not can_start_thread(author, category):
        raise PermissionDenied
    if (existing := _earlier(author, submission_token, body, seeded=seeded)) is not None:
        return existing.thread
    hold = holds.hold_for(
        author=author, text=f"{title}\n\n{body}", premoderate=premoderate and not seeded
    )
    try:
        return _insert_thread(
            author=author,
            category=category,
            title=title,
            body=body,
            token=submission_token,
            hold=hold,
            identifier_kinds=identifier_kinds,
        )
    except IntegrityError:
        if (existing := _existing(author, submission_token)) is not None:
            return existing.thread
        raise


def count_public_reply(post: Post, *, now) -> None:
    """A reply becomes public: its thread's and room's counts, last post and activity, the item
    page's cached count, and the announcement to those who hear of replies. Called when the
    reply is written, or for a held one when a moderator approves it; in that transaction."""
    thread = post.thread
    counters = {"reply_count": F("reply_count") + 1, "last_activity_at": now, "last_post": post}
    if is_verified_clinician(post.author):
        counters["clinician_replied"] = True
    Thread.objects.filter(pk=thread.pk).update(**counters)
    Category.objects.filter(pk=thread.category_id).update(
        post_count=F("post_count") + 1, last_activity_at=now
    )
    if thread.article_id:
        # The item page shows this thread's live reply count; readers' cached copy must go.
        article_caching.forget_item_page(thread.article)
    # One task row, in this transaction: who hears of the reply is worked out by the worker.
    notifying.queue_reply_announcement(post)


@transaction.atomic
def _insert_reply(*, author, thread, parent, body, token, hold=None, identifier_kinds=()) -> Post:
    now = timezone.now()
    # Setting is_locked to False where it is False changes nothing: the statement is there for
    # its WHERE, and a held reply needs no counter of its own but its segment number.
    counters = {"is_locked": False}
    if parent is None:
        counters["top_count"] = F("top_count") + 1
    # The lock is checked in the statement that hands out the reply's number: a thread locked a
    # moment ago refuses it, whatever the page said.
    if not Thread.objects.filter(pk=thread.pk, is_locked=False).update(**counters):
        raise PostingError("This thread is locked: no new replies.")
    if parent is None:
        number = Thread.objects.filter(pk=thread.pk).values_list("top_count", flat=True).get()
        prefix, depth = "", 1
    else:
        Post.objects.filter(pk=parent.pk).update(child_count=F("child_count") + 1)
        number = Post.objects.filter(pk=parent.pk).values_list("child_count", flat=True).get()
        prefix, depth = parent.path, parent.depth + 1
    post = Post(
        thread=thread,
        parent=parent,
        author=author,
        path=prefix + segment(number),
        depth=depth,
        body=body,
        created_at=now,
        submission_token=token,
        **_held_fields(hold, now),
    )
    post.save()
    post.thread = thread
    if hold is None:
        count_public_reply(post, now=now)
    else:  # counted and announced when approved (moderation.approve_post)
        holds.announce_held(post, hold)
    _announce_identifiers(post, hold, identifier_kinds)
    return post


def reply(
    *,
    author: User,
    thread: Thread,
    parent: Post | None = None,
    body: str,
    submission_token: uuid.UUID,
    seeded: bool = False,
    premoderate: bool = False,
    identifier_kinds: Sequence[str] = (),
) -> Post:
    """Reply to the thread (parent None) or to one of its posts. Idempotent per token.
    A reply whose words need a moderator first is held (forum/holds.py); `identifier_kinds` and
    `seeded` and `premoderate` as for `start_thread`."""
    if not can_reply(author, thread):
        raise PermissionDenied
    if parent is not None and (parent.thread_id != thread.pk or parent.is_held):
        raise PermissionDenied
    while parent is not None and parent.depth >= MAX_DEPTH:
        parent = Post.objects.get(pk=parent.parent_id)
    if (existing := _earlier(author, submission_token, body, seeded=seeded)) is not None:
        return existing
    hold = holds.hold_for(author=author, text=body, premoderate=premoderate and not seeded)
    try:
        return _insert_reply(
            author=author,
            thread=thread,
            parent=parent,
            body=body,
            token=submission_token,
            hold=hold,
            identifier_kinds=identifier_kinds,
        )
    except IntegrityError:
        if (existing := _existing(author, submission_token)) is not None:
            return existing
        raise


def _hold_edited(post: Post, hold: Hold, *, now) -> None:
    """An edit whose words need a moderator holds the post as a new one would be: it comes off
    the public counts (and a held opening post holds its thread) until `moderation.approve_post`
    counts and announces it again. A post already waiting keeps waiting as it was."""
    if not Post.objects.filter(pk=post.pk, held_at=None).update(**_held_fields(hold, now)):
        return
    thread = Thread.objects.select_related("article").get(pk=post.thread_id)
    if post.path == segment(0):
        Thread.objects.filter(pk=thread.pk).update(held_at=now)
        Category.objects.filter(pk=thread.category_id).update(
            thread_count=F("thread_count") - 1, post_count=F("post_count") - 1
        )
    else:
        Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") - 1)
        Category.objects.filter(pk=thread.category_id).update(post_count=F("post_count") - 1)
        if thread.article_id:
            article_caching.forget_item_page(thread.article)
    holds.announce_held(post, hold)


@transaction.atomic
def edit_post(
    *,
    editor: User,
    post: Post,
    body: str,
    expected_version: int,
    identifier_kinds: Sequence[str] = (),
) -> Post:
    """Save new text if nobody saved since `expected_version`; keep the old text as history.
    The new words are screened as a new post's are: words that say someone is in danger now
    hold the post for a moderator (forum/holds.py; premoderation of new members and links is
    for new posts, not edits). `identifier_kinds` as for `start_thread`."""
    if not can_edit_post(editor, post):
        raise PermissionDenied
    now = timezone.now()
    hold = holds.hold_for(author=editor, text=body, premoderate=False)
    old = Post.objects.filter(pk=post.pk, version=expected_version).values("body").first()
    updated = old is not None and Post.objects.filter(
        pk=post.pk, version=expected_version, removed_at=None, hidden_at=None
    ).update(
        body=body,
        body_html=render_markdown(body, mention_resolver=mention_links),
        version=F("version") + 1,
        edited_at=now,
    )
    if not updated:
        raise EditConflict(Post.objects.select_related("thread").get(pk=post.pk))
    PostRevision.objects.create(
        post=post, version=expected_version, body=old["body"], replaced_at=now, replaced_by=editor
    )
    if hold is not None:
        _hold_edited(post, hold, now=now)
    edited = Post.objects.select_related("thread").get(pk=post.pk)
    if not edited.is_held:  # a held post waits for a moderator already
        _announce_identifiers(edited, None, identifier_kinds)
    return edited


@transaction.atomic
def remove_own_post(*, author: User, post: Post) -> Post:
    """The author takes the post down: its text goes (moderators keep it in the history), the
    replies under it stay."""
    if not can_remove_post(author, post):
        raise PermissionDenied
    now = timezone.now()
    old = Post.objects.filter(pk=post.pk, removed_at=None).values("body", "version").first()
    if old is None:
        return Post.objects.get(pk=post.pk)
    Post.objects.filter(pk=post.pk).update(
        removed_at=now, body="", body_html="", version=F("version") + 1
    )
    PostRevision.objects.create(
        post=post, version=old["version"], body=old["body"], replaced_at=now, replaced_by=author
    )
    return Post.objects.get(pk=post.pk)


def toggle_reaction(*, user: User, post: Post, kind: str) -> bool:
    """Add the reaction, or take it back if already given. Returns whether it is now on."""
    if kind not in ReactionKind.values:
        raise PostingError("Unknown reaction.")
    if not can_react(user, post):
        raise PermissionDenied
    counter = REACTION_COUNTERS[ReactionKind(kind)]
    with transaction.atomic():
        removed, _ = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
        if removed:
            Post.objects.filter(pk=post.pk).update(**{counter: F(counter) - 1})
            return False
        try:
            with transaction.atomic():
                Reaction.objects.create(post=post, user=user, kind=kind)
        except IntegrityError:  # the same click, twice at once: it is on
            return True
        Post.objects.filter(pk=post.pk).update(**{counter: F(counter) + 1})
        return True


def set_thread_follow(*, user: User, thread: Thread, follow: bool) -> None:
    if not can_follow(user):
        raise PermissionDenied
    if follow:
        ThreadFollow.objects.bulk_create(
            [ThreadFollow(user=user, thread=thread)], ignore_conflicts=True
        )
    else:
        ThreadFollow.objects.filter(user=user, thread=thread).delete()


def set_category_follow(*, user: User, category: Category, follow: bool) -> None:
    if not can_follow(user) or not can_view_category(user, category):
        raise PermissionDenied
    if follow:
        CategoryFollow.objects.bulk_create(
            [CategoryFollow(user=user, category=category)], ignore_conflicts=True
        )
    else:
        CategoryFollow.objects.filter(user=user, category=category).delete()


def mark_thread_seen(*, user: User, thread: Thread, at=None) -> None:
    """Record the visit in one statement (an upsert), whatever was there before. A database
    that refuses writes (full disk, read-only volume or replica) costs the unread marker, not
    the page: reading goes on."""
    # No savepoint (it would cost two queries on every thread page): outside a transaction,
    # as views run, a refused statement leaves nothing behind to roll back.
    try:
        ThreadVisit.objects.bulk_create(
            [ThreadVisit(user=user, thread=thread, last_seen_at=at or timezone.now())],
            update_conflicts=True,
            unique_fields=["user", "thread"],
            update_fields=["last_seen_at"],
        )
    except (OperationalError, InternalError) as error:
        logger.warning(
            "thread visit not recorded: database refuses writes (%s)", type(error).__name__
        )


def followers_of(thread: Thread) -> models.QuerySet:
    """Members following the thread or its category (for notifications, issue 6)."""
    return User.objects.filter(
        models.Q(pk__in=ThreadFollow.objects.filter(thread=thread).values("user"))
        | models.Q(pk__in=CategoryFollow.objects.filter(category=thread.category_id).values("user"))
    )


def ensure_article_thread(article) -> Thread:
    """The item's one thread, opened now if it has none. Safe to call any number of times, at
    once from several requests: the one-to-one constraint decides who opens it."""
    existing = Thread.objects.filter(article=article).first()
    if existing is not None:
        return existing
    category, _ = Category.objects.get_or_create(
        slug=ITEM_DISCUSSIONS_SLUG,
        defaults={
            "name": "Item discussions",
            "description": "One thread for every published item.",
            "members_can_start_threads": False,
        },
    )
    now = timezone.now()
    try:
        with transaction.atomic():
            thread = Thread.objects.create(
                category=category,
                article=article,
                title=(article.title or f"Item #{article.number}")[:TITLE_MAX],
                created_at=now,
                last_activity_at=now,
            )
            Category.objects.filter(pk=category.pk).update(
                thread_count=F("thread_count") + 1, last_activity_at=now
            )
    except IntegrityError:
        return Thread.objects.get(article=article)
    return thread
