"""Counters and the double-submit guard hold when requests really run at once.

Real threads, each with its own database connection, released together by a barrier. Meant for
PostgreSQL (DATABASE_URL=...). On SQLite the test database lives in memory with a shared cache,
where a second writer fails at once ("database table is locked") instead of waiting as a file
database does (IMMEDIATE transactions + busy timeout, see settings): there the workers take
turns, one transaction at a time, which is what a file database does for them.
"""

import contextlib
import threading
import uuid

import pytest
from django.db import connection, connections

from forum import posting
from forum.models import Category, Post, Reaction, Thread
from tests.conftest import make_user
from tests.forum.conftest import make_thread

# serialized_rollback: the role groups keep the permissions their migrations gave them.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORKERS = 8


def _run_together(jobs):
    barrier = threading.Barrier(len(jobs))
    turns = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()
    errors = []

    def run(job):
        try:
            barrier.wait()
            with turns:
                job()
        except Exception as error:  # reported below, with the others
            errors.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors, errors


def _reply_job(thread_id, author, parent_id=None, token=None):
    def job():
        thread = Thread.objects.select_related("category").get(pk=thread_id)
        parent = Post.objects.get(pk=parent_id) if parent_id else None
        posting.reply(
            author=author,
            thread=thread,
            parent=parent,
            # Different words each time: the same text twice would be refused as a repeat.
            body=f"Thinking of you ({uuid.uuid4().hex[:6]}).",
            submission_token=token or uuid.uuid4(),
        )

    return job


def test_concurrent_replies_keep_every_counter_true():
    thread = make_thread()
    opening = thread.posts.get()
    authors = [make_user() for _ in range(WORKERS)]
    # Half reply to the thread, half to the opening post: two counters handing out segments.
    jobs = [
        _reply_job(thread.pk, author, parent_id=opening.pk if i % 2 else None)
        for i, author in enumerate(authors)
    ]
    _run_together(jobs * 2)
    thread.refresh_from_db()
    opening.refresh_from_db()
    replies = Post.objects.filter(thread=thread).exclude(pk=opening.pk)
    assert thread.reply_count == replies.count() == len(jobs) * 2
    assert thread.top_count == replies.filter(parent=None).count()
    assert opening.child_count == replies.filter(parent=opening).count()
    paths = list(replies.values_list("path", flat=True))
    assert len(set(paths)) == len(paths)
    category = Category.objects.get(pk=thread.category_id)
    assert category.post_count == Post.objects.filter(thread__category=category).count()
    assert thread.last_post_id in set(replies.values_list("pk", flat=True))


def test_a_double_click_sent_many_times_at_once_makes_one_post():
    thread = make_thread()
    author = make_user()
    token = uuid.uuid4()
    _run_together([_reply_job(thread.pk, author, token=token) for _ in range(WORKERS)])
    thread.refresh_from_db()
    assert Post.objects.filter(thread=thread, author=author).count() == 1
    assert thread.reply_count == 1


def test_concurrent_reactions_are_counted_exactly():
    thread = make_thread()
    post = thread.posts.get()
    fans = [make_user() for _ in range(WORKERS)]

    def react(user):
        return lambda: posting.toggle_reaction(user=user, post=post, kind="support")

    _run_together([react(fan) for fan in fans])
    post.refresh_from_db()
    assert post.support_count == Reaction.objects.filter(post=post).count() == WORKERS
