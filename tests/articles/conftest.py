"""Builders for ask-the-doctor tests."""

from datetime import timedelta

from django.utils import timezone

from articles.models import DoctorAnswer, DoctorQuestion, QuestionStatus, Visibility
from tests.conftest import make_article, make_clinician, make_user


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
    return question
