"""Forum feeds: a room's new threads and a thread's new posts, public rooms only, as a visitor
sees them; autodiscovery links on the pages; fixed query counts."""

from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import posting
from forum.models import Post
from tests.conftest import make_article, make_clinician, make_moderator

from .conftest import add_replies, make_category, make_thread, reply

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(content: bytes) -> list[tuple[str, str]]:
    """(title, description html) of each entry."""
    root = ElementTree.fromstring(content)  # noqa: S314 (our own output)
    if root.tag == "rss":
        return [(i.findtext("title"), i.findtext("description")) for i in root.iter("item")]
    return [
        (e.findtext(f"{ATOM}title"), e.findtext(f"{ATOM}summary") or "")
        for e in root.iter(f"{ATOM}entry")
    ]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_category_feed_lists_new_threads_with_their_opening_post(client, kind):
    room = make_category()
    make_thread(category=room, title="Older <b>one</b>", body="First **words**.")
    make_thread(category=room, title="Newer & better", body="Second.")
    make_thread(title="Elsewhere")
    response = client.get(reverse(f"forum:category-feed-{kind}", args=[room.slug]))
    assert response.status_code == 200
    listed = entries(response.content)
    assert [title for title, _ in listed] == ["Newer & better", "Older <b>one</b>"]
    assert listed[1][1].strip() == "<p>First <strong>words</strong>.</p>"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_thread_feed_lists_readable_posts_newest_first(client, kind):
    thread = make_thread(title="Sleep", body="Opening.")
    kept = reply(thread, body="A <script>x</script> reply.")
    hidden = reply(thread, body="Hidden words.")
    Post.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    removed = reply(thread, body="Removed words.")
    posting.remove_own_post(author=removed.author, post=removed)
    response = client.get(reverse(f"forum:thread-feed-{kind}", args=[thread.pk]))
    listed = entries(response.content)
    assert [title for title, _ in listed] == [
        f"{kept.author.handle} in “Sleep”",
        f"{thread.author.handle} in “Sleep”",
    ]
    assert "<script>" not in listed[0][1] and "reply." in listed[0][1]
    assert not [html for _, html in listed if "Hidden" in html or "Removed" in html]


def test_clinicians_only_rooms_have_no_feed_even_for_clinicians(client):
    room = make_category(clinicians_only=True)
    thread = make_thread(category=room, author=make_clinician())
    for user in (None, make_clinician(), make_moderator()):
        if user:
            client.force_login(user)
        assert client.get(reverse("forum:category-feed-rss", args=[room.slug])).status_code == 404
        assert client.get(reverse("forum:thread-feed-atom", args=[thread.pk])).status_code == 404
    assert client.get(reverse("forum:category-feed-rss", args=["nope"])).status_code == 404
    assert client.get("/forum/threads/999999/feed/rss/").status_code == 404


def test_item_thread_feed_entry_names_the_item(client):
    article = make_article(title="Fish oil & mood")
    thread = posting.ensure_article_thread(article)
    response = client.get(reverse("forum:category-feed-rss", args=[thread.category.slug]))
    assert entries(response.content)[0][1] == "<p>The discussion of “Fish oil &amp; mood”.</p>"


def test_pages_announce_their_feeds_and_closed_rooms_do_not(client):
    thread = make_thread()
    page = client.get(thread.category.get_absolute_url()).text
    assert reverse("forum:category-feed-rss", args=[thread.category.slug]) in page
    assert 'rel="alternate" type="application/atom+xml"' in page
    page = client.get(thread.get_absolute_url()).text
    assert reverse("forum:thread-feed-rss", args=[thread.pk]) in page
    clinician = make_clinician()
    closed = make_thread(category=make_category(clinicians_only=True), author=clinician)
    client.force_login(clinician)
    assert "application/rss+xml" not in client.get(closed.get_absolute_url()).text


@pytest.mark.parametrize("rows", [10, 1000])
def test_feeds_have_a_fixed_query_count(client, django_assert_num_queries, rows):
    thread = make_thread()
    add_replies(thread, rows)
    for _ in range(3):
        make_thread(category=thread.category)
    with django_assert_num_queries(3):  # the room; threads with authors; their opening posts
        client.get(reverse("forum:category-feed-rss", args=[thread.category.slug]))
    with django_assert_num_queries(2):  # the thread; its newest posts with authors
        client.get(reverse("forum:thread-feed-atom", args=[thread.pk]))
