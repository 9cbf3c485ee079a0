"""The queue, review and log pages cost the same number of queries for 10 items and for 1,000."""

import pytest
from django.urls import reverse

from forum.models import ModerationAction, Post
from moderation.models import ItemKind, Report, ReportReason, ReviewItem
from tests.conftest import make_user
from tests.forum.conftest import make_thread

pytestmark = pytest.mark.django_db

# Signed in as a moderator (session from the cache): user, permissions (menu roles and the
# review permission), the MFA fact; the page's count and its items with their targets; the
# items' open reports; the authors' history (posts, reports, log entries: three grouped
# queries). The header's review count and the bell's unread count are one more each, on a
# cache miss only.
QUEUE_PAGE = 9
REVIEW_COUNT = 1
BELL = 1


def _many_reported_posts(count: int) -> None:
    thread = make_thread(replies=count)
    reporters = [make_user() for _ in range(3)]
    posts = list(Post.objects.filter(thread=thread).exclude(depth=0)[:count])
    items = ReviewItem.objects.bulk_create(
        ReviewItem(
            kind=ItemKind.REPORT,
            risk=50,
            target_kind="post",
            target_key=f"post:{post.pk}",
            post=post,
            author_id=post.author_id,
            report_count=len(reporters),
        )  # fmt: skip
        for post in posts
    )
    Report.objects.bulk_create(
        Report(
            reporter=reporter,
            reason=ReportReason.SPAM,
            target_kind="post",
            target_key=item.target_key,
            post_id=item.post_id,
            review_item=item,
        )  # fmt: skip
        for item in items
        for reporter in reporters
    )


@pytest.mark.parametrize("count", [10, 1000])
def test_queue_page_query_count_is_fixed(client, moderator, count, django_assert_num_queries):
    _many_reported_posts(count)
    client.force_login(moderator)
    with django_assert_num_queries(QUEUE_PAGE + REVIEW_COUNT + BELL):
        response = client.get(reverse("moderation:queue"))
    assert response.status_code == 200
    assert len(response.context["items"]) == min(count, 25)
    with django_assert_num_queries(QUEUE_PAGE):
        assert client.get(reverse("moderation:queue")).status_code == 200


@pytest.mark.parametrize("count", [10, 1000])
def test_log_page_query_count_is_fixed(client, moderator, count, django_assert_num_queries):
    thread = make_thread(replies=3)
    post = Post.objects.filter(thread=thread).last()
    ModerationAction.objects.bulk_create(
        ModerationAction(
            actor=moderator,
            action="hide",
            reason="Spam",
            thread=thread,
            post=post,
            target_user_id=post.author_id,
        )  # fmt: skip
        for _ in range(count)
    )
    client.force_login(moderator)
    client.get("/")  # the review count is cached
    # user, permissions, MFA fact, the count, the page of entries with their targets
    with django_assert_num_queries(5):
        response = client.get(reverse("moderation:log"))
    assert response.status_code == 200
    assert len(response.context["entries"]) == min(count, 50)
