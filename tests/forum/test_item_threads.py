"""An item's discussion as the item page shows it."""

import pytest

from forum.posting import ensure_article_thread
from tests.conftest import make_article, make_user
from tests.forum.conftest import reply

pytestmark = pytest.mark.django_db


def test_the_item_page_links_its_discussion_with_the_live_reply_count(client):
    article = make_article()
    thread = ensure_article_thread(article)
    reply(thread, author=make_user(), body="Thank you for this.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{thread.get_absolute_url()}"' in html  # the thread's own address
    assert "1 reply" in html


def test_a_reply_refreshes_the_readers_cached_item_page(client):
    article = make_article()
    thread = ensure_article_thread(article)
    before = client.get(article.get_absolute_url()).content.decode()  # anonymous: now cached
    assert "1 reply" not in before
    reply(thread, author=make_user(), body="Thank you for this.")
    after = client.get(article.get_absolute_url()).content.decode()
    assert "1 reply" in after
