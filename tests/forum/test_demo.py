import pytest

from accounts import demo as accounts_demo
from articles import demo as articles_demo
from articles.models import Article
from forum import demo
from forum.models import Category, Post, Thread
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_again_changes_nothing():
    accounts_demo.load()
    articles_demo.load()
    real = make_article(number=900)
    demo.load()
    counts = (Category.objects.count(), Thread.objects.count(), Post.objects.count())
    demo.load()
    assert (Category.objects.count(), Thread.objects.count(), Post.objects.count()) == counts
    newest_demo = Article.objects.get(external_id="demo:2026-11-14:0050")
    assert newest_demo.thread.reply_count == 3
    assert not Thread.objects.filter(article=real).exists()
    assert Category.objects.get(slug="clinicians-lounge").clinicians_only


def test_demo_without_members_or_items_does_nothing_harmful():
    demo.load()
    assert not Thread.objects.exists()
