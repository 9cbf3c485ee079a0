import pytest

from accounts import demo as accounts_demo
from forum import demo
from forum.models import Category, Post, Thread
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_again_changes_nothing():
    accounts_demo.load()
    article = make_article()
    demo.load()
    counts = (Category.objects.count(), Thread.objects.count(), Post.objects.count())
    demo.load()
    assert (Category.objects.count(), Thread.objects.count(), Post.objects.count()) == counts
    assert article.thread.reply_count == 3
    assert Category.objects.get(slug="clinicians-lounge").clinicians_only


def test_demo_without_members_or_items_does_nothing_harmful():
    demo.load()
    assert not Thread.objects.exists()
