"""Ask the doctor and the rest of the site: account export and deletion, the item-page block.

The account receivers are connected in ArticlesConfig.ready(), so deletion and export reach
questions in every process (web, worker, shell, management command).
"""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from accounts import signals as account_signals

from .. import caching
from ..models import Article, DoctorAnswer, DoctorQuestion, QuestionMessage, QuestionStatus
from ..models.ask_doctor import ANSWERED_STATUSES
from .permissions import answer_of, can_ask

S = QuestionStatus


def article_block_context(article: Article, viewer) -> dict:
    """What the item page's "ask the clinician" block shows, from what the page's read selected.

    The FAQ entries (with their source questions) are prefetched by the page's read
    (`for_detail_page()`, `for_ask_page()`); the answered count is a stored field kept by the
    queue. No query here.
    """
    return {
        "article": article,
        "ask_url": reverse("articles:ask-doctor-ask", kwargs={"number": article.number}),
        "published_questions": [
            {
                "question": item.question,
                "answer_html": item.answer_html,
                "asker_handle": (
                    item.source_question.asker.display_handle
                    if item.source_question.show_handle
                    else ""
                ),
            }
            for item in article.faq_items.all()
            # Entries promoted from a question; the reverse one-to-one was selected with them.
            if hasattr(item, "source_question")
        ],
        "answered_count": article.answered_question_count,
        "viewer_can_ask": can_ask(viewer),
    }


def recount_answered_questions(article_ids=None) -> None:
    """Set each item's stored answered count from its questions (backfill, demo, deletion)."""
    answered = (
        DoctorQuestion.objects.filter(article=OuterRef("pk"), status__in=ANSWERED_STATUSES)
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    articles = (
        Article.objects.all() if article_ids is None else Article.objects.filter(pk__in=article_ids)
    )
    articles.update(answered_question_count=Coalesce(Subquery(answered), 0))


def export_questions(sender, *, user, **kwargs) -> dict[str, list[dict]]:
    questions = (
        DoctorQuestion.objects.filter(asker=user)
        .select_related("article", "answer")
        .prefetch_related("messages")
        .order_by("asked_at")
    )
    exported = []
    for question in questions:
        answer = answer_of(question)
        exported.append(
            {
                "id": question.public_id,
                "item": question.article.number if question.article_id else None,
                "asked_at": question.asked_at.isoformat(),
                "status": question.status,
                "visibility": question.visibility,
                "question": question.body,
                "age_range": question.age_range,
                "conditions": question.conditions,
                "medicines": question.medicines,
                "answer": answer.body if answer else "",
                "decline_reason": question.decline_reason,
                "messages": [
                    {"kind": m.kind, "at": m.created_at.isoformat(), "text": m.body}
                    for m in question.messages.all()
                ],
            }
        )
    return {"questions": exported, "answers_written": _answers_written(user)}


def _answers_written(clinician) -> list[dict]:
    """A clinician's own words to patients: their answers (with earlier versions) and messages.
    The patients' questions are theirs, not the clinician's, and stay out of the file."""
    answers = (
        DoctorAnswer.objects.filter(clinician=clinician)
        .select_related("question__article")
        .prefetch_related("revisions")
        .order_by("answered_at", "pk")
    )
    messages = {}
    for message in (
        QuestionMessage.objects.filter(author=clinician)
        .exclude(question__asker=clinician)
        .select_related("question__article")
        .order_by("created_at", "pk")
    ):
        messages.setdefault(message.question, []).append(
            {"kind": message.kind, "at": message.created_at.isoformat(), "text": message.body}
        )
    exported = []
    for answer in answers:
        exported.append(
            {
                "question": answer.question.public_id,
                "item": answer.question.article.number,
                "answered_at": answer.answered_at.isoformat(),
                "edited_at": answer.edited_at.isoformat() if answer.edited_at else None,
                "answer": answer.body,
                "earlier_versions": [revision.body for revision in answer.revisions.all()],
                "messages": messages.pop(answer.question, []),
            }
        )
    # Messages on questions the clinician asked about but did not answer (released, declined).
    for question, written in messages.items():
        exported.append(
            {"question": question.public_id, "item": question.article.number, "messages": written}
        )
    return exported


def delete_questions_of(sender, *, user, **kwargs) -> None:
    """Private health information must not outlive the account.

    Questions the member asked are deleted (with their answers, messages and access records);
    an already published FAQ entry stays, since it was de-identified and consented to. Claims
    the member held as a clinician go back to the queue. Items whose answered count changed
    are recounted in the same transaction.
    """
    asked = DoctorQuestion.objects.filter(asker=user)
    touched = set(asked.filter(status__in=ANSWERED_STATUSES).values_list("article_id", flat=True))
    touched.discard(None)  # general questions have no item to recount
    asked.delete()
    DoctorQuestion.objects.filter(claimed_by=user, status__in=(S.CLAIMED, S.NEEDS_INFO)).update(
        status=S.SUBMITTED, claimed_by=None, claimed_at=None, status_changed_at=timezone.now()
    )
    if touched:
        recount_answered_questions(touched)
        for article in Article.objects.filter(pk__in=touched).only("pk", "number"):
            caching.forget_item_page(article)


def connect_account_signals() -> None:
    account_signals.account_deleted.connect(delete_questions_of, dispatch_uid="ask_doctor.delete")
    account_signals.export_requested.connect(export_questions, dispatch_uid="ask_doctor.export")
