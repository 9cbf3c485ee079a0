"""Moderation builders: a thread with a reply to report, a report, a hidden post."""

import pytest

from forum import moderation as forum_moderation
from forum.models import ModerationAction, ModerationActionKind
from moderation import reporting
from moderation.models import ReportReason, ReviewItem
from tests.conftest import make_moderator, make_user
from tests.forum.conftest import make_category, make_thread, reply


@pytest.fixture
def author(db):
    return make_user()


@pytest.fixture
def thread(db, author):
    return make_thread(category=make_category(), author=author)


@pytest.fixture
def post(thread, author):
    return reply(thread, author=author, body="Buy cheap pills at example.com, best prices!")


@pytest.fixture
def second_moderator(db):
    return make_moderator()


def make_report(target, *, reporter=None, reason=ReportReason.SPAM, details=""):
    return reporting.report(
        reporter=reporter or make_user(), target=target, reason=reason, details=details
    )


def open_item(target_key: str) -> ReviewItem:
    return ReviewItem.objects.open().get(target_key=target_key)


def hide(post, moderator, reason="Advertising is not allowed here.") -> ModerationAction:
    forum_moderation.hide_post(moderator=moderator, post=post, reason=reason)
    return ModerationAction.objects.filter(post=post, action=ModerationActionKind.HIDE).latest("pk")
