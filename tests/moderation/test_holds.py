"""Held posts in the queue: a crisis hold first of all, moderators alerted without the words,
approve and edit from the queue, and the queue kept in step with what the forum does."""

import pytest
from django.urls import reverse

from forum import moderation as forum_moderation
from forum import signals as forum_signals
from forum.models import Post
from moderation import actions
from moderation.models import ItemKind, ItemOutcome, ReviewItem
from notifications.kinds import Kind
from notifications.models import Notification
from tests.conftest import make_moderator, make_user
from tests.forum.conftest import reply

from .conftest import make_report, open_item

pytestmark = pytest.mark.django_db
CRISIS = "I want to kill myself tonight, I have the pills ready"


@pytest.fixture
def held(thread, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post = reply(thread, author=make_user(), body=CRISIS)
    assert Post.objects.get(pk=post.pk).held_at is not None
    return Post.objects.select_related("thread", "author").get(pk=post.pk)


def test_a_crisis_post_is_first_in_the_queue_and_moderators_are_alerted(
    client, moderator, thread, held, mailoutbox
):
    make_report(reply(thread), reason="at_risk")  # even a report that someone is at risk
    client.force_login(moderator)
    items = client.get(reverse("moderation:queue")).context["items"]
    assert items[0].post_id == held.pk and items[0].kind == ItemKind.CRISIS
    alerts = Notification.objects.filter(kind=Kind.CRISIS_HOLD)
    assert moderator.pk in set(alerts.values_list("recipient", flat=True))
    assert all("kill" not in alert.title and "pills" not in alert.title for alert in alerts)
    for email in mailoutbox:
        assert "kill myself" not in email.body and "pills" not in email.body


def test_a_moderator_who_opts_in_gets_an_email_without_the_words(
    thread, django_capture_on_commit_callbacks, mailoutbox
):
    from notifications.preferences import save_preferences

    opted_in = make_moderator(email="on.duty@example.com")
    save_preferences(user_id=opted_in.pk, choices={Kind.CRISIS_HOLD: (True, "immediately")})
    make_moderator(email="off.duty@example.com")  # default: in the app only
    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, author=make_user(), body=CRISIS)
    recipients = [address for email in mailoutbox for address in email.to]
    assert recipients == ["on.duty@example.com"]
    body = mailoutbox[0].body + mailoutbox[0].subject
    assert "kill myself" not in body and "pills" not in body and "crisis review" in body


def test_approving_from_the_queue_publishes_and_tells_the_author(
    moderator, held, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.approve(moderator=moderator, item=open_item(f"post:{held.pk}"), reason="Supported")
    assert Post.objects.get(pk=held.pk).held_at is None
    assert Notification.objects.filter(recipient=held.author, kind=Kind.POST_APPROVED).exists()
    assert not ReviewItem.objects.open().exists()


def test_approving_elsewhere_takes_the_hold_out_of_the_queue(
    held, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        forum_moderation.approve_post(moderator=make_moderator(), post=held)
    assert ReviewItem.objects.get().outcome == ItemOutcome.APPROVED


def test_editing_a_held_post_keeps_it_waiting(client, moderator, held):
    item = open_item(f"post:{held.pk}")
    client.force_login(moderator)
    page = client.get(reverse("moderation:item", args=[item.pk])).text
    assert "Approve" in page and "Edit with reason" in page
    response = client.post(
        reverse("moderation:act", args=[item.pk, "edit"]),
        {"edit-body": "I am struggling tonight.", "edit-reason": "Removed method details."},
    )
    assert response.status_code == 302
    post = Post.objects.get(pk=held.pk)
    assert post.body == "I am struggling tonight." and post.held_at is not None
    assert open_item(item.target_key).is_open


def test_hiding_from_the_thread_page_closes_the_queue_items(
    moderator, post, django_capture_on_commit_callbacks
):
    make_report(post)
    with django_capture_on_commit_callbacks(execute=True):
        forum_moderation.hide_post(moderator=moderator, post=post, reason="Spam")
    assert not ReviewItem.objects.open().exists()


def test_a_post_published_with_identifiers_joins_the_queue(post):
    forum_signals.post_published_with_identifiers.send(sender=Post, post=post, kinds=["phone"])
    item = open_item(f"post:{post.pk}")
    assert (item.kind, item.details["kinds"]) == (ItemKind.IDENTIFIERS, ["phone"])


def test_a_held_post_is_not_readable_through_the_report_form(client, member, held):
    client.force_login(member)
    response = client.get(reverse("moderation:report", args=["post", held.pk]))
    assert response.status_code == 404 and "kill myself" not in response.text
