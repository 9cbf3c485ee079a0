"""Builders for articles tests: items with n of every part, and ask-the-doctor questions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.ask_doctor.integration import recount_answered_questions
from articles.models import (
    ArticleStatus,
    Correction,
    DoctorAnswer,
    DoctorQuestion,
    FAQItem,
    KeyTakeaway,
    QuestionStatus,
    Reference,
    Topic,
    Visibility,
)
from tests.conftest import make_article, make_clinician, make_section, make_user

_serial = iter(range(1, 10**6))


def make_topic(**fields) -> Topic:
    n = next(_serial)
    return Topic.objects.create(**{"slug": f"topic-{n}", "name": f"Topic {n}", **fields})


def make_full_article(*, parts: int = 3, status=ArticleStatus.PUBLISHED, **fields):
    article = make_article(status=status, body="## Background\n\nSome context.", **fields)
    article.topics.set([make_topic() for _ in range(parts)])
    KeyTakeaway.objects.bulk_create(
        KeyTakeaway(article=article, text=f"Point {i}.", position=i) for i in range(parts)
    )
    FAQItem.objects.bulk_create(
        FAQItem(article=article, question=f"Question {i}?", answer=f"Answer {i}.", answer_html="")
        for i in range(parts)
    )
    Reference.objects.bulk_create(
        Reference(article=article, title=f"Reference {i}", url=f"https://example.com/{i}")
        for i in range(parts)
    )
    Correction.objects.bulk_create(
        Correction(article=article, note=f"Fixed {i}.", note_html=f"<p>Fixed {i}.</p>")
        for i in range(min(parts, 5))
    )
    return article


@pytest.fixture
def section(db):
    return make_section(name="Clinical Context", slug="clinical-context", blurb="Why it matters.")


@pytest.fixture
def now():
    return timezone.now()


def make_question(
    *,
    article=None,
    asker=None,
    status=QuestionStatus.SUBMITTED,
    claimed_by=None,
    visibility=Visibility.PRIVATE,
    body="Does this apply to someone who takes **sertraline** every morning?",
    asked_ago=timedelta(hours=1),
    **fields,
) -> DoctorQuestion:
    """A question in any status, built directly (tests of the services build through them)."""
    now = timezone.now()
    if status in (QuestionStatus.CLAIMED, QuestionStatus.NEEDS_INFO, QuestionStatus.ANSWERED):
        claimed_by = claimed_by or make_clinician()
    question = DoctorQuestion.objects.create(
        article=article or make_article(),
        asker=asker or make_user(),
        status=status,
        claimed_by=claimed_by,
        claimed_at=now if claimed_by else None,
        visibility=visibility,
        body=body,
        asked_at=now - asked_ago,
        **fields,
    )
    if status in (QuestionStatus.ANSWERED, QuestionStatus.CLOSED) and claimed_by:
        question.answered_at = question.answered_at or now
        question.save(update_fields=["answered_at"])
        DoctorAnswer.objects.create(
            question=question, clinician=claimed_by, body="In general, **yes**: ask your GP."
        )
    # Built around the queue, so the item's stored answered count is recounted here.
    recount_answered_questions([question.article_id])
    return question
