"""Posts held for a moderator: readable by their author and moderators only, everywhere, until
approved; approving makes them public as if just posted, with the counts right."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from forum import moderation, posting, signals
from forum.integration import profile_stats
from forum.models import Category, ModerationAction, ModerationActionKind, Post, Thread
from notifications.kinds import Kind
from notifications.models import Notification
from search.query import search
from tests.conftest import make_moderator, make_user
from tests.forum.conftest import make_thread, reply

pytestmark = pytest.mark.django_db

CRISIS = "I want to kill myself tonight. I have the pills ready."


@pytest.fixture
def heard_signals():
    heard = []

    def receiver(signal, sender, **kwargs):
        heard.append((signal, kwargs))

    for signal in (signals.post_held, signals.post_approved, signals.post_hidden):
        signal.connect(receiver, dispatch_uid=f"test-{id(signal)}")
    yield heard
    for signal in (signals.post_held, signals.post_approved, signals.post_hidden):
        signal.disconnect(dispatch_uid=f"test-{id(signal)}")


def _held_reply(thread, writer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return reply(thread, author=writer, body=CRISIS)


def test_a_crisis_reply_is_held_and_not_counted(
    thread, member, heard_signals, django_capture_on_commit_callbacks
):
    writer = make_user(handle="writer")
    post = _held_reply(thread, writer, django_capture_on_commit_callbacks)
    assert post.is_held and post.hold_reason == "crisis" and post.crisis_kind == "suicide"
    thread.refresh_from_db()
    assert thread.reply_count == 0 and thread.last_post.is_opening
    assert Category.objects.get(pk=thread.category_id).post_count == 1  # the opening post
    # The thread's author hears nothing of it; the writer hears it waits, without its words.
    assert not Notification.objects.filter(recipient=member).exists()
    held = Notification.objects.get(recipient=writer)
    assert held.kind == Kind.POST_HELD and "pills" not in held.title
    assert heard_signals == [
        (signals.post_held, {"post": post, "reason": "crisis", "crisis_kind": "suicide"})
    ]


def test_a_held_reply_is_readable_only_by_its_author_and_moderators(
    client, thread, django_capture_on_commit_callbacks
):
    writer = make_user()
    post = _held_reply(thread, writer, django_capture_on_commit_callbacks)
    url = thread.get_absolute_url()
    for stranger in (None, make_user()):
        client.logout()
        if stranger:
            client.force_login(stranger)
        page = client.get(url).text
        assert "pills" not in page and f'id="post-{post.pk}"' not in page
        assert client.get(reverse("forum:post", kwargs={"pk": post.pk})).status_code == 404
        assert client.get(reverse("forum:post-reply", kwargs={"pk": post.pk})).status_code in (
            302,  # the visitor is sent to log in
            404,
        )
    client.force_login(writer)
    page = client.get(url).text
    assert "pills" in page and "Waiting for a moderator" in page
    assert 'id="crisis-resources"' in page and "988" in page  # the resources, above the post
    client.force_login(make_moderator())
    page = client.get(url).text
    assert "pills" in page and "Held for review" in page
    assert reverse("forum:post-approve", kwargs={"pk": post.pk}) in page
    assert 'id="crisis-resources"' not in page  # the panel is for the writer


def test_held_posts_stay_out_of_feeds_search_and_profile_counts(
    client, thread, django_capture_on_commit_callbacks
):
    writer = make_user()
    _held_reply(thread, writer, django_capture_on_commit_callbacks)
    feed = client.get(reverse("forum:thread-feed-rss", kwargs={"pk": thread.pk})).text
    assert "pills" not in feed
    assert search("pills", viewer=AnonymousUser()).total == 0
    assert search("pills", viewer=make_user()).total == 0
    assert search("pills", viewer=writer).total == 1  # their own words
    assert search("pills", viewer=make_moderator()).total == 1
    assert profile_stats(None, user=writer)["Forum posts"] == 0


def test_a_crisis_thread_is_held_whole(client, category, django_capture_on_commit_callbacks):
    writer = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        thread = make_thread(category=category, author=writer, title="Tonight", body=CRISIS)
    assert thread.held_at is not None
    category.refresh_from_db()
    assert (category.thread_count, category.post_count) == (0, 0)
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert thread.title not in client.get(category.get_absolute_url()).text
    client.force_login(make_user())
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert search("Tonight", viewer=make_user()).total == 0
    client.force_login(writer)
    assert client.get(thread.get_absolute_url()).status_code == 200
    assert thread.title in client.get(category.get_absolute_url()).text
    with pytest.raises(PermissionDenied):  # nobody replies until a moderator has looked
        reply(thread, author=writer)


def test_approving_makes_the_reply_public_as_if_just_posted(
    client, thread, member, heard_signals, django_capture_on_commit_callbacks
):
    moderator = make_moderator()
    post = _held_reply(thread, make_user(), django_capture_on_commit_callbacks)
    heard_signals.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approved = moderation.approve_post(moderator=moderator, post=post, reason="Reached out")
        moderation.approve_post(moderator=moderator, post=post)  # twice: counted once
    assert not approved.is_held and approved.created_at > post.created_at
    thread.refresh_from_db()
    assert thread.reply_count == 1 and thread.last_post_id == post.pk
    assert Category.objects.get(pk=thread.category_id).post_count == 2
    # Now it is announced like any reply: the thread's author hears of it.
    assert Notification.objects.filter(recipient=member, kind=Kind.REPLY_TO_POST).exists()
    assert [s for s, _ in heard_signals] == [signals.post_approved]
    entry = ModerationAction.objects.get(action=ModerationActionKind.APPROVE)
    assert entry.reason == "Reached out" and entry.post_id == post.pk
    client.force_login(make_user())
    assert "pills" in client.get(thread.get_absolute_url()).text
    assert search("pills", viewer=AnonymousUser()).total == 1


def test_approving_a_thread_opens_it(category, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        thread = make_thread(category=category, body=CRISIS)
    opening = Post.objects.get(thread=thread)
    moderation.approve_post(moderator=make_moderator(), post=opening)
    category.refresh_from_db()
    assert (category.thread_count, category.post_count) == (1, 1)
    assert Thread.objects.visible_to(AnonymousUser()).filter(pk=thread.pk).exists()


def test_hiding_a_held_post_then_approving_keeps_the_counts(
    thread, django_capture_on_commit_callbacks
):
    moderator = make_moderator()
    post = _held_reply(thread, make_user(), django_capture_on_commit_callbacks)
    moderation.hide_post(moderator=moderator, post=post, reason="Not for the forum")
    moderation.approve_post(moderator=moderator, post=post)
    thread.refresh_from_db()
    assert thread.reply_count == 0
    moderation.restore_post(moderator=moderator, post=post, reason="")
    thread.refresh_from_db()
    assert thread.reply_count == 1


def test_only_moderators_approve(client, thread, django_capture_on_commit_callbacks):
    writer = make_user()
    post = _held_reply(thread, writer, django_capture_on_commit_callbacks)
    with pytest.raises(PermissionDenied):
        moderation.approve_post(moderator=writer, post=post)
    client.force_login(writer)
    url = reverse("forum:post-approve", kwargs={"pk": post.pk})
    assert client.post(url).status_code == 403
    client.force_login(make_moderator())
    assert client.post(url, {"reason": ""}).status_code == 302
    assert not Post.objects.get(pk=post.pk).is_held


def test_nobody_reacts_to_or_answers_a_held_post(
    client, thread, django_capture_on_commit_callbacks
):
    post = _held_reply(thread, make_user(), django_capture_on_commit_callbacks)
    moderator = make_moderator()
    with pytest.raises(PermissionDenied):
        posting.toggle_reaction(user=moderator, post=post, kind="support")
    with pytest.raises(PermissionDenied):
        reply(thread, author=moderator, parent=post)


def test_moderators_posts_are_not_held(thread):
    post = reply(thread, author=make_moderator(), body=CRISIS)
    assert not post.is_held


def test_a_moderator_edit_keeps_the_old_text_and_the_reason(thread):
    moderator = make_moderator()
    post = reply(thread, body="Call me on 07700 900123")
    with pytest.raises(moderation.ModerationError):
        moderation.edit_post_as_moderator(moderator=moderator, post=post, body="Hi", reason=" ")
    with pytest.raises(PermissionDenied):
        moderation.edit_post_as_moderator(moderator=make_user(), post=post, body="x", reason="y")
    edited = moderation.edit_post_as_moderator(
        moderator=moderator, post=post, body="Call me (number removed)", reason="Phone number"
    )
    assert edited.body == "Call me (number removed)" and "removed" in edited.body_html
    assert edited.version == 2 and post.revisions.get().body == "Call me on 07700 900123"
    entry = ModerationAction.objects.get(action=ModerationActionKind.EDIT)
    assert entry.reason == "Phone number" and entry.target_user_id == post.author_id


def test_hiding_is_signalled_after_commit(
    thread, heard_signals, django_capture_on_commit_callbacks
):
    post = reply(thread)
    moderator = make_moderator()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_post(moderator=moderator, post=post, reason="Spam")
    assert [(s, k["reason"]) for s, k in heard_signals] == [(signals.post_hidden, "Spam")]


def test_the_writer_is_told_kindly_on_submitting(client, thread):
    writer = make_user()
    client.force_login(writer)
    form = client.get(reverse("forum:thread-reply", kwargs={"pk": thread.pk})).context["form"]
    response = client.post(
        reverse("forum:thread-reply", kwargs={"pk": thread.pk}),
        {"body": CRISIS, "submission_token": form.initial["submission_token"], "post": "1"},
        follow=True,
    )
    assert response.status_code == 200
    assert "waiting for a moderator" in response.text
    assert 'id="crisis-resources"' in response.text
    assert response.text.index('id="crisis-resources"') < response.text.index('id="main"')
