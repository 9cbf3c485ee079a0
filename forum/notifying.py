"""What the forum tells notifications: a reply (to the post's author, to those it mentions, to
the thread's followers), a new thread's opening post (to those it mentions) and a hidden post
(to its author).

The reply request only queues `announce_reply`; the task does the reading and the fan-out, so
the request costs the same for a thread with no followers and one with a thousand. Titles name
the thread (which every recipient may see) and never quote the post.
"""

from django.tasks import task
from django.utils.text import Truncator

from accounts.handles import handle_key
from accounts.models import User
from notifications import notify
from notifications.kinds import Kind
from notifications.services import fan_out
from text.markup import mentioned_handles

from .models import CategoryFollow, Post, ThreadFollow, segment
from .permissions import can_view_thread


def _quoted(title: str) -> str:
    return "“" + Truncator(title).chars(90) + "”"


def queue_reply_announcement(post: Post) -> None:
    announce_reply.enqueue(post.pk)


@task
def announce_reply(post_id: int) -> int:
    """Tell everyone who should hear of this reply, each once. Returns how many were told."""
    post = _public_post(post_id)
    if post is None:
        return 0  # held, hidden or removed before the worker got to it: nobody hears of it
    thread, author, url = post.thread, post.author, post.get_absolute_url()
    told = {author.pk}
    replied_to = post.parent.author if post.parent_id else _opening_author(thread)
    if replied_to is not None and replied_to.pk not in told and can_view_thread(replied_to, thread):
        notify(
            recipient=replied_to,
            kind=Kind.REPLY_TO_POST,
            url=url,
            title=f"{author.display_handle} replied to your post in {_quoted(thread.title)}",
            actor=author,
            dedupe_key=f"forum-post:{post.pk}",
        )
        told.add(replied_to.pk)
    told |= _tell_mentioned(post, exclude=told)
    followers = [pk for pk in _follower_ids(thread) if pk not in told]
    if followers:
        fan_out.call(
            recipient_ids=followers,
            kind=Kind.THREAD_REPLY,
            url=url,
            title=f"New reply in {_quoted(thread.title)}",
            actor_id=author.pk,
            dedupe_key=f"forum-post:{post.pk}",
        )
    return len(told) - 1 + len(followers)


def queue_opening_announcement(post: Post) -> None:
    announce_opening_post.enqueue(post.pk)


@task
def announce_opening_post(post_id: int) -> int:
    """A new thread's opening post, once public: those it mentions hear of it (nobody follows
    a thread that did not exist, and a new thread is not a reply). Returns how many were told."""
    post = _public_post(post_id)
    if post is None:
        return 0
    return len(_tell_mentioned(post, exclude={post.author_id}))


def _public_post(post_id: int) -> Post | None:
    return (
        Post.objects.select_related("thread__category", "author", "parent__author")
        .filter(pk=post_id, hidden_at=None, removed_at=None, held_at=None)
        .first()
    )


def _tell_mentioned(post: Post, *, exclude: set[int]) -> set[int]:
    """Members the post @mentions who may read its thread hear of it; returns their ids."""
    thread, author, told = post.thread, post.author, set()
    for member in _mentioned(post, exclude=exclude):
        if can_view_thread(member, thread):
            notify(
                recipient=member,
                kind=Kind.MENTION,
                url=post.get_absolute_url(),
                title=f"{author.display_handle} mentioned you in {_quoted(thread.title)}",
                actor=author,
                dedupe_key=f"forum-post:{post.pk}",
            )
            told.add(member.pk)
    return told


def _opening_author(thread):
    """A reply to the thread answers its opening post."""
    opening = Post.objects.select_related("author").filter(thread=thread, path=segment(0)).first()
    return opening.author if opening is not None else None


def _mentioned(post: Post, *, exclude: set[int]):
    handles = mentioned_handles(post.body)
    if not handles:
        return []
    keys = {handle_key(handle) for handle in handles}
    return list(
        User.objects.filter(handle_key__in=keys, is_active=True, deleted_at=None)
        .exclude(pk__in=exclude)
        .select_related("clinician_profile")
    )


def _follower_ids(thread) -> list[int]:
    """Those following the thread or its category; in a clinicians-only category, only those who
    may still read it."""
    ids = set(ThreadFollow.objects.filter(thread=thread).values_list("user_id", flat=True))
    ids |= set(
        CategoryFollow.objects.filter(category=thread.category_id).values_list("user_id", flat=True)
    )
    if thread.category.clinicians_only:
        readers = User.objects.filter(pk__in=ids).select_related("clinician_profile")
        ids = {user.pk for user in readers if can_view_thread(user, thread)}
    return sorted(ids)


def announce_hidden(post: Post) -> None:
    """The author hears that a moderator hid their post (the reason is on the post's page)."""
    notify(
        recipient=post.author,
        kind=Kind.POST_HIDDEN,
        url=post.get_absolute_url(),
        title=f"A moderator hid one of your posts in {_quoted(post.thread.title)}",
        dedupe_key=f"forum-hidden:{post.pk}:{int(post.hidden_at.timestamp())}"
        if post.hidden_at
        else None,
    )
