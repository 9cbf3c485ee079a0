"""Who may do what: every forum action for anonymous, author, other member, clinician and
moderator, through the real URLs (login redirect, 200/302, 403 or 404)."""

import uuid

import pytest
from django.urls import reverse

from forum.models import ModerationAction, Post, Thread
from tests.conftest import make_clinician, make_moderator, make_user
from tests.forum.conftest import make_category, make_thread, reply

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "author", "member", "clinician", "moderator")
LOGIN, OK, DENIED, MISSING = "login", "ok", 403, 404


def _request(client, action, thread, post):
    url = {
        "reply": reverse("forum:thread-reply", kwargs={"pk": thread.pk}),
        "reply_to_post": reverse("forum:post-reply", kwargs={"pk": post.pk}),
        "edit": reverse("forum:post-edit", kwargs={"pk": post.pk}),
        "remove": reverse("forum:post-remove", kwargs={"pk": post.pk}),
        "react": reverse("forum:post-react", kwargs={"pk": post.pk, "kind": "support"}),
        "follow": reverse("forum:thread-follow", kwargs={"pk": thread.pk}),
        "pin": reverse("forum:thread-pin", kwargs={"pk": thread.pk}),
        "lock": reverse("forum:thread-lock", kwargs={"pk": thread.pk}),
        "move": reverse("forum:thread-move", kwargs={"pk": thread.pk}),
        "hide": reverse("forum:post-hide", kwargs={"pk": post.pk}),
        "history": reverse("forum:post-history", kwargs={"pk": post.pk}),
        "moderation_log": reverse("forum:moderation-log"),
        "new_thread": reverse("forum:thread-new"),
    }[action]
    if action in {"reply", "reply_to_post"}:
        return client.post(url, {"body": "Hello there", "submission_token": str(uuid.uuid4())})
    if action in {"react", "follow", "pin"}:
        return client.post(url, {"follow": "1", "pinned": "1"})
    return client.get(url)


MATRIX = {
    # action:          anonymous, author, member, clinician, moderator
    "reply": (LOGIN, OK, OK, OK, OK),
    "reply_to_post": (LOGIN, OK, OK, OK, OK),
    "edit": (LOGIN, OK, DENIED, DENIED, DENIED),
    "remove": (LOGIN, OK, DENIED, DENIED, DENIED),
    "react": (LOGIN, DENIED, OK, OK, OK),
    "follow": (LOGIN, OK, OK, OK, OK),
    "new_thread": (LOGIN, OK, OK, OK, OK),
    "pin": (LOGIN, DENIED, DENIED, DENIED, OK),
    "lock": (LOGIN, DENIED, DENIED, DENIED, OK),
    "move": (LOGIN, DENIED, DENIED, DENIED, OK),
    "hide": (LOGIN, DENIED, DENIED, DENIED, OK),
    "history": (LOGIN, DENIED, DENIED, DENIED, OK),
    "moderation_log": (LOGIN, DENIED, DENIED, DENIED, OK),
}


def _user(role, author):
    return {
        "anonymous": lambda: None,
        "author": lambda: author,
        "member": make_user,
        "clinician": make_clinician,
        "moderator": make_moderator,
    }[role]()


def _outcome(response):
    if response.status_code == 302 and response["Location"].startswith("/accounts/login/"):
        return LOGIN
    if response.status_code in {200, 301, 302}:
        return OK
    return response.status_code


@pytest.mark.parametrize("action", MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, action, role):
    author = make_user()
    thread = make_thread(author=author)
    post = reply(thread, author=author, body="My experience so far")
    user = _user(role, author)
    if user is not None:
        client.force_login(user)
    expected = MATRIX[action][ROLES.index(role)]
    assert _outcome(_request(client, action, thread, post)) == expected


@pytest.mark.parametrize("role", ROLES)
def test_clinicians_only_rooms_do_not_exist_for_anyone_else(client, role):
    lounge = make_category(name="Clinicians' lounge", clinicians_only=True)
    thread = make_thread(category=lounge, author=make_clinician())
    post = reply(thread, author=make_clinician())
    user = _user(role, make_user())
    if user is not None:
        client.force_login(user)
    sees = role in {"clinician", "moderator"}
    urls = [
        lounge.get_absolute_url(),
        thread.get_absolute_url(),
        post.get_absolute_url(),
        reverse("forum:continue", kwargs={"pk": post.pk}),
    ]
    for url in urls:
        assert client.get(url).status_code == (302 if url == urls[2] and sees else
                                               200 if sees else 404), url  # fmt: skip
    index = client.get(reverse("forum:index")).text
    assert (lounge.name.replace("'", "&#x27;") in index) == sees
    if role in {"author", "member"}:
        reply_url = reverse("forum:post-reply", kwargs={"pk": post.pk})
        response = client.post(reply_url, {"body": "Hi", "submission_token": str(uuid.uuid4())})
        assert response.status_code == 404
        react_url = reverse("forum:post-react", kwargs={"pk": post.pk, "kind": "helpful"})
        assert client.post(react_url).status_code == 404


def test_members_with_an_unverified_email_may_read_but_not_post(client, thread):
    client.force_login(make_user(verified=False))
    assert client.get(thread.get_absolute_url()).status_code == 200
    url = reverse("forum:thread-reply", kwargs={"pk": thread.pk})
    response = client.post(url, {"body": "Hi", "submission_token": str(uuid.uuid4())})
    assert response.status_code == 403
    assert client.get(reverse("forum:thread-new")).status_code == 403
    assert Post.objects.filter(thread=thread).count() == 1


def test_nobody_replies_to_a_locked_thread_and_the_box_is_gone(client, thread, member):
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    client.force_login(member)
    page = client.get(thread.get_absolute_url()).text
    assert "This thread is locked." in page and "Reply to the thread" not in page
    url = reverse("forum:thread-reply", kwargs={"pk": thread.pk})
    response = client.post(url, {"body": "Hi", "submission_token": str(uuid.uuid4())})
    assert response.status_code == 403


def test_hidden_posts_show_a_placeholder_to_members_and_the_text_to_moderators(client, thread):
    post = reply(thread, body="Something a moderator hid")
    moderator = make_moderator()
    client.force_login(moderator)
    client.post(reverse("forum:post-hide", kwargs={"pk": post.pk}), {"reason": "Personal details"})
    assert ModerationAction.objects.get().reason == "Personal details"
    assert "Something a moderator hid" in client.get(thread.get_absolute_url()).text
    client.force_login(make_user())
    page = client.get(thread.get_absolute_url()).text
    assert "Hidden by a moderator." in page and "Something a moderator hid" not in page
