"""`manage.py load_demo` (what `make run` calls) on a database people have used: it touches only
the demo objects it made, never real items or threads, and never fails on what people changed."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from accounts.demo import DEMO_DOMAIN
from accounts.models import User
from articles.models import Article, ArticleStatus, Correction, DoctorQuestion
from forum import moderation, posting
from forum.models import Post, Thread
from tests.conftest import make_article, make_moderator

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "items": Article.objects.count(),
        "threads": Thread.objects.count(),
        "posts": Post.objects.count(),
        "questions": DoctorQuestion.objects.count(),
        "corrections": Correction.objects.count(),
        "members": User.objects.count(),
    }


def test_running_it_twice_with_ordinary_moderation_in_between():
    assert "Demo logins" in load_demo()
    demo_item = Article.objects.get(external_id="demo:2026-11-14:0050")
    # A real item, newer than every demo item, with its own thread.
    real = make_article(number=200, title="A real item nobody should post demo replies into")
    real_thread = posting.ensure_article_thread(real)
    # Ordinary moderation and editing on the demo content.
    moderator = make_moderator()
    item_thread = demo_item.thread
    moderation.set_locked(moderator=moderator, thread=item_thread, locked=True, reason="Heated")
    hidden = item_thread.posts.order_by("path").first()
    moderation.hide_post(moderator=moderator, post=hidden, reason="Off topic")
    Article.objects.filter(pk=demo_item.pk).update(title="Edited by an editor")
    demo_item.corrections.all().delete()
    before = snapshot()

    assert "Demo logins" in load_demo()

    assert snapshot() == before
    assert real_thread.posts.count() == 0
    demo_item.refresh_from_db()
    assert demo_item.title == "Edited by an editor"
    assert not demo_item.corrections.exists()
    item_thread.refresh_from_db()
    assert item_thread.is_locked
    assert Post.objects.get(pk=hidden.pk).is_hidden


def test_a_renamed_demo_member_an_unverified_email_and_an_unpublished_demo_item_stay_so():
    load_demo()
    Article.objects.filter(external_id="demo:2026-11-10:0049").update(status=ArticleStatus.DRAFT)
    caregiver = User.objects.get(email=f"caregiver@{DEMO_DOMAIN}")
    User.objects.filter(pk=caregiver.pk).update(handle="renamed_carer")
    EmailAddress.objects.filter(user=caregiver).update(verified=False)  # may no longer post
    Post.objects.filter(author=caregiver, parent__isnull=False).delete()  # leaves only
    before = snapshot()
    load_demo()
    assert snapshot() == before
    assert Article.objects.get(external_id="demo:2026-11-10:0049").status == ArticleStatus.DRAFT
    assert User.objects.get(pk=caregiver.pk).handle == "renamed_carer"
    assert not EmailAddress.objects.get(user=caregiver).verified


def test_demo_replies_never_land_in_a_real_items_thread_when_demo_items_are_gone():
    real = make_article(number=300, title="Real and newest")
    load_demo()
    Article.objects.filter(external_id__startswith="demo:").update(status=ArticleStatus.RETRACTED)
    load_demo()
    assert not Thread.objects.filter(article=real).exists() or not real.thread.posts.exists()
