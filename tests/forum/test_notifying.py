"""Who hears of a forum reply: the author replied to, those mentioned, the thread's followers."""

import pytest

from forum.notifying import announce_hidden, announce_reply
from forum.posting import set_category_follow, set_thread_follow
from notifications.kinds import Kind
from notifications.models import Notification
from tests.conftest import make_clinician, make_user
from tests.forum.conftest import make_category, make_thread, reply

pytestmark = pytest.mark.django_db


def heard(kind=None):
    rows = Notification.objects.all()
    if kind:
        rows = rows.filter(kind=kind)
    return sorted(rows.values_list("recipient__handle", flat=True))


def test_the_author_replied_to_hears_once_and_the_replier_not_at_all():
    starter = make_user(handle="starter")
    thread = make_thread(author=starter, title="Tapering slowly")
    first = reply(thread, author=make_user(handle="first_voice"))
    Notification.objects.all().delete()
    answer = reply(thread, parent=first, author=make_user(handle="second_voice"))
    assert heard() == ["first_voice"]
    note = Notification.objects.get()
    assert note.kind == Kind.REPLY_TO_POST
    assert note.url == answer.get_absolute_url()
    assert note.title == "second_voice replied to your post in “Tapering slowly”"
    announce_reply.call(answer.pk)  # the task again (a retry): nobody hears twice
    assert Notification.objects.count() == 1


def test_a_top_level_reply_answers_the_opening_post():
    thread = make_thread(author=make_user(handle="starter"))
    reply(thread, author=make_user(handle="replier"))
    assert heard(Kind.REPLY_TO_POST) == ["starter"]


def test_followers_of_the_thread_and_its_category_hear_once_each_but_not_the_author():
    room = make_category()
    thread = make_thread(category=room, author=make_user(handle="starter"))
    both, thread_only, room_only = (
        make_user(handle="both"),
        make_user(handle="t_only"),
        make_user(handle="r_only"),
    )
    for member in (both, thread_only):
        set_thread_follow(user=member, thread=thread, follow=True)
    for member in (both, room_only):
        set_category_follow(user=member, category=room, follow=True)
    replier = make_user(handle="replier")
    set_thread_follow(user=replier, thread=thread, follow=True)
    reply(thread, author=replier, body="Small steps helped.")
    assert heard(Kind.THREAD_REPLY) == ["both", "r_only", "t_only"]
    assert heard(Kind.REPLY_TO_POST) == ["starter"]


def test_a_mention_reaches_the_member_named_and_not_one_who_cannot_see_the_room():
    lounge = make_category(clinicians_only=True)
    open_room = make_category()
    make_user(handle="night_owl")
    make_user(handle="outsider")
    clinician = make_clinician(handle="dr_day")
    reply(make_thread(category=open_room), body="Thanks @night_owl and @NIGHT_OWL and @nobody_here")
    assert heard(Kind.MENTION) == ["night_owl"]
    Notification.objects.all().delete()
    reply(make_thread(category=lounge, author=clinician), author=make_clinician(),
          body="cc @outsider @dr_day")  # fmt: skip
    assert heard(Kind.MENTION) == []  # dr_day started the thread: told as the one replied to
    assert heard(Kind.REPLY_TO_POST) == ["dr_day"]


def test_a_mention_in_code_is_not_a_mention():
    make_user(handle="decorator")
    reply(make_thread(), body="Use `@decorator` here")
    assert heard(Kind.MENTION) == []


def test_a_post_hidden_before_the_task_runs_is_announced_to_nobody():
    thread = make_thread()
    post = reply(thread)
    Notification.objects.all().delete()
    type(post).objects.filter(pk=post.pk).update(hidden_at=post.created_at)
    assert announce_reply.call(post.pk) == 0
    assert not Notification.objects.exists()


def test_the_title_never_quotes_the_post():
    thread = make_thread(author=make_user())
    reply(thread, body="My private worry about my dose of 50 mg")
    assert "50 mg" not in Notification.objects.get().title


# The reply's own reads and writes (permission facts, the counters, the post, the thread's last
# post, the category's count) plus one: the queued announcement's task row.
REPLY_REQUEST_QUERIES = 12


@pytest.mark.parametrize("followers", [10, 1000])
def test_the_reply_request_costs_the_same_whatever_the_followers(
    settings, followers, django_assert_num_queries
):
    from accounts.models import User
    from forum.models import ThreadFollow

    thread = make_thread()
    User.objects.bulk_create(
        User(email=f"f{n}@example.com", handle=f"follower_{n}", handle_key=f"follower_{n}")
        for n in range(followers)
    )
    ThreadFollow.objects.bulk_create(
        ThreadFollow(user=user, thread=thread)
        for user in User.objects.filter(handle__startswith="follower_")
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    author = make_user()
    with django_assert_num_queries(REPLY_REQUEST_QUERIES):
        reply(thread, author=author, body="Hello all")
    assert not Notification.objects.exists()  # all of it waits for the worker


def test_the_author_of_a_hidden_post_is_told():
    post = reply(make_thread(), author=make_user(handle="writer"))
    Notification.objects.all().delete()
    announce_hidden(post)
    assert heard(Kind.POST_HIDDEN) == ["writer"]
