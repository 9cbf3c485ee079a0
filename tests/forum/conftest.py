"""Forum builders: categories, threads, and threads with many replies made quickly."""

import itertools
import uuid

import pytest
from django.db.models import F

from forum import posting
from forum.models import Category, Post, Thread, segment
from tests.conftest import make_clinician, make_user
from text.markup import render_markdown

_serial = itertools.count(1)


def make_category(**fields) -> Category:
    n = next(_serial)
    defaults = {"slug": f"room-{n}", "name": f"Room {n}", "description": "A place to talk."}
    return Category.objects.create(**{**defaults, **fields})


def make_thread(*, category=None, author=None, title=None, body="How did it go for you?",
                replies=0) -> Thread:  # fmt: skip
    thread = posting.start_thread(
        author=author or make_user(),
        category=category or make_category(),
        title=title or f"Living with treatment {next(_serial)}",
        body=body,
        submission_token=uuid.uuid4(),
    )
    if replies:
        add_replies(thread, replies)
        thread.refresh_from_db()
    return thread


def reply(
    thread, *, author=None, parent=None, body="Thank you for sharing this.", premoderate=False
) -> Post:
    return posting.reply(
        author=author or make_user(),
        thread=thread,
        parent=parent,
        body=body,
        submission_token=uuid.uuid4(),
        premoderate=premoderate,
    )


def add_replies(thread: Thread, count: int, *, chain: int = 5) -> None:
    """`count` replies in groups: a top-level reply with a chain of replies under it, `chain`
    posts deep, by a few members and a clinician. Bulk-inserted level by level, with the stored
    counters set as the services would set them."""
    authors = [make_user(), make_user(), make_clinician()]
    html = render_markdown("I had the same **worry** at first.")
    parents: list[Post | None] = []
    first_top = thread.top_count + 1
    groups = -(-count // chain)
    made = 0
    for level in range(chain):
        batch = []
        for g in range(groups):
            if g * chain + level >= count:
                continue
            parent = parents[g] if level else None
            path = (parent.path if parent else "") + segment(first_top + g if not level else 1)
            batch.append(
                Post(
                    thread=thread,
                    parent=parent,
                    author=authors[(g + level) % len(authors)],
                    path=path,
                    depth=level + 1,
                    body="I had the same **worry** at first.",
                    body_html=html,
                )  # fmt: skip
            )
        created = Post.objects.bulk_create(batch)
        made += len(created)
        if level:
            Post.objects.filter(pk__in=[p.parent_id for p in created]).update(child_count=1)
        parents = created + parents[len(created) :] if level else created
    assert made == count
    last = Post.objects.filter(thread=thread).order_by("-pk").first()
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + count,
        top_count=F("top_count") + groups,
        last_post=last,
        clinician_replied=True,
    )
    Category.objects.filter(pk=thread.category_id).update(post_count=F("post_count") + count)


@pytest.fixture
def category(db) -> Category:
    return make_category()


@pytest.fixture
def lounge(db) -> Category:
    return make_category(name="Clinicians' lounge", clinicians_only=True)


@pytest.fixture
def thread(category, member) -> Thread:
    return make_thread(category=category, author=member)
