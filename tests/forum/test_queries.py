"""Each forum page costs the same number of queries for few rows and for many."""

import re

import pytest
from django.urls import reverse

from forum.models import Thread
from tests.conftest import make_user
from tests.forum.conftest import make_category, make_thread

pytestmark = pytest.mark.django_db

# Anonymous: the thread with its category and item, the posts of the page with their authors.
# The first view of a post also reads its body to cook the fragment (forum/rendering.py).
ANONYMOUS_THREAD_PAGE = 2
COOKING = 1
# Signed in (the session comes from the cache): user, permissions (menu roles and the moderator
# check), the email-verified fact, the thread with the viewer's last visit and follow, the posts
# with the viewer's reactions, the visit upsert. The header bell's unread count costs one more on
# a member's first page, none once it is cached.
MEMBER_THREAD_PAGE = 6
BELL = 1


@pytest.mark.parametrize("replies", [10, 1000])
def test_thread_page_query_count_is_fixed_for_readers(client, replies, django_assert_num_queries):
    thread = make_thread(replies=replies)
    with django_assert_num_queries(ANONYMOUS_THREAD_PAGE + COOKING):
        cold = client.get(thread.get_absolute_url())
    with django_assert_num_queries(ANONYMOUS_THREAD_PAGE):
        warm = client.get(thread.get_absolute_url())
    assert cold.status_code == warm.status_code == 200
    assert warm.text.count('class="post-node"') == min(replies, 100) + 1
    # The page made from cooked fragments is the page cooked on the spot (but for the nonce).
    nonce = re.compile(r'nonce="[^"]*"')
    assert nonce.sub("", warm.text) == nonce.sub("", cold.text)


@pytest.mark.parametrize("replies", [10, 1000])
def test_thread_page_query_count_is_fixed_for_members(client, replies, django_assert_num_queries):
    thread = make_thread(replies=replies)
    client.force_login(make_user())
    url = thread.get_absolute_url() + ("?page=2" if replies > 100 else "")
    with django_assert_num_queries(MEMBER_THREAD_PAGE + COOKING + BELL):
        response = client.get(url)
    assert response.status_code == 200
    with django_assert_num_queries(MEMBER_THREAD_PAGE):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("threads", [3, 300])
def test_category_page_query_count_is_fixed(client, threads, django_assert_num_queries):
    category = make_category()
    make_thread(category=category, replies=3)
    for _ in range(threads - 1):
        make_thread(category=category)
    client.force_login(make_user())
    # user, groups (menu roles), email fact, category, follow check, count, threads, the bell
    with django_assert_num_queries(8):
        response = client.get(category.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["threads"]) == min(threads, 30)


@pytest.mark.parametrize("threads", [3, 300])
def test_category_page_for_anonymous_readers(client, threads, django_assert_num_queries):
    category = make_category()
    for _ in range(threads):
        make_thread(category=category)
    with django_assert_num_queries(3):  # category, count, threads
        assert client.get(category.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("categories", [2, 40])
def test_index_query_count_is_fixed(client, categories, django_assert_num_queries):
    for _ in range(categories):
        make_thread(category=make_category())
    with django_assert_num_queries(1):
        response = client.get(reverse("forum:index"))
    assert response.text.count('class="card"') >= categories


@pytest.mark.parametrize("followed", [2, 60])
def test_following_page_query_count_is_fixed(client, followed, django_assert_num_queries):
    member = make_user()
    room = make_category()
    for _ in range(followed):
        make_thread(category=room)
    from forum.posting import set_category_follow

    set_category_follow(user=member, category=room, follow=True)
    client.force_login(member)
    with django_assert_num_queries(5):  # user, groups (menu roles), count, threads, bell
        response = client.get(reverse("forum:following"))
    assert len(response.context["threads"]) == min(followed, 30)
    assert Thread.objects.count() == followed


@pytest.mark.parametrize("member", [False, True])
@pytest.mark.parametrize("replies", [10, 1000])
def test_continue_page_query_count_is_fixed(client, replies, member, django_assert_num_queries):
    from forum.models import Post
    from forum.tree import READABLE_DEPTH
    from tests.forum.conftest import reply

    thread = make_thread()
    anchor = None
    for _ in range(READABLE_DEPTH):
        anchor = reply(thread, parent=anchor)
    for _ in range(replies):
        reply(thread, parent=anchor, body="Deep")
    url = reverse("forum:continue", kwargs={"pk": anchor.pk})
    if member:
        client.force_login(make_user())
    # the root post with thread, item, the viewer's visit and follow; the window (with the
    # viewer's reactions); a member adds user, permissions, email fact, the visit upsert (and the
    # bell's count on the first view); the first view also reads the posts' bodies to cook them
    # (forum/rendering.py)
    with django_assert_num_queries((6 + BELL if member else 2) + COOKING):
        client.get(url)
    with django_assert_num_queries(6 if member else 2):
        response = client.get(url)
    assert response.text.count('class="post-node"') == min(replies, 20) + 1
    assert Post.objects.filter(parent=anchor).count() == replies
