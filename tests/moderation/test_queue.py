"""The review queue: moderators only (both ways), risk then age, the header count, the actions
and what each tells the people involved."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.models import ModerationAction, Post, Thread
from moderation import actions
from moderation.models import ItemKind, ItemOutcome, Report, ReportReason, ReviewItem
from moderation.queue import AlreadyHandled, add_item
from notifications.kinds import Kind
from notifications.models import Notification
from tests.conftest import make_moderator, make_user
from tests.forum.conftest import reply

from .conftest import make_report, open_item

pytestmark = pytest.mark.django_db


def act_url(item, action):
    return reverse("moderation:act", kwargs={"pk": item.pk, "action": action})


@pytest.fixture
def reported(post):
    make_report(post)
    return open_item(f"post:{post.pk}")


def test_members_cannot_see_the_queue_or_act(client, member, reported):
    client.force_login(member)
    for url in [
        reverse("moderation:queue"),
        reverse("moderation:item", args=[reported.pk]),
        reverse("moderation:log"),
    ]:
        assert client.get(url).status_code == 403, url
    response = client.post(act_url(reported, "hide"), {"hide-reason": "Spam"})
    assert response.status_code == 403
    assert not Post.objects.get(pk=reported.post_id).is_hidden
    assert open_item(reported.target_key).is_open


def test_a_moderator_without_two_factor_cannot_review(client, reported):
    from accounts.roles import MODERATORS

    client.force_login(make_user(groups=[MODERATORS], mfa=False))
    assert client.get(reverse("moderation:queue")).status_code == 403


def test_a_moderator_sees_the_queue_with_context(client, moderator, reported, post):
    client.force_login(moderator)
    page = client.get(reverse("moderation:queue"))
    assert page.status_code == 200
    assert "Buy cheap pills" in page.text and post.thread.title in page.text
    assert "1 report: spam or advertising" in page.text
    # The author opened the thread and wrote the reported reply.
    assert "Author's history: 2 posts, 0 hidden, reported 1 time" in page.text


def test_the_queue_is_ordered_by_risk_then_age(client, moderator, thread):
    old, new, crisis = (reply(thread) for _ in range(3))
    make_report(old, reason=ReportReason.SPAM)
    make_report(new, reason=ReportReason.AT_RISK)
    add_item(target=crisis, kind=ItemKind.CRISIS, details={"crisis_kind": "suicide"})
    premoderated = reply(thread)
    add_item(target=premoderated, kind=ItemKind.PREMODERATION)
    older_spam = reply(thread)
    make_report(older_spam, reason=ReportReason.SPAM)
    ReviewItem.objects.filter(target_key=f"post:{older_spam.pk}").update(
        created_at=timezone.now() - timedelta(hours=2)
    )
    client.force_login(moderator)
    items = client.get(reverse("moderation:queue")).context["items"]
    assert [item.post_id for item in items] == [
        crisis.pk, new.pk, older_spam.pk, old.pk, premoderated.pk,
    ]  # fmt: skip


def test_the_header_shows_the_count_to_moderators_only(client, moderator, member, reported):
    client.force_login(member)
    assert "Review <span" not in client.get("/").text
    client.force_login(moderator)
    home = client.get("/").text
    assert 'href="/moderation/queue/"' in home and "1</span>" in home
    make_report(reply(reported.post.thread))
    assert "2</span>" in client.get("/").text  # a new item forgets the cached count


def test_hiding_with_a_reason_resolves_every_report_and_tells_everyone(client, moderator, post):
    first, second = make_user(), make_user()
    make_report(post, reporter=first)
    make_report(post, reporter=second, reason=ReportReason.HARASSMENT)
    item = open_item(f"post:{post.pk}")
    client.force_login(moderator)
    response = client.post(act_url(item, "hide"), {"hide-reason": "Advertising."})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_reason == "Advertising."
    item.refresh_from_db()
    assert (item.outcome, item.closed_by) == (ItemOutcome.HIDDEN, moderator)
    assert not Report.objects.filter(resolved_at=None).exists()
    told = Notification.objects.filter(kind=Kind.REPORT_RESOLVED)
    assert set(told.values_list("recipient", flat=True)) == {first.pk, second.pk}
    assert all("Buy cheap" not in n.title for n in told)
    assert Notification.objects.filter(kind=Kind.POST_HIDDEN, recipient=post.author).exists()
    assert ModerationAction.objects.filter(action="hide", post=post, actor=moderator).count() == 1


def test_hiding_needs_a_reason_and_keeps_the_item(client, moderator, reported):
    client.force_login(moderator)
    response = client.post(act_url(reported, "hide"), {"hide-reason": "   "})
    assert response.status_code == 400
    assert "This field is required" in response.text
    assert open_item(reported.target_key).is_open
    assert not Post.objects.get(pk=reported.post_id).is_hidden


def test_an_oversized_or_hostile_reason_is_refused_and_kept(client, moderator, reported):
    client.force_login(moderator)
    response = client.post(act_url(reported, "hide"), {"hide-reason": "Spam\u202e" + "x" * 600})
    assert response.status_code == 400
    assert "text-direction control character" in response.text
    assert "xxxxxxxxxx" in response.text
    assert not ModerationAction.objects.exists()


def test_dismissing_tells_reporters_and_leaves_the_post(client, moderator, reported):
    client.force_login(moderator)
    client.post(act_url(reported, "dismiss"), {"dismiss-reason": ""})
    assert not Post.objects.get(pk=reported.post_id).is_hidden
    assert Report.objects.get().outcome == "no_action"
    assert Notification.objects.filter(kind=Kind.REPORT_RESOLVED).count() == 1


def test_dismissing_a_report_leaves_a_crisis_hold_in_the_queue(moderator, reported):
    add_item(target=reported.post, kind=ItemKind.CRISIS)
    actions.dismiss(moderator=moderator, item=reported)
    assert ReviewItem.objects.open().get().kind == ItemKind.CRISIS


def test_locking_from_a_reported_post(client, moderator, reported):
    client.force_login(moderator)
    client.post(act_url(reported, "lock"), {"lock-reason": "Heated."})
    assert Thread.objects.get(pk=reported.post.thread_id).is_locked


def test_an_unknown_action_or_an_action_that_does_not_fit_is_refused(client, moderator, author):
    make_report(author, reason=ReportReason.HARASSMENT)
    item = open_item(f"member:{author.pk}")
    client.force_login(moderator)
    assert client.post(act_url(item, "explode"), {}).status_code == 404
    response = client.post(act_url(item, "hide"), {"hide-reason": "No."})
    assert response.status_code == 400 and "does not apply" in response.text
    assert open_item(item.target_key).is_open


def test_two_moderators_on_one_item_one_wins_and_nothing_is_done_twice(moderator, reported):
    other = make_moderator()
    stale = ReviewItem.objects.get(pk=reported.pk)
    actions.hide(moderator=moderator, item=reported, reason="Spam.")
    with pytest.raises(AlreadyHandled):
        actions.hide(moderator=other, item=stale, reason="Also spam.")
    with pytest.raises(AlreadyHandled):
        actions.dismiss(moderator=other, item=stale)
    assert ModerationAction.objects.count() == 1
    assert Post.objects.get(pk=reported.post_id).hidden_reason == "Spam."
    assert Notification.objects.filter(kind=Kind.REPORT_RESOLVED).count() == 1


def test_the_loser_of_a_race_is_told_on_the_page(client, moderator, reported):
    actions.dismiss(moderator=make_moderator(), item=reported)
    client.force_login(moderator)
    response = client.post(act_url(reported, "hide"), {"hide-reason": "Spam."}, follow=True)
    assert "Another moderator has already handled this" in response.text
    assert not Post.objects.get(pk=reported.post_id).is_hidden


def test_the_log_page_lists_actions(client, moderator, reported):
    actions.hide(moderator=moderator, item=reported, reason="Spam <b>here</b>.")
    client.force_login(moderator)
    page = client.get(reverse("moderation:log")).text
    assert "Hid post" in page and "Spam &lt;b&gt;here&lt;/b&gt;." in page
