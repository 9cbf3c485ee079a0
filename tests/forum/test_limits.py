"""Limits on posting: rate limits (429, the message by the form, the text kept), the honeypot
and the identical-post check. Limits are off in test settings; these tests switch them on."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse

from forum.models import Post, Reaction
from tests.conftest import make_user
from tests.forum.conftest import make_thread, reply

pytestmark = pytest.mark.django_db

REPLY_LIMIT = {"reply": [(6, 10, "user")]}


def _form(client, url):
    return {"submission_token": client.get(url).context["form"].initial["submission_token"]}


@override_settings(RATE_LIMITS=REPLY_LIMIT)
def test_a_seventh_reply_in_ten_seconds_is_refused_with_the_text_kept(client, thread):
    client.force_login(make_user())
    url = reverse("forum:thread-reply", kwargs={"pk": thread.pk})
    for n in range(6):
        response = client.post(url, {**_form(client, url), "body": f"Reply number {n}"})
        assert response.status_code == 302
    response = client.post(url, {**_form(client, url), "body": "The seventh, kept for later"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "several replies" in response.text and 'role="alert"' in response.text
    assert "The seventh, kept for later</textarea>" in response.text
    assert Post.objects.filter(thread=thread).count() == 7  # the opening post and six


@override_settings(RATE_LIMITS={"thread": [(1, 60, "user")]})
def test_threads_are_limited_too(client, category):
    client.force_login(make_user())
    url = reverse("forum:thread-new")
    data = {"category": category.pk, "body": "What helped you sleep?"}
    assert client.post(url, {**_form(client, url), **data, "title": "Sleep one"}).status_code == 302
    response = client.post(url, {**_form(client, url), **data, "title": "Sleep two"})
    assert response.status_code == 429 and 'value="Sleep two"' in response.text


@override_settings(RATE_LIMITS={"react": [(2, 60, "user")]})
def test_reactions_are_limited(client, thread):
    client.force_login(make_user())
    post = Post.objects.get(thread=thread)
    for kind in ("helpful", "thanks"):
        url = reverse("forum:post-react", kwargs={"pk": post.pk, "kind": kind})
        assert client.post(url).status_code == 302
    url = reverse("forum:post-react", kwargs={"pk": post.pk, "kind": "support"})
    response = client.post(url)
    assert response.status_code == 429 and "reacted many times" in response.text
    assert Reaction.objects.count() == 2


def test_a_filled_honeypot_writes_nothing(client, thread):
    client.force_login(make_user())
    url = reverse("forum:thread-reply", kwargs={"pk": thread.pk})
    page = client.get(url).text
    assert 'name="website"' in page and 'tabindex="-1"' in page
    data = {**_form(client, url), "body": "Buy cheap pills", "website": "http://spam.example"}
    response = client.post(url, data)
    assert response.status_code == 200 and "meant to stay empty" in response.text
    assert Post.objects.filter(thread=thread).count() == 1


def test_the_same_text_twice_within_minutes_is_refused(client, thread):
    member = make_user()
    client.force_login(member)
    url = reverse("forum:thread-reply", kwargs={"pk": thread.pk})
    body = "Has anyone tried the new inhaler?"
    assert client.post(url, {**_form(client, url), "body": body}).status_code == 302
    response = client.post(url, {**_form(client, url), "body": body})
    assert response.status_code == 200 and "You posted exactly this" in response.text
    assert f"{body}</textarea>" in response.text
    assert Post.objects.filter(author=member).count() == 1
    # The same form sent twice is not a repeat: it is the same post.
    again = _form(client, url)
    client.post(url, {**again, "body": "Another question"})
    assert client.post(url, {**again, "body": "Another question"}).status_code == 302
    assert Post.objects.filter(author=member).count() == 2
    # Later, the same words are welcome again.
    Post.objects.filter(author=member).update(created_at=Post.objects.get(body=body).created_at
                                              - timedelta(minutes=11))  # fmt: skip
    assert client.post(url, {**_form(client, url), "body": body}).status_code == 302


def test_other_members_may_say_the_same(thread):
    reply(thread, author=make_user(), body="Thank you")
    reply(thread, author=make_user(), body="Thank you")
    assert Post.objects.filter(body="Thank you").count() == 2


def test_a_repeated_thread_is_refused(category):
    from forum.posting import RepeatedPost

    member = make_user()
    make_thread(category=category, author=member, body="Same words")
    with pytest.raises(RepeatedPost):
        make_thread(category=category, author=member, body="Same words")
