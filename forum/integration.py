"""What the forum answers when the floors below it send their signals (see ForumConfig.ready)."""

from django.db.models import Count, Q

from .models import Post, ThreadFollow
from .posting import ensure_article_thread


def export_posts(sender, *, user, **kwargs) -> dict[str, list[dict]]:
    """A member's forum posts for their data export: text as written, where, when."""
    posts = Post.objects.filter(author=user).select_related("thread").order_by("created_at")
    return {
        "forum_posts": [
            {
                "thread": post.thread.title,
                "url": post.get_absolute_url(),
                "created_at": post.created_at.isoformat(),
                "edited_at": post.edited_at.isoformat() if post.edited_at else None,
                "removed_by_you": post.removed_at is not None,
                "body": post.body,
            }
            for post in posts
        ]
    }


def profile_stats(sender, *, user, **kwargs) -> dict[str, int]:
    """Counts on the public profile. Clinicians-only rooms are left out: they are not public."""
    public = Post.objects.filter(author=user, thread__category__clinicians_only=False)
    counts = public.aggregate(
        posts=Count("pk", filter=Q(removed_at=None, hidden_at=None, held_at=None)),
        threads=Count("pk", filter=Q(path="000000", held_at=None)),
    )
    return {"Forum posts": counts["posts"], "Threads started": counts["threads"]}


def open_item_thread(sender, *, article, **kwargs) -> None:
    ensure_article_thread(article)


def item_thread_followers(sender, *, article, **kwargs) -> list[int]:
    """Who follows the item's discussion (a correction to the item reaches them)."""
    return list(
        ThreadFollow.objects.filter(thread__article=article).values_list("user_id", flat=True)
    )
