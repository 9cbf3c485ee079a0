"""The reads behind the moderation pages: each page's rows and context in a fixed number of
queries, whatever the queue's length (pinned by tests/moderation/test_queries.py)."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from forum.models import ModerationAction, Post

from .appeals import APPEALABLE
from .models import Report, ReviewItem

QUEUE_PAGE = 25


def _with_targets(items):
    return items.select_related(
        "post__thread__category",
        "post__author",
        "thread__category",
        "thread__author",
        "answer__clinician",
        "answer__question",
        "member",
        "author",
        "appeal__action__actor",
    )


def open_queue():
    """The open queue, in risk-then-age order, with targets and open reports."""
    open_reports = Report.objects.filter(resolved_at=None).select_related("reporter")
    items = ReviewItem.objects.open().in_queue_order()
    items = _with_targets(items).prefetch_related(
        Prefetch("reports", queryset=open_reports, to_attr="open_reports")
    )
    return items


@dataclass(frozen=True)
class History:
    """What a moderator wants to know about an author at a glance."""

    posts: int = 0
    hidden: int = 0
    reported: int = 0  # reports about their posts, threads or account, ever
    actions: int = 0  # moderation-log entries about them


def author_histories(author_ids) -> dict[int, History]:
    """Each author's history in three grouped queries, for any number of authors."""
    ids = sorted({pk for pk in author_ids if pk})
    if not ids:
        return {}
    posts = {
        author_id: (n, hidden)
        for author_id, n, hidden in Post.objects.filter(author_id__in=ids)
        .values("author_id")
        .annotate(n=Count("pk"), hidden=Count("pk", filter=Q(hidden_at__isnull=False)))
        .values_list("author_id", "n", "hidden")
    }
    reported = dict(
        ReviewItem.objects.filter(author_id__in=ids)
        .values("author_id")
        .annotate(n=Count("reports"))
        .values_list("author_id", "n")
    )
    actions = dict(
        ModerationAction.objects.filter(target_user_id__in=ids)
        .values("target_user_id")
        .annotate(n=Count("pk"))
        .values_list("target_user_id", "n")
    )
    return {
        pk: History(
            posts=posts.get(pk, (0, 0))[0],
            hidden=posts.get(pk, (0, 0))[1],
            reported=reported.get(pk, 0),
            actions=actions.get(pk, 0),
        )
        for pk in ids
    }


def item_for_review_page(pk: int) -> ReviewItem:
    return _with_targets(ReviewItem.objects.filter(pk=pk)).get()


def item_context(item: ReviewItem) -> dict:
    """What the review page shows beside the item: every report on the target (open and
    earlier), the author's recent posts and what moderators did about them before."""
    reports = Report.objects.filter(target_key=item.target_key).select_related("reporter")
    if item.appeal_id:
        reports = Report.objects.none()
    context = {"reports": list(reports[:50])}
    if item.author_id:
        context["history"] = author_histories([item.author_id]).get(item.author_id, History())
        context["recent_posts"] = list(
            Post.objects.filter(author_id=item.author_id)
            .select_related("thread")
            .order_by("-created_at")[:5]
        )
        context["earlier_actions"] = list(
            ModerationAction.objects.filter(target_user_id=item.author_id)
            .select_related("actor")
            .order_by("-created_at")[:10]
        )
    return context


def log_page_entries():
    return ModerationAction.objects.select_related(
        "actor", "thread", "post__author", "target_user"
    ).order_by("-created_at", "-pk")


def reports_by(user):
    return Report.objects.filter(reporter=user).select_related(
        "post__thread", "thread", "member", "answer__question"
    )


def removals_of(user):
    """The log entries that took a member's words or account away, with their appeals."""
    return (
        ModerationAction.objects.filter(target_user=user, action__in=APPEALABLE)
        .select_related("post__thread", "appeal")
        .order_by("-created_at")
    )
