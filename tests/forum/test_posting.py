"""Posting services: threads, replies, edits, removal, reactions, follows, item threads."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied

from articles.models import Article
from articles.signals import item_published
from forum import moderation, posting
from forum.models import (
    ITEM_DISCUSSIONS_SLUG,
    Category,
    Post,
    PostRevision,
    Reaction,
    Thread,
    ThreadFollow,
)
from tests.conftest import make_article, make_user
from tests.forum.conftest import make_thread, reply

pytestmark = pytest.mark.django_db


def test_starting_a_thread_counts_it_and_its_opening_post(category, member):
    thread = make_thread(category=category, author=member, body="Has anyone tried **this**?")
    category.refresh_from_db()
    assert (category.thread_count, category.post_count) == (1, 1)
    opening = thread.posts.get()
    assert opening.is_opening and opening.depth == 1
    assert opening.body_html == "<p>Has anyone tried <strong>this</strong>?</p>\n"
    assert thread.reply_count == 0 and thread.last_post == opening


def test_replies_nest_under_the_post_they_answer_in_reading_order(thread):
    first = reply(thread)
    second = reply(thread)
    answer = reply(thread, parent=first)
    deeper = reply(thread, parent=answer)
    ordered = list(Post.objects.filter(thread=thread).order_by("path"))
    assert ordered[1:] == [first, answer, deeper, second]
    assert deeper.depth == 3 and deeper.parent == answer
    thread.refresh_from_db()
    assert thread.reply_count == 4 and thread.top_count == 2 and thread.last_post == deeper


def test_a_reply_updates_the_category_counts_and_last_activity(thread):
    before = Category.objects.get(pk=thread.category_id)
    post = reply(thread)
    after = Category.objects.get(pk=thread.category_id)
    assert after.post_count == before.post_count + 1
    assert after.last_activity_at == post.created_at


def test_the_same_submission_token_twice_makes_one_post(thread, member):
    token = uuid.uuid4()
    one = posting.reply(author=member, thread=thread, body="Once.", submission_token=token)
    two = posting.reply(author=member, thread=thread, body="Once.", submission_token=token)
    assert one == two
    thread.refresh_from_db()
    assert thread.reply_count == 1


def test_a_token_race_lost_at_insert_time_returns_the_winners_post(thread, member, monkeypatch):
    token = uuid.uuid4()
    winner = posting.reply(author=member, thread=thread, body="Once.", submission_token=token)
    calls = []

    def first_look_misses(author, token, body, *, seeded):  # as if the winner had not committed
        calls.append(token)
        return None

    # The first look (also the repeat check) misses; the insert's IntegrityError looks again.
    monkeypatch.setattr(posting, "_earlier", first_look_misses)
    again = posting.reply(author=member, thread=thread, body="Once.", submission_token=token)
    assert again == winner and len(calls) == 1
    thread.refresh_from_db()
    assert thread.reply_count == 1 and thread.top_count == 1


def test_the_same_token_for_a_new_thread_makes_one_thread(category, member):
    token = uuid.uuid4()
    kwargs = dict(author=member, category=category, title="Sleep after the new dose", body="Hi")
    one = posting.start_thread(submission_token=token, **kwargs)
    two = posting.start_thread(submission_token=token, **kwargs)
    assert one == two and Thread.objects.count() == 1


def test_a_verified_clinicians_reply_marks_the_thread_answered(thread, clinician):
    reply(thread, author=make_user())
    thread.refresh_from_db()
    assert not thread.clinician_replied
    reply(thread, author=clinician)
    thread.refresh_from_db()
    assert thread.clinician_replied


def test_a_locked_thread_refuses_replies_even_from_a_stale_page(thread, moderator, member):
    stale = Thread.objects.get(pk=thread.pk)
    moderation.set_locked(moderator=moderator, thread=thread, locked=True)
    with pytest.raises(posting.PostingError):
        posting._insert_reply(author=member, thread=stale, parent=None, body="x",
                              token=uuid.uuid4())  # fmt: skip
    with pytest.raises(PermissionDenied):
        reply(Thread.objects.get(pk=thread.pk))
    assert Thread.objects.get(pk=thread.pk).reply_count == 0


def test_unverified_members_cannot_post(thread):
    with pytest.raises(PermissionDenied):
        reply(thread, author=make_user(verified=False))


def test_editing_keeps_the_old_text_and_bumps_the_version(thread, member):
    post = reply(thread, author=member, body="First words")
    edited = posting.edit_post(editor=member, post=post, body="Better words", expected_version=1)
    assert (edited.version, edited.body) == (2, "Better words")
    assert edited.edited_at is not None and "Better words" in edited.body_html
    assert PostRevision.objects.get(post=post).body == "First words"


def test_a_stale_edit_is_refused_with_the_current_text(thread, member):
    post = reply(thread, author=member, body="Original")
    posting.edit_post(editor=member, post=post, body="From my phone", expected_version=1)
    with pytest.raises(posting.EditConflict) as conflict:
        posting.edit_post(editor=member, post=post, body="From my laptop", expected_version=1)
    assert conflict.value.current.body == "From my phone"
    assert Post.objects.get(pk=post.pk).body == "From my phone"


def test_nobody_edits_someone_elses_post(thread, member):
    post = reply(thread, author=member)
    with pytest.raises(PermissionDenied):
        posting.edit_post(editor=make_user(), post=post, body="Mine now", expected_version=1)


def test_removing_a_post_keeps_its_replies_and_its_history(thread, member):
    post = reply(thread, author=member, body="My private story")
    answer = reply(thread, parent=post)
    removed = posting.remove_own_post(author=member, post=post)
    assert removed.is_removed and removed.body == "" and removed.body_html == ""
    assert Post.objects.get(pk=answer.pk).parent_id == post.pk
    assert PostRevision.objects.get(post=post).body == "My private story"


def test_reactions_are_one_of_each_kind_per_person_and_counted(thread, member):
    post = reply(thread, author=member)
    fan = make_user()
    assert posting.toggle_reaction(user=fan, post=post, kind="helpful") is True
    assert posting.toggle_reaction(user=fan, post=post, kind="support") is True
    assert posting.toggle_reaction(user=make_user(), post=post, kind="helpful") is True
    post.refresh_from_db()
    assert (post.helpful_count, post.support_count, post.thanks_count) == (2, 1, 0)
    assert posting.toggle_reaction(user=fan, post=post, kind="helpful") is False
    post.refresh_from_db()
    assert post.helpful_count == 1 == Reaction.objects.filter(kind="helpful").count()


def test_reacting_to_your_own_post_is_not_allowed(thread, member):
    post = reply(thread, author=member)
    with pytest.raises(PermissionDenied):
        posting.toggle_reaction(user=member, post=post, kind="thanks")


def test_following_twice_is_one_follow_and_unfollow_removes_it(thread, member):
    posting.set_thread_follow(user=member, thread=thread, follow=True)
    posting.set_thread_follow(user=member, thread=thread, follow=True)
    assert ThreadFollow.objects.filter(user=member).count() == 1
    category_fan = make_user()
    posting.set_category_follow(user=category_fan, category=thread.category, follow=True)
    assert set(posting.followers_of(thread)) == {member, category_fan}
    posting.set_thread_follow(user=member, thread=thread, follow=False)
    assert not ThreadFollow.objects.exists()


def test_an_items_thread_is_made_once_in_item_discussions(article):
    first = posting.ensure_article_thread(article)
    second = posting.ensure_article_thread(article)
    assert first == second and first.category.slug == ITEM_DISCUSSIONS_SLUG
    assert first.title == article.title and first.author is None
    assert Category.objects.get(slug=ITEM_DISCUSSIONS_SLUG).thread_count == 1


def test_publishing_an_item_opens_its_thread_through_the_hook():
    article = make_article()
    item_published.send(sender=Article, article=article)
    item_published.send(sender=Article, article=article)
    assert Thread.objects.filter(article=article).count() == 1
    assert article.thread.reply_count == 0


def test_members_cannot_start_threads_in_item_discussions(member):
    room = Category.objects.get(slug=ITEM_DISCUSSIONS_SLUG)
    with pytest.raises(PermissionDenied):
        make_thread(category=room, author=member)


def test_clinicians_only_rooms_take_threads_only_from_clinicians(lounge, member, clinician):
    with pytest.raises(PermissionDenied):
        make_thread(category=lounge, author=member)
    assert make_thread(category=lounge, author=clinician).category == lounge


def test_replies_beyond_the_deepest_level_attach_to_the_deepest_allowed_post(thread):
    from forum.models import MAX_DEPTH

    parent = None
    for _ in range(MAX_DEPTH):
        parent = reply(thread, parent=parent)
    deepest = reply(thread, parent=parent)
    assert parent.depth == MAX_DEPTH and deepest.depth == MAX_DEPTH
    assert deepest.parent_id == parent.parent_id
