"""Editing a post is screened as posting is: personal details are warned of (text kept, "Post
anyway"), words of danger hold the post for a moderator, with the crisis lines shown."""

import re

import pytest
from django.urls import reverse

from forum import moderation, signals
from forum.models import Category, Post, Thread, segment
from tests.conftest import make_moderator, make_user
from tests.forum.conftest import reply

pytestmark = pytest.mark.django_db

PHONE = "Thanks all. Call me on 07700 900123 if you can help."
CRISIS = "I can't go on, I want to kill myself tonight."


@pytest.fixture
def heard_held():
    heard = []
    signals.post_held.connect(
        lambda sender, signal, **kw: heard.append(kw), dispatch_uid="test-edit-held", weak=False
    )
    yield heard
    signals.post_held.disconnect(dispatch_uid="test-edit-held")


def _edit(client, post, body, **extra):
    url = reverse("forum:post-edit", kwargs={"pk": post.pk})
    return client.post(url, {"body": body, "version": post.version, **extra})


def test_a_clean_edit_is_published(client, thread, member):
    post = reply(thread, author=member)
    client.force_login(member)
    response = _edit(client, post, "Thank you, this helped a lot.")
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "Thank you, this helped a lot." and not post.is_held


def test_an_edit_adding_a_phone_number_is_warned_and_kept_not_saved(client, thread, member):
    post = reply(thread, author=member)
    client.force_login(member)
    response = _edit(client, post, PHONE)
    assert response.status_code == 200
    assert 'id="identifier-warning"' in response.text and "Post anyway" in response.text
    assert re.search(r"<textarea[^>]*>\s*Thanks all\. Call me", response.text)
    post.refresh_from_db()
    assert post.body == "Thank you for sharing this."


def test_saving_anyway_publishes_the_edit_and_tells_the_moderators(
    client, thread, member, django_capture_on_commit_callbacks
):
    post = reply(thread, author=member)
    heard = []
    signals.post_published_with_identifiers.connect(
        lambda sender, signal, **kw: heard.append(kw), dispatch_uid="test-edit-ids", weak=False
    )
    try:
        client.force_login(member)
        with django_capture_on_commit_callbacks(execute=True):
            response = _edit(client, post, PHONE, post_anyway="1")
    finally:
        signals.post_published_with_identifiers.disconnect(dispatch_uid="test-edit-ids")
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == PHONE and not post.is_held
    assert heard == [{"post": post, "kinds": ["phone"]}]


def test_an_edit_adding_words_of_danger_holds_the_reply(
    client, thread, member, heard_held, django_capture_on_commit_callbacks
):
    post = reply(thread, author=make_user())
    thread.refresh_from_db()
    replies, posts = thread.reply_count, Category.objects.get(pk=thread.category_id).post_count
    client.force_login(post.author)
    with django_capture_on_commit_callbacks(execute=True):
        response = _edit(client, post, CRISIS + " " + PHONE)  # help first: no warning
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.is_held and post.hold_reason == "crisis"
    assert [kw["post"].pk for kw in heard_held] == [post.pk]
    thread.refresh_from_db()
    assert thread.reply_count == replies - 1
    assert Category.objects.get(pk=thread.category_id).post_count == posts - 1
    # The writer sees the crisis lines on the thread; nobody else sees the post.
    page = client.get(response.url, follow=True).text
    assert 'id="crisis-resources"' in page and "waiting for a moderator" in page
    client.force_login(member)
    assert "kill myself" not in client.get(thread.get_absolute_url()).text
    assert client.get(reverse("forum:post", kwargs={"pk": post.pk})).status_code == 404
    # Approved, it is counted again, once.
    moderation.approve_post(moderator=make_moderator(), post=post)
    thread.refresh_from_db()
    assert thread.reply_count == replies
    assert "kill myself" in client.get(thread.get_absolute_url()).text


def test_an_edit_of_the_opening_post_adding_words_of_danger_holds_its_thread(
    client, thread, member, heard_held, django_capture_on_commit_callbacks
):
    opening = Post.objects.get(thread=thread, path=segment(0))
    threads = Category.objects.get(pk=thread.category_id).thread_count
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        _edit(client, opening, CRISIS)
    assert Thread.objects.get(pk=thread.pk).held_at is not None
    assert Category.objects.get(pk=thread.category_id).thread_count == threads - 1
    assert len(heard_held) == 1
    client.force_login(make_user())
    assert client.get(thread.get_absolute_url()).status_code == 404


def test_preview_of_an_edit_shows_the_crisis_lines_and_saves_nothing(client, thread, member):
    post = reply(thread, author=member)
    client.force_login(member)
    response = _edit(client, post, CRISIS, preview="1")
    assert response.status_code == 200 and 'id="crisis-resources"' in response.text
    post.refresh_from_db()
    assert post.body == "Thank you for sharing this." and not post.is_held
