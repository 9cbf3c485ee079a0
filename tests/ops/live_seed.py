"""Seed the multi-server check's database; prints what the tests need as one JSON line."""

import json
import os
import sys
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.ops.live_settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from articles.ask_doctor import asking  # noqa: E402
from articles.models import ArticleStatus  # noqa: E402
from forum import posting  # noqa: E402
from tests.conftest import PASSWORD, make_article, make_user  # noqa: E402
from tests.forum.conftest import make_category, make_thread  # noqa: E402

members = [make_user(email=f"live{n}@example.com", handle=f"live_{n}") for n in range(6)]
category = make_category(slug="live-room", name="Live room")
thread = make_thread(category=category, author=members[0], title="Two servers, one thread")
# Established members: each has public posts already, so production's new-member
# premoderation (first posts wait for a moderator) does not hide what the checks post.
introductions = make_thread(
    category=category, author=members[0], title="Introductions", body="Say hello here."
)
for member in members:
    for n in range(2):
        posting.reply(
            author=member,
            thread=introductions,
            body=f"Hello from {member.handle}, note {n + 1}.",
            submission_token=uuid.uuid4(),
        )
article = make_article(number=4001, title="An item read through both servers")
scheduled = make_article(
    number=4002,
    title="An item the scheduler publishes",
    status=ArticleStatus.SCHEDULED,
    published_at=timezone.now() + timedelta(seconds=8),
)
question = asking.ask_question(
    asker=members[1], article=article, body="How does this apply to me, with my history?"
)
print(
    json.dumps(
        {
            "password": PASSWORD,
            "members": [member.email for member in members],
            "thread_id": thread.pk,
            "thread_url": thread.get_absolute_url(),
            "category_id": category.pk,
            "article_number": article.number,
            "article_url": article.get_absolute_url(),
            "scheduled_id": scheduled.pk,
            "question_id": question.pk,
        }
    )
)
